"""Settings of the portal processes that tests/scale starts (gunicorn nodes, Celery workers):
the portal's own, run as in production (DEBUG off, from the environment), plus test views
whose query sleeps (tests/scale/urls.py).

One difference: static files are named as they are, without the manifest `collectstatic`
writes (a minute of compression), so that pages render in a node started a second ago.
"""

from congress.settings import *  # noqa: F403
from congress.settings import STORAGES

ROOT_URLCONF = "tests.scale.urls"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
