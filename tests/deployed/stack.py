"""The site as production runs it, on loopback: Debian's nginx with a copy of deploy/nginx/site-ess.conf in
front of two gunicorn servers (production settings) sharing PostgreSQL, Redis and an S3 store (moto's server).

`nginx_site_config()` derives the test copy from the real file, changing only what a test machine cannot have
(ports, certificate, media folder, the two upstream servers): every other line is production's. Each change
checks that the line it replaces is still there, so that an edit of the real file cannot go untested silently.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import boto3
import psycopg
import redis

ROOT = Path(__file__).resolve().parents[2]
NGINX_SITE = ROOT / "deploy" / "nginx" / "site-ess.conf"
BUCKET_POLICY = ROOT / "deploy" / "s3-bucket-policy.json"
HOST = "localhost"
PORTS = {"https": 8140, "http": 8141, "app_a": 8142, "app_b": 8143, "s3": 8144}
DATABASE_URL = os.environ.get("DEPLOYED_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/site_ess_deployed")
REDIS_URL = os.environ.get("DEPLOYED_REDIS_URL", "redis://127.0.0.1:6379/4")
BUCKET = "club-ess-deployed"
ADMIN = ("exploitant", "un mot de passe de test, sur la boucle locale")
START_TIMEOUT_SECONDS = 60


def replace_once(text: str, old: str, new: str) -> str:
    if old not in text:
        raise ValueError(f"deploy/nginx/site-ess.conf no longer contains {old!r}: update tests/deployed/stack.py")
    return text.replace(old, new)


def nginx_site_config(certificate: Path, key: Path, media: Path, app_ports, access_log: Path) -> str:
    """deploy/nginx/site-ess.conf, moved onto loopback ports with a self-signed certificate and N app servers."""
    text = NGINX_SITE.read_text()
    text = replace_once(text, "/var/log/nginx/access.log", str(access_log))
    text = "\n".join(line for line in text.splitlines() if "listen [::]" not in line)
    text = replace_once(text, "/etc/letsencrypt/live/club-ess-sud-gironde.fr/fullchain.pem", str(certificate))
    text = replace_once(text, "/etc/letsencrypt/live/club-ess-sud-gironde.fr/privkey.pem", str(key))
    text = replace_once(text, "club-ess-sud-gironde.fr", HOST)
    text = replace_once(text, "listen 80", f"listen 127.0.0.1:{PORTS['http']}")
    text = replace_once(text, "listen 443", f"listen 127.0.0.1:{PORTS['https']}")
    text = replace_once(text, "alias /srv/site-ess/media/;", f"alias {media}/;")
    servers = "\n    ".join(f"server 127.0.0.1:{port};" for port in app_ports)
    return replace_once(text, "server 127.0.0.1:8000;", servers)


def nginx_main_config(workdir: Path, site: Path) -> str:
    """The few lines /etc/nginx/nginx.conf would give, with every file in the work folder."""
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {workdir}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {workdir}/nginx-access.log;
{temp}
    include {site};
}}
"""


def wait_for(url_or_port, process, what):
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped at start-up (exit code {process.returncode}).")
        try:
            socket.create_connection(("127.0.0.1", url_or_port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{what} did not listen within {START_TIMEOUT_SECONDS} s.")


@dataclass
class Stack:
    workdir: Path
    processes: dict = field(default_factory=dict)

    @property
    def environment(self) -> dict[str, str]:
        """/etc/site-ess/env of both application servers."""
        return {
            "PATH": os.environ["PATH"],
            "HOME": os.environ.get("HOME", "/root"),
            "DJANGO_SETTINGS_MODULE": "site_ess.settings.production",
            "SECRET_KEY": "deployed-suite-" + "k" * 50,
            "ALLOWED_HOSTS": HOST,
            "WAGTAILADMIN_BASE_URL": f"https://{HOST}",
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": REDIS_URL,
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{PORTS['s3']}",
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "deployed-access-key",
            "AWS_SECRET_ACCESS_KEY": "deployed-secret-key",
            "EMAIL_PORT": "8149",  # no SMTP server: e-mails fail, which the site survives
            "FORM_RATE_LIMIT": "2/h",
            "FORM_MIN_FILL_SECONDS": "0",
            "GUNICORN_WORKERS": "2",
            "LOG_LEVEL": "WARNING",
        }

    def manage(self, *args, **kwargs):
        return subprocess.run(  # noqa: S603  (our own interpreter and manage.py)
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.environment, **kwargs.pop("env", {})},
            check=True,
            capture_output=True,
            text=True,
            **kwargs,
        )

    def start(self, name, command, port=None, env=None, log=None):
        log_file = open(self.workdir / f"{log or name}.log", "ab")  # noqa: SIM115  (the process writes it)
        self.processes[name] = process = subprocess.Popen(  # noqa: S603  (fixed commands)
            command, cwd=ROOT, env={**self.environment, **(env or {})}, stdout=log_file, stderr=subprocess.STDOUT
        )
        if port:
            wait_for(port, process, name)
        return process

    def stop(self, name):
        process = self.processes.pop(name)
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def stop_all(self):
        for name in list(self.processes):
            self.stop(name)

    def log(self, name) -> str:
        return (self.workdir / f"{name}.log").read_text(errors="replace")

    # The services, in the order they start.

    def fresh_database_and_cache(self):
        name = DATABASE_URL.rsplit("/", 1)[1]
        with psycopg.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        redis.Redis.from_url(REDIS_URL).flushdb()

    def start_s3(self):
        self.start("s3", [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(PORTS["s3"])], PORTS["s3"])
        client = boto3.client(
            "s3",
            endpoint_url=self.environment["AWS_S3_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="deployed-access-key",
            aws_secret_access_key="deployed-secret-key",
        )
        client.create_bucket(Bucket=BUCKET)
        client.put_bucket_policy(Bucket=BUCKET, Policy=BUCKET_POLICY.read_text().replace("BUCKET_NAME", BUCKET))

    def install_site(self):
        """What docs/deployment.md asks on a first install: migrate, collectstatic, demo content, an admin."""
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("load_demo_content")
        self.manage(
            "createsuperuser", "--noinput", "--username", ADMIN[0], "--email", "exploitant@example.org",
            env={"DJANGO_SUPERUSER_PASSWORD": ADMIN[1]},
        )  # fmt: skip

    def start_app_servers(self):
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        for name in ("app_a", "app_b"):
            port = PORTS[name]
            env = {"GUNICORN_BIND": f"127.0.0.1:{port}"}
            self.start(name, [gunicorn, "-c", "gunicorn.conf.py", "site_ess.wsgi"], port, env)

    def start_nginx(self):
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        certificate, key = self.workdir / "cert.pem", self.workdir / "key.pem"
        subprocess.run(  # noqa: S603
            [shutil.which("openssl") or "/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={HOST}",
             "-addext", f"subjectAltName=DNS:{HOST}", "-keyout", str(key), "-out", str(certificate)],
            check=True, capture_output=True,
        )  # fmt: skip
        media = self.workdir / "media"
        media.mkdir()
        site = self.workdir / "site-ess.conf"
        site.write_text(
            nginx_site_config(
                certificate, key, media, [PORTS["app_a"], PORTS["app_b"]], self.workdir / "nginx-access.log"
            )
        )
        main = self.workdir / "nginx.conf"
        main.write_text(nginx_main_config(self.workdir, site))
        checked = subprocess.run([nginx, "-t", "-q", "-c", str(main)], capture_output=True, text=True)  # noqa: S603
        if checked.returncode:
            raise RuntimeError(f"nginx refuses the configuration generated from deploy/: {checked.stderr}")
        self.start("nginx", [nginx, "-c", str(main), "-g", "daemon off;"], PORTS["https"])

    def wait_until_healthy(self):
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        for port in (PORTS["app_a"], PORTS["app_b"]):
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/sante/", timeout=5) as response:  # noqa: S310
                        if response.status == 200:
                            break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                time.sleep(0.5)

    def up(self):
        self.fresh_database_and_cache()
        self.start_s3()
        self.install_site()
        self.start_app_servers()
        self.start_nginx()
        self.wait_until_healthy()
