# Checks the user's JVM options before a start script execs java (README, JVM sizing), in one
# pass and without starting a JVM. start-common.sh runs it as
#   awk -v list=FILE -v limit=MIB -v min_heap=MIB -v meminfo=FILE -f jvm-options.awk -- \
#       "COMPUTED FLAGS" "$JAVA_TOOL_OPTIONS" "$JDK_JAVA_OPTIONS" "$JAVA_OPTS"
# in the order the JVM reads them. list is the image's jvm-options (see jvm-options.sh); limit
# the container's memory limit in MiB, empty for none. Words are split at blanks, as the shell
# splits JAVA_OPTS for java. The computed flags are only read (for the heap), never judged.
#
# Prints one tab-separated line per word, in order, and stops at the first bad one:
#   ok VAR WORD              the JVM takes it: no need to ask it
#   try VAR WORD             only the JVM can tell (an option this list does not vouch for)
#   agent VAR WORD FILE      an agent: start-common.sh checks FILE; never run in a trial
#   bad VAR WORD PROBLEM     refused by the JVM, or accepted and ignored: the start stops
# It rejects only what is certain; anything it is unsure of is a "try", which the start script
# settles by asking the JVM itself (java ... -version).

BEGIN {
  FS = " "; OFS = "\t"; MIB = 1048576
  while ((getline line < list) > 0) {
    split(line, f, " ")
    type[f[1]] = f[2]; lock[f[1]] = f[3]; rmin[f[1]] = f[4]; rmax[f[1]] = f[5]
  }
  close(list)
  split("- JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS JAVA_OPTS", vars, " ")
  for (a = 1; a <= 4; a++) {
    n = split(ARGV[a], words, /[ \t\n]+/)
    # The JVM reads quotes in JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS: a quoted word is not
    # split at blanks there, so such a variable is left to the JVM whole.
    quoted = a != 1 && a != 4 && ARGV[a] ~ /["']/
    for (i = 1; i <= n; i++) {
      if (words[i] == "") continue
      if (a == 1) computed(words[i])
      else if (quoted) print "try", vars[a], words[i]
      else if (!check(vars[a], words[i])) exit
    }
  }
  finish()
  exit
}

function ok(var, w) { print "ok", var, w; return 1 }
function try(var, w) { print "try", var, w; return 1 }
function bad(var, w, problem) { print "bad", var, w, problem; return 0 }

function check(var, w,    eq) {
  if (w !~ /^-/)
    return bad(var, w, "is not a JVM option (" var " holds options, each starting with -, separated by blanks)")
  if (w ~ /^-D/) return ok(var, w)
  if (w ~ /^-XX:[+-]/) return switch_option(var, w, substr(w, 6), substr(w, 5, 1) == "+")
  if (w ~ /^-XX:[A-Za-z0-9_]+=/) {
    eq = index(w, "=")
    return value_option(var, w, substr(w, 5, eq - 5), substr(w, eq + 1))
  }
  if (w ~ /^-Xmx/) return max_heap(var, w, substr(w, 5))
  if (w ~ /^-Xms/) return initial_heap(var, w, substr(w, 5))
  # The JVM's least thread stack is about 136k on x86-64; below 256k it may say no.
  if (w ~ /^-Xss/) return between(bytes(substr(w, 5)), 256 * 1024, 1024 * MIB) ? ok(var, w) : try(var, w)
  if (w ~ /^-(ea|da|enableassertions|disableassertions)(:.*)?$/) return ok(var, w)
  if (w ~ /^-(esa|dsa|enablesystemassertions|disablesystemassertions)$/) return ok(var, w)
  if (w ~ /^-verbose/) {
    if (w ~ /^-verbose(:class|:gc|:jni|:module)?$/) return ok(var, w)
    return bad(var, w, "is not -verbose:class, -verbose:gc, -verbose:jni or -verbose:module (the JVM would ignore it)")
  }
  if (w ~ /^-(server|client|Xint|Xmixed|Xcomp|Xbatch|Xrs|Xnoclassgc|Xcheck:jni|Xshare:auto|Xshare:off|-enable-preview)$/)
    return ok(var, w)
  if (w ~ /^--(add-opens|add-exports)=[^\/=]+\/[^=]+=[^=]+$/ || w ~ /^--add-reads=[^=]+=[^=]+$/ ||
      w ~ /^--enable-native-access=[^=]+$/ || w ~ /^--sun-misc-unsafe-memory-access=(allow|warn|debug|deny)$/)
    return ok(var, w)
  if (w ~ /^-(javaagent|agentpath):./) return agent(var, w, file_of(w))
  if (w ~ /^-agentlib:./) return agent(var, w, "lib:" file_of(w))
  return try(var, w)
}

# -javaagent:FILE=OPTIONS and -agentpath:FILE=OPTIONS; -agentlib:NAME=OPTIONS
function file_of(w,    file) {
  file = substr(w, index(w, ":") + 1)
  sub(/=.*/, "", file)
  return file
}

function agent(var, w, file) { print "agent", var, w, file; return 1 }

# -XX:+NAME / -XX:-NAME
function switch_option(var, w, name, on) {
  if (!(name in type)) return try(var, w)   # not this JVM's, or obsolete (then it warns and goes on)
  if (type[name] != "bool") return bad(var, w, "switches an option that takes a value: -XX:" name "=...")
  if (!unlocked(name)) return locked(var, w, name)
  if (lock[name] == "jvmci") return try(var, w)
  if (name == "UnlockDiagnosticVMOptions") diagnostic = on
  if (name == "UnlockExperimentalVMOptions") experimental = on
  if (name ~ /^Use(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC$/) {
    gc_on[name] = on; gc_word[name] = w; gc_var[name] = var; gc_order[name] = ++gc_count
  }
  return ok(var, w)
}

# -XX:NAME=VALUE
function value_option(var, w, name, value,    number) {
  if (!(name in type)) return try(var, w)
  if (type[name] == "bool") return bad(var, w, "gives a value to a switch: -XX:+" name " or -XX:-" name)
  if (!unlocked(name)) return locked(var, w, name)
  if (name == "MaxHeapSize") return max_heap(var, w, value)
  if (name == "InitialHeapSize") return initial_heap(var, w, value)
  number = type[name] == "double" ? decimal(value) : type[name] ~ /ccstr/ ? "" : bytes(value, type[name] ~ /^int/)
  if (number != "" && rmin[name] != "-" && !between(number, rmin[name] + 0, rmax[name] + 0))
    return bad(var, w, "is outside the range " rmin[name] " to " rmax[name] " that this JVM allows")
  if (name == "MaxRAMPercentage" && number != "") { ram_pct = number; ram_word = w; ram_var = var; return ok(var, w) }
  # Options whose every value in range (or any text) the JVM takes; the rest have further
  # rules of their own (alignments, minimums, other options), so the JVM is asked.
  if (number != "" && name ~ /^(InitialRAMPercentage|MinRAMPercentage|MaxDirectMemorySize|ActiveProcessorCount)$/)
    return ok(var, w)
  if (name ~ /^(HeapDumpPath|ErrorFile|OnError|OnOutOfMemoryError)$/) return ok(var, w)
  return try(var, w)
}

function unlocked(name) {
  # The two unlock options are diagnostic ones themselves, which the JVM lets through.
  if (name ~ /^Unlock(Diagnostic|Experimental)VMOptions$/) return 1
  return lock[name] == "diagnostic" ? diagnostic : lock[name] == "experimental" ? experimental : 1
}

function locked(var, w, name) {
  return bad(var, w, "is " (lock[name] == "experimental" ? "an " : "a ") lock[name] " option: -XX:+Unlock" (lock[name] == "diagnostic" ? "Diagnostic" : "Experimental") "VMOptions must come before it")
}

function max_heap(var, w, size,    b) {
  b = bytes(size, 0)
  if (b == "") return try(var, w)
  if (b < min_heap * MIB)
    return bad(var, w, "is a heap below the " min_heap " MiB the server needs")
  max_bytes = b; max_word = w
  return ok(var, w)
}

function initial_heap(var, w, size,    b) {
  b = bytes(size, 0)
  if (b == "") return try(var, w)
  init_bytes = b; init_word = w; init_var = var
  return ok(var, w)
}

# The computed flags: only the maximum heap matters here (the user's own drops it anyway).
function computed(w) {
  if (w ~ /^-Xmx/) { max_bytes = bytes(substr(w, 5), 0); max_word = w }
  if (w ~ /^-Xms/) { init_bytes = bytes(substr(w, 5), 0); init_word = w; init_var = "-" }
}

# What is wrong only once every word is read.
function finish(    name, first, second, base, heap) {
  # The collector chosen first, and the next one chosen: the JVM refuses more than one.
  for (name in gc_on) if (gc_on[name] && (first == "" || gc_order[name] < gc_order[first])) first = name
  for (name in gc_on)
    if (gc_on[name] && name != first && (second == "" || gc_order[name] < gc_order[second])) second = name
  if (second != "") {
    bad(gc_var[second], gc_word[second], "picks a second garbage collector after " gc_word[first] " (give one; JAVA_GC picks one too)")
    return
  }
  if (init_var != "-" && init_bytes != "" && max_bytes != "" && init_bytes > max_bytes) {
    bad(init_var, init_word, "is more than the maximum heap, " max_word)
    return
  }
  if (max_bytes == "" && ram_pct != "") {
    base = limit != "" ? limit : host_mib()
    heap = int(base * ram_pct / 100)
    if (base != "" && heap < min_heap)
      bad(ram_var, ram_word, "gives a " heap " MiB heap of " (limit != "" ? "the " base " MiB memory limit" : "the host's " base " MiB") "; the server needs at least " min_heap " MiB")
  }
}

function host_mib(    line, f) {
  while ((getline line < meminfo) > 0) {
    split(line, f, " ")
    if (f[1] == "MemTotal:") { close(meminfo); return int(f[2] / 1024) }
  }
  close(meminfo)
  return ""
}

# A size as the JVM writes them (512m, 1g, 16384k, bytes) in bytes; "" for any other spelling,
# which the JVM is left to judge. signed: a leading minus is allowed.
function bytes(s, signed,    n, unit) {
  if (s !~ (signed ? "^-?[0-9]+[kKmMgGtT]?$" : "^[0-9]+[kKmMgGtT]?$")) return ""
  unit = substr(s, length(s))
  n = s + 0
  if (unit ~ /[kK]/) n *= 1024
  else if (unit ~ /[mM]/) n *= MIB
  else if (unit ~ /[gG]/) n *= 1024 * MIB
  else if (unit ~ /[tT]/) n *= 1024 * 1024 * MIB
  return n
}

function decimal(s) { return s ~ /^-?[0-9]+(\.[0-9]+)?$/ ? s + 0 : "" }

function between(n, low, high) { return n != "" && n >= low && n <= high }
