#!/bin/bash
# ab.sh LABEL JAR PORTBASE: a node from JAR on fresh data; times 60 text documents and 60 refused record POSTs, one after another
label=$1; jar=$2; b=$3; d=/tmp/oc/data-$label; rm -rf $d; mkdir -p $d
cfg=/work/main/config/demo
QUARKUS_HTTP_PORT=$b PDX_BROKER_CORE_PORT=$((b+1)) PDX_BROKER_AMQP_PORT=$((b+2)) PDX_CLUSTER_PORT=$((b+3)) \
  java -Xmx1g -Dpdx.config-dir=$cfg -Dpdx.data-dir=$d -Dquarkus.config.locations=$cfg/node.properties -jar $jar > /tmp/oc/$label.log 2>&1 &
for i in $(seq 1 120); do curl -s -o /dev/null -w '%{http_code}' localhost:$b/q/health/ready 2>/dev/null | grep -q 200 && break; sleep 1; done
H=(-H 'Authorization: Bearer demo-system' -H 'Pdx-Person: 公安局户籍窗口' -H 'Pdx-Purpose: 户籍证明汇聚')
for w in 1 2 3 4 5 6 7 8 9 10; do echo "warm $w" > /tmp/oc/note.txt; curl -s -o /dev/null -X POST localhost:$b/api/v1/exchange/GZ-PSB-POP-001/documents "${H[@]}" -F file=@/tmp/oc/note.txt; done
s=$(date +%s.%N); codes=""
for i in $(seq 1 60); do echo "证明 第$i号" > /tmp/oc/note.txt; codes+=$(curl -s -o /dev/null -w '%{http_code} ' -X POST localhost:$b/api/v1/exchange/GZ-PSB-POP-001/documents "${H[@]}" -F file=@/tmp/oc/note.txt); done
e=$(date +%s.%N); echo "$label documents: 60 in $(echo "$e - $s" | bc) s; codes $(echo $codes | tr ' ' '\n' | sort | uniq -c | tr '\n' ' ')"
s=$(date +%s.%N); codes=""
for i in $(seq 1 60); do codes+=$(curl -s -o /dev/null -w '%{http_code} ' -X POST localhost:$b/api/v1/exchange/GZ-PSB-POP-001/records -H 'Authorization: Bearer demo-system' -H 'Content-Type: application/json' -H 'Pdx-Person: 公安局人口系统' -H 'Pdx-Purpose: 人口基础信息汇聚' -H "Pdx-Message-Id: refused-$i" -d '[{"citizen_id":"513301198504120021","person_name":"扎西"}]'); done
e=$(date +%s.%N); echo "$label refused records: 60 in $(echo "$e - $s" | bc) s; codes $(echo $codes | tr ' ' '\n' | sort | uniq -c | tr '\n' ' ')"
pkill -f "pdx.data-dir=$d"; sleep 3
