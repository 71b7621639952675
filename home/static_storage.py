"""Production's static files: WhiteNoise's compressed files with hashed names, minus JavaScript source maps.

Leaflet.markercluster's XStatic package ships `leaflet.markercluster.js` with a `sourceMappingURL` comment but
without that map, and Django's manifest storage refuses to collect a file whose reference it cannot hash.
Source maps only serve the browser's developer tools, so the map comments of JavaScript files are left as they
are; every other reference (CSS images, fonts, imports) is still hashed and checked.
"""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


def without_javascript_source_maps(patterns):
    return tuple(
        (glob, tuple(rule for rule in rules if not (glob == "*.js" and "sourceMappingURL" in str(rule))))
        for glob, rules in patterns
    )


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = without_javascript_source_maps(ManifestStaticFilesStorage.patterns)
