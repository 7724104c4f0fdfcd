#!/bin/sh
# Training run for the start-up cache: starts the launcher as /start.sh would (same app
# discovery over $APP_DIR, same config), sends it a few requests, stops it, and lets the JVM
# save what it loaded: an AOT cache on JDK 25+ (JEP 483: classes loaded and linked), an AppCDS
# archive on 21 (dynamic on top of the JDK's default archive, or a static one, JDK classes
# included, where jlink left no default archive). /start.sh uses it.
# The image build runs it once for the launcher and its demo app; a derived image runs it again
# (`RUN /train.sh`, any user in group 0) so the cache also holds the app's own classes.
#   TRAIN_PATHS  request paths, blank-separated (default "/"); a failing request is fine
#   TRAIN_OUTPUT directory of the cache (default /opt/launcher/cache, group 0 writable)
set -eu
out=${TRAIN_OUTPUT:-/opt/launcher/cache}
. /opt/launcher/start-common.sh
major=$(java_major)
JVM_FLAGS=
unsafe_memory_flag # the same rule as /start.sh's: jboss-threads uses sun.misc.Unsafe
if [ "$major" -ge 25 ]; then
  name=launcher.aot flag=-XX:AOTCacheOutput
  # Without the method profiles (JEP 515) that the cache would also record: replayed, they made
  # the JIT compile start-up code at once, 0.465 -> 0.400 s to listening and 830 -> 660 ms CPU
  # without them, and the throughput of the first 12 s after start was no better with them.
  extra="-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining"
elif [ -f "$JAVA_HOME/lib/server/classes.jsa" ]; then
  # JDK 21 with its default CDS archive (full tags): a dynamic archive on top of it.
  name=launcher.jsa flag=-XX:ArchiveClassesAtExit
  extra=
else
  # No default archive to extend (jlink'd slim runtimes): a static one from a class list.
  name=launcher.jsa flag=-XX:DumpLoadedClassList
  extra=
fi
# A fresh file next to the old one, moved over it at the end: the old one may belong to root.
tmp="$out/.train-$$.${name##*.}"
log=$(mktemp)
port=${PORT:-8080}
# SerialGC and a fixed small heap: what the cache records does not depend on them.
java "$flag=$tmp" -XX:+UseSerialGC -Xmx128m $JVM_FLAGS $extra -jar /opt/launcher/launcher.jar >"$log" 2>&1 &
pid=$!
i=0
until grep -q "Listening on" "$log"; do
  if ! kill -0 "$pid" 2>/dev/null || [ "$i" -ge 600 ]; then
    cat "$log" >&2; echo "error: train.sh: the server did not start" >&2; exit 1
  fi
  sleep 0.1; i=$((i + 1))
done
for path in ${TRAIN_PATHS:-/}; do
  bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"; printf "GET %s HTTP/1.0\r\n\r\n" "$2" >&3; cat <&3 >/dev/null' \
    sh "$port" "$path" || echo "train.sh: GET $path failed" >&2
done
kill -TERM "$pid"
wait "$pid" || true
if [ "$flag" = -XX:DumpLoadedClassList ]; then
  mv "$tmp" "$tmp.classlist"
  java -Xshare:dump -XX:SharedClassListFile="$tmp.classlist" -XX:SharedArchiveFile="$tmp" \
    -jar /opt/launcher/launcher.jar >>"$log" 2>&1 || true
  rm -f "$tmp.classlist"
fi
if [ ! -s "$tmp" ]; then
  cat "$log" >&2; echo "error: train.sh: no cache written to $tmp" >&2; rm -f "$tmp" "$log"; exit 1
fi
mv -f "$tmp" "$out/$name"
rm -f "$log"
echo "train.sh: $out/$name ($(du -k "$out/$name" | cut -f1) KiB)" >&2
