#!/usr/bin/env bash
# csvrun.sh LABEL REPO [NODE_OPT]: one 1,000,000-row CSV run on a fresh PostgreSQL database
# HARNESS_JAVA (default java) runs FlowBench, and so the node: set it to a JDK 25 java to run the node on 25.
set -u
label=$1; repo=$2; opt=${3:-}
out=/tmp/csvres/$label; mkdir -p $out
db=pdx_$(date +%s)
psql -q -h 127.0.0.1 -p 55439 -U postgres -c "create database $db owner pdx" >/dev/null
psql -q -h 127.0.0.1 -p 55439 -U postgres -d $db -c "create extension if not exists pg_stat_statements; select pg_stat_statements_reset()" >/dev/null
pgt() { ps -u postgres -o times= | awk "{s+=\$1} END{print s}"; }
{ uptime; echo pg_s=$(pgt); } > $out/load.txt
args=(--results $out --repo $repo --parts csv --pg-url jdbc:postgresql://127.0.0.1:55439/$db)
[[ -n $opt ]] && args+=(--node-opt "$opt")
${HARNESS_JAVA:-java} -Xmx2g -cp $repo/bench/target/benchmarks.jar org.pdxhub.bench.flow.FlowBench "${args[@]}" > $out/out.txt 2>&1
{ uptime; echo pg_s=$(pgt); } >> $out/load.txt
psql -h 127.0.0.1 -p 55439 -U postgres -d $db -c "select round(total_exec_time) ms, calls, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) q from pg_stat_statements where dbid = (select oid from pg_database where datname = '$db') order by total_exec_time desc limit 15" > $out/pgstat.txt 2>&1
grep -h "^CSV" $out/out.txt | sed "s/^/$label: /"
