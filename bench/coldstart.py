#!/usr/bin/env python3
"""Cold start of any images side by side, as bench/measure.py times it: from just before
`docker run -d` to the first 200 on /, each image with its own command (so the seed and nginx too).

    bench/coldstart.py [--runs 12] [--out FILE] NAME=IMAGE ...

Each round starts every image once, in a new random order; the first round warms the page cache
and is not counted. Prints each round and the medians; --out writes every start (JSON).
"""
import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

import measure as m


def start(image):
    """One cold start with measure.py's own steps (its container, QUIET env and readiness poll)."""
    m.remove()
    t_run = time.perf_counter()
    m.run(*m.docker_run_cmd({"image": image, "env": m.QUIET, "args": []}, []))
    try:
        return round((m.wait_ready() - t_run) * 1000, 1)
    finally:
        m.remove()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("images", nargs="+", type=lambda s: tuple(s.split("=", 1)) if "=" in s else
                   p.error(f'"{s}" is not NAME=IMAGE'))
    p.add_argument("--runs", type=int, default=12)
    p.add_argument("--out", type=Path)
    args = p.parse_args()
    images = dict(args.images)
    times = {name: [] for name in images}
    for i in range(args.runs + 1):
        for name in random.sample(list(images), len(images)):
            ms = start(images[name])
            if i:
                times[name].append(ms)
        if i:
            print(f"round {i}: " + ", ".join(f"{n} {times[n][-1]:.0f}" for n in images), file=sys.stderr, flush=True)
    print(f"{'image':16} {'cold ms':>8} {'(min-max)':>12}")
    for name, ts in times.items():
        print(f"{name:16} {statistics.median(ts):8.0f} {min(ts):5.0f}-{max(ts):<6.0f}")
    if args.out:
        args.out.write_text(json.dumps({"images": images, "cold_ms": times}, indent=1))


if __name__ == "__main__":
    main()
