#!/usr/bin/env bash
# The three-level demo topology on one machine, from config/topology/: a department node (the
# Ganzi public security bureau), the Ganzi prefecture platform on two nodes (one Hazelcast
# cluster, one PostgreSQL database) and the Sichuan provincial node, each a separate process on
# loopback. Logs, pids and data under data/topology/<node>/. The links between the nodes run over
# TLS with client certificates of a demo CA made here, under data/topology/certs/ (tls.properties).
#   deploy/topology.sh up|down|status      (or ./hub topology up|down|status)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONFIG="$ROOT/config/topology"
DATA="$ROOT/data/topology"
JAR="$ROOT/hub-runtime/target/pdx-hub.jar"
# Start order: prefecture-b once prefecture-a is up, because the first start migrates and seeds
# the empty database and the second would wait on it (Flyway's lock waits about 50 s at most).
NODES=(province department prefecture-a prefecture-b)
PG_PORT=15432
PG_DB=ganzi
PG_DIR="$DATA/pg"
CERTS="$DATA/certs"
# The demo stores' password; the same in config/topology/*/tls.properties. Demo only.
STORE_PASS=pdx-demo-store
START_TIMEOUT=${PDX_TOPOLOGY_START_TIMEOUT:-120}
STOP_TIMEOUT=30

die() {
  echo "topology: $*" >&2
  [[ -n "${STARTING:-}" ]] && echo "topology: what did start keeps running: ./hub topology status, ./hub topology down" >&2
  exit 1
}

# A setting of a node, from its node.properties or tls.properties.
prop() { cat "$CONFIG/$1/node.properties" "$CONFIG/$1/tls.properties" 2>/dev/null | sed -n "s/^$2=//p" | tail -n 1; }
http_port() { prop "$1" quarkus.http.port; }
ports_of() { echo "$(prop "$1" quarkus.http.port) $(prop "$1" pdx.broker.core-port) $(prop "$1" pdx.broker.amqp-port) $(prop "$1" pdx.cluster.port)"; }
tls_ports_of() { echo "$(prop "$1" quarkus.http.ssl-port) $(prop "$1" pdx.broker.tls.core-port) $(prop "$1" pdx.broker.tls.amqp-port)"; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pid_of() { [[ -f "$DATA/$1/pid" ]] && cat "$DATA/$1/pid" || true; }
# Running, and still our node: a pid file left from before a reboot may name another process.
alive() {
  local pid; pid=$(pid_of "$1")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-Dpdx.data-dir=$DATA/$1 "
}
healthy() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$(http_port "$1")/q/health" 2>/dev/null; }

# --- PostgreSQL for the prefecture pair -----------------------------------------------------

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# PostgreSQL refuses to run as root: as root, its commands run as the 'postgres' user.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

pg_ours() { [[ -f "$PG_DIR/data/postmaster.pid" ]]; }

pg_up() {
  if listening "$PG_PORT"; then
    if pg_ours; then
      echo "PostgreSQL: already running on 127.0.0.1:$PG_PORT"
    else
      echo "PostgreSQL: something already listens on 127.0.0.1:$PG_PORT; using it (it must have user pdx and database $PG_DB)"
    fi
    return 0
  fi
  local bin; bin=$(pg_bindir)
  [[ -x "$bin/initdb" ]] || die "PostgreSQL is needed for the prefecture pair and its binaries are not under /usr/lib/postgresql/*/bin.
  Install them (Debian/Ubuntu: sudo apt-get install postgresql), or run one on 127.0.0.1:$PG_PORT with user pdx and database $PG_DB."
  mkdir -p "$PG_DIR"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$PG_DIR"
  if [[ ! -f "$PG_DIR/data/PG_VERSION" ]]; then
    echo "PostgreSQL: new cluster in $PG_DIR/data"
    as_pg "'$bin/initdb' -D '$PG_DIR/data' -U pdx --auth=trust -E UTF8 --locale=C.UTF-8" >"$PG_DIR/initdb.log" 2>&1 \
      || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed (log above)"; }
  fi
  # A crash leaves postmaster.pid behind; pg_ctl copes with a stale one.
  as_pg "'$bin/pg_ctl' -D '$PG_DIR/data' -l '$PG_DIR/server.log' -w -t 30 \
    -o \"-p $PG_PORT -k '$PG_DIR' -c listen_addresses=127.0.0.1\" start" >/dev/null \
    || { tail -n 20 "$PG_DIR/server.log" >&2; die "PostgreSQL did not start (log: $PG_DIR/server.log)"; }
  if ! as_pg "'$bin/psql' -h 127.0.0.1 -p $PG_PORT -U pdx -d postgres -tAc \"select 1 from pg_database where datname = '$PG_DB'\"" | grep -q 1; then
    as_pg "'$bin/createdb' -h 127.0.0.1 -p $PG_PORT -U pdx $PG_DB" || die "could not create database $PG_DB"
  fi
  echo "PostgreSQL: 127.0.0.1:$PG_PORT, database $PG_DB (data $PG_DIR/data)"
}

pg_down() {
  pg_ours || return 0
  local bin; bin=$(pg_bindir)
  as_pg "'$bin/pg_ctl' -D '$PG_DIR/data' -m fast -w stop" >/dev/null 2>&1 \
    && echo "PostgreSQL: stopped" || echo "PostgreSQL: did not stop cleanly (see $PG_DIR/server.log)" >&2
}

# --- demo certificates ------------------------------------------------------------------------

keytool_bin() {
  if command -v keytool >/dev/null; then command -v keytool; return; fi
  local java; java=$(readlink -f "$(command -v java)")
  [[ -x "$(dirname "$java")/keytool" ]] && echo "$(dirname "$java")/keytool"
}

kt() { "$KEYTOOL" "$@" >>"$CERTS/keytool.log" 2>&1 || die "keytool $1 failed (see data/topology/certs/keytool.log)"; }

# A demo CA and, per node, a key pair whose subject names the node and its organisation
# (CN=<node id>, OU=<USCC>: the broker lets a certificate log in only as the organisation it
# names), valid for 127.0.0.1 and localhost, as client and server. Made once; delete
# data/topology/certs to start over. Private keys never leave this folder and are not committed.
certs_up() {
  KEYTOOL=$(keytool_bin) || true
  [[ -n "$KEYTOOL" ]] || die "keytool (from the JDK) is needed to make the demo certificates; it is not next to java"
  mkdir -p "$CERTS"
  chmod 700 "$CERTS"
  if [[ ! -f "$CERTS/ca.p12" || ! -f "$CERTS/trust.p12" ]]; then
    rm -f "$CERTS"/*.p12 "$CERTS"/*.pem "$CERTS"/*.csr
    kt -genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname "CN=PDX topology demo CA" -ext bc:c -validity 825 \
      -keystore "$CERTS/ca.p12" -storetype PKCS12 -storepass "$STORE_PASS"
    kt -exportcert -rfc -alias ca -keystore "$CERTS/ca.p12" -storepass "$STORE_PASS" -file "$CERTS/ca.pem"
    kt -importcert -noprompt -alias ca -file "$CERTS/ca.pem" -keystore "$CERTS/trust.p12" -storetype PKCS12 -storepass "$STORE_PASS"
    echo "certificates: new demo CA, data/topology/certs/ca.pem"
  fi
  local node id org
  for node in "${NODES[@]}"; do
    [[ -f "$CERTS/$node.p12" ]] && continue
    id=$(prop "$node" pdx.node.id)
    org=$(prop "$node" pdx.node.organisation)
    kt -genkeypair -alias "$node" -keyalg EC -groupname secp256r1 -dname "CN=$id, OU=$org, O=PDX topology demo" -validity 825 \
      -keystore "$CERTS/$node.p12.new" -storetype PKCS12 -storepass "$STORE_PASS"
    kt -certreq -alias "$node" -keystore "$CERTS/$node.p12.new" -storepass "$STORE_PASS" -file "$CERTS/$node.csr"
    kt -gencert -rfc -alias ca -keystore "$CERTS/ca.p12" -storepass "$STORE_PASS" -infile "$CERTS/$node.csr" \
      -outfile "$CERTS/$node.pem" -validity 825 -ext san=ip:127.0.0.1,dns:localhost -ext eku=serverAuth,clientAuth
    cat "$CERTS/ca.pem" >>"$CERTS/$node.pem"
    kt -importcert -noprompt -alias "$node" -file "$CERTS/$node.pem" -keystore "$CERTS/$node.p12.new" -storepass "$STORE_PASS"
    mv "$CERTS/$node.p12.new" "$CERTS/$node.p12"
    rm -f "$CERTS/$node.csr"
    echo "certificates: $node (CN=$id, OU=$org)"
  done
}

# --- nodes ------------------------------------------------------------------------------------

start_node() {
  local node=$1 port
  if alive "$node"; then
    echo "$node: already running (pid $(pid_of "$node"))"
    return 0
  fi
  rm -f "$DATA/$node/pid"
  for port in $(ports_of "$node") $(tls_ports_of "$node"); do
    listening "$port" && die "$node: port $port is taken by another process ($(ss -ltnpH "sport = :$port" 2>/dev/null | sed 's/.*users:((//; s/)).*//' | head -n 1)).
  Stop it, or change the port in $CONFIG/$node/node.properties (and where other nodes name it)."
  done
  mkdir -p "$DATA/$node"
  # nohup: the node outlives the terminal; stdin closed; SIGTERM (down) stops it cleanly.
  # PDX_GC_OPTIONS: the collector ./hub gives every node it starts (gc_options in ./hub).
  nohup java ${PDX_GC_OPTIONS:-} ${JAVA_OPTS:--Xmx384m} \
    -Dpdx.config-dir="$CONFIG/$node" -Dpdx.data-dir="$DATA/$node" \
    -Dquarkus.config.locations="$CONFIG/$node/node.properties,$CONFIG/$node/tls.properties" \
    -jar "$JAR" >"$DATA/$node/node.log" 2>&1 </dev/null &
  echo $! >"$DATA/$node/pid"
  echo "$node: starting (pid $!, log data/topology/$node/node.log)"
}

await_healthy() {
  local node=$1 waited=0
  while ! healthy "$node"; do
    if ! alive "$node"; then
      echo "---- last lines of data/topology/$node/node.log ----" >&2
      tail -n 25 "$DATA/$node/node.log" >&2
      die "$node stopped during start-up (log above; the first ERROR line names the setting at fault)"
    fi
    (( waited >= START_TIMEOUT )) && die "$node is running but not healthy after ${START_TIMEOUT}s: curl localhost:$(http_port "$node")/q/health, and see data/topology/$node/node.log"
    sleep 1
    waited=$((waited + 1))
  done
  echo "$node: healthy on http://127.0.0.1:$(http_port "$node")"
}

stop_node() {
  local node=$1 pid waited=0
  pid=$(pid_of "$node")
  if ! alive "$node"; then
    rm -f "$DATA/$node/pid"
    return 0
  fi
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    if (( waited >= STOP_TIMEOUT )); then
      echo "$node: did not stop within ${STOP_TIMEOUT}s of SIGTERM; killing pid $pid" >&2
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 1
    waited=$((waited + 1))
  done
  rm -f "$DATA/$node/pid"
  echo "$node: stopped"
}

table() {
  printf '\n%-13s %-18s %-8s %-6s %-6s %-6s %-8s %s\n' NODE ID STATE HTTP CORE AMQP CLUSTER KEYS
  local node state
  for node in department prefecture-a prefecture-b province; do
    if healthy "$node"; then state=UP; elif alive "$node"; then state=STARTING; else state=DOWN; fi
    read -r http core amqp cluster <<<"$(ports_of "$node")"
    printf '%-13s %-18s %-8s %-6s %-6s %-6s %-8s %s\n' "$node" "$(prop "$node" pdx.node.id)" "$state" \
      "$http" "$core" "$amqp" "$cluster" "$(keys_of "$node")"
  done
  if listening "$PG_PORT"; then state=UP; else state=DOWN; fi
  printf '%-13s %-18s %-8s %s\n' postgresql "db $PG_DB" "$state" "127.0.0.1:$PG_PORT (prefecture-a and -b)"
}

keys_of() {
  case $1 in
    department) echo "demo-admin demo-specialist demo-system (PSB)";;
    prefecture-*) echo "demo-admin demo-reviewer (agency), demo-system (PSB), demo-system-hrss ...";;
    province) echo "demo-admin demo-reviewer (province)";;
  esac
}

try_it() {
  cat <<'TRY'

Link keys (seed.json; Artemis user = the organisation's USCC, password = the key):
  ganzi-psb        -> ganzi-prefecture  link-psb-to-ganzi      (11513300MB0000002H at the prefecture)
  ganzi-prefecture -> sichuan-province  link-ganzi-to-sichuan  (11513300MB0000001E at the province)
  sichuan-province -> ganzi-prefecture  link-sichuan-to-ganzi  (11510000MB0000001R at the prefecture)
  ganzi-prefecture -> ganzi-psb         link-ganzi-to-psb      (11513300MB0000001E at the department)

Links run over TLS (bridges to the TLS acceptors, client certificates of the demo CA in
data/topology/certs/). Each node also answers HTTPS with its certificate:
  curl -s --cacert data/topology/certs/ca.pem https://127.0.0.1:8301/q/health | jq .status

Try it:
  H='Content-Type: application/json'
  # the bureau's system sends population records into its department node (8201)
  curl -s -X POST localhost:8201/api/v1/exchange/GZ-PSB-POP-001/records -H 'Authorization: Bearer demo-system' -H "$H" \
    -H 'Pdx-Person: 公安局人口系统' -H 'Pdx-Purpose: 人口基础信息汇聚' \
    -d '[{"citizen_id":"513301198504120025","person_name":"卓玛","birth_date":"1985-04-12","mobile":"13987654321"}]'
  # the platform serves the same catalog on both of its nodes (8211, 8212)
  curl -s localhost:8211/api/v1/catalog/resources/GZ-PSB-POP-001 -H 'Authorization: Bearer demo-system' | jq .status
  curl -s localhost:8212/api/v1/catalog/resources/GZ-PSB-POP-001 -H 'Authorization: Bearer demo-system' | jq .status
  curl -s localhost:8212/q/health | jq '.checks[] | select(.name=="cluster")'     # 2 members
  # usage logs, one chain per node, on every node
  for p in 8201 8211 8212; do curl -s localhost:$p/api/v1/usage-log/verify -H 'Authorization: Bearer demo-reviewer'; echo; done
  curl -s localhost:8221/api/v1/usage-log/verify -H 'Authorization: Bearer demo-reviewer'
  # a few seconds later the province holds it, masked by the department; its lineage shows all three hops
  # (the raw ID is accepted and masked by the node, the answer holds only the pseudonym)
  curl -s localhost:8221/api/v1/lineage/GZ-PSB-POP-001/513301198504120025 -H 'Authorization: Bearer demo-admin' | jq '.arrived[0].hops'
  # the province returns the record it holds to the bureau (by key; a return never takes records from
  # the caller): it travels down through the prefecture to the department
  curl -s -X POST localhost:8221/api/v1/exchange/GZ-PSB-POP-001/return -H 'Authorization: Bearer demo-admin' -H "$H" \
    -H 'Pdx-Person: 省数据中心' -H 'Pdx-Purpose: 数据返还' \
    -d '{"to":"11513300MB0000002H","keys":["513301198504120025"]}'
  curl -s localhost:8201/api/v1/lineage/GZ-PSB-POP-001/513301198504120025 -H 'Authorization: Bearer demo-admin' | jq '.returned[0].hops'

Stop: ./hub topology down   (status: ./hub topology status)
TRY
}

# --- commands ---------------------------------------------------------------------------------

cmd_up() {
  # The build is ./hub's: it builds when the sources changed, then comes back here.
  if [[ -z "${PDX_TOPOLOGY_BUILT:-}" ]]; then
    exec "$ROOT/hub" topology up
  fi
  [[ -f "$JAR" ]] || die "the node is not built ($JAR is missing): ./hub build"
  command -v java >/dev/null || die "java is not on the PATH (Java 17 is needed)"
  command -v curl >/dev/null || die "curl is needed to check the nodes' health"
  mkdir -p "$DATA"
  certs_up
  STARTING=yes
  pg_up
  start_node province
  start_node department
  start_node prefecture-a
  await_healthy prefecture-a
  start_node prefecture-b
  local node
  for node in province department prefecture-b; do
    await_healthy "$node"
  done
  table
  try_it
}

cmd_down() {
  local i
  # The reverse of the start order: the platform's second node first, the database last.
  for (( i=${#NODES[@]}-1; i>=0; i-- )); do
    stop_node "${NODES[$i]}"
  done
  pg_down
}

cmd_status() {
  table
  local node any=""
  for node in "${NODES[@]}"; do alive "$node" && any=yes; done
  [[ -n "$any" ]] || echo "(nothing runs: ./hub topology up)"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
