#!/usr/bin/env bash
# CPU seconds per thread of one start with ./hub run, read from /proc the moment /q/health/ready
# answers 200: which threads the start's CPU went to (the JIT's compilers, main, GC...). Threads
# that ended before ready (the start-up's own pdx-start-* threads) are not counted.
#
#   bench/startcpu.sh [--hub PATH] [--config DIR] [--data DIR]
#
# Ports from QUARKUS_HTTP_PORT and the other variables ./hub run reads; JAVA_OPTS reaches the node.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
hub="$ROOT/hub" config="$ROOT/config/demo" data=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --hub) hub="$2"; shift 2 ;;
    --config) config="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    *) echo "startcpu.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
data=${data:-$(mktemp -d)}
port=${QUARKUS_HTTP_PORT:-$(sed -n 's/^quarkus\.http\.port=\([0-9]*\).*/\1/p' "$config/node.properties" | head -1)}
port=${port:-8080}
log=$(mktemp)
t0=$(date +%s.%N)
"$hub" run --config "$config" --data "$data" >"$log" 2>&1 &
pid=$!
# Stopped however this script ends, a closed pipe (| head) included: no node left holding the ports.
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true' EXIT
until [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == java ]] && curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
  kill -0 "$pid" 2>/dev/null || { echo "startcpu.sh: the node ended; its log: $log" >&2; exit 1; }
  sleep 0.02
done
wall=$(echo "$(date +%s.%N) - $t0" | bc)
ticks=$(getconf CLK_TCK)
for task in /proc/$pid/task/*; do
  # comm may hold spaces; utime and stime are fields 14 and 15 of stat, counted after the ")".
  # Numbered threads of one kind (executor-thread-3, GC Thread#1) are summed under one name.
  name=$(sed -E 's/[-#]?[0-9]+$//' "$task/comm") stat=$(cat "$task/stat")
  echo "$(echo "${stat##*)}" | awk '{print $12 + $13}') $name"
done | awk -v t="$ticks" '{n=$1; $1=""; sub(/^ /,""); c[$0]+=n; all+=n}
  END {for (k in c) if (c[k] > 0) printf "%6.2f %s\n", c[k]/t, k; printf "%6.2f all threads\n", all/t}' | sort -rn
printf 'wall %.2f s to ready; log %s\n' "$wall" "$log"
