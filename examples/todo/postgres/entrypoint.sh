#!/bin/sh
# Starts PostgreSQL as the postgres user; at the first start (an empty PGDATA) makes the cluster:
# the superuser POSTGRES_USER with POSTGRES_PASSWORD, the database POSTGRES_DB, and password
# (scram-sha-256) access from any address. Bad input: one "error:" line, exit status 2.
set -eu

user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}

die() {
  echo "error: $*" >&2
  exit 2
}

check() {
  [ "$(id -u)" != 0 ] || die "runs as the postgres user, not root (drop --user 0)"
  [ -n "${POSTGRES_PASSWORD:-}" ] || die "POSTGRES_PASSWORD: must be set (the password clients log in with)"
  case "$user$db" in
    *[!A-Za-z0-9_]*) die "POSTGRES_USER/POSTGRES_DB: \"$user\"/\"$db\" may hold only letters, digits and _" ;;
  esac
}

init() {
  echo "Creating the database cluster in $PGDATA (user $user, database $db)"
  pwfile=$(mktemp)
  trap 'rm -f "$pwfile"' EXIT
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb --pgdata="$PGDATA" --username="$user" --pwfile="$pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  trap - EXIT
  # Any address may connect, with the password: the container's network is the boundary.
  printf '%s\n' "host all all 0.0.0.0/0 scram-sha-256" "host all all ::/0 scram-sha-256" >> "$PGDATA/pg_hba.conf"
  if [ "$db" != postgres ]; then
    # Single-user mode: nothing listens yet, so no client sees a half-made cluster.
    echo "CREATE DATABASE \"$db\"" | postgres --single -D "$PGDATA" -j postgres >/dev/null
  fi
}

if [ "${1:-}" = postgres ]; then
  shift
  check
  [ -s "$PGDATA/PG_VERSION" ] || init
  exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
fi
exec "$@"
