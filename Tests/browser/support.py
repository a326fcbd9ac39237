"""What a person does in the browser: open a page, find a control by its role and accessible name, use it.

Controls are found as a screen reader announces them (Chromium's computed accessible name), so a test that finds
"Tiếp theo" also shows that the button is labelled "Tiếp theo".
"""

import re
import urllib.parse

from selenium.common.exceptions import StaleElementReferenceException, TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

WAIT_SECONDS = 10
# A laptop screen; tests that need a smaller one (a phone, or 200 % zoom) resize and then restore it.
WINDOW_SIZE = (1280, 900)

# What each role means in the HTML these pages use.
ROLE_SELECTORS = {
    "link": "a[href]",
    "button": "button, input[type=submit], input[type=button], summary",
    "textbox": "input:not([type]), input[type=text], input[type=tel], input[type=search], input[type=email], "
               "input[type=password], textarea",
    "heading": "h1, h2, h3, h4, h5, h6",
}

NOT_FOUND_TITLE = "Không tìm thấy trang"


class MissingFeature(AssertionError):
    """A feature the suite expects that the server does not have yet."""

    def __init__(self, feature: str, detail: str):
        super().__init__(f"MISSING FEATURE: {feature}. {detail}")


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def wait(driver: WebDriver, seconds: float = WAIT_SECONDS) -> WebDriverWait:
    return WebDriverWait(driver, seconds)


def open_page(driver: WebDriver, base_url: str, path: str) -> None:
    """Opens a page in Vietnamese (`?lang=vi`: headless Chromium also asks for English) and waits for its heading."""
    parts = urllib.parse.urlsplit(path)
    query = urllib.parse.parse_qsl(parts.query)
    if not any(name == "lang" for name, _ in query):
        query.append(("lang", "vi"))
    driver.get(base_url + urllib.parse.urlunsplit(("", "", parts.path, urllib.parse.urlencode(query), "")))
    wait_for_heading(driver)


def wait_for_heading(driver: WebDriver) -> WebElement:
    element = wait(driver).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "main h1")),
        f"no <h1> in <main> at {driver.current_url}")
    language = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
    assert language == "vi", f"{driver.current_url} is in '{language}', expected Vietnamese"
    return element


def heading(driver: WebDriver) -> str:
    return normalised(driver.find_element(By.CSS_SELECTOR, "main h1").text)


def controls(driver: WebDriver, role: str, name: str, exact: bool = True, within: WebElement | None = None):
    """Every displayed control of the role whose accessible name is `name` (or contains it, when not exact)."""
    scope = within or driver
    found = []
    for element in scope.find_elements(By.CSS_SELECTOR, ROLE_SELECTORS[role]):
        if not element.is_displayed():
            continue
        accessible = normalised(element.accessible_name)
        if accessible == name or (not exact and name in accessible):
            found.append(element)
    return found


def control(driver: WebDriver, role: str, name: str, exact: bool = True, within: WebElement | None = None,
            feature: str | None = None, seconds: float = WAIT_SECONDS) -> WebElement:
    """The one control of the role named `name`, waiting up to `seconds` for it to appear.

    With `feature`, its absence fails as a missing feature rather than as a broken page.
    """
    try:
        found = wait(driver, seconds).until(lambda _: controls(driver, role, name, exact, within))
    except TimeoutException:
        names = sorted({normalised(e.accessible_name) for e in (within or driver).find_elements(
            By.CSS_SELECTOR, ROLE_SELECTORS[role]) if e.is_displayed()})
        detail = (f"No {role} named '{name}' on {driver.current_url} (title '{driver.title}'); "
                  f"the {role}s there are: {names}")
        if feature:
            raise MissingFeature(feature, detail) from None
        raise AssertionError(detail) from None
    assert len(found) == 1 or not exact, f"{len(found)} {role}s named '{name}' on {driver.current_url}"
    return found[0]


def textbox(driver: WebDriver, label: str) -> WebElement:
    """The text field whose label reads `label`, as a screen reader would name it."""
    return control(driver, "textbox", label)


def page_replaced(old_root: WebElement):
    """A wait condition: the document whose <html> was `old_root` has been replaced by the next page."""

    def replaced(_driver) -> bool:
        try:
            old_root.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            # Mid-navigation Chromium may report the old node as detached rather than stale; anything else is a
            # passing hiccup of the navigation, to be asked again.
            return "does not belong to the document" in str(error)

    return replaced


def follow(driver: WebDriver, element: WebElement) -> None:
    """Clicks a link or submit button and waits for the next page to replace this one."""
    old = driver.find_element(By.TAG_NAME, "html")
    # As a person would, scroll the control to the middle of the screen first: the step page's Back / Next bar
    # stays at the bottom, and WebDriver would otherwise click at the very edge, under that bar.
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", element)
    element.click()
    wait(driver).until(page_replaced(old), f"the page did not change after the click on {driver.current_url}")
    wait_for_heading(driver)


def set_viewport(driver: WebDriver, width: int, height: int) -> None:
    """Sizes the window so that the page itself (not the window around it) is width × height CSS pixels."""
    driver.set_window_size(width, height)
    extra_width, extra_height = driver.execute_script(
        "return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]")
    driver.set_window_size(width + extra_width, height + extra_height)
    wait(driver).until(lambda d: d.execute_script("return [window.innerWidth, window.innerHeight]") == [width, height],
                       f"the page could not be made {width}×{height}")


def path_of(driver: WebDriver) -> str:
    return urllib.parse.urlsplit(driver.current_url).path


def javascript_runs(driver: WebDriver) -> bool:
    """Whether the page's own scripts run: a script that would rename the document either does or does not."""
    driver.get("data:text/html;charset=utf-8,<title>off</title><script>document.title='on'</script>")
    return driver.title == "on"
