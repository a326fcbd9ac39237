"""axe-core 4.x on the pages learners use, failing on any serious or critical WCAG 2.2 A/AA violation.

Less severe findings are reported as warnings in pytest's summary.
"""

import warnings

import pytest

from accessibility import FAILING_IMPACTS, audit, describe
from citizen import open_quiz, open_quiz_question, open_search
from support import open_page

PAGES = {
    # name: (who looks at it, how to get there)
    "home": ("anonymous", lambda d, s, t: open_page(d, s.base_url, "/")),
    "start": ("anonymous", lambda d, s, t: open_page(d, s.base_url, "/start")),
    "signin": ("anonymous", lambda d, s, t: open_page(d, s.base_url, "/signin")),
    "search": ("anonymous", open_search),
    "home-signed-in": ("citizen", lambda d, s, t: open_page(d, s.base_url, "/")),
    "course": ("citizen", lambda d, s, t: open_page(d, s.base_url, f"/courses/{t.course_id}")),
    "lesson": ("citizen", lambda d, s, t: open_page(d, s.base_url, f"/courses/{t.course_id}/{t.lesson_id}")),
    "step": ("citizen", lambda d, s, t: open_page(d, s.base_url, t.step_path(1))),
    "last-step": ("citizen", lambda d, s, t: open_page(d, s.base_url, t.step_path(t.step_count))),
    "quiz": ("citizen", open_quiz),
    "quiz-question": ("citizen", open_quiz_question),
    "my-learning": ("citizen", lambda d, s, t: open_page(d, s.base_url, "/me")),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_page_has_no_serious_wcag_violation(request, server, tutorial, page):
    # Given the page as a visitor or a signed-in citizen sees it
    who, reach = PAGES[page]
    driver = request.getfixturevalue(who)
    reach(driver, server, tutorial)

    # When axe checks it against WCAG 2.2 A and AA
    results = audit(driver)

    # Then nothing serious or critical is found
    failing = [v for v in results["violations"] if v["impact"] in FAILING_IMPACTS]
    minor = [v for v in results["violations"] if v["impact"] not in FAILING_IMPACTS]
    if minor:
        warnings.warn(f"axe {results['version']}, {page} ({driver.current_url}):\n{describe(minor)}")
    assert not failing, (
        f"axe {results['version']} found serious or critical WCAG 2.2 A/AA violations on {page} "
        f"({driver.current_url}):\n{describe(failing)}")
