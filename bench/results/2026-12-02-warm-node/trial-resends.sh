#!/usr/bin/env bash
# Outside-in trial of the packaged clone: resends over REST, races, and the edited-store check.
set -u
TREE=${TREE:-/tmp/ci3}; D=/tmp/trial/data; rm -rf $D
cd $TREE && (QUARKUS_HTTP_PORT=18091 PDX_BROKER_CORE_PORT=16617 PDX_BROKER_AMQP_PORT=15673 PDX_CLUSTER_PORT=15702 setsid ./hub run --data $D > /tmp/trial/node.log 2>&1 &)
sleep 8; until curl -sf localhost:18091/q/health/ready >/dev/null; do sleep 1; done
H=localhost:18091; R=$H/api/v1/exchange/GZ-PSB-POP-001/records
post() { curl -s -w ' HTTP %{http_code}\n' -X POST $R -H "Authorization: Bearer ${KEY:-demo-system}" -H 'Content-Type: application/json' \
  -H 'Pdx-Person: 公安局人口系统' -H 'Pdx-Purpose: 人口基础信息汇聚' -H "Pdx-Message-Id: $1" -d "$2"; }
echo "== same id twice"; post trial-1 '[{"citizen_id":"513301198504120025","person_name":"卓玛"}]'; post trial-1 '[{"citizen_id":"513301198504120025","person_name":"卓玛"}]'
echo "== as CSV under the same id"; curl -s -w ' HTTP %{http_code}\n' -X POST $R -H 'Authorization: Bearer demo-system' -H 'Content-Type: text/csv' \
  -H 'Pdx-Person: 公安局人口系统' -H 'Pdx-Purpose: 人口基础信息汇聚' -H 'Pdx-Message-Id: trial-1' --data-binary $'citizen_id,person_name\n513301198504120025,卓玛\n'
echo "== 12 at once, same id"; for i in $(seq 12); do post trial-race '[{"citizen_id":"513301198808080114","person_name":"央金"}]' & done; wait
echo "== 12 at once, one new record, 12 ids"; for i in $(seq 12); do post trial-rec-$i "[{\"citizen_id\":\"513301198808080130\",\"person_name\":\"央金$i\"}]" & done; wait
echo "== HRSS key uses the id first (refused), then the provider"; KEY=demo-system-hrss post trial-2 '[{"citizen_id":"513301198808080157","person_name":"次仁"}]'; post trial-2 '[{"citizen_id":"513301198808080157","person_name":"次仁"}]'
echo "== wrong key"; KEY=nope post trial-3 '[]'
sleep 3
echo "== usage log by decision for trial ids"
pkill -f "pdx.data-dir=$D"; while pgrep -f "pdx.data-dir=$D" >/dev/null; do sleep 1; done
java -cp $TREE/hub-runtime/target/pdx-hub.jar org.h2.tools.Shell -url "jdbc:h2:file:$D/store/hub;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" -user pdx -password pdx \
  -sql "select message_id, decision, count(*) from usage_log where message_id like 'trial-%' group by message_id, decision order by message_id, decision; select count(*) landed from landed_message where message_id like 'trial-%'; select count(*) digest_rows, max(passage_seq) from record_digest where passage_seq in (select seq from usage_log where message_id like 'trial-rec-%')"
