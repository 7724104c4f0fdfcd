# Sourced by /start.sh (and /start-reload.sh): the prestart step and the JVM flags sized to the
# container. POSIX sh; the caller runs with `set -eu`, so a failing prestart script stops the start.

# Sources the user's prestart script, so its exports reach the server and its failure ends the start.
run_prestart() {
  pre_start=${PRE_START_PATH:-${APP_DIR:-/app}/prestart.sh}
  echo "Checking for script in $pre_start"
  if [ -f "$pre_start" ]; then
    echo "Running script $pre_start"
    . "$pre_start"
  else
    echo "There is no script $pre_start"
  fi
}

# Host RAM in MiB.
host_mib() {
  while read -r key kib _; do
    if [ "$key" = MemTotal: ]; then echo $((kib / 1024)); return 0; fi
  done < /proc/meminfo
}

# Container memory limit in MiB (cgroup v2, then v1); empty when unlimited. Like the JVM, a
# limit at or above the host's RAM (v1 reports "unlimited" as a huge number) counts as none.
mem_limit_mib() {
  for f in /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes; do
    [ -r "$f" ] || continue
    read -r limit < "$f"
    case $limit in '' | *[!0-9]*) return 0 ;; esac
    [ $((limit / 1048576)) -ge "$(host_mib)" ] || echo $((limit / 1048576))
    return 0
  done
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

# CPUs the JVM will see: the affinity mask (cpuset), capped by ceil(quota / period).
cpu_count() {
  cpus=$(nproc)
  quota=; period=
  if [ -r /sys/fs/cgroup/cpu.max ]; then
    read -r quota period < /sys/fs/cgroup/cpu.max
  elif [ -r /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]; then
    read -r quota < /sys/fs/cgroup/cpu/cpu.cfs_quota_us
    read -r period < /sys/fs/cgroup/cpu/cpu.cfs_period_us
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

# Sets JVM_FLAGS from the container limits, JAVA_GC and JAVA_MAX_MEM_RATIO. A flag the user
# already gives (JAVA_OPTS, JDK_JAVA_OPTIONS, JAVA_TOOL_OPTIONS) is not computed; JAVA_OPTS ends the list.
jvm_flags() {
  case ${JAVA_GC:-auto} in serial | parallel | g1 | z | auto) ;; *)
    echo "error: JAVA_GC: \"$JAVA_GC\" is not one of serial, parallel, g1, z, auto" >&2; exit 2
  esac
  ratio=${JAVA_MAX_MEM_RATIO:-}
  case $ratio in '' | [1-9] | [1-9][0-9] | 100) ;; *)
    echo "error: JAVA_MAX_MEM_RATIO: \"$ratio\" is not a whole percentage from 1 to 100" >&2; exit 2
  esac

  java_major=$(java_major)
  set -f
  user_heap= user_initial= user_gc= user_code= user_direct= user_cpus= user_unsafe= user_cds= heap= pct=
  for opt in ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-} ${JAVA_OPTS:-}; do
    case $opt in
      -Xmx[0-9]*) user_heap=1; heap=$(size_mib "${opt#-Xmx}") ;;
      -XX:MaxHeapSize=[0-9]*) user_heap=1; heap=$(size_mib "${opt#*=}") ;;
      -XX:MaxRAMPercentage=*) user_heap=1; pct=${opt#*=}; pct=${pct%%.*}; case $pct in *[!0-9]*) pct= ;; esac ;;
      -XX:MaxRAM=*) user_heap=1 ;;
      -Xms[0-9]* | -XX:InitialHeapSize=* | -XX:InitialRAMPercentage=*) user_initial=1 ;;
      -XX:+UseZGC) user_gc=z ;;
      -XX:+UseSerialGC | -XX:+UseParallelGC | -XX:+UseG1GC | -XX:+UseShenandoahGC | -XX:+UseEpsilonGC) user_gc=1 ;;
      -XX:AOTCache=* | -XX:AOTMode=* | -XX:AOTCacheOutput=* | -XX:SharedArchiveFile=* | -XX:ArchiveClassesAtExit=* | -Xshare:*) user_cds=1 ;;
      -XX:ReservedCodeCacheSize=*) user_code=1 ;;
      -XX:MaxDirectMemorySize=*) user_direct=1 ;;
      -XX:ActiveProcessorCount=[1-9]*) user_cpus=${opt#*=} ;;
      --sun-misc-unsafe-memory-access=*) user_unsafe=1 ;;
    esac
  done
  set +f

  limit=$(mem_limit_mib)
  JVM_FLAGS=
  if [ -z "$user_heap" ]; then
    if [ -n "$ratio" ]; then
      if [ -n "$limit" ]; then
        heap=$((limit * ratio / 100))
        JVM_FLAGS="-Xmx${heap}m"
      else
        pct=$ratio
        JVM_FLAGS="-XX:MaxRAMPercentage=$ratio"
      fi
    elif [ -n "$limit" ]; then
      # Non-heap (JVM itself, metaspace, code cache, thread stacks, direct buffers, GC data)
      # gets 64 MiB + 15% of the limit; a quarter of the limit is the least heap we give.
      heap=$((limit - 64 - limit * 15 / 100))
      [ "$heap" -ge $((limit / 4)) ] || heap=$((limit / 4))
      JVM_FLAGS="-Xmx${heap}m"
    fi
  fi
  # Without a limit the JVM starts with 1/64 of the host's RAM as heap (384 MiB on a 24 GiB
  # host), and G1 sizes its young generation from it: a small server then holds 90-130 MB after
  # a short load instead of about 55 MB. The heap still grows to the maximum when needed.
  # (A user's maximum below 16 MiB, or one given as MaxRAM/MaxRAMPercentage, keeps the default.)
  if [ -z "$limit" ] && [ -z "$user_initial" ] \
    && { [ -z "$user_heap" ] || { [ -n "$heap" ] && [ "$heap" -ge 16 ]; }; }; then
    JVM_FLAGS="$JVM_FLAGS -Xms16m"
  fi
  # Below 2 GiB the code cache (default 240 MiB) and direct memory (default = heap) get explicit
  # caps, an eighth and a sixteenth of the limit, so they cannot outgrow the non-heap budget.
  if [ -n "$limit" ] && [ "$limit" -lt 2048 ]; then
    [ -n "$user_code" ] || JVM_FLAGS="$JVM_FLAGS -XX:ReservedCodeCacheSize=$((limit / 8))m"
    [ -n "$user_direct" ] || JVM_FLAGS="$JVM_FLAGS -XX:MaxDirectMemorySize=$((limit / 16))m"
  fi

  gc=${JAVA_GC:-auto}
  if [ "$gc" = auto ]; then
    # The JVM's own "server class machine" rule, made explicit and visible in the command line:
    # G1 needs at least 2 CPUs and 1792 MiB; below that Serial has the smallest footprint.
    cpus=${user_cpus:-$(cpu_count)}
    gc=g1
    if [ "$cpus" -lt 2 ] || { [ -n "$limit" ] && [ "$limit" -lt 1792 ]; }; then gc=serial; fi
  fi
  if [ -z "$user_gc" ]; then
    case $gc in
      serial) JVM_FLAGS="$JVM_FLAGS -XX:+UseSerialGC" ;;
      parallel) JVM_FLAGS="$JVM_FLAGS -XX:+UseParallelGC" ;;
      g1) JVM_FLAGS="$JVM_FLAGS -XX:+UseG1GC" ;;
      # JDK 21 still defaults to the single-generation ZGC; 23+ has only the generational one.
      z) if [ "$java_major" -lt 23 ]; then
           JVM_FLAGS="$JVM_FLAGS -XX:+UseZGC -XX:+ZGenerational"
         else
           JVM_FLAGS="$JVM_FLAGS -XX:+UseZGC"
         fi ;;
    esac
  fi
  # The class-data cache made at image build (full tags: an AOT cache on JDK 25, a CDS archive
  # on 21) holds compressed-oops data, which ZGC and heaps of about 32 GiB or more cannot map.
  [ -n "$heap" ] || heap=$((${limit:-$(host_mib)} * ${pct:-25} / 100))
  if [ -z "$user_cds" ] && [ "${user_gc:-$gc}" != z ] && [ "$heap" -lt 32000 ]; then
    if [ -f /opt/launcher/cache/launcher.aot ]; then
      JVM_FLAGS="$JVM_FLAGS -XX:AOTCache=/opt/launcher/cache/launcher.aot"
    elif [ -f /opt/launcher/cache/launcher.jsa ]; then
      JVM_FLAGS="$JVM_FLAGS -XX:SharedArchiveFile=/opt/launcher/cache/launcher.jsa"
    fi
  fi
  # JDK 24+ warns when sun.misc.Unsafe memory access is used, as jboss-threads (Undertow's worker
  # pool) does: allow it quietly until those libraries move on.
  if [ "$java_major" -ge 24 ] && [ -z "$user_unsafe" ]; then
    JVM_FLAGS="$JVM_FLAGS --sun-misc-unsafe-memory-access=allow"
  fi
  JVM_FLAGS="${JVM_FLAGS# } -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS:-}"
  JVM_FLAGS=${JVM_FLAGS% }
}
