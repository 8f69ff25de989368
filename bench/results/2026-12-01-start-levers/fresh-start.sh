#!/bin/bash
# one start on a fresh data dir: prints wall and cpu
d=$(mktemp -d); t0=$(date +%s.%N)
/work/main/hub run --data $d > $d.log 2>&1 & pid=$!
until [[ "$(cat /proc/$pid/comm 2>/dev/null)" == java ]] && curl -fs -o /dev/null http://127.0.0.1:8080/q/health/ready; do sleep 0.02; done
w=$(echo "$(date +%s.%N) - $t0" | bc); c=$(awk '{printf "%.2f", ($14+$15)/100}' /proc/$pid/stat)
kill -TERM $pid; wait $pid 2>/dev/null
echo "fresh $w $c $(cut -d' ' -f1 /proc/loadavg)"
