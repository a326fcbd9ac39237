"""Live preview: under `binhdan serve --watch`, an open page refreshes itself after the trainer saves a file."""

import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import REPOSITORY, SERVER_START_SECONDS, _binary, _die_with_parent
from support import open_page, wait

FIXTURES = REPOSITORY / "Tests" / "WebAppTests" / "Fixtures"


@pytest.fixture(scope="module")
def watched():
    """A --watch server over a temporary copy of the test fixtures' courses; yields (base URL, courses folder)."""
    directory = Path(tempfile.mkdtemp(prefix="binhdan-watch-"))
    shutil.copytree(FIXTURES / "Courses", directory / "Courses")
    shutil.copytree(FIXTURES / "Assessments", directory / "Assessments")
    log_path = directory / "server.log"
    log = open(log_path, "wb")
    process = subprocess.Popen(
        [str(_binary()), "serve", "--host", "127.0.0.1", "--port", "0", "--database", str(directory / "db.sqlite"),
         "--courses", str(directory / "Courses"), "--assessments", str(directory / "Assessments"),
         "--static", str(REPOSITORY / "Static"), "--log-level", "critical", "--watch"],
        cwd=directory, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not (match := re.search(rb"serving on http://127\.0\.0\.1:(\d+)", log_path.read_bytes())):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"binhdan --watch did not start:\n{log_path.read_text(errors='replace')[-2000:]}")
            time.sleep(0.1)  # polling a child process's log, not waiting on a page
        yield f"http://127.0.0.1:{int(match.group(1))}", directory / "Courses"
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        log.close()
        shutil.rmtree(directory, ignore_errors=True)


def test_open_page_refreshes_itself_after_a_lesson_is_saved(watched, browsers):
    # Given a course page open in a browser, marked so that we can tell a refresh from the same document
    base_url, courses = watched
    driver = browsers.new()
    open_page(driver, base_url, "/courses/vneid-thu")
    assert driver.find_element(By.TAG_NAME, "body").get_attribute("data-watch") is not None
    driver.execute_script("window.binhdanNotRefreshed = true;")

    # When the trainer saves a new title for a lesson
    lesson = courses / "vneid-thu" / "01-gioi-thieu.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("title: VNeID là gì", "title: VNeID để làm gì", 1),
                      encoding="utf-8")

    # Then the page refreshes itself within a few seconds and shows it, without anyone touching the browser
    wait(driver, 10).until(
        lambda d: "VNeID để làm gì" in d.find_element(By.TAG_NAME, "main").text
        and d.execute_script("return window.binhdanNotRefreshed === undefined;"),
        "the open page did not refresh itself after the lesson was saved")
