#!/bin/sh
# The image's CMD: runs the prestart script, sizes the JVM to the container, and execs the
# launcher as PID 1 (so SIGTERM reaches it). Arguments go to the launcher, e.g. --print-config.
set -eu
. /opt/launcher/start-common.sh
run_prestart
jvm_flags
set -f # JAVA_OPTS is split into words at blanks, never globbed
echo "+ exec java $JVM_FLAGS -jar /opt/launcher/launcher.jar${*:+ $*}"
exec java $JVM_FLAGS -jar /opt/launcher/launcher.jar "$@"
