# The settings of tiangolo/uvicorn-gunicorn-docker's gunicorn_conf.py, same variables and
# defaults, so the seed stack runs as users of that image run it.
import multiprocessing
import os

workers_per_core = float(os.getenv("WORKERS_PER_CORE", "1"))
max_workers_str = os.getenv("MAX_WORKERS")
web_concurrency_str = os.getenv("WEB_CONCURRENCY")
host = os.getenv("HOST", "0.0.0.0")
port = os.getenv("PORT", "80")
use_loglevel = os.getenv("LOG_LEVEL", "info")
accesslog_var = os.getenv("ACCESS_LOG", "-")
errorlog_var = os.getenv("ERROR_LOG", "-")

cores = multiprocessing.cpu_count()
default_web_concurrency = workers_per_core * cores
if web_concurrency_str:
    web_concurrency = int(web_concurrency_str)
else:
    web_concurrency = max(int(default_web_concurrency), 2)
    if max_workers_str:
        web_concurrency = min(web_concurrency, int(max_workers_str))

loglevel = use_loglevel
workers = web_concurrency
bind = os.getenv("BIND") or f"{host}:{port}"
errorlog = errorlog_var or None
accesslog = accesslog_var or None
graceful_timeout = int(os.getenv("GRACEFUL_TIMEOUT", "120"))
timeout = int(os.getenv("TIMEOUT", "120"))
keepalive = int(os.getenv("KEEP_ALIVE", "5"))
