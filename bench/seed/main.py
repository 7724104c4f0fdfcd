import asyncio
import time

from starlette.applications import Starlette
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

# How long the blocking routes wait: a stand-in for a database call.
WAIT_S = 0.05


async def plaintext(request):
    return PlainTextResponse("Hello, World!")


async def json(request):
    return JSONResponse({"message": "Hello, World!"})


def blocking(request):
    # A sync endpoint: Starlette runs it on its thread pool, as a sync database driver would be.
    time.sleep(WAIT_S)
    return PlainTextResponse("waited 50 ms")


async def waiting(request):
    # The async route: the event loop serves others while this one waits.
    await asyncio.sleep(WAIT_S)
    return PlainTextResponse("waited 50 ms")


app = Starlette(routes=[Route("/", plaintext), Route("/json", json),
                        Route("/blocking", blocking), Route("/async", waiting)])
