"""Waiting for a Leaflet map of the site to be drawn and to stand still, before a test uses or checks it."""

DRAWN = """() => {
    const map = document.querySelector("[data-map]");
    if (!map || !("mapLoaded" in map.dataset)) return null;
    const clusters = [...map.querySelectorAll(".map-cluster span[aria-hidden]")];
    const single = map.querySelectorAll(".leaflet-marker-icon:not(.map-cluster)").length;
    return clusters.reduce((sum, span) => sum + Number(span.textContent), 0) + single;
}"""

# The first view is animated (a zoom, then the clusters' own): a marker focused meanwhile is replaced when the
# animation ends, and axe-core sees markers half-way, overlapping. Still: no animation under way (Leaflet and
# the clusters mark theirs with a class on the map's pane) and the same position, a dozen frames in a row.
STILL = """() => new Promise(resolve => {
    const pane = document.querySelector("[data-map] .leaflet-map-pane");
    let last = null, frames = 0;
    const look = () => {
        const moving = /leaflet-(zoom|cluster)-anim( |$)/.test(pane.className);
        const now = pane.style.transform;
        frames = !moving && now === last ? frames + 1 : 0;
        last = now;
        if (frames >= 12) resolve(true); else requestAnimationFrame(look);
    };
    look();
})"""


def wait_until_drawn(page, expected):
    """Until the map shows `expected` points (single markers and clusters' counts added up), standing still."""
    page.wait_for_function(f"() => ({DRAWN})() === {expected}", timeout=15000)
    page.evaluate(STILL)
