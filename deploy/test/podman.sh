#!/bin/sh
# The Kubernetes half of `make deploy-test` (README, Deploying): deploy/kubernetes rendered by
# kustomize and run by `podman kube play` (Debian's podman), then checked as a kubelet would:
# the pod starts, its probes pass, it runs as non-root on a read-only root file system with no
# capabilities, the JVM is sized to its limits, and it stops gracefully within its grace period.
#
#   sh deploy/test/podman.sh WORK_DIR
#
# Needs podman, catatonit, kubectl (for kustomize), curl, APP_V1 in Docker's image store, and
# VALIDATE (the command that runs deploy/test/validate). What podman 4.3 (Debian 12) cannot do,
# and how each part is checked instead:
#  - replicas: it starts one pod per replica, and a hostPort can be bound once: the overlay
#    asks for 1 replica, published on 127.0.0.1:POD_PORT;
#  - probes: it turns livenessProbe into a HEALTHCHECK that runs curl (not in the image) on
#    port 0 for a named port, runs it from systemd timers (none here), and ignores startup and
#    readiness probes: this script runs each probe from the manifest the kubelet's way;
#  - stopping: `podman kube down` SIGKILLs at once (podman#22397, fixed in 5.1) and
#    terminationGracePeriodSeconds is ignored (supported from 4.7); `podman pod stop` stops
#    the pod's infra container, and with it the pod's network, alongside the app (a response
#    in flight was lost once in 5 tries). The kubelet stops the app's containers first and the
#    pod's sandbox after them, so this script does that: `podman stop -t GRACE` on the app's
#    container, then `podman kube down`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
work=$1
out=$work/podman
port=${POD_PORT:-18381}
: "${APP_V1:?}" "${VALIDATE:?}"
mkdir -p "$out/overlay"

# podman's default ulimits exceed this machine's hard limits; CONTAINERS_CONF replaces
# /etc/containers/containers.conf for these commands only.
printf '[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]\n' >"$out/containers.conf"
export CONTAINERS_CONF="$out/containers.conf"

image=localhost/$APP_V1
case $APP_V1 in */*) image=$APP_V1 ;; esac

render() {
  base=$(python3 -c 'import os, sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' "$here/../kubernetes" "$out/overlay")
  cat >"$out/overlay/kustomization.yaml" <<EOF
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - $base
patches:
  - target: {kind: Deployment, name: app}
    patch: |
      - {op: replace, path: /spec/replicas, value: 1}
      - {op: replace, path: /spec/template/spec/containers/0/image, value: $image}
      - {op: add, path: /spec/template/spec/containers/0/ports/0/hostIP, value: 127.0.0.1}
      - {op: add, path: /spec/template/spec/containers/0/ports/0/hostPort, value: $port}
EOF
  kubectl kustomize "$out/overlay" >"$out/rendered.yaml"
}

cleanup() {
  podman kube down "$out/rendered.yaml" >/dev/null 2>&1 || true
  podman volume rm -f tmp >/dev/null 2>&1 || true
  podman rmi -f "$image" >/dev/null 2>&1 || true
  # podman builds its pod infra image on first use; remove it unless it was there before
  [ -n "$pause_before" ] || podman rmi -f "$(podman images -q --filter reference=localhost/podman-pause)" >/dev/null 2>&1 || true
}

pod_running() {
  [ "$(podman pod inspect app-pod-0 --format '{{.State}}' 2>/dev/null)" = Running ]
}

writes() { podman exec app-pod-0-app sh -c "echo x > $1/ub-deploy-write-test" 2>/dev/null; }
not() { ! "$@"; }

# Stops the app's container as the kubelet does (SIGTERM, SIGKILL after the grace period; the
# pod's network stays up), in the background, with a request in flight.
stop_pod() {
  grace=$(fact grace)
  # /slow answers after 300 ms: 150 ms in, it is in flight (curl's exit status tells: 7 is
  # a refused connection, i.e. not in flight; 52 or 56, one cut short)
  (status=0; curl -s -o /dev/null -w '%{http_code}' -m 15 "http://127.0.0.1:$port/slow" >"$out/inflight.status" || status=$?
   echo " (curl exit status $status)" >>"$out/inflight.status") &
  inflight=$!
  sleep 0.15
  stop_started=$(date +%s.%N)
  (podman stop -t "$grace" app-pod-0-app >/dev/null 2>>"$out/podman.log"; since "$stop_started" >"$out/stop.took") &
  stopping=$!
}

# During SHUTDOWN_DELAY: readiness answers 503 (the Service stops sending requests) while the
# app still answers (requests Kubernetes routes before it has noticed are served).
draining() {
  sleep 1
  ready=$(http_status "http://127.0.0.1:$port$(fact probe readinessProbe | cut -d' ' -f1)" 2)
  app=$(http_status "http://127.0.0.1:$port/" 2)
  echo "   (1 s after SIGTERM: readiness $ready, the app $app)"
  [ "$ready" = 503 ] && [ "$app" = 200 ]
}

# The request in flight was answered, and the server exited 0 (it drained and stopped by
# itself; SIGKILL gives 137) within the grace period.
stopped_gracefully() {
  wait "$stopping" || true
  wait "$inflight" || true
  code=$(podman inspect app-pod-0-app --format '{{.State.ExitCode}}')
  echo "   (stop took $(cat "$out/stop.took") s of $grace; exit status $code; in-flight request: $(cat "$out/inflight.status"))"
  [ "$code" = 0 ] && [ "$(cut -c1-3 "$out/inflight.status")" = 200 ] &&
    awk -v t="$(cat "$out/stop.took")" -v g="$grace" 'BEGIN { exit !(t < g) }'
}

echo "== Kubernetes manifests under podman $(podman version --format '{{.Client.Version}}') kube play"
pause_before=$(podman images -q --filter reference=localhost/podman-pause)
trap cleanup EXIT
cleanup
docker save "$APP_V1" | podman load -q >/dev/null
check "kustomize renders deploy/kubernetes with an overlay" render
facts=$out/facts.txt
$VALIDATE facts "$out/rendered.yaml" >"$facts"
podman kube play "$out/rendered.yaml" >"$out/play.log" 2>&1 || { cat "$out/play.log"; exit 1; }
podman logs -f app-pod-0-app >"$out/app.log" 2>&1 &
check "the pod runs" pod_running
set -- $(fact probe startupProbe)
check "startup probe GET $1 passes within ${3}x${4} s" startup_ok "http://127.0.0.1:$port$1" "$3" "$4" "$5"
set -- $(fact probe livenessProbe)
check "liveness probe GET $1" probe_ok "http://127.0.0.1:$port$1" "$5"
set -- $(fact probe readinessProbe)
check "readiness probe GET $1" probe_ok "http://127.0.0.1:$port$1" "$5"
check "serves the app" probe_ok "http://127.0.0.1:$port/" 5
check "runs as non-root (uid $(podman exec app-pod-0-app id -u))" test "$(podman exec app-pod-0-app id -u)" != 0
check "root file system is read-only" not writes /
check "/tmp (the emptyDir) is writable" writes /tmp
check "no capabilities, no privilege escalation" test \
  "$(podman inspect app-pod-0-app --format '{{len .EffectiveCaps}} {{.HostConfig.SecurityOpt}}')" = "0 [no-new-privileges]"
memory=$(podman inspect app-pod-0-app --format '{{.HostConfig.Memory}}')
heap=$(sed -n 's/^+ exec java .*\(-Xmx[0-9]*[mg]\).*/\1/p' "$out/app.log")
check "the JVM is sized to the memory limit ($memory bytes: ${heap:-no -Xmx})" test -n "$heap"
stop_pod
delay=$(fact env SHUTDOWN_DELAY)
check "keeps serving for SHUTDOWN_DELAY=${delay:-0} s after SIGTERM, readiness 503" draining
check "stops gracefully within terminationGracePeriodSeconds" stopped_gracefully
summary "podman"
