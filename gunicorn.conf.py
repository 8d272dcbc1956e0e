"""Gunicorn's settings for the portal's web processes: the Dockerfile's CMD and
docker-compose.yml run `gunicorn -c gunicorn.conf.py congress.wsgi:application`.

Each value can be changed from the environment without rebuilding the image. How they fit:
PostgreSQL stops a web request's query after DB_STATEMENT_TIMEOUT_MS (10 s in compose) and
the portal answers 503; gunicorn's `timeout` (30 s) is the last resort for a request stuck
anywhere else (many slow queries in a row, a hung socket): the worker is killed and replaced,
the proxy answers 502. Keep the statement timeout well below it. See README "Scaling out".
"""

import os

# Sync workers: the portal's views are short and database-bound. Two per core is the usual
# start; a node with more memory than cores can take more.
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1))))
# Seconds a worker may stay silent on one request before the arbiter kills and replaces it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On a restart or a deploy (SIGTERM), requests under way get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Each worker is replaced after about a thousand requests (the jitter keeps them from all
# restarting at once): memory a long-lived worker gathers is given back.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))
# Idle keep-alive connections from the proxy in front are closed after this many seconds.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # "-": standard output; empty: none
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# gunicorn's control socket ($HOME/.gunicorn/gunicorn.ctl in recent versions) is not used: off,
# so that two nodes on one host never fight over one path (older versions ignore the name).
control_socket_disable = True
