"""How long grouping the map's points takes in Chromium: the site's own grouping (static/js/map.js) against
Leaflet.markercluster (what the map used before) and, when given its file, supercluster.

    .venv/bin/python scripts/map_clustering_bench.py [--supercluster path/to/supercluster.min.js]

Synthetic points around 150 places of the Sud-Gironde (a third exactly at a town hall), timed with
performance.now() in a page of Playwright's Chromium (/usr/bin/chromium), without and with a 4× CPU slowdown
(Lighthouse's mobile setting, a mid-range phone); each figure is the median of several runs, in milliseconds.
Prints a Markdown table for docs/performance.md. Supercluster is not a dependency of the site: pass the
`dist/supercluster.min.js` of an npm install made elsewhere to compare.
"""

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]

PAGE = """<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="leaflet.css"></head><body>
<div id="m" style="width:412px;height:600px"></div>
<script src="leaflet.js"></script><script src="leaflet.markercluster.js"></script>SUPERCLUSTER<script src="map.js"></script>
<script>
function points(n) {
  var seed = 42, random = function () { seed = (seed * 1664525 + 1013904223) % 4294967296; return seed / 4294967296; };
  var places = [], lats = new Float64Array(n), lons = new Float64Array(n);
  for (var c = 0; c < 150; c++) places.push([44.3 + random() * 0.5, -0.6 + random() * 0.8]);
  for (var i = 0; i < n; i++) {
    var place = places[Math.floor(random() * 150)], exact = random() < 0.33;
    lats[i] = exact ? place[0] : place[0] + (random() - 0.5) * 0.04;
    lons[i] = exact ? place[1] : place[1] + (random() - 0.5) * 0.05;
  }
  return { lats: lats, lons: lons };
}
var map = L.map("m", { maxZoom: 18 }).setView([44.55, -0.25], 9);
window.bench = {
  // The old map: one L.marker per point, all given to Leaflet.markercluster (which groups at every zoom).
  markercluster: function (n) {
    var p = points(n), t0 = performance.now(), markers = [];
    for (var i = 0; i < n; i++) {
      markers.push(L.marker([p.lats[i], p.lons[i]], { keyboard: true, icon: L.divIcon({ iconSize: L.point(26, 26) }) }));
    }
    var group = L.markerClusterGroup({ maxClusterRadius: 120, animate: false });
    map.addLayer(group);
    group.addLayers(markers);
    var t = performance.now() - t0;
    map.removeLayer(group);
    return t;
  },
  // supercluster: its index (every zoom) and the groups of the view.
  supercluster: function (n) {
    var p = points(n), t0 = performance.now(), features = new Array(n);
    for (var i = 0; i < n; i++) {
      features[i] = { type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [p.lons[i], p.lats[i]] } };
    }
    var index = new Supercluster({ radius: 80, maxZoom: 18 }).load(features), b = map.getBounds();
    index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], 9);
    return performance.now() - t0;
  },
  // The site's: the groups of the zoom shown (the first view), then the slowest single zoom (a zoom change).
  own: function (n) {
    var p = points(n), t0 = performance.now();
    siteMapClusterIndex(p.lats, p.lons, 80).at(9);
    return performance.now() - t0;
  },
  ownSlowestZoom: function (n) {
    var p = points(n), index = siteMapClusterIndex(p.lats, p.lons, 80), slowest = 0;
    for (var z = 6; z <= 18; z++) { var t0 = performance.now(); index.at(z); slowest = Math.max(slowest, performance.now() - t0); }
    return slowest;
  },
};
</script></body></html>"""

LABELS = {
    "markercluster": "Leaflet.markercluster 1.4.1 (avant) : marqueurs et groupes à tous les zooms",
    "supercluster": "supercluster 8.0.1 : index de tous les zooms et groupes de la vue",
    "own": "`static/js/map.js` : groupes du zoom affiché (première vue)",
    "ownSlowestZoom": "`static/js/map.js` : le zoom le plus lent à grouper (changement de zoom)",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--supercluster", type=Path, help="supercluster.min.js, to compare")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sizes = (5000, 20000)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        shutil.copy(Path(xstatic.pkg.leaflet.BASE_DIR) / "leaflet.js", folder)
        shutil.copy(Path(xstatic.pkg.leaflet.BASE_DIR) / "leaflet.css", folder)
        shutil.copy(Path(xstatic.pkg.leaflet_markercluster.BASE_DIR) / "leaflet.markercluster.js", folder)
        shutil.copy(ROOT / "static" / "js" / "map.js", folder)
        methods = ["markercluster", "own", "ownSlowestZoom"]
        extra = ""
        if args.supercluster:
            shutil.copy(args.supercluster, folder / "supercluster.js")
            extra = '<script src="supercluster.js"></script>'
            methods.insert(1, "supercluster")
        (folder / "bench.html").write_text(PAGE.replace("SUPERCLUSTER", extra))
        results = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            for rate in (1, 4):
                page = browser.new_page()
                page.goto((folder / "bench.html").as_uri())
                page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})
                for method in methods:
                    for size in sizes:
                        runs = 3 if method == "markercluster" else args.runs
                        times = [page.evaluate(f"bench.{method}({size})") for _ in range(runs)]
                        results[method, size, rate] = statistics.median(times)
                page.close()
            browser.close()
    print("| Regroupement | 5 000 points | 20 000 points | 5 000, processeur ÷4 | 20 000, processeur ÷4 |")
    print("| --- | --- | --- | --- | --- |")
    for method in methods:
        cells = [f"{results[method, size, rate]:.1f} ms" for rate in (1, 4) for size in sizes]
        print(f"| {LABELS[method]} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
