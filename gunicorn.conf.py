"""Gunicorn's settings for the site, each from the environment (`gunicorn -c gunicorn.conf.py site_ess.wsgi`)."""

import multiprocessing
import os

from site_ess.log_privacy import redacting_gunicorn_logger

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: (2 × CPU) + 1 is gunicorn's advice; a small server is often happy with 3.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# A request taking longer than this is stuck (a slow page is a few hundred ms): the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Behind nginx on the same host, or a load balancer whose idle timeout is longer than this.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then, so that a slow memory leak never grows.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Only the proxy's own address may tell us the client's scheme (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# The access log without the token of a « Vérifiez votre fiche » link (site_ess/log_privacy.py).
logger_class = redacting_gunicorn_logger  # a function: gunicorn calls it for the class
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
