"""The production-shaped stack (tests/deployed/stack.py), started once for the `deployed` suite.

Run it with `make deployed-test` (or `.venv/bin/pytest -m deployed tests/deployed`); the ordinary `pytest`
run leaves it out. It needs Debian's nginx, openssl, PostgreSQL and Redis on this machine.
"""

import re
import shutil
import tempfile
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter

from .stack import ADMIN, HOST, PORTS, Stack


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.deployed)


@pytest.fixture(scope="session")
def stack():
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        pytest.fail("Debian's nginx is required: apt-get install nginx")
    workdir = Path(tempfile.mkdtemp(prefix="site-ess-deployed-"))
    running = Stack(workdir)
    try:
        running.up()
        yield running
    finally:
        running.stop_all()
        shutil.rmtree(workdir, ignore_errors=True)


class FromAddress(HTTPAdapter):
    """Connections that leave from one loopback address (127.0.0.x): a distinct visitor for nginx."""

    def __init__(self, address):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Visitor(requests.Session):
    """A browser on 127.0.0.x speaking to nginx on https://localhost (port 443 in production)."""

    def __init__(self, stack, address="127.0.0.2", base=f"https://{HOST}:{PORTS['https']}"):
        super().__init__()
        self.base = base
        self.verify = str(stack.workdir / "cert.pem")
        self.headers["Host"] = HOST
        self.mount("https://", FromAddress(address))
        self.mount("http://", FromAddress(address))

    def request(self, method, path, **kwargs):
        kwargs["allow_redirects"] = False  # each answer is checked as nginx gives it
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("verify", self.verify)  # the test certificate, whatever the environment's CA bundle
        return super().request(method, self.base + path, **kwargs)

    def csrf_token(self, path) -> str:
        html = self.get(path).text
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def submit(self, path, data, **kwargs):
        """POST a form as the browser would, with the CSRF token of its page."""
        token = self.csrf_token(path)
        headers = {"Referer": f"https://{HOST}{path}", **kwargs.pop("headers", {})}
        return self.post(path, data={"csrfmiddlewaretoken": token, **data}, headers=headers, **kwargs)

    def log_in(self, username=ADMIN[0], password=ADMIN[1]):
        return self.submit("/admin/login/", {"username": username, "password": password})


@pytest.fixture
def visitor(stack):
    return Visitor(stack)


@pytest.fixture
def make_visitor(stack):
    return lambda address, **kwargs: Visitor(stack, address, **kwargs)
