#!/bin/sh
# `make deploy-test` (README, Deploying): the deploy/ files proved on running engines.
#  1. the manifests parsed strictly against the Kubernetes OpenAPI schema (deploy/test/validate),
#     the development Compose file by docker stack config;
#  2. Docker Swarm: compose.prod.yaml as a stack behind its edge, a rolling update and a scale
#     3 -> 1 -> 3 under 200 req/s, every response counted (swarm.sh, check.py); then the same
#     without SHUTDOWN_DELAY and health check, measured (the counterexample);
#  3. the Kubernetes Deployment under `podman kube play` (podman.sh);
#  4. the Cloud Run container, run as Cloud Run runs it (cloudrun.sh).
# Installs what it lacks (Debian packages), builds the test app on BASE (default
# undertow-base:java25-slim, built by `make images` when missing) and the edge, and removes
# what it made: stacks, images, the swarm if it made one. Takes about 5 minutes on 2 cores.
#
#   sh deploy/test/run.sh          (JAVA_HOME: a JDK >= 21 for Maven; make deploy-test sets it)
#
# Variables: BASE, EDGE_PORT (18380), POD_PORT (18381), RUN_PORT (18382), RATE (200 req/s),
# DEPLOY_WORK (deploy/test/work: logs, counts, summary.json per scenario).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
BASE=${BASE:-undertow-base:java25-slim}
work=${DEPLOY_WORK:-$root/deploy/test/work}
export APP_V1=ub-deploy-app:v1 APP_V2=ub-deploy-app:v2 EDGE=ub-deploy-edge
export EDGE_PORT=${EDGE_PORT:-18380}
export VALIDATE="java -cp $here/validate/target/validate.jar:$here/validate/target/lib/* validate.Main"
[ -z "${JAVA_HOME:-}" ] || export PATH="$JAVA_HOME/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

install_missing() {
  missing=
  command -v podman >/dev/null || missing="$missing podman"
  [ -x /usr/bin/catatonit ] || missing="$missing catatonit"  # the pod's infra container's init
  command -v curl >/dev/null || missing="$missing curl"
  command -v python3 >/dev/null || missing="$missing python3"
  command -v kubectl >/dev/null || missing="$missing kubernetes-client"  # kubectl kustomize
  [ -n "$missing" ] || return 0
  echo "installing$missing"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  # shellcheck disable=SC2086 # a list of package names
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null
}

# quietly COMMAND...: its output goes to build.log, and is shown if it fails.
quietly() {
  "$@" >>"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log" >&2; return 1; }
}

build() {
  undertow=$(sed -n 's:.*<undertow.version>\(.*\)</undertow.version>.*:\1:p' pom.xml)
  quietly mvn -B -f deploy/test/app/pom.xml -Dundertow.version="$undertow" package
  quietly mvn -B -f deploy/test/validate/pom.xml package
  docker image inspect "$BASE" >/dev/null 2>&1 || make images IMAGE="${BASE%:*}" TAG="${BASE##*:}"
  for version in v1 v2; do
    quietly docker build --build-arg BASE="$BASE" --build-arg VERSION="$version" -t "ub-deploy-app:$version" deploy/test/app
  done
  quietly docker build -t "$EDGE" deploy/compose/edge
  echo "built $APP_V1 and $APP_V2 on $BASE ($(docker image inspect -f '{{.Created}}' "$BASE")), and $EDGE"
}

# What the image under test offers: its probe paths and HEALTHCHECK, which check.py's checks of
# the image itself read.
probe_image() {
  docker rm -f ub-deploy-probe >/dev/null 2>&1 || true
  docker run -d --name ub-deploy-probe -p "127.0.0.1:$EDGE_PORT:8080" "$APP_V1" >/dev/null
  tries=0
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://127.0.0.1:$EDGE_PORT/" || true)" = 200 ]; do
    tries=$((tries + 1)); [ "$tries" -lt 60 ] || { docker logs ub-deploy-probe; exit 1; }; sleep 1
  done
  liveness=$(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://127.0.0.1:$EDGE_PORT/livez" || true)
  readiness=$(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://127.0.0.1:$EDGE_PORT/readyz" || true)
  docker rm -f ub-deploy-probe >/dev/null
  healthcheck=$(docker image inspect -f '{{json .Config.Healthcheck}}' "$BASE")
  cat >"$work/image.json" <<EOF
{"base": "$BASE", "old": "$APP_V1", "new": "$APP_V2", "liveness_path": "/livez", "liveness": $liveness,
 "readiness_path": "/readyz", "readiness": $readiness, "healthcheck": $healthcheck}
EOF
  echo "$BASE: GET /livez $liveness, GET /readyz $readiness, HEALTHCHECK $healthcheck"
}

# Swarm mode on this engine: made here (and left afterwards) unless it is already on.
swarm_up() {
  made_swarm=
  gwbridge_before=$(docker network ls -q --filter name='^docker_gwbridge$')
  [ "$(docker info -f '{{.Swarm.LocalNodeState}}')" = active ] && return 0
  docker swarm init --advertise-addr 127.0.0.1 >/dev/null
  made_swarm=yes
  echo "swarm mode started on this engine (it is left at the end)"
}

swarm_down() {
  [ -n "$made_swarm" ] || return 0
  if [ -n "$(docker service ls -q)" ]; then
    echo "warning: services other than this test's run on the swarm; it is not left"
    return 0
  fi
  docker swarm leave --force >/dev/null
  [ -n "$gwbridge_before" ] || docker network rm docker_gwbridge >/dev/null 2>&1 || true
  echo "left the swarm this test started"
}

cleanup() {
  set +e
  docker rm -f ub-deploy-probe >/dev/null 2>&1 || true
  swarm_down
  docker image rm "$APP_V1" "$APP_V2" "$EDGE" >/dev/null 2>&1 || true
}

# part NAME COMMAND...: runs a part, its output also in $work/NAME.log, and counts its checks
# from the "N passed, N failed" line it ends with.
part() {
  name=$1; shift
  status=0
  { "$@" 2>&1 || echo "$name: exit status $?"; } | tee "$work/$name.log"
  line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$work/$name.log" | tail -n 1)
  if grep -q "^$name: exit status" "$work/$name.log" && [ -z "$line" ]; then
    line="0 passed, 1 failed"
  fi
  set -- $(echo "$line" | awk '{ for (i = 1; i < NF; i++) { if ($(i + 1) ~ /^passed/) p = $i; if ($(i + 1) ~ /^failed/) f = $i } }
    END { print p + 0, f + 0 }')
  total_passed=$((total_passed + $1))
  total_failed=$((total_failed + $2))
  echo "$name $1 $2" >>"$work/parts.txt"
}

rm -rf "$work"
mkdir -p "$work"
total_passed=0
total_failed=0
trap cleanup EXIT
trap 'exit 130' INT TERM
started=$(date +%s)

step "tools"
install_missing
sh images/docker-up.sh
step "images"
build
probe_image
step "manifests against the Kubernetes OpenAPI schema"
part manifests $VALIDATE check deploy/kubernetes/kustomization.yaml deploy/kubernetes/deployment.yaml \
  deploy/kubernetes/service.yaml deploy/kubernetes/hpa.yaml deploy/kubernetes/pdb.yaml deploy/cloudrun/service.yaml
step "the development Compose file"
part compose sh -c '. deploy/test/lib.sh
  check "deploy/compose/compose.yaml parses as a Compose file (docker stack config)" \
    eval "docker stack config -c deploy/compose/compose.yaml >/dev/null 2>&1"
  summary compose'
step "Docker Swarm: rolling update and scaling under load"
swarm_up
sh "$here/swarm.sh" recommended "$work" || true
part swarm-recommended python3 "$here/check.py" "$work" recommended
sh "$here/swarm.sh" counterexample "$work" || true
python3 "$here/check.py" "$work" counterexample | tee "$work/swarm-counterexample.log"
step "Kubernetes Deployment under podman kube play"
part podman sh "$here/podman.sh" "$work"
step "Cloud Run service"
part cloudrun sh "$here/cloudrun.sh" "$work"

step "summary ($(($(date +%s) - started)) s)"
while read -r name p f; do echo "   $name: $p passed, $f failed"; done <"$work/parts.txt"
echo "deploy-test: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
