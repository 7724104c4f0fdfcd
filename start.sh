#!/bin/sh
# The image's CMD: runs the prestart script, sizes the JVM to the container, and execs the
# launcher as PID 1 (so SIGTERM reaches it). Arguments go to the launcher, e.g. --print-config.
#
# /start.sh --jvm-flags prints only the JVM flags a start would use, as one line on stdout, and
# exits 0 without starting the JVM. The prestart script still runs first, because its exports
# (JAVA_OPTS, JAVA_GC, ...) change the flags; what it prints goes to stderr, so stdout is just
# the flags. PRE_START_PATH=/none skips it.
set -eu
. "${UB_LAUNCHER_DIR:-/opt/launcher}/start-common.sh"
if [ "${1:-}" = --jvm-flags ]; then
  run_prestart >&2
  jvm_flags
  printf '%s\n' "$JVM_FLAGS"
  exit 0
fi
run_prestart
jvm_flags
launcher=${UB_LAUNCHER_DIR:-/opt/launcher}/launcher.jar
set -f # JAVA_OPTS is split into words at blanks, never globbed
printf '%s\n' "+ exec java $JVM_FLAGS -jar $launcher${*:+ $*}"
exec java $JVM_FLAGS -jar "$launcher" "$@"
