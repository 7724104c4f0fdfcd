#!/bin/sh
# BadSettingsIT's runner, inside one container of the image under test: runs every case of the
# table of bad settings and prints a report. bad-settings.sh CASES [PARALLEL]
# Each line of CASES is a case, SCRIPT<TAB>NAME<TAB>VALUE: /SCRIPT runs in /app with PORT=0 and
# NAME=VALUE, stdin closed, until it ends; at most 60 s, and a start that says "Listening on"
# (a value wrongly accepted) is killed at once. PARALLEL cases run at a time (default 2).
# The report, case by case in order:
#   === N STATUS
#   2| a line of its stderr
#   1| a line of its stdout
set -u
cases=$1
parallel=${2:-2}
results=$(mktemp -d)
tab=$(printf '\t')

run_case() { # N SCRIPT NAME VALUE
  dir=$results/$1
  mkdir "$dir"
  (cd /app && exec env PORT=0 "$3=$4" "/$2") </dev/null >"$dir/out" 2>"$dir/err" &
  pid=$!
  (
    i=0
    while [ "$i" -lt 600 ] && ! grep -q 'Listening on' "$dir/out" "$dir/err"; do sleep 0.1; i=$((i + 1)); done
    kill -KILL "$pid" 2>/dev/null
  ) &
  watcher=$!
  status=0
  wait "$pid" || status=$?
  kill "$watcher" 2>/dev/null
  echo "$status" >"$dir/status"
}

n=0
while IFS=$tab read -r script name value; do
  n=$((n + 1))
  run_case "$n" "$script" "$name" "$value" &
  [ $((n % parallel)) -ne 0 ] || wait
done <"$cases"
wait

i=0
while [ "$i" -lt "$n" ]; do
  i=$((i + 1))
  echo "=== $i $(cat "$results/$i/status")"
  sed 's/^/2| /' "$results/$i/err"
  sed 's/^/1| /' "$results/$i/out"
done
rm -rf "$results"
