"""Production's static files: WhiteNoise's compressed files with hashed names, tolerant of missing source maps.

Leaflet.markercluster's XStatic package ships `leaflet.markercluster.js` with a `sourceMappingURL` comment but
without that map, and Django's manifest storage refuses to collect a file whose reference it cannot hash.
Source maps only serve the browser's developer tools: the comment naming a missing map is removed (a browser
would otherwise ask for it and log an error); every other reference (CSS images, fonts, imports) is still hashed
and checked.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def url_converter(self, name, hashed_files, template=None):
        convert = super().url_converter(name, hashed_files, template)

        def drop_missing_source_maps(matchobj):
            try:
                return convert(matchobj)
            except ValueError:  # the file it names does not exist
                if "sourceMappingURL" in matchobj["matched"]:
                    return ""  # no comment, no request for a map that was never shipped
                raise

        return drop_missing_source_maps
