#!/bin/sh
# Development server with live reload: the prestart step of /start.sh, then one JVM running the
# launcher with --reload, which keeps the listener up and swaps in the app whenever its classes,
# jars or sources change. Not for production: the JVM is not sized to the container; it gets a
# modest heap and a quick start instead (JAVA_OPTS comes last and overrides these flags).
# JAVA_DEBUG=true opens a JDWP debugger port on 5005. Arguments go to the launcher.
set -eu
. /opt/launcher/start-common.sh
run_prestart

case $(printf %s "${JAVA_DEBUG:-false}" | tr '[:upper:]' '[:lower:]') in
  true) debug=' -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005' ;;
  false | '') debug= ;;
  *) echo "error: JAVA_DEBUG: \"$JAVA_DEBUG\" is not true or false" >&2; exit 2 ;;
esac

# C1 only: a development JVM restarts often and mostly runs javac and class loading, which
# reach speed sooner without C2. Serial GC: the smallest footprint, and each full GC unloads
# the classes of replaced app versions.
flags="-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1$debug"
# JDK 24+ warns when sun.misc.Unsafe memory access is used, as jboss-threads (Undertow's worker pool) does.
if [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release")" -ge 24 ]; then
  flags="$flags --sun-misc-unsafe-memory-access=allow"
fi
flags="$flags ${JAVA_OPTS:-}"

echo "Reload mode (development only): watching ${RELOAD_DIRS:-${APP_DIR:-/app}}${RELOAD_POLL:+, RELOAD_POLL=$RELOAD_POLL}" >&2
set -f # JAVA_OPTS is split into words at blanks, never globbed
echo "+ exec java ${flags% } -jar /opt/launcher/launcher.jar --reload${*:+ $*}" >&2
exec java $flags -jar /opt/launcher/launcher.jar --reload "$@"
