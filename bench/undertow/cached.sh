#!/bin/sh
# cached.dockerfile's start: `cached.sh train` makes the AOT cache (the class path must be jars),
# `cached.sh` starts with it.
set -eu
cp=/floor/plain-undertow-1.0.0.jar:$(ls /floor/lib/*.jar | tr '\n' ':')
flags="--sun-misc-unsafe-memory-access=allow -XX:+ExitOnOutOfMemoryError ${FLOOR_OPTS:-}"
if [ "${1:-}" != train ]; then
  exec java -Xms16m -XX:+UseG1GC -XX:AOTCache=/floor/floor.aot $flags -cp "$cp" "$FLOOR_MAIN"
fi
# As /train.sh: Serial GC, a small heap, no method profiles, one request to /, then SIGTERM.
log=$(mktemp)
java -XX:AOTCacheOutput=/floor/floor.aot -XX:+UseSerialGC -Xmx128m \
  -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining $flags -cp "$cp" "$FLOOR_MAIN" >"$log" 2>&1 &
pid=$!
i=0
until grep -q "Listening on" "$log"; do
  [ "$i" -lt 600 ] && kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1; i=$((i + 1))
done
bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080; printf "GET / HTTP/1.0\r\n\r\n" >&3; cat <&3 >/dev/null'
kill -TERM "$pid"
wait "$pid" || true
[ -s /floor/floor.aot ] || { cat "$log" >&2; echo "error: no AOT cache written" >&2; exit 1; }
rm -f "$log"
