"""A citizen's journeys through the pages, shared by the tests: register, follow a tutorial, sign out, resume."""

import re

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from support import MissingFeature, control, controls, follow, heading, normalised, open_page, path_of, textbox

RESUME_CODE = re.compile(r"^\d{3} \d{3} \d{4}$")

SEARCH_PATH = "/search?q=vneid"

LAST_STEP_QUESTION = "Bạn đã làm được chưa?"
LAST_STEP_DONE = "Đã làm được"
LAST_STEP_AGAIN = "Cần làm lại"
LAST_STEP_FEATURE = (f"last-step question '{LAST_STEP_QUESTION}' with '{LAST_STEP_DONE}' / '{LAST_STEP_AGAIN}' "
                     "buttons on the last step of a guided lesson")


def register(driver: WebDriver, base_url: str, name: str) -> str:
    """Starts as a citizen on /start and returns the resume code the page shows once."""
    open_page(driver, base_url, "/start")
    assert heading(driver) == "Bắt đầu học"
    textbox(driver, "Họ và tên").send_keys(name)
    follow(driver, control(driver, "button", "Bắt đầu"))
    assert heading(driver) == "Mã học tập của bạn", f"after /start: '{heading(driver)}'"
    assert "Mã học tập của bạn" in driver.title
    assert normalised(driver.find_element(By.CSS_SELECTOR, ".resume-code-name").text) == name
    code = normalised(driver.find_element(By.CSS_SELECTOR, ".resume-code-value").text)
    assert RESUME_CODE.match(code), f"the resume code '{code}' is not ten digits grouped 3 3 4"
    return code


def sign_out(driver: WebDriver) -> None:
    follow(driver, control(driver, "button", "Đăng xuất"))
    control(driver, "link", "Đăng nhập")
    assert not driver.find_elements(By.XPATH, "//button[normalize-space()='Đăng xuất']"), "still signed in"


def resume(driver: WebDriver, base_url: str, code: str) -> None:
    """Signs in again with the resume code, on /signin; lands on "Học của tôi"."""
    open_page(driver, base_url, "/signin")
    textbox(driver, "Mã học tập").send_keys(code)
    follow(driver, control(driver, "button", "Học tiếp với mã này"))
    assert heading(driver) == "Học của tôi", f"after signing in with the code: '{heading(driver)}' at {path_of(driver)}"


def open_tutorial(driver: WebDriver, base_url: str, tutorial) -> None:
    """From the home page to step 1, the way a learner clicks: course card, lesson, "Bắt đầu từ bước 1"."""
    open_page(driver, base_url, "/")
    follow(driver, control(driver, "link", tutorial.course_title))
    assert heading(driver) == tutorial.course_title
    follow(driver, control(driver, "link", tutorial.lesson_title, exact=False))
    assert heading(driver) == tutorial.lesson_title
    follow(driver, control(driver, "link", "Bắt đầu từ bước 1"))


def check_step_page(driver: WebDriver, tutorial, number: int) -> None:
    """The step page shows "Bước n/N" and the step, and its document title names the step."""
    total = tutorial.step_count
    title = tutorial.step_titles[number - 1]
    assert path_of(driver) == tutorial.step_path(number), f"expected step {number}, at {driver.current_url}"
    counter = f"Bước {number}/{total}"
    assert normalised(driver.find_element(By.CSS_SELECTOR, ".step-counter").text) == counter
    assert heading(driver) == title
    assert counter in driver.title and title in driver.title, (
        f"the page title '{driver.title}' does not name the step ('{counter}', '{title}')")


def follow_whole_tutorial(driver: WebDriver, base_url: str, tutorial, missing: list) -> None:
    """Every step in order with "Tiếp theo", then answers the last step's question (or, until it exists, finishes
    with "Xong bài này", noting the missing feature in `missing`)."""
    open_tutorial(driver, base_url, tutorial)
    for number in range(1, tutorial.step_count):
        check_step_page(driver, tutorial, number)
        follow(driver, control(driver, "link", "Tiếp theo"))
    check_step_page(driver, tutorial, tutorial.step_count)
    try:
        control(driver, "button", LAST_STEP_AGAIN, feature=LAST_STEP_FEATURE, seconds=2)
        if LAST_STEP_QUESTION not in normalised(driver.find_element(By.TAG_NAME, "main").text):
            raise MissingFeature(LAST_STEP_FEATURE, f"the question '{LAST_STEP_QUESTION}' is not on the last step")
        answer = control(driver, "button", LAST_STEP_DONE, feature=LAST_STEP_FEATURE, seconds=2)
    except MissingFeature as error:
        missing.append(str(error))
        fallback = controls(driver, "button", LAST_STEP_DONE) or controls(driver, "button", "Xong bài này")
        assert fallback, "\n".join(missing) + "\nNor is there a 'Xong bài này' button to finish the lesson."
        answer = fallback[0]
    follow(driver, answer)
    assert "Không tìm thấy" not in heading(driver) and "lỗi" not in heading(driver).lower(), (
        f"finishing the lesson led to an error page: '{heading(driver)}'")


def check_progress_kept(driver: WebDriver, base_url: str, tutorial, name: str) -> None:
    """ "Học của tôi" lists the course with the guided lesson done, and the home page offers "Học tiếp"."""
    open_page(driver, base_url, "/me")
    assert heading(driver) == "Học của tôi"
    assert normalised(driver.find_element(By.CSS_SELECTOR, "main .lead").text) == name
    sections = [s for s in driver.find_elements(By.CSS_SELECTOR, "main section")
                if tutorial.course_title in normalised(s.find_element(By.TAG_NAME, "h2").text)]
    assert sections, f"'Học của tôi' does not list the course '{tutorial.course_title}'"
    lessons = {normalised(item.find_element(By.TAG_NAME, "a").text): normalised(item.text)
               for item in sections[0].find_elements(By.CSS_SELECTOR, "li")}
    assert tutorial.lesson_title in lessons, f"the lesson is not listed: {lessons}"
    assert "Đã xong" in lessons[tutorial.lesson_title], (
        f"the guided lesson is not shown done after resuming: '{lessons[tutorial.lesson_title]}'")
    assert re.search(r"Đã xong [1-9]\d*/\d+ bài", normalised(sections[0].text)), (
        f"no 'Đã xong n/N bài' for the course: '{normalised(sections[0].text)}'")
    open_page(driver, base_url, "/")
    control(driver, "link", "Học tiếp", exact=False)


def open_quiz(driver, server, tutorial):
    """The course's final quiz page, reached from the course page's "Làm bài kiểm tra"."""
    open_page(driver, server.base_url, f"/courses/{tutorial.course_id}")
    follow(driver, control(driver, "link", "Làm bài kiểm tra", exact=False))
    assert path_of(driver).startswith("/quizzes/"), f"the quiz link led to {driver.current_url}"


def open_quiz_question(driver, server, tutorial):
    """The first question page of an attempt at the final quiz: radio buttons, labels, Back/Next."""
    open_quiz(driver, server, tutorial)
    name = "Bắt đầu làm bài" if controls(driver, "button", "Bắt đầu làm bài") else "Làm tiếp bài đang dở"
    follow(driver, control(driver, "button", name))
    assert path_of(driver).startswith("/attempts/"), f"starting the quiz led to {driver.current_url}"


def open_search(driver, server, tutorial):
    """The search page's results for "vneid"; until it exists, a failure naming the missing feature."""
    status = server.status(SEARCH_PATH)
    if status == 404:
        raise MissingFeature("search page /search?q=", f"GET {SEARCH_PATH} answered 404")
    assert status == 200, f"GET {SEARCH_PATH} answered {status}"
    open_page(driver, server.base_url, SEARCH_PATH)
