"""Production collects every static file, the map's packaged JavaScript included."""

import shutil

import xstatic.pkg.leaflet_markercluster
from django.core.files.storage import FileSystemStorage

from home.static_storage import StaticFilesStorage

MARKERCLUSTER = "vendor/leaflet-markercluster/leaflet.markercluster.js"
STYLESHEET = "vendor/leaflet-markercluster/MarkerCluster.css"


def test_a_packaged_script_whose_source_map_is_missing_is_still_collected(tmp_path, settings):
    source = tmp_path / "source"
    package = source / "vendor" / "leaflet-markercluster"
    package.mkdir(parents=True)
    data = xstatic.pkg.leaflet_markercluster.BASE_DIR
    shutil.copy(f"{data}/leaflet.markercluster.js", package)
    shutil.copy(f"{data}/MarkerCluster.css", package)
    assert "sourceMappingURL=leaflet.markercluster.js.map" in (package / "leaflet.markercluster.js").read_text()
    assert not (package / "leaflet.markercluster.js.map").exists()

    settings.STATIC_ROOT = tmp_path / "collected"
    storage = StaticFilesStorage(location=settings.STATIC_ROOT)
    found = FileSystemStorage(location=source)
    paths = {name: (found, name) for name in (MARKERCLUSTER, STYLESHEET)}
    for name in paths:
        storage.save(name, found.open(name))
    results = list(storage.post_process(paths))

    errors = [processed for _, _, processed in results if isinstance(processed, Exception)]
    assert errors == []
    hashed = storage.stored_name(MARKERCLUSTER)
    assert hashed != MARKERCLUSTER and (settings.STATIC_ROOT / f"{hashed}.gz").exists()
    # The comment naming the missing map is gone: no browser asks for it (and logs an error).
    assert "sourceMappingURL" not in (settings.STATIC_ROOT / hashed).read_text()
