#!/bin/sh
# The image's HEALTHCHECK (README, Probes and health checks). Asks the server's liveness path
# and is healthy when any HTTP answer comes back: an answer shows the event loop runs, and the
# liveness probe runs no app code. With LIVENESS_PATH off it only connects. No curl and no second JVM: bash's
# /dev/tcp, or without bash a look at the kernel's table of listening sockets.
#
# Where to ask: the launcher writes "HOST PORT PATH" to $HEALTHCHECK_FILE once it listens, so
# a port set by SERVER_ARGS, a conf file or the prestart script is found. When the file cannot
# be written (a read-only root without a tmpfs on /tmp), BIND or PORT and LIVENESS_PATH are used.
set -eu

# Sets host, port and path from the launcher's file, else from the environment.
target() {
  if [ -n "${HEALTHCHECK_FILE:-}" ] && [ -r "$HEALTHCHECK_FILE" ]; then
    read -r host port path < "$HEALTHCHECK_FILE" || true
    path=${path:-}
    return 0
  fi
  host=127.0.0.1 port=${PORT:-8080} path=${LIVENESS_PATH-/livez}
  case ${BIND:-} in
    *:*) port=${BIND##*:} host=${BIND%:*} host=${host#[} host=${host%]} ;;
  esac
  case $host in '' | 0.0.0.0 | :: | '*') host=127.0.0.1 ;; esac
}

# GET the path (any HTTP status line is an answer), or only connect when the path is empty.
ask_http() {
  bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    [ -n "$3" ] || { echo "connected to $1:$2"; exit 0; }
    printf "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" "$3" >&3
    IFS= read -r status <&3 || { echo "no answer from $1:$2$3"; exit 1; }
    status=${status%$(printf "\r")}
    echo "$1:$2$3: $status"
    case $status in "HTTP/1."[01]" "[1-5][0-9][0-9]*) exit 0 ;; esac
    exit 1
  ' healthcheck "$host" "$port" "$path"
}

# Without bash: is a socket listening on the port (/proc/net/tcp and tcp6, state 0A)?
listening() {
  hex=$(printf '%04X' "$port")
  for table in /proc/net/tcp /proc/net/tcp6; do
    [ -r "$table" ] || continue
    while read -r _ local _ state _; do
      if [ "$state" = 0A ] && [ "${local##*:}" = "$hex" ]; then
        echo "port $port is listening (no bash to send a request)"
        return 0
      fi
    done < "$table"
  done
  echo "nothing listens on port $port"
  return 1
}

target
if command -v bash >/dev/null 2>&1; then
  ask_http
else
  listening
fi
