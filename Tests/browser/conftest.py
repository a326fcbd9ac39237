"""Fixtures of the browser suite: the real binhdan server and fresh headless Chromium profiles.

The server is the built executable (BINHDAN_BIN, default .build/debug/binhdan) serving the repository's Courses/,
Assessments/ and Static/ on a free loopback port with a fresh temporary database. Each browser is Debian's chromium
driven by Debian's chromedriver, with its own temporary user-data-dir, so a new browser is a new device.
"""

import ctypes
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from support import WINDOW_SIZE

REPOSITORY = Path(__file__).resolve().parents[2]
SERVER_START_SECONDS = 30
PAGE_LOAD_SECONDS = 20
SCRIPT_SECONDS = 30


# Under `timeout`, or when CI stops the run, SIGTERM unwinds like Ctrl-C so the fixtures below still stop the
# server and the browsers.
def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


signal.signal(signal.SIGTERM, _interrupt)


def _die_with_parent():
    # Linux: the server gets SIGTERM if this Python process dies without cleaning up (SIGKILL, crash).
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@dataclass
class Server:
    """The running binhdan server."""

    base_url: str
    process: subprocess.Popen
    log_path: Path

    def url(self, path: str) -> str:
        return self.base_url + path

    def get_json(self, path: str):
        with urllib.request.urlopen(self.url(path), timeout=10) as response:
            return json.load(response)

    def status(self, path: str) -> int:
        """The HTTP status of a GET, without following the answer's content."""
        request = urllib.request.Request(self.url(path), headers={"Accept-Language": "vi"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        # The first start-up prints the admin's one-time password: never repeat it in a test report.
        text = re.sub(r"(?i)(password\S*\s*[:=]?\s*)\S+", r"\1[hidden]", text)
        return "\n".join(text.splitlines()[-lines:])


def _binary() -> Path:
    path = Path(os.environ.get("BINHDAN_BIN", REPOSITORY / ".build" / "debug" / "binhdan"))
    if not path.is_absolute():
        path = REPOSITORY / path
    if not os.access(path, os.X_OK):
        pytest.exit(f"binhdan executable not found at {path}: build it (make test does) or set BINHDAN_BIN", 2)
    return path


@pytest.fixture(scope="session")
def server():
    """Starts the real server on 127.0.0.1 with a fresh database, waits for /healthz, and stops it at the end."""
    directory = Path(tempfile.mkdtemp(prefix="binhdan-browser-"))
    log_path = directory / "server.log"
    log = open(log_path, "wb")
    command = [
        str(_binary()), "serve", "--host", "127.0.0.1", "--port", "0",
        "--database", str(directory / "binhdan.sqlite"),
        "--courses", str(REPOSITORY / "Courses"), "--assessments", str(REPOSITORY / "Assessments"),
        "--static", str(REPOSITORY / "Static"), "--log-level", "error",
    ]
    process = subprocess.Popen(
        command, cwd=directory, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        preexec_fn=_die_with_parent)
    running = Server(base_url="", process=process, log_path=log_path)
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        port = None
        while port is None:
            match = re.search(rb"serving on http://127\.0\.0\.1:(\d+)", log_path.read_bytes())
            if match:
                port = int(match.group(1))
            elif process.poll() is not None:
                pytest.fail(f"binhdan exited with status {process.returncode} at start-up:\n{running.log_tail()}")
            elif time.monotonic() > deadline:
                pytest.fail(f"binhdan did not say which port it serves within {SERVER_START_SECONDS} s:\n"
                            f"{running.log_tail()}")
            else:
                time.sleep(0.1)  # polling a child process's log, not waiting on a page
        running.base_url = f"http://127.0.0.1:{port}"
        health = None
        while health is None:
            try:
                health = running.get_json("/healthz")
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    pytest.fail(f"/healthz did not answer within {SERVER_START_SECONDS} s:\n{running.log_tail()}")
                time.sleep(0.1)
        assert health.get("status") == "ok", f"/healthz answered {health}"
        assert not health.get("rejectedCourses"), f"the sample courses have errors: {health}"
        yield running
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


@dataclass
class Tutorial:
    """A guided lesson of a citizens' course, as the API describes it: what the pages should show."""

    course_id: str
    course_title: str
    lesson_id: str
    lesson_title: str
    step_titles: list

    @property
    def step_count(self) -> int:
        return len(self.step_titles)

    def step_path(self, number: int) -> str:
        return f"/courses/{self.course_id}/{self.lesson_id}/steps/{number}"


PREFERRED_COURSE = "vneid-co-ban"


@pytest.fixture(scope="session")
def tutorial(server) -> Tutorial:
    """The sample VNeID course's guided lesson, or else the first citizens' course with one."""
    courses = server.get_json("/api/v1/courses")["courses"]
    courses.sort(key=lambda course: (course["id"] != PREFERRED_COURSE, course["audience"] != "citizens"))
    for summary in courses:
        course = server.get_json(f"/api/v1/courses/{summary['id']}")
        for lesson in course["lessons"]:
            if lesson["kind"] == "guided" and lesson["stepCount"] >= 2:
                detail = server.get_json(f"/api/v1/courses/{course['id']}/lessons/{lesson['id']}")
                return Tutorial(course["id"], course["title"], lesson["id"], lesson["title"],
                                [step["title"] for step in detail["steps"]])
    pytest.fail("the catalogue has no guided lesson with two steps or more")


class Browsers:
    """Makes headless Chromium browsers, each with a new temporary profile, and closes them all at the end."""

    def __init__(self):
        self._drivers = []
        self._profiles = []

    def new(self, javascript: bool = True) -> webdriver.Chrome:
        profile = tempfile.mkdtemp(prefix="binhdan-chromium-")
        self._profiles.append(profile)
        options = webdriver.ChromeOptions()
        options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for argument in [
            "--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--password-store=basic",
            f"--user-data-dir={profile}", "--lang=vi", "--window-size={},{}".format(*WINDOW_SIZE),
        ]:
            options.add_argument(argument)
        if os.geteuid() == 0:
            options.add_argument("--no-sandbox")  # Chromium refuses to run its sandbox as root (CI runs as root)
        prefs = {"intl.accept_languages": "vi,vi-VN"}
        if not javascript:
            prefs["profile.managed_default_content_settings.javascript"] = 2
        options.add_experimental_option("prefs", prefs)
        service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
        driver = webdriver.Chrome(options=options, service=service)
        self._drivers.append(driver)
        driver.set_page_load_timeout(PAGE_LOAD_SECONDS)
        driver.set_script_timeout(SCRIPT_SECONDS)
        return driver

    def close(self, driver: webdriver.Chrome):
        if driver in self._drivers:
            self._drivers.remove(driver)
            driver.quit()

    def close_all(self):
        for driver in self._drivers:
            try:
                driver.quit()
            except Exception:  # a browser that already died must not hide the test's own failure
                pass
        self._drivers = []
        for profile in self._profiles:
            shutil.rmtree(profile, ignore_errors=True)
        self._profiles = []


@pytest.fixture
def browsers():
    made = Browsers()
    yield made
    made.close_all()


@pytest.fixture(scope="module")
def module_browsers():
    made = Browsers()
    yield made
    made.close_all()


def pytest_configure(config):
    # Selenium must use Debian's chromium and chromedriver, never download its own.
    os.environ.setdefault("SE_OFFLINE", "true")
    os.environ.setdefault("SE_AVOID_STATS", "true")


@pytest.fixture(scope="module")
def anonymous(module_browsers):
    """A visitor's browser, not signed in, with JavaScript."""
    return module_browsers.new()


@pytest.fixture(scope="module")
def citizen(server, module_browsers):
    """A browser signed in as a citizen who has just registered, with JavaScript."""
    from citizen import register

    driver = module_browsers.new()
    register(driver, server.base_url, "Lê Thị Mai")
    return driver
