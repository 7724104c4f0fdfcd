#!/bin/sh
# The Swarm half of `make deploy-test` (README, Deploying): deploys deploy/compose/compose.prod.yaml
# as a stack (3 replicas of APP_V1 behind the edge), puts a steady load on the edge, and while
# it runs rolls the app out to APP_V2, scales it 3 -> 1 -> 3, and counts every response
# (deploy/test/load.py), then checks them (deploy/test/check.py).
#
#   sh deploy/test/swarm.sh SCENARIO WORK_DIR
#
# SCENARIO is "recommended" (the compose file as it is) or "counterexample" (the same with
# deploy/test/counterexample.yaml over it). Needs a Swarm manager (deploy/test/run.sh makes
# one), the images APP_V1, APP_V2 and EDGE, and EDGE_PORT free (the edge publishes it in host
# mode, which Swarm binds on every address; the load connects to 127.0.0.1). Every wait is
# bounded; the stack is removed on the way out.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
scenario=$1
work=$2
stack=${STACK:-ub-deploy}
: "${APP_V1:?}" "${APP_V2:?}" "${EDGE:?}" "${EDGE_PORT:?}"
RATE=${RATE:-200}
url=http://127.0.0.1:$EDGE_PORT

case $scenario in
  recommended) files="-c $here/../compose/compose.prod.yaml" ;;
  counterexample) files="-c $here/../compose/compose.prod.yaml -c $here/counterexample.yaml" ;;
  *) echo "error: SCENARIO: \"$scenario\" is not one of recommended, counterexample" >&2; exit 2 ;;
esac
out=$work/$scenario
mkdir -p "$out"

say() { printf '[%s %s] %s\n' "$(date +%T)" "$scenario" "$*"; }

# Polls COMMAND until it succeeds, for at most SECONDS.
wait_for() {
  seconds=$1; shift
  end=$(($(date +%s) + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$end" ] || { say "gave up after ${seconds}s waiting for: $*"; return 1; }
    sleep 1
  done
}

# True when the edge has answered from N different replicas of VERSION in a row of requests.
edge_spreads() {
  n=$1 version=$2
  seen=$(for _ in 1 2 3 4 5 6 7 8 9; do
    curl -s -m 2 -D - -o /dev/null "$url/" | tr -d '\r' | tr 'A-Z' 'a-z' | tr '\n' ' '; echo
  done | sed -n "s/.*x-replica: \([^ ]*\).*x-version: $version .*/\1/p; s/.*x-version: $version .*x-replica: \([^ ]*\).*/\1/p" | sort -u | wc -l)
  [ "$seen" -ge "$n" ]
}

stack_gone() {
  [ -z "$(docker ps -aq --filter label=com.docker.stack.namespace="$stack")" ] &&
    [ -z "$(docker network ls -q --filter name="${stack}_")" ]
}

remove_stack() {
  docker stack rm "$stack" >/dev/null 2>&1 || true
  wait_for 90 stack_gone
}

# Every container the app's service starts, recorded as it starts: scaling down removes the
# tasks of the slots it drops, and with them their containers, from `docker service ps`.
record_starts() {
  docker events --filter type=container --filter event=start \
    --filter label=com.docker.swarm.service.name="${stack}_app" \
    --format '{{.Actor.ID}} {{index .Actor.Attributes "image"}} {{.Time}}' >"$out/started.txt" &
  events_pid=$!
}

deploy() {
  say "deploying $APP_V1 x3 behind $EDGE on $url"
  # shellcheck disable=SC2086 # $files is a list of -c options
  APP_IMAGE=$APP_V1 EDGE_IMAGE=$EDGE EDGE_PORT=$EDGE_PORT \
    docker stack deploy --resolve-image never $files "$stack" >"$out/deploy.log" 2>&1 ||
    { cat "$out/deploy.log" >&2; return 1; }
  wait_for 120 edge_spreads 3 "$(docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$APP_V1" | sed -n 's/^APP_VERSION=//p')"
}

# The load runs in the background, reading phase names from a FIFO on descriptor 3.
start_load() {
  rm -f "$out/phases"
  mkfifo "$out/phases"
  python3 "$here/load.py" "$url" --rate "$RATE" --max-seconds 400 <"$out/phases" >"$out/load.json" &
  load_pid=$!
  exec 3>"$out/phases"
}

phase() {
  say "phase $1"
  echo "phase $1" >&3
  echo "$1 $(date +%s.%N)" >>"$out/phases.txt"
}

# Runs an orchestrator command in the foreground (Swarm waits until it converged), bounded.
converge() {
  say "$*"
  timeout 240 "$@" >>"$out/orchestrator.log" 2>&1 || { say "failed (status $?): $*; see $out/orchestrator.log"; return 1; }
}

# What check.py reads: the containers started (started.txt), the app's tasks at the end
# (container, image, state), each remaining container's log (the access log), the edge's log,
# and the address clients reach the edge from.
collect() {
  kill "$events_pid" 2>/dev/null || true
  events_pid=
  docker service ps "${stack}_app" --no-trunc -q | while read -r task; do
    docker inspect -f '{{.Status.ContainerStatus.ContainerID}} {{.Spec.ContainerSpec.Image}} {{.Status.State}} {{.Slot}}' "$task"
  done >"$out/tasks.txt"
  mkdir -p "$out/logs"
  while read -r container _; do
    [ -z "$container" ] || timeout 30 docker logs "$container" >"$out/logs/app-$container.log" 2>&1 || true
  done <"$out/tasks.txt"
  edge=$(docker ps -q --filter label=com.docker.swarm.service.name="${stack}_edge" | head -n 1)
  timeout 30 docker logs "$edge" >"$out/logs/edge.log" 2>&1 || true
  docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}' "$edge" >"$out/edge-addresses.txt"
  docker network inspect docker_gwbridge -f '{{(index .IPAM.Config 0).Gateway}}' >"$out/client-address.txt"
}

# The orchestrator's steps under load. A step that fails (or does not converge in time) is
# reported and the rest still run, so the counts cover the whole run.
rollout() {
  status=0
  phase steady; sleep 5
  phase rollout
  converge docker service update --detach=false --no-resolve-image --image "$APP_V2" "${stack}_app" || status=1
  phase scale-down
  converge docker service scale --detach=false "${stack}_app=1" || status=1
  phase scale-up
  converge docker service scale --detach=false "${stack}_app=3" || status=1
  phase tail; sleep 5
  return $status
}

events_pid=
cleanup() {
  set +e
  exec 3>&- 2>/dev/null
  [ -z "$events_pid" ] || kill "$events_pid" 2>/dev/null
  remove_stack
}
trap cleanup EXIT
trap 'exit 130' INT TERM
: >"$out/phases.txt"
: >"$out/orchestrator.log"
remove_stack || { say "a stack $stack from an earlier run is still being removed"; exit 1; }
record_starts
deploy || { say "the stack did not come up: the edge did not answer from 3 replicas"; exit 1; }
start_load
steps=0
rollout || steps=$?
exec 3>&-
wait "$load_pid" || { say "the load generator failed"; exit 1; }
collect
say "load: $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%d sent, %d ok, %d failed" % (d["sent"], d["ok"], d["failed"]))' "$out/load.json")"
[ "$steps" -eq 0 ] || say "a step did not converge; see $out/orchestrator.log"
exit "$steps"
