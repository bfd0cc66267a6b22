# One image for web, worker and beat. Stage 1 builds the front-end assets with esbuild;
# stage 2 runs Python and never needs Node.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json build.mjs ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY static/src static/src
RUN node build.mjs

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
# pg_dump and psql for `manage.py backup` and `restore`: bookworm's client is 15,
# the major version of the compose file's postgres.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 mockloop
COPY pyproject.toml README.md ./
RUN pip install .
COPY . .
COPY --from=assets /app/static/dist static/dist
RUN mkdir -p var/media var/backups && SECRET_KEY=build-only-0123456789-0123456789-0123456789-abcdefgh \
    python manage.py collectstatic --no-input -v 0 && chown -R mockloop var
USER mockloop
EXPOSE 8000
CMD ["granian", "--interface", "asginl", "--host", "0.0.0.0", "--port", "8000", "--workers", "2", "--respawn-failed-workers", "--log-level", "warning", "config.asgi:application"]
