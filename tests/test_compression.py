"""`home.compression`: Django's gzip middleware with zlib-ng (same format, size and headers), and answers compressed
beforehand (the map's GeoJSON, kept compressed in the cache)."""

import gzip
import json
import random

from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.gzip import GZipMiddleware
from django.test import RequestFactory
from django.utils.text import compress_string

from home.compression import FastGZipMiddleware, compress, compress_in_background, compressed_response

BODY = ('{"type":"Feature","properties":{"name":"Exemple fictif « %d »"}}' * 2000).encode()


def respond(middleware_class, body=BODY, accept="gzip, br", **headers):
    request = RequestFactory().get("/carte/acteurs.geojson", HTTP_ACCEPT_ENCODING=accept)
    response = HttpResponse(body, content_type="application/geo+json", headers=headers)
    return middleware_class(lambda request: response)(request)


def test_compressed_answers_decompress_to_the_page_with_django_headers():
    fast, django = respond(FastGZipMiddleware, ETag='"abc"'), respond(GZipMiddleware, ETag='"abc"')
    assert gzip.decompress(fast.content) == BODY
    for header in ("Content-Encoding", "Vary", "ETag", "Content-Type"):
        assert fast[header] == django[header], header
    assert fast["Content-Length"] == str(len(fast.content))


def varied_features(count: int) -> bytes:
    """Open data as the map's: the same keys, varied names, places and numbers."""
    rng = random.Random(22)
    words = ["recyclerie", "épicerie", "solidaire", "atelier", "vélo", "jardin", "café", "Langon", "Bazas", "Réole"]
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [round(rng.uniform(-1, 0.3), 4), round(rng.uniform(44, 45), 4)],
            },
            "properties": {"name": " ".join(rng.choices(words, k=4)), "url": f"https://exemple.org/acteurs/{i}/"},
        }
        for i in range(count)
    ]
    return json.dumps(features, ensure_ascii=False, separators=(",", ":")).encode()


def test_as_small_as_django_with_its_random_padding_against_breach():
    data = varied_features(3000)
    reference = len(compress_string(data))
    sizes = {len(compress(data, max_random_bytes=100)) for _ in range(20)}
    assert len(sizes) > 1  # the padding varies
    assert max(sizes) <= reference * 1.03 + 100
    assert gzip.decompress(compress(data, max_random_bytes=100)) == data


def test_left_alone_when_the_browser_refuses_gzip_or_the_body_is_short():
    plain = respond(FastGZipMiddleware, accept="identity")
    assert plain.content == BODY and not plain.has_header("Content-Encoding") and plain["Vary"] == "Accept-Encoding"
    assert respond(FastGZipMiddleware, body=b"court").content == b"court"


def test_streamed_answers_are_compressed_as_they_go_with_zlib_ng(monkeypatch):
    request = RequestFactory().get("/acteurs/acteurs.csv", HTTP_ACCEPT_ENCODING="gzip")
    streamed, django = (
        middleware(lambda request: StreamingHttpResponse(iter([BODY, BODY]), headers={"ETag": '"abc"'}))(request)
        for middleware in (FastGZipMiddleware, GZipMiddleware)
    )
    for header in ("Content-Encoding", "Vary", "ETag", "Content-Type"):
        assert streamed[header] == django[header], header
    monkeypatch.setattr("django.utils.text.GzipFile", None)  # the standard library's, which Django uses
    assert gzip.decompress(b"".join(streamed.streaming_content)) == BODY + BODY


def test_compressed_in_background_part_by_part_is_the_gzip_of_the_whole():
    data = varied_features(3000)
    parts = (data[start : start + 10_000] for start in range(0, len(data), 10_000))  # built while compressed
    compressed = compress_in_background(parts)
    assert gzip.decompress(compressed) == data
    assert len(compressed) <= len(compress_string(data)) * 1.03
    assert gzip.decompress(compress_in_background([])) == b""


def test_an_answer_kept_compressed_goes_as_it_is_to_gzip_browsers_and_plain_to_others():
    data = varied_features(300)
    kept = compress_in_background([data])
    factory = RequestFactory()
    browser = compressed_response(factory.get("/", HTTP_ACCEPT_ENCODING="gzip, br"), kept, content_type="text/plain")
    assert browser.content == kept and browser["Content-Encoding"] == "gzip" and browser["Vary"] == "Accept-Encoding"
    other = compressed_response(factory.get("/"), kept, content_type="text/plain")
    assert other.content == data and not other.has_header("Content-Encoding") and other["Vary"] == "Accept-Encoding"
    # The middleware leaves it as it is: compressed once, not again.
    assert FastGZipMiddleware(lambda request: browser)(factory.get("/", HTTP_ACCEPT_ENCODING="gzip")).content == kept
