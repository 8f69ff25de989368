#!/usr/bin/env bash
# threadcpu.sh OUT: while the bench node runs, keep each thread's highest CPU ticks (OUT) and postgres's (OUT.pg)
out=$1
until pid=$(pgrep -f "pdx.connectors.bench-drop.kind=file" | head -1) && [[ -n $pid ]]; do sleep 0.2; done
tr '\0' ' ' < /proc/$pid/cmdline > $out.cmdline
declare -A ticks name pg
while kill -0 $pid 2>/dev/null; do
  for t in /proc/$pid/task/*; do
    s=$(<$t/stat) 2>/dev/null || continue
    r=${s##*) }; set -- $r; c=${s#*(}; c=${c%%)*}; id=${t##*/}
    ticks[$id]=$((${12}+${13})); name[$id]=$c
  done
  for p in $(pgrep -u postgres); do s=$(<"/proc/$p/stat") 2>/dev/null || continue; r=${s##*) }; set -- $r; pg[$p]=$((${12}+${13})); done
  for id in "${!ticks[@]}"; do echo "${ticks[$id]} ${name[$id]}"; done > $out.tmp && mv $out.tmp $out
  for p in "${!pg[@]}"; do echo "${pg[$p]} $p"; done > $out.pg
  sleep 1
done
