"""Keyboard-only use of a page: the controls Tab should reach, and what each one looks like when it has focus."""

from dataclasses import dataclass, field

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from support import normalised

# A focus ring thinner than this is hard to see for the elderly learners these pages are for.
MINIMUM_OUTLINE_PX = 2

_STYLE = """
function focusStyle(el) {
    const s = getComputedStyle(el);
    return {outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, outlineColor: s.outlineColor,
            boxShadow: s.boxShadow};
}
function describe(el) {
    const html = el.outerHTML;
    return html.slice(0, html.indexOf('>') + 1).slice(0, 160);
}
"""

# Every element that takes focus or should, rendered and enabled, in document order, with its unfocused style.
_CONTROLS = _STYLE + """
document.activeElement && document.activeElement.blur();
const selector = 'a[href], area[href], button, input, select, textarea, summary, iframe, audio[controls], '
    + 'video[controls], [contenteditable=""], [contenteditable="true"], [tabindex]';
const native = 'a[href], area[href], button, input, select, textarea, summary, audio[controls], video[controls]';
return [...document.querySelectorAll(selector)]
    .filter(el => !el.disabled && el.type !== 'hidden' && !el.closest('[inert]')
        && el.checkVisibility({visibilityProperty: true}))
    .map(el => ({element: el, native: el.matches(native), tabIndex: el.tabIndex, type: el.type || '',
                 group: el.name || '', checked: !!el.checked, html: describe(el), style: focusStyle(el)}));
"""

# The focused element as the learner sees it.
_FOCUSED = _STYLE + """
const el = arguments[0];
const r = el.getBoundingClientRect();
return {html: describe(el), style: focusStyle(el), rendered: el.checkVisibility({visibilityProperty: true}),
        onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
            && r.top < window.innerHeight && r.left < window.innerWidth,
        // What covers the control, sampled on a 5×5 grid: WCAG 2.2 2.4.11 fails when nothing of it shows.
        cover: (() => {
            const owns = top => top && (el.contains(top) || top.contains(el)
                || (el.labels && [...el.labels].some(l => l.contains(top))));
            let shown = 0, total = 0, by = null;
            for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) {
                const x = r.left + r.width * (i + 0.5) / 5, y = r.top + r.height * (j + 0.5) / 5;
                if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) continue;
                total++;
                const top = document.elementFromPoint(x, y);
                if (owns(top)) shown++; else by = by || (top ? describe(top) : null);
            }
            return {shown: shown, total: total, by: by};
        })(),
        isBody: el === document.body || el === document.documentElement};
"""


@dataclass
class Control:
    element: WebElement
    html: str
    style: dict
    tab_index: int
    native: bool
    type: str
    group: str
    checked: bool


@dataclass
class TabWalk:
    """What Tab reached, in order, everything found wrong on the way, and lesser findings to report."""

    expected: list
    reached: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def page_controls(driver: WebDriver) -> list:
    return [Control(item["element"], item["html"], item["style"], item["tabIndex"], item["native"], item["type"],
                    item["group"], item["checked"]) for item in driver.execute_script(_CONTROLS)]


def tab_stops(controls: list) -> list:
    """The controls Tab should stop at, in document order: one per radio group (its checked button, else its first)."""
    stops = []
    for control in controls:
        if control.tab_index < 0:
            continue
        if control.type == "radio" and control.group:
            group = [c for c in controls if c.type == "radio" and c.group == control.group and c.tab_index >= 0]
            chosen = next((c for c in group if c.checked), group[0])
            if control is not chosen:
                continue
        stops.append(control)
    return stops


def has_visible_focus(focused: dict, unfocused: dict) -> bool:
    """An outline that focus added or changed (the browser's own ring, or at least MINIMUM_OUTLINE_PX), or a
    box-shadow that focus added."""
    changed = any(focused[key] != unfocused[key] for key in ("outlineStyle", "outlineWidth", "outlineColor"))
    # `auto` is the browser's own two-tone focus ring, drawn whatever the computed width says.
    outline = changed and (focused["outlineStyle"] == "auto" or (
        focused["outlineStyle"] not in ("none", "hidden") and focused["outlineWidth"] >= MINIMUM_OUTLINE_PX
        and focused["outlineColor"] not in ("transparent", "rgba(0, 0, 0, 0)")))
    shadow = focused["boxShadow"] not in ("none", "") and focused["boxShadow"] != unfocused["boxShadow"]
    return outline or shadow


def walk_with_tab(driver: WebDriver) -> TabWalk:
    """Presses Tab from the top of a freshly loaded page until focus leaves the page or comes round again."""
    controls = page_controls(driver)
    stops = tab_stops(controls)
    walk = TabWalk(expected=stops)
    for control in controls:
        if not control.native and control.tab_index < 0:
            continue  # a focus target for scripts and skip links, such as <main tabindex="-1">, not a control
        name = normalised(control.element.accessible_name)
        if not name:
            walk.problems.append(f"no accessible name (screen-reader label): {control.html}")
        if control.native and control.tab_index < 0 and control.type != "radio":
            walk.problems.append(f"not reachable with Tab (tabindex {control.tab_index}): {control.html}")
        if control.tab_index > 0:
            walk.problems.append(f"tabindex {control.tab_index} breaks the page's reading order: {control.html}")
    by_id = {control.element.id: control for control in controls}
    previous = None
    for _ in range(len(stops) + 3):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        element = driver.switch_to.active_element
        state = driver.execute_script(_FOCUSED, element)
        if state["isBody"] or element == previous or (walk.reached and element == walk.reached[0].element):
            break
        previous = element
        control = by_id.get(element.id)
        if control is None:
            walk.problems.append(f"Tab reached an element that is not a control: {state['html']}")
            continue
        walk.reached.append(control)
        name = normalised(element.accessible_name)
        if not (state["rendered"] and state["onScreen"]):
            walk.problems.append(f"focused but not visible on screen: '{name}' {state['html']}")
        elif state["cover"]["shown"] == 0:
            walk.problems.append(
                f"focused '{name}' {state['html']} is entirely hidden by {state['cover']['by']} "
                "(WCAG 2.2 2.4.11 focus not obscured)")
        elif state["cover"]["shown"] < state["cover"]["total"]:
            walk.notes.append(
                f"focused '{name}' {state['html']} is partly hidden by {state['cover']['by']} "
                f"({state['cover']['shown']}/{state['cover']['total']} points show; WCAG 2.2 2.4.12, AAA)")
        if not has_visible_focus(state["style"], control.style):
            walk.problems.append(
                f"no visible focus indicator on '{name}' {state['html']}: focused {state['style']}, "
                f"unfocused {control.style}")
    expected_ids = [stop.element.id for stop in stops]
    reached_ids = [control.element.id for control in walk.reached]
    if reached_ids != expected_ids:
        def names(items):
            return "\n".join(f"  {i + 1}. '{normalised(c.element.accessible_name)}' {c.html}"
                             for i, c in enumerate(items))
        walk.problems.append(
            f"Tab order differs from the page's order.\nExpected:\n{names(stops)}\nReached:\n{names(walk.reached)}")
    return walk


def press(driver: WebDriver, key: str) -> None:
    ActionChains(driver).send_keys(key).perform()


def tab_to(driver: WebDriver, name: str, limit: int = 60) -> WebElement:
    """Presses Tab until the control named `name` has focus."""
    for _ in range(limit):
        press(driver, Keys.TAB)
        element = driver.switch_to.active_element
        if normalised(element.accessible_name) == name:
            return element
    raise AssertionError(f"Tab never reached '{name}' on {driver.current_url}")
