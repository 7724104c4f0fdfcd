# The todo app's read route on the seed's stack: gunicorn managing uvicorn workers serving
# Starlette (as bench/seed), with psycopg 3's async connection pool, all from Debian packages.
# Build context: bench/ (for seed/gunicorn_conf.py).
FROM debian:trixie-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      gunicorn python3-uvicorn python3-starlette python3-httptools python3-psycopg python3-psycopg-pool \
 && rm -rf /var/lib/apt/lists/*
COPY seed/gunicorn_conf.py /gunicorn_conf.py
COPY todo/seed_main.py /app/main.py
WORKDIR /app
ENV PYTHONPATH=/app PORT=8080
CMD ["gunicorn", "-k", "uvicorn.workers.UvicornWorker", "-c", "/gunicorn_conf.py", "main:app"]
