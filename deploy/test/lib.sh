# Sourced by deploy/test/podman.sh and cloudrun.sh: checks counted as PASS/FAIL lines, the
# kubelet's way of running an HTTP probe, and the facts validate prints of a manifest.

passed=0
failed=0

# check NAME COMMAND...: runs COMMAND, prints PASS or FAIL with NAME.
check() {
  check_name=$1; shift
  if "$@"; then
    passed=$((passed + 1)); echo "   PASS: $check_name"
  else
    failed=$((failed + 1)); echo "   FAIL: $check_name"
  fi
}

# The status of GET URL within SECONDS (000 when nothing answered).
http_status() {
  curl -s -o /dev/null -w '%{http_code}' -m "$2" "$1" || true
}

# probe_ok URL TIMEOUT: one probe as the kubelet runs it: 200-399 within the timeout passes.
probe_ok() {
  status=$(http_status "$1" "$2")
  [ "$status" -ge 200 ] && [ "$status" -lt 400 ]
}

# startup_ok URL PERIOD FAILURES TIMEOUT: the startup probe passes before it failed FAILURES
# times, PERIOD seconds apart, as the kubelet allows; prints how long it took.
startup_ok() {
  tries=0
  start=$(date +%s.%N)
  until probe_ok "$1" "$4"; do
    tries=$((tries + 1))
    [ "$tries" -lt "$3" ] || return 1
    sleep "$2"
  done
  echo "   (startup probe passed after $(since "$start") s)"
}

# Seconds since START (a `date +%s.%N`), to a tenth.
since() {
  awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'
}

# fact KIND [NAME]: a value from `validate facts` output in $facts.
fact() {
  case $1 in
    probe) sed -n "s/^probe $2 //p" "$facts" ;;
    env) sed -n "s/^env $2=//p" "$facts" ;;
    *) sed -n "s/^$1 ${2:+$2 }//p" "$facts" ;;
  esac
}

# summary PART: the counts; status 1 if a check failed.
summary() {
  echo "   $1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
