#!/bin/sh
# The Cloud Run part of `make deploy-test` (README, Deploying): the container that
# deploy/cloudrun/service.yaml describes, run on Docker the way Cloud Run runs it (PORT and
# K_* injected, the file's env, CPU and memory limits; SIGTERM, then SIGKILL after 10 s), and
# checked: its startup and liveness probes pass, it speaks h2c on the port named h2c, the JVM
# is sized to the limits, and a stop loses no request in flight and ends within the 10 s.
#
#   sh deploy/test/cloudrun.sh WORK_DIR
#
# Not verifiable here (no Google Cloud): that Cloud Run accepts the file (`gcloud run services
# replace`), the annotations' effect (startup CPU boost, scaling bounds), containerConcurrency
# and the front end's queueing, HTTP/2 through Google's front end, and how Cloud Run sends its
# probes on an h2c port.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
work=$1
out=$work/cloudrun
port=${RUN_PORT:-18382}
name=ub-deploy-cloudrun
: "${APP_V1:?}" "${VALIDATE:?}"
mkdir -p "$out"
facts=$out/facts.txt
$VALIDATE facts "$here/../cloudrun/service.yaml" >"$facts"

# Kubernetes quantities as docker run takes them: 512Mi -> 512m, 1Gi -> 1g, 500m CPU -> 0.5.
memory() { echo "$1" | sed 's/Mi$/m/; s/Gi$/g/'; }
cpus() { case $1 in *m) awk -v m="${1%m}" 'BEGIN { print m / 1000 }' ;; *) echo "$1" ;; esac; }

start() {
  container_port=$(fact port)
  set -- --name "$name" -d -p "127.0.0.1:$port:$container_port" \
    -e PORT="$container_port" -e K_SERVICE=app -e K_REVISION=app-00001 -e K_CONFIGURATION=app \
    --cpus "$(cpus "$(fact limit cpu)")" --memory "$(memory "$(fact limit memory)")"
  while read -r kind value; do
    [ "$kind" != env ] || set -- "$@" -e "$value"
  done <"$facts"
  docker run "$@" "$APP_V1" >/dev/null
}

path() {
  set -- $(fact probe "$1")
  echo "$1"
}

h2c() {
  version=$(curl -s -o /dev/null -w '%{http_version} %{http_code}' -m 5 --http2-prior-knowledge "http://127.0.0.1:$port/" || true)
  echo "   (HTTP/2 with prior knowledge: ${version:-no answer})"
  [ "$version" = "2 200" ]
}

# SIGTERM with a request in flight, SIGKILL after Cloud Run's 10 s: the request is answered
# and the server exits 0 before the SIGKILL.
stops_within_10s() {
  (status=0; curl -s -o /dev/null -w '%{http_code}' -m 15 "http://127.0.0.1:$port/slow" >"$out/inflight.status" || status=$?
   echo " (curl exit status $status)" >>"$out/inflight.status") &
  inflight=$!
  sleep 0.15
  start=$(date +%s.%N)
  docker stop -t "$(fact grace)" "$name" >/dev/null
  took=$(since "$start")
  wait "$inflight" || true
  code=$(docker inspect -f '{{.State.ExitCode}}' "$name")
  echo "   (stop took $took s of $(fact grace); exit status $code; in-flight request: $(cat "$out/inflight.status"))"
  [ "$code" = 0 ] && [ "$(cut -c1-3 "$out/inflight.status")" = 200 ]
}

echo "== deploy/cloudrun/service.yaml's container, run as Cloud Run runs it"
trap 'docker rm -f "$name" >/dev/null 2>&1 || true' EXIT
docker rm -f "$name" >/dev/null 2>&1 || true
start
set -- $(fact probe startupProbe)
check "startup probe GET $(path startupProbe) passes within ${3}x${4} s" \
  startup_ok "http://127.0.0.1:$port$(path startupProbe)" "$3" "$4" "$5"
set -- $(fact probe livenessProbe)
check "liveness probe GET $(path livenessProbe)" probe_ok "http://127.0.0.1:$port$(path livenessProbe)" "$5"
check "serves the app" probe_ok "http://127.0.0.1:$port/" 5
check "speaks h2c on the port named h2c" h2c
heap=$(docker logs "$name" 2>/dev/null | sed -n 's/^+ exec java .*\(-Xmx[0-9]*[mg]\).*/\1/p')
check "the JVM is sized to the memory limit $(fact limit memory) (${heap:-no -Xmx})" test -n "$heap"
check "stops within Cloud Run's 10 s, losing no request in flight" stops_within_10s
docker logs "$name" >"$out/app.log" 2>&1 || true
summary "cloudrun"
