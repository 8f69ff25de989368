#!/usr/bin/env bash
label=$1; opt=${2:-}
out=/tmp/csvres/$label; mkdir -p $out
args=(--results $out --repo /tmp/p2 --parts csv)
[[ -n $opt ]] && args+=(--node-opt "$opt")
/tmp/threadcpu.sh /tmp/csvres/$label.threads > /dev/null 2>&1 &
uptime > $out/load.txt
java -Xmx2g -cp /tmp/p2/bench/target/benchmarks.jar org.pdxhub.bench.flow.FlowBench "${args[@]}" > $out/out.txt 2>&1
uptime >> $out/load.txt; wait
echo "$label $(grep -h '^CSV:' $out/out.txt)"
awk -v l=$label '{c=$2; for(i=3;i<=NF;i++) c=c" "$i; t+=$1; if (c ~ /^(G1|GC|VM Thread)/) g+=$1; if (c ~ /Compiler/) j+=$1; if (c ~ /pdx-connector/) s+=$1; if (c ~ /pdx-land/) d+=$1} END {printf "   node %.1f gc %.1f jit %.1f connector %.1f landing %.1f\n", t/100, g/100, j/100, s/100, d/100}' /tmp/csvres/$label.threads
