#!/bin/sh
# Starts a Docker engine when none answers (fresh machines, CI), then waits until it does.
set -eu
docker info >/dev/null 2>&1 && exit 0
command -v dockerd >/dev/null || {
  echo "error: no Docker engine answers and dockerd is not installed (apt-get install docker.io)" >&2; exit 1; }
echo "docker: starting dockerd (log in /var/log/dockerd.log)"
setsid dockerd >/var/log/dockerd.log 2>&1 </dev/null &
waited=0
until docker info >/dev/null 2>&1; do
  [ "$waited" -lt 60 ] || { echo "error: dockerd did not answer within 60 s; see /var/log/dockerd.log" >&2; exit 1; }
  sleep 1
  waited=$((waited + 1))
done
