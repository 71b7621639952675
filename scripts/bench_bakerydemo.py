"""Side by side with wagtail/bakerydemo (issue 22): the uncached throughput of comparable pages, in the same run.

Opt-in, and never a dependency of the project: `scripts/bench.py --bakerydemo PATH` (during its 1,000-actor step),
or `scripts/bench_bakerydemo.py PATH` on a database already filled (BENCH_DATABASE_URL), which rewrites only this
section of docs/performance.md. PATH is a checkout of bakerydemo with its own virtualenv in PATH/.venv (Django,
Wagtail, psycopg and gunicorn installed there), kept outside this repository.

Both sites are served by gunicorn with the same number of workers, DEBUG off: ours with the production settings
and its page cache off (PAGE_CACHE_SECONDS=0; its other caches in Redis stay warm), bakerydemo with its production
settings (its default cache in each worker's memory, renditions included) and a PostgreSQL database of its own
holding its `load_initial_data` content. wrk measures each pair of pages in turn, ours then theirs, for a few
rounds, so that a busy shared machine slows both alike.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import CONNECTIONS, LUA_REPORT, OUTPUT, PAGE_TYPES, PYTHON, REPORT, ROOT, Site, log, run

HEADING = "## Sans cache, face à bakerydemo"
TARGET_RATIO = 3  # issue 22, item 4: at least 3× bakerydemo's uncached throughput
# The pages item 4 names (an actor's profile, a news page); the listing is measured for comparison only.
TARGETED = {"profile", "article"}
ROUNDS = 3
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bakerydemo_bench"
# Our page type (scripts/bench.py's PAGE_TYPES), bakerydemo's comparable page and why it compares.
PAIRS = [
    ("profile", "/locations/reykjavik/", "page d'une boulangerie (adresse, horaires, carte)"),
    ("article", "/blog/wild-yeast/", "billet de blog (image, texte riche, auteurs, étiquettes)"),
    ("directory", "/breads/", "liste des pains (cartes avec image, paginée)"),
]


class BakeryDemo(Site):
    """bakerydemo served by its own gunicorn, from its own checkout and virtualenv."""

    def __init__(self, checkout, port, database_url, workers):
        self.checkout = Path(checkout).resolve()
        self.workers = workers
        env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
        env.update(
            DJANGO_SETTINGS_MODULE="bakerydemo.settings.production",
            DJANGO_SECRET_KEY="bench-only-" + os.urandom(16).hex(),
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="false",
            DATABASE_URL=database_url,
            DJANGO_LOG_LEVEL="WARNING",
        )
        super().__init__(port, env)

    def manage(self, *arguments, **kwargs):
        return subprocess.run(  # noqa: S603
            [str(self.checkout / ".venv" / "bin" / "python"), "manage.py", *arguments],
            cwd=self.checkout,
            env=self.env,
            check=True,
            **kwargs,
        )

    def prepare(self):
        """Its schema, its demo content (once: `load_initial_data` copies its pictures again at each call)
        and its static files."""
        create_database(self.env["DATABASE_URL"])
        self.manage("migrate", "--noinput", "--skip-checks", "-v0")
        loaded = self.manage(
            "shell", "-c", "from wagtail.models import Page; print(Page.objects.filter(slug='breads').exists())",
            capture_output=True, text=True,
        ).stdout.strip().endswith("True")  # fmt: skip
        if not loaded:
            self.manage("load_initial_data", stdout=subprocess.DEVNULL)
        self.manage("collectstatic", "--noinput", "-v0")

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [str(self.checkout / ".venv" / "bin" / "gunicorn"), "bakerydemo.wsgi", "--workers", str(self.workers)]
            + ["--bind", self.base.removeprefix("http://"), "--access-logfile", "/dev/null", "--log-level", "warning"],
            cwd=self.checkout,
            env=self.env,
        )
        for _ in range(240):
            try:
                self.get("/")
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("bakerydemo's gunicorn did not answer on " + self.base)


def create_database(url):
    """bakerydemo's own PostgreSQL database, created when missing (never one of ours)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    if name.startswith(("site_ess", "tpl_")):
        sys.exit(f"{name} is not a database for bakerydemo")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def compare(checkout, env, paths, port, seconds, workers, database_url=DEFAULT_DATABASE, rounds=ROUNDS):
    """Each pair measured `rounds` times, ours then theirs: {our page type: figures of both and their ratio}."""
    ours = Site(port, dict(env, PAGE_CACHE_SECONDS="0", GUNICORN_BIND=f"127.0.0.1:{port}"))
    theirs = BakeryDemo(checkout, port + 1, database_url, workers)
    theirs.prepare()
    pairs = [(name, paths[name], their_path, why) for name, their_path, why in PAIRS if paths.get(name)]
    runs = {name: {"ours": [], "theirs": []} for name, *_ in pairs}
    try:
        ours.start()
        theirs.start()
        # Every worker's first requests load templates and code: on a busy machine 2 s of warm-up before the first
        # page measured did not cover them, and that page's first round came out several times slower.
        warm_up = ["wrk", "-t2", f"-c{CONNECTIONS}", "-d5s", "-H", "Accept-Encoding: gzip"]
        for _name, our_path, their_path, _why in pairs:
            for site, path in ((ours, our_path), (theirs, their_path)):
                run(*warm_up, site.base + path, capture_output=True)
        for round_number in range(rounds):
            for name, our_path, their_path, _ in pairs:
                for side, site, path in (("ours", ours, our_path), ("theirs", theirs, their_path)):
                    figures = measure_with_cpu(site, path, seconds)
                    runs[name][side].append(figures)
                    log(f"bakerydemo comparison, round {round_number + 1}, {name} {side} ({path}): {figures}")
    finally:
        ours.stop()
        theirs.stop()
    comparison = {}
    for name, our_path, their_path, why in pairs:
        both = {side: summarise(runs[name][side]) for side in ("ours", "theirs")}
        comparison[name] = dict(both, our_path=our_path, their_path=their_path, why=why)
        # None when bakerydemo answered nothing in the time given (a very short run on a busy machine).
        comparison[name]["ratio"] = both["ours"]["rps"] / both["theirs"]["rps"] if both["theirs"]["rps"] else None
        if both["ours"]["cpu_ms"] and both["theirs"]["cpu_ms"]:
            comparison[name]["cpu_ratio"] = both["theirs"]["cpu_ms"] / both["ours"]["cpu_ms"]
    return comparison


def workers_cpu_seconds(site) -> float:
    """The processor time (user and system) the site's gunicorn workers have used so far, read in /proc."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that ended meanwhile
            continue
        if int(fields[1]) == site.process.pid:  # a worker: the master is its parent
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def measure_with_cpu(site, path, seconds):
    """wrk's figures for one address (as bench.measure: gzip accepted, 2 s of warm-up first) and the workers'
    processor milliseconds per request, which other work on a shared machine barely changes (unlike req/s)."""
    wrk = ["wrk", "-t2", f"-c{CONNECTIONS}", "-H", "Accept-Encoding: gzip"]
    run(*wrk, "-d2s", site.base + path, capture_output=True)
    before = workers_cpu_seconds(site)
    output = run(
        *wrk, f"-d{seconds}s", "--timeout", "10s", "-s", str(LUA_REPORT), site.base + path,
        capture_output=True, text=True,
    ).stdout  # fmt: skip
    figures = json.loads(output.split("BENCH ", 1)[1])
    spent = workers_cpu_seconds(site) - before
    figures["cpu_ms"] = spent * 1000 / figures["requests"] if figures["requests"] else None
    return figures


def summarise(figures):
    """The rounds of one page: the median of each figure (a round slowed by other work counts for little), errors
    added up."""
    cpu = [run["cpu_ms"] for run in figures if run["cpu_ms"] is not None]
    return {
        "rps": statistics.median(run["rps"] for run in figures),
        "p95_ms": statistics.median(run["p95_ms"] for run in figures),
        "cpu_ms": statistics.median(cpu) if cpu else None,
        "errors": sum(run["errors"] for run in figures),
    }


def section(comparison, seconds, workers, size, load_before, load_after):
    labels = {name: label for name, label, _ in PAGE_TYPES}
    lines = [
        HEADING,
        "",
        f"Mesuré dans le même passage que wagtail/bakerydemo (Wagtail 7.4, Django 5.2), servi lui aussi par gunicorn"
        f" ({workers} workers synchrones, DEBUG désactivé, ses réglages de production, sa base PostgreSQL avec son"
        f" contenu `load_initial_data`). wrk, {CONNECTIONS} connexions acceptant gzip, {seconds} s par adresse après"
        f" 2 s de chauffe (5 s par page avant le premier tour), {ROUNDS} tours alternés (la nôtre, la sienne,"
        " la nôtre…) ; médianes des tours : débit, p95 et temps processeur des workers par requête (lu dans /proc,"
        " hors PostgreSQL), que les autres processus d'une machine partagée changent peu, au contraire du débit.",
        f"Notre site ({size} acteurs) est servi avec le cache des pages coupé (`PAGE_CACHE_SECONDS=0`) : chaque"
        " requête construit la page et lit en base ce qu'elle montre (la page, son acteur, ses relations) ;"
        " restent chauds dans Redis, jusqu'au prochain changement de contenu, le site, ses réglages et sa page"
        " d'accueil (`SITE_LOOKUP_CACHE_SECONDS`) et les fragments qu'il partage entre les pages"
        " (`FRAGMENT_CACHE_SECONDS` : l'en-tête et le pied de page de chaque rubrique, les événements, annonces,"
        " actualités, secteurs et territoires d'une fiche, les thèmes et liens d'une actualité, que chaque worker"
        " garde aussi en mémoire une fois lus), ainsi que les chemins des sites de Wagtail et l'origine des tuiles"
        " de la politique de sécurité (aussi gardée en mémoire de chaque worker)."
        " bakerydemo garde dans la mémoire de chaque worker"
        " (son cache par défaut) les rendus d'images et les fragments qu'il met en cache (la liste du blog) ; il"
        " ne compresse pas ses réponses.",
        f"Charge de la machine (load average) : {load_before} au début, {load_after} à la fin.",
        "",
        "| Notre page | Page de bakerydemo | Nous | bakerydemo"
        f" | Rapport des débits (objectif ≥ {TARGET_RATIO}× pour une fiche et une actualité)"
        " | Temps processeur : bakerydemo ÷ nous |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, pair in comparison.items():
        cells = [figures_cell(pair[side]) for side in ("ours", "theirs")]
        ratio = pair["ratio"]
        if ratio is None:
            verdict = "non mesuré"
        elif name in TARGETED:
            verdict = f"{ratio:.2f}× {'✅' if ratio >= TARGET_RATIO else '❌'}"
        else:
            verdict = f"{ratio:.2f}× (pour comparaison)"
        cpu_ratio = f"{pair['cpu_ratio']:.2f}×" if pair.get("cpu_ratio") else "—"
        lines.append(
            f"| {labels[name]} (`{pair['our_path']}`) | {pair['why']} (`{pair['their_path']}`) | "
            + " | ".join(cells)
            + f" | {verdict} | {cpu_ratio} |"
        )
    return lines


def figures_cell(figures) -> str:
    """ "42.0 req/s (p95 310 ms, 21.5 ms de processeur)"."""
    cpu = f", {figures['cpu_ms']:.1f} ms de processeur" if figures["cpu_ms"] is not None else ""
    errors = f", **{figures['errors']} erreurs**" if figures["errors"] else ""
    return f"{figures['rps']:.1f} req/s (p95 {figures['p95_ms']:.0f} ms{cpu}{errors})"


def write_section(lines):
    """Put the section in docs/performance.md in place of the previous one, before the hand-written sections."""
    text = REPORT.read_text() if REPORT.exists() else "# Performances\n"
    block = "\n".join(lines) + "\n"
    if HEADING in text:
        before, after = text.split(HEADING, 1)
        rest = after[after.find("\n## ") + 1 :] if "\n## " in after else ""
        text = before + block + ("\n" + rest if rest else "")
    elif "\n## Carte : flux compact" in text:
        before, after = text.split("\n## Carte : flux compact", 1)
        text = before.rstrip("\n") + "\n\n" + block + "\n## Carte : flux compact" + after
    else:
        text = text.rstrip("\n") + "\n\n" + block
    REPORT.write_text(text)
    log(f"bakerydemo comparison written to {REPORT.relative_to(ROOT)}")


def load_average():
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def main():
    """The comparison alone, on the database BENCH_DATABASE_URL already holds (e.g. a copy of a bench step)."""
    import argparse

    from bench import server_env, start_redis

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("bakerydemo", help="bakerydemo's checkout, with its virtualenv in .venv")
    parser.add_argument("--seconds", type=int, default=10, help="measuring time per address")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8211")))
    parser.add_argument("--bakerydemo-database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--size", type=int, default=1000, help="how many actors the database holds (for the report)")
    args = parser.parse_args()
    args.database_url = os.environ.get("BENCH_DATABASE_URL", "")
    if not args.database_url.startswith("postgres") or args.database_url.rstrip("/").endswith("/site_ess"):
        sys.exit("BENCH_DATABASE_URL must name a filled scratch PostgreSQL database, never the site's own")
    OUTPUT.mkdir(exist_ok=True)
    redis, args.redis_url = start_redis(args.port + 1)
    env = server_env(args)
    workers = int(env.get("GUNICORN_WORKERS", (os.cpu_count() or 1) * 2 + 1))
    run(str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0", env=env)
    load_before = load_average()
    try:
        site = Site(args.port, env)
        try:
            site.start()
            paths = {name: find(site) for name, _, find in PAGE_TYPES}
        finally:
            site.stop()
        comparison = compare(
            args.bakerydemo, env, paths, args.port + 2, args.seconds, workers, args.bakerydemo_database_url
        )
    finally:
        if redis:
            redis.terminate()
    write_section(section(comparison, args.seconds, workers, args.size, load_before, load_average()))


if __name__ == "__main__":
    main()
