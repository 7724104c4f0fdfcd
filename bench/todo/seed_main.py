"""GET /todos/{id} of examples/todo, on the seed's stack: psycopg 3 with an async pool per
gunicorn worker, the way an async Starlette app talks to PostgreSQL."""
import os
from contextlib import asynccontextmanager

from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

# Connections per worker process (each gunicorn worker has its own pool).
POOL_SIZE = int(os.environ.get("DB_POOL_SIZE", "2"))
pool = AsyncConnectionPool(os.environ["DB_DSN"], min_size=POOL_SIZE, max_size=POOL_SIZE, open=False,
                           kwargs={"row_factory": dict_row, "prepare_threshold": 0})


@asynccontextmanager
async def lifespan(app):
    await pool.open(wait=True)
    yield
    await pool.close()


async def todo(request):
    async with pool.connection() as conn:
        cur = await conn.execute("SELECT id, title, done FROM todo WHERE id = %s", (request.path_params["id"],))
        row = await cur.fetchone()
    if row is None:
        return JSONResponse({"error": "not found"}, status_code=404)
    return JSONResponse(row)


app = Starlette(routes=[Route("/todos/{id:int}", todo)], lifespan=lifespan)
