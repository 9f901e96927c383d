"""axe-core in the browser tests: every page a test loads is checked against the WCAG 2.2 A
and AA rules, as whichever persona the test signed in.

`AxeWatch` listens for each page load of a browser page and runs axe-core on the loaded
document; the `new_page` fixture fails the test on any violation (with the rule, the page and
the elements). axe-core comes from the npm registry (tests/e2e/package.json, installed by
`dev.py test` and CI with `npm ci`); it is evaluated through the DevTools protocol, so the
pages' content security policy stays as strict as it is in production.
"""

from dataclasses import dataclass, field
from pathlib import Path

AXE_JS = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  window.axeWatchChecked = true;
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
  }));
}"""


def wait_for_check(page) -> None:
    """Wait until AxeWatch has checked the document now loaded in the page.

    Waiting for axe-core to be present and idle is not enough: between injecting axe-core and
    starting its run, it is both, and a test that navigates on then loses the check (the run
    finds its document gone, and AxeWatch skips a page that navigated on)."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.axeWatchChecked === true")


def axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def violations(page) -> list[dict]:
    """axe-core's WCAG 2.2 A/AA violations on the page's current document."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    return page.evaluate(_RUN, WCAG_22_AA)


@dataclass
class AxeWatch:
    """Checks every document loaded in the pages it watches; collects what fails."""

    checked: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("load", lambda loaded: self.check(loaded))

    def check(self, page) -> None:
        url = page.url
        if not url.startswith("http"):
            return
        if url.endswith(".pdf") or "/download" in url:
            return
        for _ in range(20):
            try:
                found = violations(page)
                break
            except Exception as exc:
                if "Execution context was destroyed" in str(exc) or "navigation" in str(exc):
                    return  # the page navigated on before axe finished: the next load is checked
                if "Axe is already running" not in str(exc):
                    raise
                # The load listener's run has not finished yet: let it, then check again.
                page.wait_for_timeout(250)
        else:
            raise AssertionError(f"axe-core did not finish on {url}")
        self.checked.append(url)
        for violation in found:
            nodes = "\n      ".join(violation["nodes"])
            self.failures.append(
                f"{url}: {violation['id']} ({violation['impact']}) {violation['help']}\n"
                f"      {nodes}"
            )

    def report(self) -> str:
        return f"{len(self.failures)} WCAG 2.2 A/AA violation(s):\n" + "\n".join(self.failures)
