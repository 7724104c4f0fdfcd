#!/bin/sh
# Writes the list of this JVM's -XX options that the start scripts check JAVA_OPTS,
# JDK_JAVA_OPTIONS and JAVA_TOOL_OPTIONS against (README, JVM sizing): one line per option,
#   NAME TYPE LOCK MIN MAX
# TYPE as the JVM prints it (bool, int, intx, uint, uintx, uint64_t, size_t, double, ccstr,
# ccstrlist); LOCK "-" for a product option, "diagnostic" or "experimental" for one that needs
# -XX:+UnlockDiagnosticVMOptions / -XX:+UnlockExperimentalVMOptions first, "jvmci" for one that
# needs JVMCI; MIN and MAX the JVM's allowed range, "-" when it has none. The image build runs it
# once (its java is the one the list describes); StartScriptTest runs it against the test's JDK.
#   jvm-options.sh [OUTPUT]   (default /opt/launcher/jvm-options)
set -eu
out=${1:-/opt/launcher/jvm-options}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
unlock="-XX:+UnlockDiagnosticVMOptions -XX:+UnlockExperimentalVMOptions"
ranges=$(mktemp)
final=$(mktemp)
# PrintFlagsFinal lists every option, with its kind in the first braces; PrintFlagsRanges those
# that have a range, as "[ MIN ... MAX ]".
$java $unlock -XX:+PrintFlagsRanges -version 2>/dev/null >"$ranges"
$java $unlock -XX:+PrintFlagsFinal -version 2>/dev/null >"$final"
awk '
  FNR == 1 { file++ }
  /^\[/ { next }
  file == 1 { if ($3 == "[" && $5 == "..." && $7 == "]") range[$2] = $4 " " $6; next }
  {
    kind = $0; sub(/^[^{]*\{/, "", kind); sub(/\}.*/, "", kind)
    lock = kind ~ /JVMCI/ ? "jvmci" : kind ~ /experimental/ ? "experimental" : kind ~ /diagnostic/ ? "diagnostic" : "-"
    print $2, $1, lock, ($2 in range) ? range[$2] : "- -"
  }' "$ranges" "$final" >"$out.tmp"
rm -f "$ranges" "$final"
[ -s "$out.tmp" ] || { echo "error: jvm-options.sh: $java printed no options" >&2; rm -f "$out.tmp"; exit 1; }
mv "$out.tmp" "$out"
