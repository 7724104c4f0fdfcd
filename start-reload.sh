#!/bin/sh
# Development server with live reload: the prestart step of /start.sh, then one JVM running the
# launcher with --reload, which keeps the listener up and swaps in the app whenever its classes,
# jars or sources change. Not for production: the JVM is not sized to the container; it gets a
# modest heap and a quick start instead (JAVA_OPTS comes last and overrides these flags).
# JAVA_DEBUG=true opens a JDWP debugger port on 5005. Arguments go to the launcher, which logs
# what it watches (after checking RELOAD_POLL, RELOAD_DIRS and RELOAD_SRC).
set -eu
. "${UB_LAUNCHER_DIR:-/opt/launcher}/start-common.sh"
run_prestart

case $(printf %s "${JAVA_DEBUG:-false}" | tr '[:upper:]' '[:lower:]') in
  true) debug=' -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005' ;;
  false | '') debug= ;;
  *) fail JAVA_DEBUG "$JAVA_DEBUG" "is not true or false" ;;
esac

# Serial GC: the smallest footprint, and each full GC unloads the classes of replaced app
# versions. (C1-only JIT starts faster but makes the in-process javac of every change slower.)
JVM_FLAGS="-Xmx512m -XX:+UseSerialGC$debug"
unsafe_memory_flag
JVM_FLAGS="$JVM_FLAGS ${JAVA_OPTS:-}"
launcher=${UB_LAUNCHER_DIR:-/opt/launcher}/launcher.jar

set -f # JAVA_OPTS is split into words at blanks, never globbed
printf '%s\n' "+ exec java ${JVM_FLAGS% } -jar $launcher --reload${*:+ $*}"
exec java $JVM_FLAGS -jar "$launcher" --reload "$@"
