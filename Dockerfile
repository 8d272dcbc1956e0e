# One image for web, worker and beat (docker-compose.yml).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VAR_DIR=/srv/var
WORKDIR /srv/app
# WeasyPrint lays out the PDFs of official papers with Pango; the Noto CJK fonts draw their
# Chinese (congress.documents.pdf).
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock
COPY . .
# Settings refuse to start without a secret and a base URL in production; these values exist
# only for collecting the static files at build time.
RUN DEBUG=0 SECRET_KEY=build-only PORTAL_BASE_URL=https://build.invalid python manage.py collectstatic --noinput
RUN useradd --system --home /srv portal && mkdir -p /srv/var && chown -R portal /srv/var
USER portal
EXPOSE 8000
# Workers, timeouts and restarts: gunicorn.conf.py (each can be set from the environment).
CMD ["gunicorn", "-c", "gunicorn.conf.py", "congress.wsgi:application"]
