"""`make bench`: the site's speed with 100, 1,000, 5,000 and 20,000 actors, written to docs/performance.md.

For each size it fills a scratch database (the demo content plus fictional actors), serves the site
with gunicorn and the production settings on the loopback, and measures with wrk (16 connections)
the requests per second and the 95th percentile latency of each public page type and of one static
file, the ceiling the pages are compared to. It also measures each page uncached: the median time of
one request after the cache was emptied (what the first visitor after a publication, or of a new
filtered address, waits), with the private Redis emptied before each request, and the SQL queries of each page
with the cache empty (scripts/bench_queries.py). Lighthouse 12 (mobile settings) scores the map page at every size
(each run, with its total blocking time) and the main pages at the largest (`make lighthouse`: them alone); the
weights of the map's GeoJSON and of its compact feed are noted at every size. Page types whose app has not landed yet are listed
as "pending" rather than measured.

Everything stays on this machine: the database is a SQLite file in bench-output/ unless
BENCH_DATABASE_URL names another (never the site's own database), the cache a private Redis on a
loopback port when redis-server is installed (the production setting), the pages' memory otherwise.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bench-output"
REPORT = ROOT / "docs" / "performance.md"
PYTHON = ROOT / ".venv" / "bin" / "python"
LUA_REPORT = ROOT / "scripts" / "bench_report.lua"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
SIZES = [100, 1000, 5000, 20000]
UNCACHED_RUNS = 5
CONNECTIONS = 16
TARGETS = {"home": 0.25, "directory": 0.15, "geojson": 0.25}  # ratios to the static file's requests per second

# name, label, how to find its address (a function of the running site), or None while its app is pending.
PAGE_TYPES = [
    ("home", "Accueil", lambda site: "/"),
    ("directory", "Annuaire", lambda site: "/acteurs/"),
    # A filtered address is built for its first visitor (Langon, INSEE 33227: a commune of the demo territory).
    ("filtered", "Annuaire filtré par commune", lambda site: site.existing("/acteurs/?territoire=commune-33227")),
    ("profile", "Fiche d'un acteur", lambda site: "/acteurs/co-actions/"),
    ("map", "Carte", lambda site: site.existing("/carte/")),
    ("geojson", "GeoJSON de la carte", lambda site: site.existing("/carte/acteurs.geojson")),
    ("report", "État des lieux", lambda site: site.existing("/etat-des-lieux/")),
    ("project", "Avancement du projet", lambda site: site.existing("/projet/")),
    ("news", "Actualités", lambda site: site.existing("/actualites/")),
    ("article", "Une actualité", lambda site: site.first_link("/actualites/", r"/actualites/[a-z0-9-]+/")),
    ("event", "Un événement", lambda site: site.first_link("/mois-de-l-ess/", r"/mois-de-l-ess/[^\"?#]+/[^\"?#]+/")),
    ("csv", "Export CSV de l'annuaire", lambda site: site.existing("/acteurs/acteurs.csv")),
    ("static", "Fichier statique (plafond)", lambda site: site.stylesheet()),
]
# Measured uncached only (one request takes seconds at 20,000 actors: wrk's throughput says nothing more).
UNCACHED_ONLY = {"csv", "filtered"}
# Uncached targets (issues 18 and 22): page -> (milliseconds, from how many actors).
UNCACHED_TARGETS = {
    "directory": (100, 20000),
    "filtered": (100, 20000),
    "map": (100, 20000),
    "report": (300, 5000),
    "geojson": (250, 20000),
    "csv": (1500, 20000),
}
# ... and the listing pages at 20,000 actors cost at most this many times their time at 1,000.
GROWTH_TARGET = {"directory": 1.5, "map": 1.5}
LIGHTHOUSE_PAGES = ["home", "directory", "profile", "map", "report", "project", "news", "event"]


def uncached_ms(site, path, redis_port, runs=UNCACHED_RUNS):
    """The median time of one request (as a browser asks, gzip accepted) after the cache was emptied."""
    times = []
    for _ in range(runs):
        run("redis-cli", "-p", str(redis_port), "flushall", stdout=subprocess.DEVNULL)
        start = time.perf_counter()
        site.get(path, gzip_ok=True)
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[len(times) // 2]


def log(message):
    print(f"[bench] {message}", flush=True)


def run(*command, env=None, **kwargs):
    return subprocess.run(command, cwd=ROOT, env=env, check=True, **kwargs)  # noqa: S603


class Site:
    """The site served by gunicorn on a loopback port, with what the measures need to know of it."""

    def __init__(self, port, env):
        self.base = f"http://127.0.0.1:{port}"
        self.env = env
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py", "site_ess.wsgi"]
            + ["--access-logfile", "/dev/null", "--log-level", "warning"],
            cwd=ROOT,
            env=self.env,
        )
        for _ in range(240):
            try:
                self.get("/sante/")
                return
            except OSError:  # not listening yet, or too busy starting to answer in time
                time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer on " + self.base)

    def stop(self):
        if self.process:
            self.process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def get(self, path, gzip_ok=False):
        headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
        request = urllib.request.Request(self.base + path, headers=headers)  # noqa: S310 (our loopback)
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.read()

    def existing(self, path):
        try:
            self.get(path)
            return path
        except urllib.error.HTTPError:
            return None

    def first_link(self, index_path, pattern):
        if not self.existing(index_path):
            return None
        match = re.search(pattern, self.get(index_path).decode())
        return match.group(0) if match else None

    def stylesheet(self):
        return re.search(r'<link rel="stylesheet" href="([^"]+)"', self.get("/").decode()).group(1)


def measure(url, seconds):
    """wrk's figures for one address: requests per second, p95 latency, errors."""
    # As a browser asks: compressed answers accepted (WhiteNoise's precompressed files, the cached gzipped pages).
    accept_gzip = ("-H", "Accept-Encoding: gzip")
    run("wrk", "-t2", f"-c{CONNECTIONS}", "-d2s", *accept_gzip, url, capture_output=True)  # warm up the caches
    output = run(
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        *accept_gzip,
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA_REPORT),
        url,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.split("BENCH ", 1)[1])


# Sample-data commands and how many items each makes per actor; those not (yet) in the project are skipped.
SAMPLE_COMMANDS = [("generate_sample_actors", 1), ("generate_sample_news", 0.1), ("generate_sample_events", 0.05)]


def prepare_database(env, size, created):
    """Fill the scratch database up to `size` fictional actors (beside the six founding ones), news and events."""
    if created == 0:
        run(str(PYTHON), "manage.py", "migrate", "--noinput", "-v0", env=env)
        run(str(PYTHON), "manage.py", "load_demo_content", env=env, stdout=subprocess.DEVNULL)
    available = run(
        str(PYTHON), "manage.py", "help", "--commands", env=env, capture_output=True, text=True
    ).stdout.split()
    for command, per_actor in SAMPLE_COMMANDS:
        count = round((size - created) * per_actor)
        if command in available and count > 0:
            run(str(PYTHON), "manage.py", command, "--count", str(count), "--seed", str(size), env=env)
    return size


def analyze_postgres(url):
    """Vacuum and gather the planner's statistics after the bulk inserts, as autovacuum soon does on a live site:
    without the statistics PostgreSQL plans the first queries after an import blind, and without the visibility
    map it reads the table behind every index-only scan (the directory's counts, `actor_published_status` and the like)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def reset_postgres(url):
    """Empty the scratch PostgreSQL database, so that the migrations start from nothing."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA IF EXISTS public CASCADE")
        connection.execute("CREATE SCHEMA public")


def server_env(args):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="site_ess.settings.production",
        SECRET_KEY="bench-only-" + os.urandom(16).hex(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=args.database_url,
        GUNICORN_BIND=f"127.0.0.1:{args.port}",
        GUNICORN_MAX_REQUESTS="0",
        MEDIA_ROOT=str(OUTPUT / "media"),
    )
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    else:
        env["PAGE_CACHE_SECONDS"] = "300"  # each worker's memory keeps the pages
    return env


def start_redis(port):
    server = shutil.which("redis-server")
    if not server:
        return None, ""
    process = subprocess.Popen(  # noqa: S603
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(1)
    return process, f"redis://127.0.0.1:{port}/0"


def lighthouse_run(url, report):
    """One Lighthouse run (mobile settings, its default): the four category scores, or None when it failed."""
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    if subprocess.run(command, cwd=ROOT, env=env, timeout=300).returncode != 0:  # noqa: S603
        return None
    result = json.loads(report.read_text())
    categories = result["categories"]
    if any(value["score"] is None for value in categories.values()):
        return None
    scores = {key: round(value["score"] * 100) for key, value in categories.items()}
    scores["tbt"] = round(result["audits"]["total-blocking-time"]["numericValue"])
    return scores


def lighthouse_scores(site, paths, attempts=3):
    """The best of a few Lighthouse runs for each address (a busy machine slows some runs down)."""
    scores = {}
    for name, path in paths.items():
        if path is None:
            scores[name] = None
            continue
        runs = [
            lighthouse_run(site.base + path, OUTPUT / f"lighthouse-{name}-{attempt}.json")
            for attempt in range(attempts)
        ]
        runs = [run for run in runs if run]
        scores[name] = max(runs, key=lambda run: run["performance"]) if runs else "failed"
        log(f"lighthouse {name}: {scores[name]} (from {len(runs)} runs)")
    return scores


# The map at every size (issue 22): Lighthouse mobile on /carte/ (each run, with its total blocking time), the
# bytes of the open-data GeoJSON and of the compact feed the map draws from, raw and as sent.
MAP_FEED = "/carte/points.json"
MAP_TARGETS = {5000: 95, 20000: 90}  # Lighthouse performance from this many actors
MAP_TBT_TARGET = 200  # ms, total blocking time


def map_lighthouse(site, path, attempts):
    """Every Lighthouse run of the map page (not only the best: the target must hold run after run)."""
    runs = []
    for attempt in range(attempts):
        report = OUTPUT / f"lighthouse-map-{attempt}.json"
        # A run that failed (Chromium's trace now and then lacks its start: NO_NAVSTART) is tried once more.
        runs.append(lighthouse_run(site.base + path, report) or lighthouse_run(site.base + path, report))
    log(f"lighthouse map: {runs}")
    return runs


def map_data_weights(site, paths):
    """(raw bytes, bytes sent gzipped) of the map's GeoJSON and compact feed."""
    weights = {}
    for name, path in (("geojson", paths.get("geojson")), ("feed", site.existing(MAP_FEED))):
        if path:
            weights[name] = (len(site.get(path)), len(site.get(path, gzip_ok=True)))
    return weights


def query_counts(env, paths):
    """The SQL queries of each page type with the page cache empty (scripts/bench_queries.py, same settings)."""
    counted = {name: path for name, path in paths.items() if path and name != "static"}
    output = run(
        str(PYTHON), "scripts/bench_queries.py", *counted.values(), env=env, capture_output=True, text=True
    ).stdout
    by_path = json.loads(output)
    return {name: by_path[path] for name, path in counted.items()}


def map_lines(map_runs, weights):
    """The map's section: Lighthouse at every size (each run) and the weight of its data."""

    def kib(count):
        return f"{count / 1024:,.1f} Kio".replace(",", " ")

    lines = [
        "",
        "## Carte : Lighthouse mobile et poids des données",
        "",
        "Lighthouse 12.2.3 (réglages mobiles), `/carte/` à chaque taille : chaque mesure, performance (temps de"
        " blocage total). Objectifs : performance ≥ "
        + ", ".join(f"{score} dès {size} acteurs" for size, score in MAP_TARGETS.items())
        + f", temps de blocage < {MAP_TBT_TARGET} ms à chaque mesure.",
        "",
        "| Acteurs | Mesures : performance (temps de blocage total) | Objectif |",
        "| --- | --- | --- |",
    ]
    for size, runs in map_runs.items():
        measured = [run for run in runs if run]
        cells = ", ".join(f"{run['performance']} ({run['tbt']} ms)" for run in measured) or "mesure impossible"
        goal = next((score for at, score in sorted(MAP_TARGETS.items(), reverse=True) if size >= at), None)
        verdict = ""
        if goal and measured:
            held = all(run["performance"] >= goal and run["tbt"] < MAP_TBT_TARGET for run in measured)
            verdict = f"≥ {goal}, < {MAP_TBT_TARGET} ms {'✅' if held and len(measured) == len(runs) else '❌'}"
        lines.append(f"| {size} | {cells} | {verdict} |")
    lines += [
        "",
        "Ce que la carte télécharge : le flux compact (`/carte/points.json` : identifiant, position, secteur) ; le"
        " GeoJSON reste pour qui réutilise les données.",
        "",
        "| Acteurs | GeoJSON (`/carte/acteurs.geojson`) : brut, envoyé (gzip) | Flux de la carte (`/carte/points.json`) :"
        " brut, envoyé (gzip) |",
        "| --- | --- | --- |",
    ]
    for size, weight in weights.items():
        cells = [
            f"{kib(weight[name][0])}, {kib(weight[name][1])}" if name in weight else "—" for name in ("geojson", "feed")
        ]
        lines.append(f"| {size} | " + " | ".join(cells) + " |")
    return lines


def query_lines(queries, paths):
    """The SQL queries of each page type, page cache empty, at each size."""
    sizes = list(queries)
    lines = [
        "",
        "## Requêtes SQL par page (sans cache)",
        "",
        "Comptées par `scripts/bench_queries.py` (mêmes réglages et même base que le serveur, `CaptureQueriesContext`"
        " de Django) : la page demandée une fois, le cache vidé, puis la page demandée de nouveau et ses requêtes"
        " comptées.",
        "",
        "| Page | " + " | ".join(f"{size} acteurs" for size in sizes) + " |",
        "| --- | " + " | ".join("---" for _ in sizes) + " |",
    ]
    for name, label, _ in PAGE_TYPES:
        if any(name in queries[size] for size in sizes):
            cells = [str(queries[size].get(name, "—")) for size in sizes]
            lines.append(f"| {label} (`{paths.get(name) or '—'}`) | " + " | ".join(cells) + " |")
    return lines


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor() or "?",
    )
    memory = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if "MemTotal" in line
        ),
        0,
    )
    return f"{os.cpu_count()} processeurs ({cpu}), {memory} Gio de mémoire, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def lighthouse_lines(lighthouse, size):
    labels = {name: label for name, label, _ in PAGE_TYPES}
    lines = [
        "",
        "## Lighthouse",
        "",
        f"Lighthouse 12.2.3, réglages mobiles (son défaut), Chromium de Debian, sur le site servi comme ci-dessus ({size} acteurs) ;"
        " la meilleure de quelques mesures par page (`--lighthouse-runs`).",
        "Objectifs : performance ≥ 90 (la carte comprise ; elle est mesurée à chaque taille plus haut),"
        " accessibilité 100, bonnes pratiques et SEO ≥ 95.",
        "",
        "| Page | Performance | Accessibilité | Bonnes pratiques | SEO |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name in LIGHTHOUSE_PAGES:
        scores = lighthouse.get(name)
        if scores is None or scores == "failed":
            cell = "en attente" if scores is None else "mesure impossible"
            lines.append(f"| {labels[name]} | {cell} | {cell} | {cell} | {cell} |")
        else:
            lines.append(
                f"| {labels[name]} | {scores['performance']} | {scores['accessibility']} | "
                f"{scores['best-practices']} | {scores['seo']} |"
            )
    return lines


def uncached_lines(uncached, results, paths):
    labels = {name: label for name, label, _ in PAGE_TYPES}
    sizes = list(uncached)
    lines = [
        "",
        "## Sans cache",
        "",
        f"Temps d'une requête, cache vidé juste avant (médiane de {UNCACHED_RUNS}, gzip accepté) : ce qu'attend le"
        " premier visiteur après une publication, ou d'une adresse filtrée nouvelle.",
        "",
        "| Page | " + " | ".join(f"{size} acteurs" for size in sizes) + " | Objectif |",
        "| --- | " + " | ".join("---" for _ in sizes) + " | --- |",
    ]
    for name, _, _ in PAGE_TYPES:
        if name == "static" or not any(name in uncached[size] for size in sizes):
            continue
        cells = [f"{uncached[size][name]:.0f} ms" if name in uncached[size] else "—" for size in sizes]
        target = ""
        if name in UNCACHED_TARGETS:
            limit, from_size = UNCACHED_TARGETS[name]
            measured = [uncached[size][name] for size in sizes if size >= from_size and name in uncached[size]]
            verdict = ("✅" if all(value < limit for value in measured) else "❌") if measured else "non mesuré"
            target = f"< {limit} ms dès {from_size} acteurs {verdict}"
            if name in GROWTH_TARGET and 1000 in uncached and 20000 in uncached:
                ratio = uncached[20000][name] / uncached[1000][name]
                target += f" ; 20000 / 1000 : {ratio:.2f} {'✅' if ratio <= GROWTH_TARGET[name] else '❌'}"
        lines.append(f"| {labels[name]} (`{paths.get(name) or '—'}`) | " + " | ".join(cells) + f" | {target} |")
    return lines


# Sections other scripts write into the report (scripts/map_clustering_bench.py): kept as they are.
KEPT_SECTIONS = (
    "## Sans cache, face à bakerydemo",
    "## Carte : regroupement des points et tâches longues",
    "## Carte : flux compact et regroupement des points",
)


def kept_sections() -> list[str]:
    """The sections of the report in place that another script measured, from the first of them to the end."""
    text = REPORT.read_text() if REPORT.exists() else ""
    found = [text.index(heading) for heading in KEPT_SECTIONS if heading in text]
    return ["", *text[min(found) :].rstrip("\n").splitlines()] if found else []


def previous_lighthouse_section() -> list[str]:
    """The Lighthouse section of the report in place (when this run measured none), said to be older."""
    text = REPORT.read_text() if REPORT.exists() else ""
    if "## Lighthouse" not in text:
        return []
    section = "## Lighthouse" + text.split("## Lighthouse", 1)[1].split("\n## ", 1)[0]
    lines = section.rstrip("\n").splitlines()
    note = "Pas mesuré par ce passage (`--no-lighthouse`) : les scores ci-dessous viennent du rapport précédent."
    if note not in lines:
        lines[1:1] = ["", note]
    return ["", *lines]


def write_report(results, paths, gzipped, lighthouse, args, workers, uncached=None, map_figures=None):
    labels = {name: label for name, label, _ in PAGE_TYPES}
    lines = [
        "# Performances",
        "",
        "Mesures produites par `make bench` (`scripts/bench.py`) : ne pas modifier à la main, relancer la commande.",
        "",
        f"- Date : {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine : {machine()}",
        f"- Charge de la machine (load average sur 1, 5, 15 min) : {args.load_before} au début des mesures,"
        f" {getattr(args, 'load_after', '?')} à la fin ; d'autres processus partageaient les processeurs, ce qui"
        " abaisse tous les chiffres d'autant : comparer les rapports au fichier statique plutôt que les valeurs"
        " absolues",
        f"- Serveur : gunicorn ({workers} workers synchrones), réglages de production, cache "
        + ("Redis" if args.redis_url else "en mémoire de chaque worker")
        + f", base {'PostgreSQL' if args.database_url.startswith('postgres') else 'SQLite'}, sur la boucle locale",
        f"- Charge : wrk, {CONNECTIONS} connexions simultanées acceptant gzip comme un navigateur, {args.seconds} s "
        "par adresse après 2 s de chauffe ;"
        " visiteurs anonymes (le cache des pages sert les pages déjà vues)",
        "- Données : le contenu de démonstration et des acteurs fictifs (`generate_sample_actors`) ;"
        " actualités et événements du Mois de l'ESS en proportion (un pour dix et un pour vingt acteurs :"
        " `generate_sample_news`, `generate_sample_events`)",
        "",
        "## Débit et latence",
        "",
        "Requêtes par seconde (p95 en millisecondes) ; « en attente » : ce type de page n'existe pas encore.",
        "",
        "| Page | " + " | ".join(f"{size} acteurs" for size in results) + " |",
        "| --- | " + " | ".join("---" for _ in results) + " |",
    ]
    for name, _, _ in PAGE_TYPES:
        if name in UNCACHED_ONLY:
            continue
        cells = []
        for size in results:
            figures = results[size].get(name)
            if figures is None:
                cells.append("en attente")
            else:
                error = f", **{figures['errors']} erreurs**" if figures["errors"] else ""
                cells.append(f"{figures['rps']:.0f} req/s ({figures['p95_ms']:.0f} ms{error})")
        lines.append(f"| {labels[name]} (`{paths.get(name) or '—'}`) | " + " | ".join(cells) + " |")
    lines += ["", "## Objectifs (rapport au fichier statique, même mesure)", ""]
    lines += ["| Page | Objectif | " + " | ".join(f"{size} acteurs" for size in results) + " |"]
    lines += ["| --- | --- | " + " | ".join("---" for _ in results) + " |"]
    for name, target in TARGETS.items():
        cells = []
        for size in results:
            figures, ceiling = results[size].get(name), results[size]["static"]
            if figures is None:
                cells.append("en attente")
            else:
                ratio = figures["rps"] / ceiling["rps"]
                cells.append(f"{ratio:.2f} {'✅' if ratio >= target else '❌'}")
        lines.append(f"| {labels[name]} | ≥ {target} | " + " | ".join(cells) + " |")
    if uncached:
        lines += uncached_lines(uncached, results, paths)
    if map_figures and map_figures["queries"]:
        lines += query_lines(map_figures["queries"], paths)
    if map_figures and map_figures["weights"]:
        lines += map_lines(map_figures["lighthouse"], map_figures["weights"])
    else:
        lines += [
            "",
            "## Poids du GeoJSON de la carte",
            "",
            (
                "; ".join(f"{size} acteurs : {gzipped[size] / 1024:.1f} Kio envoyés (gzip)" for size in gzipped)
                or "en attente (la carte n'existe pas encore)"
            )
            + ".",
        ]
    lines += lighthouse_lines(lighthouse, max(results)) if lighthouse else previous_lighthouse_section()
    lines += [
        "",
        "## Pour refaire ces mesures",
        "",
        "```",
        "make bench        # débit, latence, temps sans cache, GeoJSON et Lighthouse",
        "make lighthouse   # Lighthouse seul, 100 acteurs",
        "```",
        "",
        "Il faut `wrk` (`apt-get install wrk`), Chromium (`apt-get install chromium`) et, pour le cache de"
        " production, `redis-server` (sinon chaque worker garde ses pages en mémoire).",
        "",
        "La comparaison avec wagtail/bakerydemo (issue 22) est facultative et le projet n'en dépend pas : une copie"
        " de son dépôt hors de celui-ci (par exemple `/work/bakerydemo`), avec son propre environnement Python dans"
        " `.venv` ; son `main` demande Django 6.0 (Python ≥ 3.12), son code tourne tel quel sous Django 5.2 que"
        " Wagtail 7.4 accepte :",
        "",
        "```",
        "git clone <dépôt public wagtail/bakerydemo> /work/bakerydemo",
        "python3.11 -m venv /work/bakerydemo/.venv",
        "/work/bakerydemo/.venv/bin/pip install 'Django>=5.2,<5.3' 'wagtail>=7.4,<7.5' 'wagtail-font-awesome-svg>=1,<2' \\",
        "  'django-debug-toolbar>=4.2,<5' 'django-extensions>=4.1,<5' 'django-csp>=3.8,<4' 'dj-database-url>=3.1,<4' \\",
        "  'python-dotenv>=1.2.1,<2' 'psycopg[binary]>=3.3.3,<3.4' 'whitenoise>=6.11,<7' \\",
        "  'django-basic-auth-ip-whitelist>=0.8,<0.9' gunicorn==23.0.0",
        "BENCH_DATABASE_URL=postgres://… .venv/bin/python scripts/bench.py --bakerydemo /work/bakerydemo",
        "# ou la comparaison seule, sur une base déjà remplie (une copie de l'étape à 1 000 acteurs) :",
        "BENCH_DATABASE_URL=postgres://…/copie_1000 .venv/bin/python scripts/bench_bakerydemo.py /work/bakerydemo",
        "```",
        "",
        "Le script crée la base PostgreSQL de bakerydemo (`--bakerydemo-database-url`, `bakerydemo_bench` par"
        " défaut), y applique ses migrations et son `load_initial_data` la première fois, puis sert les deux sites"
        " (ports : celui de `--port` et les trois suivants). Ni bakerydemo, ni son environnement, ni sa base"
        " n'entrent dans ce dépôt.",
    ]
    lines += [*kept_sections(), ""]
    REPORT.write_text("\n".join(lines))
    log(f"written {REPORT.relative_to(ROOT)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="numbers of actors, e.g. 100,1000,5000")
    parser.add_argument("--seconds", type=int, default=10, help="measuring time per address")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8211")))
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (the best is kept)")
    parser.add_argument("--lighthouse-only", action="store_true", help="only Lighthouse, with the smallest size")
    parser.add_argument("--bakerydemo", metavar="PATH", help="also compare with a bakerydemo checkout (its .venv)")
    parser.add_argument("--bakerydemo-database-url", default="postgres://postgres@127.0.0.1:5432/bakerydemo_bench")
    args = parser.parse_args()
    args.load_before = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.lighthouse_only:
        sizes = sizes[:1]
    if not args.lighthouse_only and not shutil.which("wrk"):
        sys.exit("wrk is needed for the measures: apt-get install wrk")

    OUTPUT.mkdir(exist_ok=True)
    database = OUTPUT / "bench.sqlite3"
    database.unlink(missing_ok=True)
    args.database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{database}"
    if args.database_url.rstrip("/").endswith("/site_ess"):
        sys.exit("BENCH_DATABASE_URL must name a scratch database, never the site's own")
    redis, args.redis_url = start_redis(args.port + 1)
    env = server_env(args)
    if args.database_url.startswith("postgres"):
        reset_postgres(args.database_url)
    run(str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0", env=env)
    workers = int(env.get("GUNICORN_WORKERS", (os.cpu_count() or 1) * 2 + 1))

    results, paths, gzipped, lighthouse, uncached = {}, {}, {}, {}, {}
    map_figures = {"lighthouse": {}, "weights": {}, "queries": {}}
    comparison = None
    created = 0
    try:
        for size in sizes:
            created = prepare_database(env, size, created)
            if args.database_url.startswith("postgres"):
                analyze_postgres(args.database_url)
            site = Site(args.port, env)
            try:
                site.start()
                if redis:
                    run("redis-cli", "-p", str(args.port + 1), "flushall", stdout=subprocess.DEVNULL)
                paths = {name: find(site) for name, _, find in PAGE_TYPES}
                if paths.get("geojson"):
                    # The bytes sent to a browser (which accepts gzip), as the server compresses them.
                    gzipped[size] = len(site.get(paths["geojson"], gzip_ok=True))
                map_figures["weights"][size] = map_data_weights(site, paths)
                if paths.get("map") and not args.no_lighthouse and not args.lighthouse_only:
                    map_figures["lighthouse"][size] = map_lighthouse(site, paths["map"], args.lighthouse_runs)
                if args.lighthouse_only or (not args.no_lighthouse and size == sizes[-1]):
                    measured_map = map_figures["lighthouse"].get(size)
                    lighthouse = lighthouse_scores(
                        site,
                        {name: paths.get(name) for name in LIGHTHOUSE_PAGES if not (measured_map and name == "map")},
                        args.lighthouse_runs,
                    )
                    if measured_map:  # its runs above, the best of them as for the other pages
                        lighthouse["map"] = max(
                            filter(None, measured_map), key=lambda run: run["performance"], default="failed"
                        )
                if args.lighthouse_only:
                    break
                results[size], uncached[size] = {}, {}
                map_figures["queries"][size] = query_counts(env, paths)
                for name, path in paths.items():
                    if path is None:
                        results[size][name] = None
                        continue
                    if redis and name != "static":
                        uncached[size][name] = uncached_ms(site, path, args.port + 1)
                        log(f"{size} actors, {name} uncached: {uncached[size][name]:.0f} ms")
                    if name in UNCACHED_ONLY:
                        results[size][name] = None
                        continue
                    results[size][name] = figures = measure(site.base + path, args.seconds)
                    log(f"{size} actors, {name}: {figures}")
                if args.bakerydemo and size == comparison_size(sizes):
                    comparison = compare_with_bakerydemo(args, env, paths, workers, size)
            finally:
                site.stop()
    finally:
        if redis:
            redis.terminate()
    if args.lighthouse_only:
        update_lighthouse_section(lighthouse, sizes[0])
    else:
        args.load_after = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        write_report(results, paths, gzipped, lighthouse, args, workers, uncached, map_figures)
        if comparison:
            import bench_bakerydemo

            bench_bakerydemo.write_section(comparison)


def comparison_size(sizes):
    """The step compared with bakerydemo: 1,000 actors when measured, else the first size."""
    return 1000 if 1000 in sizes else sizes[0]


def compare_with_bakerydemo(args, env, paths, workers, size):
    """bakerydemo's comparable pages beside ours uncached (scripts/bench_bakerydemo.py): the report's lines."""
    import bench_bakerydemo

    load_before = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    comparison = bench_bakerydemo.compare(
        args.bakerydemo, env, paths, args.port + 2, args.seconds, workers, args.bakerydemo_database_url
    )
    load_after = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return bench_bakerydemo.section(comparison, args.seconds, workers, size, load_before, load_after)


def update_lighthouse_section(lighthouse, size):
    """Replace the Lighthouse section of docs/performance.md (or add it), leaving the measures as they are."""
    text = REPORT.read_text() if REPORT.exists() else "# Performances\n"
    section = "\n".join(lighthouse_lines(lighthouse, size)[1:]) + "\n"
    if "## Lighthouse" in text:
        before, after = text.split("## Lighthouse", 1)
        rest = after[after.find("\n## ") + 1 :] if "\n## " in after else ""
        text = before + section + ("\n" + rest if rest else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    REPORT.write_text(text)
    log(f"Lighthouse scores written to {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
