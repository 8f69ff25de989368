#!/usr/bin/env bash
# run.sh PREFIX [ENV=VAL...]: start the /tmp/ci node with ENV on /tmp/lat/data, warm 3000, measure 300 one at a time, stop, analyse
set -u
p=$1; shift
cd ${TREE:-/tmp/ci} && (env "$@" QUARKUS_HTTP_PORT=18091 PDX_BROKER_CORE_PORT=16617 PDX_BROKER_AMQP_PORT=15673 PDX_CLUSTER_PORT=15702 setsid ./hub run --data /tmp/lat/data > /tmp/lat/node-$p.log 2>&1 &)
sleep 10; until curl -sf localhost:18091/q/health/ready >/dev/null; do sleep 1; done
cd /tmp/lat && java -cp "$(cat /tmp/hubcp.txt)" Lat.java 15673 w$p- 3000 0 > /dev/null 2>&1
java -cp "$(cat /tmp/hubcp.txt)" Lat.java 15673 $p- 300 30 > lat.txt 2>&1
pkill -f "pdx.data-dir=/tmp/lat/data"; while pgrep -f "pdx.data-dir=/tmp/lat/data" >/dev/null; do sleep 1; done
java -cp /tmp/ci/hub-runtime/target/pdx-hub.jar org.h2.tools.Shell -url "jdbc:h2:file:/tmp/lat/data/store/hub;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" -user pdx -password pdx -sql "select u.message_id, u.at, l.landed_at from usage_log u join landed_message l on l.message_id=u.message_id where u.message_id like '$p-%' order by u.message_id" > stages.txt
sed -i "s/startswith('[a-z0-9]*-')/startswith('$p-')/" an.py
echo "== $p $*"; python3 an.py
