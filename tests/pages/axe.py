"""axe-core, the accessibility engine, run inside the browser on the page shown.

axe-core is vendored from npm in tests/vendor/axe-core (version and licence in its README.md);
it is handed to the page through the DevTools protocol (`page.evaluate`), which the page's
Content-Security-Policy does not govern, so the pages are checked exactly as served.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING = {"serious", "critical"}

RUN = """async (only) => {
    const results = await axe.run(document, {runOnly: only, resultTypes: ["violations"]});
    return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({
            target: n.target.join(" "),
            summary: n.failureSummary || "",
        })),
    }));
}"""


@cache
def source() -> str:
    return AXE.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Violation:
    path: str
    rule: str
    impact: str
    help: str
    target: str
    summary: str

    @property
    def failing(self) -> bool:
        return self.impact in FAILING

    def __str__(self) -> str:
        summary = " ".join(self.summary.split())[:300]
        return f"{self.impact:8} {self.rule} {self.path} {self.target}: {summary}"


def check(page, path: str, rules: list[str] | None = None) -> list[Violation]:
    """The WCAG 2.0/2.1 A and AA violations axe-core finds on the page shown (or those of
    the rules named, e.g. `color-contrast-enhanced`: 7:1, WCAG 1.4.6, level AAA)."""
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": TAGS}
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(source() + "\n;undefined")
    return [
        Violation(path, v["id"], v["impact"] or "", v["help"], n["target"], n["summary"])
        for v in page.evaluate(RUN, only)
        for n in v["nodes"]
    ]
