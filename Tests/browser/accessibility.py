"""axe-core 4.x, from the axe-selenium-python wheel, run on the page the browser shows."""

import json

from axe_selenium_python import Axe
from selenium.webdriver.remote.webdriver import WebDriver

# WCAG 2.0, 2.1 and 2.2, levels A and AA, as axe tags its rules.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}

_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, arguments[0])
    .then(results => done({version: axe.version, violations: results.violations}))
    .catch(error => done({version: axe.version, error: String(error)}));
"""


def audit(driver: WebDriver) -> dict:
    """Injects axe into the current page and runs the WCAG 2.2 A/AA rules: {version, violations}."""
    Axe(driver).inject()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = driver.execute_async_script(_RUN, options)
    assert "error" not in results, f"axe failed on {driver.current_url}: {results['error']}"
    assert str(results["version"]).startswith("4."), f"axe-core {results['version']} is not a 4.x release"
    return results


def describe(violations: list) -> str:
    """A readable list: rule, impact, help, and each element with axe's explanation."""
    lines = []
    for violation in violations:
        tags = ", ".join(tag for tag in violation["tags"] if tag.startswith("wcag"))
        lines.append(f"- {violation['id']} ({violation['impact']}; {tags}): {violation['help']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    {json.dumps(node['target'], ensure_ascii=False)}: {node['html'][:160]}")
            summary = node.get("failureSummary") or ""
            lines.extend(f"      {line.strip()}" for line in summary.splitlines() if line.strip())
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more elements")
    return "\n".join(lines)
