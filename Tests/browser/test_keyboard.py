"""Keyboard only: Tab reaches every control in the page's order, each visibly focused and named for screen readers."""

import warnings

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from citizen import check_step_page, open_quiz_question, open_search
from keyboard import press, tab_to, walk_with_tab
from support import (
    WINDOW_SIZE, MissingFeature, controls, normalised, open_page, page_replaced, set_viewport, wait,
    wait_for_heading)

HELP = "Tôi cần giúp đỡ"

# A 1280×900 screen at 200 % zoom, as many older learners set it: the page is then 640×450 CSS pixels.
ZOOMED = (640, 450)

PAGES = {
    # name: (who looks at it, how to get there, window size or None for the usual one)
    "step": ("citizen", lambda d, s, t: open_page(d, s.base_url, t.step_path(1)), None),
    "last-step": ("citizen", lambda d, s, t: open_page(d, s.base_url, t.step_path(t.step_count)), None),
    "step-zoomed": ("citizen", lambda d, s, t: open_page(d, s.base_url, t.step_path(1)), ZOOMED),
    "last-step-zoomed": ("citizen", lambda d, s, t: open_page(d, s.base_url, t.step_path(t.step_count)), ZOOMED),
    "start": ("anonymous", lambda d, s, t: open_page(d, s.base_url, "/start"), None),
    "signin": ("anonymous", lambda d, s, t: open_page(d, s.base_url, "/signin"), None),
    "quiz-question": ("citizen", open_quiz_question, None),
    "search": ("anonymous", open_search, None),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_tab_reaches_every_control_visibly_focused_and_named(request, server, tutorial, page):
    # Given a freshly loaded page
    who, reach, size = PAGES[page]
    driver = request.getfixturevalue(who)
    if size:
        request.addfinalizer(lambda: driver.set_window_size(*WINDOW_SIZE))
    reach(driver, server, tutorial)
    if size:
        set_viewport(driver, *size)
    if page.startswith("step"):
        check_step_page(driver, tutorial, 1)
    if page.startswith("last-step"):
        check_step_page(driver, tutorial, tutorial.step_count)

    # When the learner presses Tab from the top until focus leaves the page
    walk = walk_with_tab(driver)

    # Then every control was reached in the page's order, on screen and not covered, with a focus ring and a name
    assert walk.reached, f"Tab reached nothing on {driver.current_url}"
    if walk.notes:
        warnings.warn(f"{page} ({driver.current_url}):\n" + "\n".join(walk.notes))
    if walk.problems:
        pytest.fail(f"{page} ({driver.current_url}):\n" + "\n".join(walk.problems), pytrace=False)


def test_skip_link_comes_first_and_moves_focus_to_the_content(citizen, server, tutorial):
    # Given a step page
    open_page(citizen, server.base_url, tutorial.step_path(1))

    # When the first Tab is followed by Enter
    press(citizen, Keys.TAB)
    first = citizen.switch_to.active_element
    assert normalised(first.accessible_name) == "Bỏ qua, đến nội dung chính", (
        f"the first Tab stop is '{first.accessible_name}', not the skip link")
    press(citizen, Keys.ENTER)

    # Then focus is on the main content
    wait(citizen).until(lambda d: d.switch_to.active_element.get_attribute("id") == "main",
                        "Enter on the skip link did not move focus to <main>")


def test_next_step_with_the_keyboard_alone(citizen, server, tutorial):
    # Given step 1 of the tutorial
    open_page(citizen, server.base_url, tutorial.step_path(1))

    # When the learner tabs to "Tiếp theo" and presses Enter
    tab_to(citizen, "Tiếp theo")
    old = citizen.find_element(By.TAG_NAME, "html")
    press(citizen, Keys.ENTER)
    wait(citizen).until(page_replaced(old), "Enter on 'Tiếp theo' did not open the next step")

    # Then step 2 opens, and its title names it
    wait_for_heading(citizen)
    check_step_page(citizen, tutorial, 2)


def test_step_help_opens_with_the_keyboard(citizen, server, tutorial):
    # Given a step page
    open_page(citizen, server.base_url, tutorial.step_path(1))
    if not controls(citizen, "button", HELP):
        raise MissingFeature(f"'{HELP}' help on step pages", f"no control named '{HELP}' on {citizen.current_url}")

    # When the learner tabs to "Tôi cần giúp đỡ" and presses Enter
    help_control = tab_to(citizen, HELP)
    press(citizen, Keys.ENTER)

    # Then the help opens beneath it
    wait(citizen).until(lambda d: help_control.get_attribute("aria-expanded") == "true"
                        or d.execute_script("return !!arguments[0].closest('details[open]')", help_control),
                        f"Enter on '{HELP}' did not open the help")
