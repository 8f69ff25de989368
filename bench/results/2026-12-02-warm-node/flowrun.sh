#!/usr/bin/env bash
# flowrun.sh LABEL REPO [ENV=VAL ...]: FlowBench --parts flows on H2, env passed to the node
set -u
label=$1; repo=$2; shift 2
out=/tmp/flres/$label; rm -rf $out; mkdir -p $out
{ uptime; echo "$@"; } > $out/load.txt
env "${ENVS[@]}" java -Xmx2g -cp $repo/bench/target/benchmarks.jar org.pdxhub.bench.flow.FlowBench --results $out --repo $repo --parts flows > $out/out.txt 2>&1
uptime >> $out/load.txt
grep -E "^(artemis|camel|gate) +(rate1000|max100|max1) " $out/out.txt | sed "s/^/$label: /"
