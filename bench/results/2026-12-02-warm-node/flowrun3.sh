#!/usr/bin/env bash
# flowrun3.sh LABEL REPO [ENV=VAL...]: the working tree's FlowBench (--jit-warmup default 30) --parts flows on H2, against REPO's packaged node
set -u
label=$1; repo=$2; shift 2
out=/tmp/flres/$label; rm -rf $out; mkdir -p $out
{ uptime; echo "$@"; } > $out/load.txt
env "$@" java -Xmx2g -cp /tmp/fl/benchmarks.jar org.pdxhub.bench.flow.FlowBench --results $out --repo $repo --parts flows > $out/out.txt 2>&1
uptime >> $out/load.txt
grep -E "^(artemis|camel|gate) +(rate1000|max100|max1) " $out/out.txt | sed "s/^/$label: /"
