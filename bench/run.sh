#!/bin/sh
# `make bench`: builds whatever is missing, measures each server alone on this machine, then
# writes RESULTS.md, results/*.json and charts/*.png. Needs docker, python3, make, and for the
# plain-Undertow floor Maven with a JDK 21+. `bench/run.sh quick` is a 2-second smoke run
# whose output goes to bench/work/ (not committed) instead.
set -eu
bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
cd "$root"
started=$(date +%s)
export BENCH_STARTED="$started"  # report.py states the run time

case "${1:-}" in
  "") ;;
  quick)
    export BENCH_DURATION="${BENCH_DURATION:-1}" BENCH_ROUNDS="${BENCH_ROUNDS:-1}" BENCH_WARMUP="${BENCH_WARMUP:-1}" \
      BENCH_RUNS="${BENCH_RUNS:-3}" BENCH_SETTLE="${BENCH_SETTLE:-1}" \
      BENCH_OUT="${BENCH_OUT:-$bench/work}" ;;
  *) echo "error: unknown argument \"$1\" (usage: bench/run.sh [quick])" >&2; exit 2 ;;
esac
port=${BENCH_PORT:-18080}
# BENCH_BASE: the repository of the images measured (e.g. a branch's build, make images
# IMAGE=NAME); BENCH_PREFIX: the names of the harness's own images and container.
base=${BENCH_BASE:-undertow-base}
prefix=${BENCH_PREFIX:-ub-bench}
app_src=${BENCH_APP_SRC:-examples/hello}
# Exported for the steps below (measure.py, todo.py, http2.py), so that they find the images built here.
export BENCH_BASE="$base" BENCH_PREFIX="$prefix" BENCH_APP_SRC="$app_src"

for tool in docker python3 make mvn; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is not installed" >&2; exit 2; }
done
[ -d "$app_src" ] || { echo "error: BENCH_APP_SRC: $app_src is not a directory" >&2; exit 2; }
# report.py reads BENCH_STRICT at the end; a bad value is refused now, not after the run.
PYTHONPATH="$bench" python3 -c 'import os, guard; guard.strict_setting(os.environ)'

# A JDK 21+ for Maven: JAVA_HOME if set, else the newest under /usr/lib/jvm.
if [ -z "${JAVA_HOME:-}" ]; then
  for jdk in $(ls -d /usr/lib/jvm/* 2>/dev/null | sort -rV); do
    release=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release" 2>/dev/null || true)
    if [ -x "$jdk/bin/javac" ] && [ "${release:-0}" -ge 21 ]; then
      export JAVA_HOME="$jdk"
      break
    fi
  done
fi

step() { printf '\n== %s\n' "$*"; }

step "base image"
images/base/bootstrap.sh

step "our images (make images for those missing)"
missing=
for tag in java25-slim java25 java21-slim; do
  docker image inspect "$base:$tag" >/dev/null 2>&1 || missing="$missing $tag"
done
[ -z "$missing" ] || make images IMAGE="$base" TAG="${missing# }"
for tag in java25-slim java25 java21-slim; do
  echo "$base:$tag built $(docker image inspect -f '{{.Created}}' "$base:$tag")"
done
echo "(existing images are used as they are: \`make images bench\` rebuilds them first)"

step "anchor images, the load client, the example app on our tags"
undertow=$(sed -n 's:.*<undertow.version>\(.*\)</undertow.version>.*:\1:p' pom.xml)
[ -n "$undertow" ] || { echo "error: pom.xml: no <undertow.version> property" >&2; exit 2; }
mvn -q -B -f bench/undertow/pom.xml -Dundertow.version="$undertow" package
mvn -q -B -f "$app_src/pom.xml" -DskipTests package
mvn -q -B -f bench/blocking/pom.xml -Dundertow.version="$undertow" package
log=$(mktemp)
trap 'rm -f "$log"' EXIT
build() { docker build "$@" >"$log" 2>&1 || { tail -n 30 "$log" >&2; exit 1; }; }
build -t "$prefix-undertow" bench/undertow
build -t "$prefix-seed" bench/seed
build -t "$prefix-nginx" --build-arg PORT="$port" bench/nginx
build -t "$prefix-tools" bench/tools
for tag in java25-slim java25 java21-slim; do
  build -t "$prefix-hello:$tag" --build-arg BASE="$base" --build-arg TAG="$tag" -f bench/app.dockerfile "$app_src"
done
for tag in java25-slim java21-slim; do
  build -t "$prefix-blocking:$tag" --build-arg BASE="$base" --build-arg TAG="$tag" bench/blocking
done
# The cold start's two floors (bench/bounds.md): plain Undertow without MBeans, and the JVM alone,
# each on java25-slim's own runtime with a start-up cache of its own.
build -t "$prefix-undertow-cached" --build-arg BASE="$base:java25-slim" \
  --build-arg OPTS=-Djavax.management.builder.initial=bench.NoMBeans -f bench/undertow/cached.dockerfile bench/undertow
build -t "$prefix-jvm-alone" --build-arg BASE="$base:java25-slim" --build-arg MAIN=bench.SocketMain \
  -f bench/undertow/cached.dockerfile bench/undertow

load=$(cut -d' ' -f1 /proc/loadavg)
step "measuring (load average now: $load)"
case "$load" in
  0.[0-4]*) ;;
  *) echo "warning: the machine is busy (load average $load): the figures will be noisy" >&2 ;;
esac
status=0
python3 bench/measure.py || status=$?  # still report what was measured

step "the todo example against PostgreSQL (bench/todo.py: results/todo.json, todo.md, charts/todo.png)"
python3 bench/todo.py || status=$?

step "HTTP/2: java25-slim over HTTP/1.1 and h2c (bench/http2.py: results/http2.json)"
# BENCH_BUILT=1: the app and load-client images built above are used as they are, not rebuilt.
BENCH_BUILT=1 python3 bench/http2.py || status=$?

step "report"
# report.py exits 3 when BENCH_STRICT=1 and the run disagrees with itself or with the committed
# one (README, Benchmarks); a failed measurement's status comes first.
python3 bench/report.py || { rc=$?; [ "$status" -ne 0 ] || status=$rc; }
echo "done in $(( $(date +%s) - started )) s: ${BENCH_OUT:-$bench}/RESULTS.md"
exit "$status"
