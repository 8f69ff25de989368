#!/usr/bin/env bash
# Start to healthy with ./hub run, as an operator starts a node: seconds from launching
# `./hub run` until /q/health/ready answers 200, and the CPU seconds (user + sys) the node's JVM
# spent up to that moment (less sensitive to a shared machine's load than the wall time).
# The node is stopped with SIGTERM after each start. Each launcher is started once first, not
# counted: that start seeds the data folder (so the counted starts run on existing data) and,
# after a build, makes the launcher's start-up archive.
#
#   bench/startup.sh [--runs 5] [--config DIR] [--data DIR] [--hub LABEL=PATH]...
#
# --hub names a launcher, by default this tree's ./hub. Given more than once (say a copy of the
# tree before a change, with its own build, and this one), the starts of each are interleaved
# on the same data. Ports come from QUARKUS_HTTP_PORT, PDX_BROKER_CORE_PORT, PDX_BROKER_AMQP_PORT,
# PDX_CLUSTER_PORT (defaults: the configuration's). JAVA_OPTS reaches the node.
# One line per start: label, wall seconds, CPU seconds, load average at launch.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=5 config="$ROOT/config/demo" data="" hubs=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --config) config="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --hub) hubs+=("$2"); shift 2 ;;
    *) echo "startup.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[[ ${#hubs[@]} -gt 0 ]] || hubs=("start=$ROOT/hub")
data=${data:-$(mktemp -d)}
port=${QUARKUS_HTTP_PORT:-$(sed -n 's/^quarkus\.http\.port=\([0-9]*\).*/\1/p' "$config/node.properties" | head -1)}
port=${port:-8080}
ticks=$(getconf CLK_TCK)
logs=$(mktemp -d)

# Prints "wall cpu" of one start: ./hub run execs the JVM, so the launched pid becomes the node's.
one() {
  local hub="$1" log="$2" t0 pid i wall cpu
  t0=$(date +%s.%N)
  "$hub" run --config "$config" --data "$data" >"$log" 2>&1 &
  pid=$!
  for ((i = 0; ; i++)); do
    kill -0 "$pid" 2>/dev/null || { echo "startup.sh: the node ended; its log: $log" >&2; return 1; }
    # Until ./hub run execs the node, a training start (after a build) may be the one answering.
    if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == java ]] && curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; then
      break
    fi
    sleep 0.02
  done
  wall=$(echo "$(date +%s.%N) - $t0" | bc)
  cpu=$(awk -v t="$ticks" '{printf "%.2f", ($14 + $15) / t}' "/proc/$pid/stat")
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  printf '%.2f %s\n' "$wall" "$cpu"
}

for h in "${hubs[@]}"; do
  one "${h#*=}" "$logs/${h%%=*}-seed.log" >/dev/null
done
for ((r = 1; r <= runs; r++)); do
  for h in "${hubs[@]}"; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    echo "${h%%=*} $(one "${h#*=}" "$logs/${h%%=*}-$r.log") $load"
  done
done
echo "logs: $logs" >&2
