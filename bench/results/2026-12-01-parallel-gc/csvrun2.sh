#!/usr/bin/env bash
# csvrun2.sh LABEL REPO [NODE_OPT]: csvrun.sh with per-thread CPU of the node and postgres's CPU
label=$1
/tmp/threadcpu.sh /tmp/csvres/$label.threads > /tmp/csvres/$label.tc.log 2>&1 &
s0=$(head -1 /proc/stat)
/tmp/csvrun.sh "$@"
s1=$(head -1 /proc/stat)
wait
echo "$s0" > /tmp/csvres/$label/stat.txt; echo "$s1" >> /tmp/csvres/$label/stat.txt
awk '{gsub(/[0-9]+/,"N",$2); a[$2]+=$1; t+=$1} END {for (k in a) printf "%6.1f s %s\n", a[k]/100, k; printf "%6.1f s node total\n", t/100}' /tmp/csvres/$label.threads | sort -rn | head -12
awk '{t+=$1} END {printf "%6.1f s postgres\n", t/100}' /tmp/csvres/$label.threads.pg
echo "$s0
$s1" | awk '{u=$2+$3+$4+$7+$8; i=$5+$6; st=$9; if (NR==1){u0=u;i0=i;s0=st} else printf "machine: busy %.1f s, idle %.1f s, steal %.1f s\n", (u-u0)/100, (i-i0)/100, (st-s0)/100}'
