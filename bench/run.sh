#!/usr/bin/env bash
# ./hub bench: builds the benchmarks and the node when their sources changed, runs them, and keeps
# the results in bench/results/<date>-<commit>/: JMH's JSON and CSV, summary.csv, throughput.png,
# the flows' flows.csv, latency-*.hgrm, flows.png, csv-load.csv, startup.csv, machine.txt,
# load.txt (the load average every 30 s) and the run's log. See bench/README.md.
#
#   ./hub bench                          the whole suite: JMH, then the flows (FlowBench)
#   ./hub bench flows [--parts flows,csv,startup] [--rate 1000] [--measure 10] ...
#                                        only the load harness (options: bench/README.md)
#   ./hub bench GateRecordWork           the JMH benchmarks whose names match a regexp
#   ./hub bench -prof gc HutoolParity    with a JMH profiler (allocation per operation here)
#   ./hub bench -wi 1 -i 1 -r 1s keep    JMH options given replace the defaults below
#   ./hub bench -l                       list the benchmarks (also -h, -lprof)
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH")
JAR="$BENCH/target/benchmarks.jar"
JAVA=${JAVA:-java}

# One fork, single thread, 5 x 2 s warm-up (the JIT is slow to finish on 2 shared cores) and
# 3 x 2 s measured, about 18 s a benchmark; the CPU the JVM got is measured beside the throughput.
DEFAULTS=(-f 1 -t 1 -wi 3 -w 2s -i 3 -r 2s)

# True when a source or POM the benchmarks are built from is newer than the jar.
stale() {
  [[ ! -f "$JAR" ]] && return 0
  [[ ! -f "$ROOT/hub-runtime/target/pdx-hub.jar" ]] && return 0
  [[ -n $(find "$ROOT/pom.xml" "$BENCH/pom.xml" "$BENCH/src" "$ROOT/plugins" "$ROOT/connectors" "$ROOT/routes" "$ROOT/hub-runtime/pom.xml" "$ROOT/hub-runtime/src/main" \
            -newer "$JAR" -type f -not -path '*/target/*' -print -quit 2>/dev/null) ]]
}

if stale; then
  # -am: the flows start the packaged node, and the look-up benchmark uses its cluster configuration.
  echo "Building the benchmarks and the node (sources changed since the last build)..." >&2
  (cd "$ROOT" && mvn -s "$ROOT/.mvn/settings.xml" -B -q -DskipTests package -pl bench -am)
  # Maven leaves the jar as it is when the change was in a module this build leaves out (a connector, say):
  # touched, so that the next run does not find the same change and build again.
  touch "$JAR"
fi

mode=all
if [[ $# -gt 0 ]]; then
  mode=jmh
  [[ "$1" == "flows" ]] && { mode=flows; shift; }
fi

for arg in "$@"; do
  [[ $mode == flows ]] && break
  case "$arg" in
    -h|-help|--help|-l|-lp|-lprof|-lrf) exec "$JAVA" -jar "$JAR" "$@" ;;
  esac
done

# A default applies unless the same option was given (JMH refuses an option given twice).
options=()
for ((i = 0; i < ${#DEFAULTS[@]}; i += 2)); do
  given=""
  for arg in "$@"; do [[ "$arg" == "${DEFAULTS[i]}" ]] && given=yes; done
  [[ -z "$given" ]] && options+=("${DEFAULTS[i]}" "${DEFAULTS[i + 1]}")
done
# Profilers add up: this one always runs, beside any given with -prof.
options+=(-prof org.pdxhub.bench.CpuTimeProfiler "$@")

commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo nocommit)
out="$BENCH/results/$(date +%Y-%m-%d)-$commit"
if [[ -e "$out" ]]; then
  n=2
  while [[ -e "$out-$n" ]]; do n=$((n + 1)); done
  out="$out-$n"
fi
mkdir -p "$out"

{
  echo "date: $(date -Is)"
  echo "commit: $commit ($(git -C "$ROOT" status --porcelain 2>/dev/null | wc -l) paths changed or new in the working tree)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(grep MemTotal /proc/meminfo | awk '{printf "%.1f GiB", $2 / 1048576}')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "mode: $mode"
  [[ $mode != flows ]] && echo "jmh options: ${options[*]}"
  [[ $mode != jmh ]] && echo "flow options: $*"
  echo "java -version:"
  "$JAVA" -version 2>&1 | sed 's/^/  /'
} > "$out/machine.txt"

# Run from a copy: a build started meanwhile (mvn verify of the project) rewrites target/benchmarks.jar.
run_jar=$(mktemp --suffix=.jar)
trap 'rm -f "$run_jar"' EXIT
cp "$JAR" "$run_jar"

echo "Results go to $out" >&2
start=$(date +%s)
# The machine may be shared: the load while the benchmarks ran says how far to trust them.
(while sleep 30; do echo "$(date +%T) $(cut -d' ' -f1-3 /proc/loadavg)"; done) > "$out/load.txt" &
sampler=$!
trap 'kill "$sampler" 2>/dev/null; rm -f "$run_jar"' EXIT
status=0
set +e
if [[ $mode != flows ]]; then
  echo "Running the JMH benchmarks with: ${options[*]}" >&2
  "$JAVA" -cp "$run_jar" org.pdxhub.bench.Suite --results "$out" "${options[@]}" 2>&1 | tee "$out/jmh.txt"
  status=${PIPESTATUS[0]}
fi
if [[ $mode != jmh && $status -eq 0 ]]; then
  echo "Running the flows: gate path, bare Camel route, Artemis alone; the 1,000,000-row file; start-up" >&2
  # Flow options only when given as ./hub bench flows ...; the whole suite takes the defaults.
  flow_args=()
  [[ $mode == flows ]] && flow_args=("$@")
  "$JAVA" -Xmx2g -cp "$run_jar" org.pdxhub.bench.flow.FlowBench --results "$out" --repo "$ROOT" "${flow_args[@]}" 2>&1 | tee "$out/flows.txt"
  status=${PIPESTATUS[0]}
fi
set -e
elapsed=$(($(date +%s) - start))
{
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "wall time: $((elapsed / 60)) min $((elapsed % 60)) s"
} >> "$out/machine.txt"
echo "Wall time: $((elapsed / 60)) min $((elapsed % 60)) s" >&2
if [[ ! -f "$out/summary.csv" && ! -f "$out/flows.csv" && ! -f "$out/startup.csv" && ! -f "$out/csv-load.csv" ]]; then
  rm -rf "$out" # nothing was measured: no folder to mistake for a run
fi
exit "$status"
