"""Every public page type is valid HTML for the Nu HTML Checker (W3C's vnu.jar from the pinned npm package, offline).

The pages come from tests/public_pages.py; their HTML is kept in test-artifacts/html/ to read after a failure.
The checker starts a Java virtual machine, slow here, so it reads every page in one run.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .public_pages import PUBLIC_PAGES

ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HTML_DIR = ROOT / "test-artifacts" / "html"
JAVA = shutil.which("java")


def nu_html_check(paths):
    """The checker's errors and warnings, as {file name: [message, …]}."""
    result = subprocess.run(  # noqa: S603 (our own files, a fixed command)
        [JAVA, "-jar", str(VNU_JAR), "--format", "json", "--also-check-svg", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stderr or result.stdout)
    problems = {}
    for message in report["messages"]:
        name = Path(message.get("url", "?")).name
        problems.setdefault(name, []).append(
            f"{message['type']}{'/' + message['subType'] if 'subType' in message else ''} "
            f"line {message.get('lastLine', '?')}: {message['message']} — {message.get('extract', '').strip()!r}"
        )
    return problems


@pytest.mark.skipif(JAVA is None, reason="Java introuvable : `apt-get install default-jre-headless` pour vnu.jar")
def test_every_public_page_type_is_valid_html(client, public_site):
    if not VNU_JAR.exists():
        pytest.fail("vnu.jar is missing: run `make node` (npm ci) first")
    HTML_DIR.mkdir(parents=True, exist_ok=True)
    paths, problems = [], {}
    for public_page in [page for page in PUBLIC_PAGES if page.html]:
        response = client.get(public_page.url, follow=public_page.follow)
        path = HTML_DIR / f"{public_page.name}.html"
        if response.status_code != public_page.status:
            problems[path.name] = [f"{public_page.url}: status {response.status_code}, expected {public_page.status}"]
        path.write_bytes(response.content)
        paths.append(path)

    for name, lines in nu_html_check(paths).items():
        problems.setdefault(name, []).extend(lines)
    assert problems == {}, "\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in problems.items())
