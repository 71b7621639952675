"""Responses compressed for the browsers that accept gzip, with zlib-ng: Django's `GZipMiddleware`, twice as fast.

Django compresses a page with the standard library's zlib (level 6) on every uncached answer: about 200 ms for the
map's open data at 20,000 actors (8.6 MB) on a busy 2-core server. zlib-ng writes the same gzip format at the same
level in half the time, a file as small (618 KiB against 623), with the same random padding against BREACH.
Streamed answers (the CSV) too, as they are sent. A view that keeps its answer in the cache may keep it compressed
(`compressed_response`): compressed once when it is built, not at every page-cache miss, and 14 times smaller in
the cache.
"""

import secrets
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.text import StreamingBuffer
from zlib_ng import gzip_ng, zlib_ng

FNAME = 0x08  # the gzip header's "file name follows" flag
LEVEL = 6  # Django's
GZIP_WBITS = 16 + zlib_ng.MAX_WBITS  # a gzip header and trailer around the deflate stream


def compress(data: bytes, max_random_bytes: int) -> bytes:
    """`django.utils.text.compress_string`, with zlib-ng: a random file name of up to `max_random_bytes` bytes in
    the header makes the length vary (BREACH)."""
    compressed = gzip_ng.compress(data, compresslevel=LEVEL, mtime=0)
    if not max_random_bytes:
        return compressed
    header = bytearray(compressed[:10])
    header[3] = FNAME
    return bytes(header) + b"a" * secrets.randbelow(max_random_bytes) + b"\x00" + compressed[10:]


def compress_in_background(parts: Iterable[bytes]) -> bytes:
    """The gzip of the parts put end to end, each compressed by a second thread while the caller builds the next:
    zlib-ng lets go of the GIL while it compresses, so on a server with two cores a large answer is compressed as
    it is written rather than after (35 ms for the map's 8.6 MB GeoJSON). Parts of a megabyte or more: after each,
    the thread waits for the GIL (up to 5 ms) to take the next."""
    compressor = zlib_ng.compressobj(LEVEL, zlib_ng.DEFLATED, GZIP_WBITS)
    with ThreadPoolExecutor(max_workers=1) as thread:
        compressed = [thread.submit(compressor.compress, part) for part in parts]
        compressed.append(thread.submit(compressor.flush))
    return b"".join(part.result() for part in compressed)


def accepts_gzip(request) -> bool:
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def compressed_response(request, compressed: bytes, **kwargs) -> HttpResponse:
    """A response whose body was gzipped beforehand (`compress_in_background`) and kept so: sent as it is to the
    browsers that accept gzip, decompressed for the others; the middleware leaves it alone (it has a
    Content-Encoding)."""
    if accepts_gzip(request):
        response = HttpResponse(compressed, **kwargs)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip_ng.decompress(compressed), **kwargs)
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def compress_sequence(sequence: Iterable[bytes], max_random_bytes: int) -> Iterator[bytes]:
    """`django.utils.text.compress_sequence` with zlib-ng: a streamed answer (the CSV) compressed as it goes."""
    buffer = StreamingBuffer()
    filename = b"a" * secrets.randbelow(max_random_bytes) if max_random_bytes else None
    with gzip_ng.GzipFile(filename=filename, mode="wb", compresslevel=LEVEL, fileobj=buffer, mtime=0) as file:
        yield buffer.read()  # the header
        for item in sequence:
            file.write(item)
            if data := buffer.read():
                yield data
    yield buffer.read()


class FastGZipMiddleware(GZipMiddleware):
    """Django's `GZipMiddleware.process_response`, compressing with zlib-ng."""

    def process_response(self, request, response):
        if response.streaming and response.is_async:
            return super().process_response(request, response)
        if (not response.streaming and len(response.content) < 200) or response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not accepts_gzip(request):
            return response
        if response.streaming:
            response.streaming_content = compress_sequence(response.streaming_content, self.max_random_bytes)
            del response.headers["Content-Length"]  # unknown until it is all sent
        else:
            compressed = compress(response.content, self.max_random_bytes)
            if len(compressed) >= len(response.content):
                return response
            response.content = compressed
            response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag  # RFC 9110 Section 8.8.1, as Django does
        response.headers["Content-Encoding"] = "gzip"
        return response
