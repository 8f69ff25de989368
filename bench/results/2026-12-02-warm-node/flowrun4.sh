#!/usr/bin/env bash
set -u
label=$1; repo=$2; w=$3; shift 3
out=/tmp/flres/$label; rm -rf $out; mkdir -p $out
{ uptime; echo "$@"; } > $out/load.txt
env "$@" java -Xmx2g -cp /tmp/fl/benchmarks.jar org.pdxhub.bench.flow.FlowBench --results $out --repo $repo --parts flows --jit-warmup $w > $out/out.txt 2>&1
uptime >> $out/load.txt
