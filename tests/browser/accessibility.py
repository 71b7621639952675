"""axe-core (from the pinned npm package) and a few checks a person using a keyboard or a zoom would make."""

from pathlib import Path

import pytest

AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

RUN_AXE = """async ([tags, exclude]) => {
    const context = exclude.length ? {include: [document], exclude: exclude.map(selector => [selector])} : document;
    const results = await axe.run(context, {runOnly: {type: "tag", values: tags}});
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + n.failureSummary.split("\\n").slice(1).join(" ")),
    }));
}"""


def axe_violations(page, exclude=()):
    """WCAG 2.2 A/AA violations axe-core finds on the page as it is now, as readable lines.

    `exclude` lists CSS selectors of regions left out (only for Wagtail's own admin widgets, never the site's).
    """
    if not AXE_SOURCE.exists():
        pytest.fail("axe-core is missing: run `make node` (npm ci) first")
    # Evaluated through the DevTools protocol, so the site's Content-Security-Policy stays as it is.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text())
    violations = page.evaluate(RUN_AXE, [WCAG_TAGS, list(exclude)])
    return [f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in violations]


MAPS_SETTLED = """() => [...document.querySelectorAll("[data-map]")].every(
    map => !map.classList.contains("map--ready") || "mapLoaded" in map.dataset
) && !document.querySelector(".leaflet-zoom-anim, .leaflet-cluster-anim")"""


def wait_for_maps(page):
    """Wait until every map of the page has drawn its points and stopped moving: axe checks what people see,
    not markers caught in the middle of an animation."""
    page.wait_for_function(MAPS_SETTLED, timeout=15000)
    page.wait_for_timeout(300)  # the clusters' own animation starts just after the zoom's
    page.wait_for_function(MAPS_SETTLED, timeout=15000)


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}\n" + "\n".join(violations)


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than its viewport (0 when nothing needs a horizontal scroll)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


FOCUS_STYLE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(), name: el.name || "", text: (el.innerText || "").trim().slice(0, 60),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        shadow: style.boxShadow !== "none",
        within: el.closest(".card--link") !== null && getComputedStyle(el.closest(".card--link")).outlineStyle !== "none",
        visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0,
    };
}"""


def focused_element(page):
    """What has the keyboard focus, and whether it shows it (an outline, a shadow, or its card's outline)."""
    return page.evaluate(FOCUS_STYLE)


def focus_is_visible(focus):
    return focus is not None and focus["visible"] and (focus["outline"] or focus["shadow"] or focus["within"])
