"""Two application servers behind one nginx, sharing PostgreSQL, Redis and the S3 store; the task queue run by
two workers."""

import re
import secrets
import sys
import time

import pytest
import requests

from .forms import form_fields
from .stack import HOST


def served_by(stack, marker) -> set[str]:
    """The application servers whose access log shows a request containing `marker`."""
    return {name for name in ("app_a", "app_b") if marker in stack.log(name)}


def test_requests_are_balanced_and_a_login_session_survives_a_switch_of_server(stack, visitor):
    assert visitor.log_in().status_code == 302
    markers = [f"/admin/pages/?p={secrets.token_hex(4)}" for _ in range(4)]

    assert all(visitor.get(marker).status_code == 200 for marker in markers)
    assert set().union(*(served_by(stack, marker) for marker in markers)) == {"app_a", "app_b"}


def test_a_publication_through_one_server_is_seen_at_once_through_the_other(stack, visitor, make_visitor):
    anonymous = make_visitor("127.0.0.41")
    page_id = stack.manage("shell", "--no-imports", "-c", "from wagtail.models import Page; print(Page.objects.get(slug='confidentialite').pk)").stdout.strip()  # fmt: skip
    numbers = [secrets.randbelow(10**6) + 10 for _ in range(4)]
    for number in numbers:  # both servers put the page in the shared cache
        assert anonymous.get(f"/confidentialite/?page={number}").status_code == 200

    visitor.log_in()
    edit = f"/admin/pages/{page_id}/edit/"
    fields = form_fields(visitor.get(edit).text, action=edit)
    fields["title"] = title = f"Vie privée {secrets.token_hex(3)}"
    # In the main menu too: the header every page shares, kept in Redis and memorised by each server's workers.
    fields["show_in_menus"] = "on"
    fields["action-publish"] = "action-publish"
    fields["body-count"] = "0"  # the editor's JavaScript builds the body's blocks; published here without them
    published = visitor.post(edit, data=fields, headers={"Referer": f"https://{HOST}{edit}"})
    assert published.status_code == 302, published.text[:2000]

    for number in numbers:
        html = anonymous.get(f"/confidentialite/?page={number}").text
        assert title in re.search(r'<header class="site-header">.*?</header>', html, re.DOTALL).group()
    assert set().union(*(served_by(stack, f"page={number}") for number in numbers)) == {"app_a", "app_b"}


def png(width=40, height=30):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), (200, 80, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_image_uploaded_through_one_server_is_served_through_the_other(stack, visitor):
    visitor.log_in()
    fields = form_fields(visitor.get("/admin/images/add/").text, action="/admin/images/add/")
    fields.update({"title": (title := f"Chantier {secrets.token_hex(3)}"), "alt_text": "Un chantier d'insertion"})
    uploaded = visitor.post(
        "/admin/images/add/",
        data=fields,
        files={"file": ("chantier.png", png(), "image/png")},
        headers={"Referer": f"https://{HOST}/admin/images/add/"},
    )
    assert uploaded.status_code == 302, uploaded.text[:2000]

    # Each listing is drawn by the next server, which reads the original from the store for its thumbnail.
    for _ in range(2):
        listing = visitor.get(f"/admin/images/?q={title.split()[1]}").text
        source = re.search(r'<img[^>]+src="(http://127\.0\.0\.1:\d+/[^"]+)"', listing).group(1)
        image = requests.get(source, timeout=10)
        assert image.status_code == 200
        assert image.headers["Content-Type"].startswith("image/")


ENQUEUE = """
from tests.deployed.tasks import record_run
print(",".join(str(record_run.enqueue(number).id) for number in range({count})))
"""


@pytest.mark.parametrize("count", [40])
def test_two_task_workers_run_each_task_once(stack, tmp_path, count):
    record = tmp_path / "runs.txt"
    env = {"DEPLOYED_TASK_RECORD": str(record)}
    stack.manage("shell", "--no-imports", "-c", ENQUEUE.format(count=count), env=env)
    for name in ("worker_a", "worker_b"):
        stack.start(
            name, [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay"], env=env
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(runs(record)) < count:
            time.sleep(0.5)
        time.sleep(2)  # a second run of any task would show now
    finally:
        stack.stop("worker_a")
        stack.stop("worker_b")

    assert sorted(int(number) for number, _ in runs(record)) == list(range(count))
    assert len({worker for _, worker in runs(record)}) == 2, "both workers took tasks"


def runs(record):
    return [line.split() for line in record.read_text().splitlines()] if record.exists() else []
