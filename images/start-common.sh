# Sourced by /start.sh, /start-reload.sh and /train.sh: the prestart step and the JVM flags sized
# to the container (README, JVM sizing). POSIX sh; the callers run with `set -eu`, so a failing
# prestart script stops the start.
#
# Test-only inputs: StartScriptTest runs the scripts against fake files through these; the images
# never set them, and the defaults are the real ones.
#   UB_LAUNCHER_DIR  launcher.jar, this file and cache/ (default /opt/launcher)
#   UB_CGROUP_ROOT   the cgroup mount, v2 or v1 layout (default /sys/fs/cgroup)
#   UB_PROC_MEMINFO  the host's memory (default /proc/meminfo)
#   UB_NPROC         the CPUs of the affinity mask (default: what nproc says)
# The Java version comes from $JAVA_HOME/release.

# Sources the user's prestart script, so its exports reach the server and its failure ends the start.
# A path that does not exist means no script; a directory or a file this user cannot read is
# an error rather than a shell message.
run_prestart() {
  pre_start=${PRE_START_PATH:-${APP_DIR:-/app}/prestart.sh}
  echo "Checking for script in $pre_start"
  if [ -d "$pre_start" ]; then
    fail PRE_START_PATH "$pre_start" "is a directory, not a script"
  elif [ -f "$pre_start" ]; then
    [ -r "$pre_start" ] || fail PRE_START_PATH "$pre_start" "cannot be read by user $(id -u)"
    echo "Running script $pre_start"
    . "$pre_start"
  else
    echo "There is no script $pre_start"
  fi
}

# Bad input (README, Environment variables): one line `error: NAME: "VALUE" PROBLEM` on stderr
# and exit status 2. printf, not echo: dash's echo would act on backslashes in the value.
fail() {
  printf 'error: %s: "%s" %s\n' "$1" "$2" "$3" >&2
  exit 2
}

# The least heap start.sh gives or lets through, in MiB (README, JVM sizing). Measured with the
# images' flags, serving the demo page: below 3 MiB the AOT cache cannot be mapped and G1 does not
# start, and under ZGC (no compressed pointers, no cache) the launcher runs out of heap below
# 8 MiB. Anything smaller is a slip (-Xmx8k), not a size.
min_heap_mib=8

# Host RAM in MiB.
host_mib() {
  while read -r key kib _; do
    if [ "$key" = MemTotal: ]; then echo $((kib / 1024)); return 0; fi
  done < "${UB_PROC_MEMINFO:-/proc/meminfo}"
}

# Container memory limit in MiB (cgroup v2, then v1); empty when unlimited. Like the JVM, a
# limit at or above the host's RAM (v1 reports "unlimited" as a huge number) counts as none.
mem_limit_mib() {
  cgroup=${UB_CGROUP_ROOT:-/sys/fs/cgroup}
  for f in "$cgroup/memory.max" "$cgroup/memory/memory.limit_in_bytes"; do
    [ -r "$f" ] || continue
    read -r limit < "$f"
    case $limit in '' | *[!0-9]*) return 0 ;; esac
    [ $((limit / 1048576)) -ge "$(host_mib)" ] || echo $((limit / 1048576))
    return 0
  done
}

# CPUs the JVM will see: the affinity mask (cpuset), capped by ceil(quota / period).
cpu_count() {
  cpus=${UB_NPROC:-$(nproc)}
  cgroup=${UB_CGROUP_ROOT:-/sys/fs/cgroup}
  quota=; period=
  if [ -r "$cgroup/cpu.max" ]; then
    read -r quota period < "$cgroup/cpu.max"
  elif [ -r "$cgroup/cpu/cpu.cfs_quota_us" ]; then
    read -r quota < "$cgroup/cpu/cpu.cfs_quota_us"
    read -r period < "$cgroup/cpu/cpu.cfs_period_us"
  fi
  case $quota$period in '' | *[!0-9]*) ;; *)
    [ "$period" -gt 0 ] && [ $(((quota + period - 1) / period)) -lt "$cpus" ] && cpus=$(((quota + period - 1) / period))
  esac
  echo "$cpus"
}

# The Java feature version of $JAVA_HOME (21, 25, ...).
java_major() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release"
}

# A -Xmx style size (1g, 512m, 1048576k, bytes) in MiB; nothing for what the JVM would refuse.
size_mib() {
  n=${1%[gGmMkK]}
  case $n in '' | *[!0-9]*) return 0 ;; esac
  case $1 in
    *[gG]) echo $((n * 1024)) ;;
    *[mM]) echo "$n" ;;
    *[kK]) echo $((n / 1024)) ;;
    *) echo $((n / 1048576)) ;;
  esac
}

# The size of an -Xmx or -XX:MaxHeapSize option in MiB; nothing for anything else.
heap_option_mib() {
  case $1 in
    -Xmx*) size_mib "${1#-Xmx}" ;;
    -XX:MaxHeapSize=*) size_mib "${1#*=}" ;;
  esac
}

# Sets $given to the last word of $1 that matches one of the shell patterns after it (the JVM
# too lets the last of repeated options win); empty when none does. Words are split at blanks,
# never globbed.
last_match() {
  words=$1; shift
  case $- in *f*) noglob=1 ;; *) noglob= ;; esac
  set -f
  given=
  for word in $words; do
    for pattern; do
      case $word in $pattern) given=$word ;; esac
    done
  done
  [ -n "$noglob" ] || set +f
}

# Sets $given from the user's own JVM options, in the order the JVM reads them:
# JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, then JAVA_OPTS (the command line).
user_flag() { last_match "${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-} ${JAVA_OPTS:-}" "$@"; }

# True when the user gave an option matching one of the patterns: the computed one steps aside.
user_gave() { user_flag "$@"; [ -n "$given" ]; }

# Sets $given from every option the JVM will get: the ones computed so far, then the user's.
jvm_flag() { last_match "$JVM_FLAGS ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-} ${JAVA_OPTS:-}" "$@"; }

add_flag() { JVM_FLAGS="${JVM_FLAGS:+$JVM_FLAGS }$*"; }

# The options that pick a collector (no glob characters, so they can be passed unquoted).
collectors='-XX:+UseSerialGC -XX:+UseParallelGC -XX:+UseG1GC -XX:+UseZGC -XX:+UseShenandoahGC -XX:+UseEpsilonGC'

user_gave_max_heap() { user_gave '-Xmx[0-9]*' '-XX:MaxHeapSize=[0-9]*' '-XX:MaxRAMPercentage=*' '-XX:MaxRAM=*'; }

# The bad values that stop the start (README, Environment variables).
check_jvm_env() {
  case ${JAVA_GC:-auto} in serial | parallel | g1 | z | auto) ;; *)
    fail JAVA_GC "$JAVA_GC" "is not one of serial, parallel, g1, z, auto"
  esac
  case ${JAVA_MAX_MEM_RATIO:-} in '' | [1-9] | [1-9][0-9] | 100) ;; *)
    fail JAVA_MAX_MEM_RATIO "$JAVA_MAX_MEM_RATIO" "is not a whole percentage from 1 to 100"
  esac
}

# Max heap, from the limit in MiB ($1, empty for none): JAVA_MAX_MEM_RATIO percent of it, else
# the limit less the non-heap budget; without a limit, the ratio as a percentage of the RAM the
# JVM sees, else the JVM's default (25%).
max_heap_flag() {
  user_gave_max_heap && return 0
  ratio=${JAVA_MAX_MEM_RATIO:-}
  if [ -n "$1" ] && [ -n "$ratio" ]; then
    heap=$(($1 * ratio / 100))
    [ "$heap" -ge "$min_heap_mib" ] || fail JAVA_MAX_MEM_RATIO "$ratio" \
      "gives a $heap MiB heap at the $1 MiB memory limit; the server needs at least $min_heap_mib MiB"
    add_flag "-Xmx${heap}m"
  elif [ -n "$1" ]; then
    # Non-heap (JVM itself, metaspace, code cache, thread stacks, direct buffers, GC data)
    # gets 64 MiB + 15% of the limit; a quarter of the limit is the least heap we give.
    heap=$(($1 - 64 - $1 * 15 / 100))
    [ "$heap" -ge $(($1 / 4)) ] || heap=$(($1 / 4))
    add_flag "-Xmx${heap}m"
  elif [ -n "$ratio" ]; then
    heap=$(($(host_mib) * ratio / 100))
    [ "$heap" -ge "$min_heap_mib" ] || fail JAVA_MAX_MEM_RATIO "$ratio" \
      "gives a $heap MiB heap of the host's $(host_mib) MiB; the server needs at least $min_heap_mib MiB"
    add_flag "-XX:MaxRAMPercentage=$ratio"
  fi
}

# Without a limit the JVM starts with 1/64 of the host's RAM as heap (384 MiB on a 24 GiB host),
# and G1 sizes its young generation from it: a small server then holds 90-130 MB after a short
# load instead of about 55 MB. The heap still grows to the maximum when needed. A user's maximum
# below 16 MiB, or one given as MaxRAM/MaxRAMPercentage, keeps the JVM's default.
initial_heap_flag() {
  [ -z "$1" ] || return 0
  user_gave '-Xms[0-9]*' '-XX:InitialHeapSize=*' '-XX:InitialRAMPercentage=*' && return 0
  if user_gave_max_heap; then
    user_flag '-Xmx[0-9]*' '-XX:MaxHeapSize=[0-9]*'
    heap=$(heap_option_mib "$given")
    [ -n "$heap" ] && [ "$heap" -ge 16 ] || return 0
  fi
  add_flag -Xms16m
}

# Below 2 GiB the code cache (default 240 MiB) and direct memory (default = heap) get explicit
# caps, an eighth and a sixteenth of the limit, so they cannot outgrow the non-heap budget.
code_and_direct_flags() {
  [ -n "$1" ] && [ "$1" -lt 2048 ] || return 0
  user_gave '-XX:ReservedCodeCacheSize=*' || add_flag "-XX:ReservedCodeCacheSize=$(($1 / 8))m"
  user_gave '-XX:MaxDirectMemorySize=*' || add_flag "-XX:MaxDirectMemorySize=$(($1 / 16))m"
}

# The CPUs the JVM will count: the user's -XX:ActiveProcessorCount, else the container's.
jvm_cpus() {
  user_flag '-XX:ActiveProcessorCount=[1-9]*'
  case ${given#*=} in '' | *[!0-9]*) cpu_count ;; *) echo "${given#*=}" ;; esac
}

# The collector of JAVA_GC. auto is the JVM's own "server class machine" rule, made explicit and
# visible in the command line: G1 needs at least 2 CPUs and 1792 MiB; below that Serial has the
# smallest footprint.
gc_flag() {
  user_gave $collectors && return 0
  case ${JAVA_GC:-auto} in
    auto) if [ "$(jvm_cpus)" -lt 2 ] || { [ -n "$1" ] && [ "$1" -lt 1792 ]; }; then
            add_flag -XX:+UseSerialGC
          else
            add_flag -XX:+UseG1GC
          fi ;;
    serial) add_flag -XX:+UseSerialGC ;;
    parallel) add_flag -XX:+UseParallelGC ;;
    g1) add_flag -XX:+UseG1GC ;;
    # JDK 21 still defaults to the single-generation ZGC; 23+ has only the generational one.
    z) add_flag -XX:+UseZGC
       if [ "$(java_major)" -lt 23 ]; then add_flag -XX:+ZGenerational; fi ;;
  esac
}

# The max heap the JVM will take, in MiB: the last -Xmx/MaxHeapSize computed or given, else a
# MaxRAMPercentage (the JVM's default is 25) of the limit ($1) or of the host's RAM.
max_heap_mib() {
  jvm_flag '-Xmx[0-9]*' '-XX:MaxHeapSize=[0-9]*'
  heap=$(heap_option_mib "$given")
  if [ -z "$heap" ]; then
    jvm_flag '-XX:MaxRAMPercentage=*'
    pct=${given#*=}; pct=${pct%%.*}
    case $pct in '' | *[!0-9]*) pct=25 ;; esac
    heap=$((${1:-$(host_mib)} * pct / 100))
  fi
  echo "$heap"
}

# The start-up cache made at image build (README, Start-up cache: an AOT cache on JDK 25, a CDS
# archive on 21). It holds compressed-oops data, which ZGC and heaps of about 32 GiB or more
# cannot map. Called after the heap and GC flags, which it reads.
cache_flag() {
  user_gave '-XX:AOTCache=*' '-XX:AOTMode=*' '-XX:AOTCacheOutput=*' '-XX:SharedArchiveFile=*' \
    '-XX:ArchiveClassesAtExit=*' '-Xshare:*' && return 0
  jvm_flag $collectors
  [ "$given" != -XX:+UseZGC ] && [ "$(max_heap_mib "$1")" -lt 32000 ] || return 0
  cache=${UB_LAUNCHER_DIR:-/opt/launcher}/cache
  if [ -f "$cache/launcher.aot" ]; then
    add_flag "-XX:AOTCache=$cache/launcher.aot"
  elif [ -f "$cache/launcher.jsa" ]; then
    add_flag "-XX:SharedArchiveFile=$cache/launcher.jsa"
  fi
}

# JDK 24+ warns when sun.misc.Unsafe memory access is used, as jboss-threads (Undertow's worker
# pool) does: allow it quietly until those libraries move on. Every script's JVM gets it.
unsafe_memory_flag() {
  user_gave '--sun-misc-unsafe-memory-access=*' && return 0
  if [ "$(java_major)" -ge 24 ]; then add_flag --sun-misc-unsafe-memory-access=allow; fi
}

# The JVM hands native memory it has freed back to the OS every 2 s (malloc_trim) instead of
# leaving it to glibc: the compilers' start-up memory, and what a burst of load left behind
# (README, JVM sizing). Each trim took 0.3-3.7 ms under wrk load in java25-slim
# (-Xlog:trimnative), on the JVM's own trimmer thread (bench/bounds.md).
native_trim_flag() {
  user_gave '-XX:TrimNativeHeapInterval=*' || add_flag -XX:TrimNativeHeapInterval=2000
}

# Checks the user's JVM options (JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, JAVA_OPTS) before the exec,
# so that one the JVM refuses ends the start with one error line and status 2 rather than the
# JVM's own text and status 1 (README, JVM sizing). $1 is the memory limit in MiB (empty: none);
# $JVM_FLAGS holds the computed flags. jvm-options.awk judges every word against the image's list
# of the JVM's options in one pass (about 3 ms; nothing at all runs without user options). Words
# it cannot vouch for (an option not on the list, -Xlog, a value with rules of its own) are tried
# once with `java ... -version` (one more JVM start, about 140 ms of CPU in java25-slim); agents
# never run in a trial.
check_user_options() {
  [ -n "${JAVA_TOOL_OPTIONS:-}${JDK_JAVA_OPTIONS:-}${JAVA_OPTS:-}" ] || return 0
  dir=${UB_LAUNCHER_DIR:-/opt/launcher}
  tab=$(printf '\t')
  trial= vouched= doubtful= doubtful_env= keep_env=
  verdicts=$(awk -v list="$dir/jvm-options" -v limit="$1" -v min_heap="$min_heap_mib" \
    -v meminfo="${UB_PROC_MEMINFO:-/proc/meminfo}" -f "$dir/jvm-options.awk" -- \
    "$JVM_FLAGS" "${JAVA_TOOL_OPTIONS:-}" "${JDK_JAVA_OPTIONS:-}" "${JAVA_OPTS:-}")
  while IFS=$tab read -r verdict var word detail; do
    case $verdict:$var in
      bad:*) fail "$var" "$word" "$detail" ;;
      agent:JAVA_OPTS) check_agent "$var" "$word" "$detail" ;;
      # An agent in these variables would run in a trial: the trial goes without the variable.
      agent:*) check_agent "$var" "$word" "$detail"; keep_env="$keep_env -u $var" ;;
      ok:JAVA_OPTS) trial="$trial $word" vouched="$vouched $word" ;;
      try:JAVA_OPTS) trial="$trial $word" doubtful="$doubtful $word" ;;
      try:*) doubtful_env="$doubtful_env $var" ;;
    esac
  done <<EOF
$verdicts
EOF
  [ -n "$doubtful$doubtful_env" ] || return 0
  refusal=$(jvm_trial "$keep_env" "$JVM_FLAGS$trial") || {
    # Refused: name the word of JAVA_OPTS the JVM refuses on its own, else the variable. (Every
    # way out of here is fail, so the words need not be globbed again: -Xlog:gc* stays a word.)
    set -f
    if [ -z "$doubtful_env" ] && [ "${doubtful# * }" = "$doubtful" ]; then
      fail JAVA_OPTS "${doubtful# }" "is refused by the JVM: $refusal" # the one doubtful word
    fi
    for word in $doubtful; do
      if ! message=$(jvm_trial "-u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS" "$JVM_FLAGS$vouched $word"); then
        fail JAVA_OPTS "$word" "is refused by the JVM: $message"
      fi
    done
    for var in $doubtful_env JAVA_OPTS; do
      eval "value=\${$var:-}"
      fail "$var" "$value" "is refused by the JVM: $refusal"
    done
  }
}

# The file of an agent option must be readable (-javaagent:, -agentpath:), or for -agentlib:NAME
# libNAME.so must be where the JVM looks for it.
check_agent() {
  case $3 in
    lib:*)
      for lib_dir in "$JAVA_HOME/lib" $(echo "${LD_LIBRARY_PATH:-}" | tr : ' ') /usr/java/packages/lib /usr/lib64 /lib64 /lib /usr/lib; do
        [ ! -r "$lib_dir/lib${3#lib:}.so" ] || return 0
      done
      fail "$1" "$2" "names no agent library: there is no lib${3#lib:}.so in $JAVA_HOME/lib or the library path" ;;
    *) [ -f "$3" ] && [ -r "$3" ] || fail "$1" "$2" "names $3, which is not a file this user can read"
       # -javaagent needs the java.instrument module, which the slim tags leave out.
       case $2 in -javaagent:*) [ -r "$JAVA_HOME/lib/libinstrument.so" ] ||
         fail "$1" "$2" "needs the java.instrument module, which this runtime does not have (the full tags do)"
       esac ;;
  esac
}

# Runs `java OPTIONS -version` with `env $1` (e.g. "-u JAVA_TOOL_OPTIONS"); when the JVM refuses,
# prints what it said as one line and returns 1. Words are split at blanks, never globbed.
jvm_trial() {
  case $- in *f*) noglob=1 ;; *) noglob= ;; esac
  set -f
  status=0
  said=$(env $1 java $2 -version 2>&1) || status=$?
  [ -n "$noglob" ] || set +f
  [ "$status" -ne 0 ] || return 0
  printf '%s\n' "$said" | awk '
    /^Error: Could not create the Java Virtual Machine/ || /^Error: A fatal exception has occurred/ { next }
    /^Error occurred during initialization of VM$/ || /^(NOTE: )?Picked up / || /^[ \t]*$/ { next }
    { sub(/^(\[[^]]*\])+ */, ""); said = said (said == "" ? "" : "; ") $0 }
    END { print said == "" ? "it exits with status '"$status"'" : said }'
  return 1
}

# Sets JVM_FLAGS from the container limits, JAVA_GC and JAVA_MAX_MEM_RATIO. A flag the user
# already gives (JAVA_OPTS, JDK_JAVA_OPTIONS, JAVA_TOOL_OPTIONS) is not computed; JAVA_OPTS ends the list.
jvm_flags() {
  check_jvm_env
  limit=$(mem_limit_mib)
  JVM_FLAGS=
  max_heap_flag "$limit"
  initial_heap_flag "$limit"
  code_and_direct_flags "$limit"
  gc_flag "$limit"
  cache_flag "$limit"
  unsafe_memory_flag
  native_trim_flag
  add_flag -XX:+ExitOnOutOfMemoryError
  check_user_options "$limit"
  JVM_FLAGS="$JVM_FLAGS ${JAVA_OPTS:-}"
  JVM_FLAGS=${JVM_FLAGS% }
}
