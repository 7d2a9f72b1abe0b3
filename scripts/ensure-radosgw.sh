#!/usr/bin/env bash
# A throw-away single-node Ceph cluster (1 mon, 1 bluestore OSD on a sparse file, 1 radosgw) that
# serves S3 on a loopback port for the tests and benchmarks; see
# shared/reference/s3-test-server-notes.md for why radosgw and what was measured.
#
#   ensure-radosgw.sh [start]   install (apt, as root) and start what is missing; reuse a running
#                               gateway; print the FERRY_S3_* lines the tests need (stdout only)
#   ensure-radosgw.sh stop      stop only the S3 gateway: S3 becomes unreachable, the cluster and
#                               its objects stay; `start` brings the gateway back in a few seconds
#   ensure-radosgw.sh stop-all  stop every daemon and delete the folder
#   ensure-radosgw.sh status    exit 0 when the gateway answers
#   ensure-radosgw.sh reset-bucket NAME
#                               start, then empty (or create) bucket NAME: a test run's clean slate
#
# FERRY_RADOSGW_DIR (default /tmp/ferry-radosgw) and FERRY_RADOSGW_PORT (default 7480) move it.
# Progress goes to stderr; stdout carries only the env lines, so `eval "$(… start)"` or
# `set -a; source <(…)` works.
set -euo pipefail

DIR=${FERRY_RADOSGW_DIR:-/tmp/ferry-radosgw}
PORT=${FERRY_RADOSGW_PORT:-7480}
MON_PORT=${FERRY_RADOSGW_MON_PORT:-13300}
ACCESS_KEY=ferry-test-access-key
SECRET_KEY=ferry-test-secret-key-not-for-production
BUCKET=ferry-test
REGION=us-east-1
CONF=$DIR/ceph.conf
ENDPOINT=http://127.0.0.1:$PORT
# Flags every Ceph client here needs: no cephx, msgr2 in crc mode (else radosgw waits 300 s for cephx).
CLIENT_FLAGS=(-c "$CONF" --auth-client-required=none --ms-mon-client-mode=crc)

log() { echo "ensure-radosgw: $*" >&2; }

answers() { curl -fsS -o /dev/null --max-time 2 "$ENDPOINT/" 2>/dev/null; }

running() { # running NAME: the daemon recorded in $DIR/NAME.pid is alive
  local pid
  pid=$(cat "$DIR/$1.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

stop_daemon() { # stop_daemon NAME: TERM, then KILL after 10 s
  local pid
  pid=$(cat "$DIR/$1.pid" 2>/dev/null) || return 0
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$DIR/$1.pid"
}

spawn() { # spawn NAME COMMAND…: run a daemon in the foreground mode, detached, pid recorded
  local name=$1
  shift
  setsid "$@" > "$DIR/log/$name.out" 2>&1 < /dev/null 9>&- &
  echo $! > "$DIR/$name.pid"
}

install_packages() {
  command -v ceph-mon > /dev/null && command -v ceph-osd > /dev/null && command -v radosgw > /dev/null && command -v ceph > /dev/null && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get > /dev/null; then
    log "Ceph is missing: install it with 'apt-get install -y --no-install-recommends ceph-mon ceph-osd radosgw ceph-common' (needs root)"
    exit 1
  fi
  log "installing ceph-mon ceph-osd radosgw ceph-common (about 30 s)"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ceph-mon ceph-osd radosgw ceph-common > /dev/null
}

write_conf() {
  cat > "$CONF" <<CONF
[global]
fsid = $(cat /proc/sys/kernel/random/uuid)
mon host = v2:127.0.0.1:$MON_PORT
mon initial members = a
auth cluster required = none
auth service required = none
auth client required = none
ms bind msgr1 = false
ms bind msgr2 = true
ms mon client mode = crc
public network = 127.0.0.0/8
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
mon allow pool size one = true
mon max pg per osd = 1000
osd crush chooseleaf type = 0
mon warn on pool no redundancy = false
run dir = $DIR/run
admin socket = $DIR/run/\$name.asok
log file = $DIR/log/\$name.log
keyring = $DIR/keyring
# A test server: small caches, so three daemons stay near 200 MiB on a shared machine.
osd memory target = 939524096
bluestore cache autotune = false
bluestore cache size = 134217728
[mon.a]
mon data = $DIR/mon
[osd.0]
osd data = $DIR/osd
osd objectstore = bluestore
bluestore block path = $DIR/osd-block
bluestore block create = true
# Sparse: only what the tests write takes disk space.
bluestore block size = 21474836480
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$PORT
rgw data = $DIR/rgw
CONF
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND…
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq 1 $((seconds * 4))); do
    "$@" > /dev/null 2>&1 && return 0
    sleep 0.25
  done
  log "$what did not come up within ${seconds}s; logs in $DIR/log"
  tail -n 20 "$DIR"/log/*.out >&2 || true
  return 1
}

start_gateway() {
  log "starting radosgw on $ENDPOINT"
  spawn rgw radosgw -f -n client.rgw.a "${CLIENT_FLAGS[@]}"
  wait_for 60 "radosgw" answers
}

create_cluster() {
  log "creating a single-node Ceph cluster in $DIR"
  for name in rgw osd mon; do stop_daemon "$name"; done
  rm -rf "$DIR"
  mkdir -p "$DIR"/{mon,osd,rgw,run,log}
  write_conf
  ceph-authtool --create-keyring "$DIR/keyring" --gen-key -n mon. --cap mon 'allow *' > /dev/null
  ceph-authtool "$DIR/keyring" --gen-key -n client.admin --cap mon 'allow *' --cap osd 'allow *' > /dev/null
  monmaptool --create --addv a "[v2:127.0.0.1:$MON_PORT]" --fsid "$(sed -n 's/^fsid = //p' "$CONF")" "$DIR/monmap" > /dev/null
  ceph-mon -c "$CONF" --mkfs -i a --monmap "$DIR/monmap" --keyring "$DIR/keyring" 2>> "$DIR/log/mkfs.out"
  spawn mon ceph-mon -f -c "$CONF" -i a
  wait_for 30 "ceph-mon" ceph "${CLIENT_FLAGS[@]}" --connect-timeout 2 mon stat || exit 1
  local uuid
  uuid=$(cat /proc/sys/kernel/random/uuid)
  ceph "${CLIENT_FLAGS[@]}" osd new "$uuid" 0 > /dev/null
  ceph-osd -c "$CONF" -i 0 --mkfs --osd-uuid "$uuid" >> "$DIR/log/mkfs.out" 2>&1
  spawn osd ceph-osd -f -c "$CONF" -i 0
  wait_for 60 "ceph-osd" bash -c "ceph ${CLIENT_FLAGS[*]} --connect-timeout 2 osd stat | grep -q '1 up'" || exit 1
}

create_user() {
  if ! radosgw-admin "${CLIENT_FLAGS[@]}" user info --uid=ferry-test > /dev/null 2>&1; then
    radosgw-admin "${CLIENT_FLAGS[@]}" user create --uid=ferry-test --display-name=ferry-test \
      --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" > /dev/null
  fi
}

create_bucket() { # create_bucket NAME
  # CreateBucket is idempotent for its owner (200, or 409 BucketAlreadyOwnedByYou). curl 7.88
  # signs the empty body's hash but does not send it, and radosgw needs the header.
  local status
  status=$(curl -sS -o /dev/null -w '%{http_code}' -X PUT --aws-sigv4 "aws:amz:$REGION:s3" \
    -H 'x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' \
    --user "$ACCESS_KEY:$SECRET_KEY" "$ENDPOINT/$1")
  case "$status" in
    200 | 409) ;;
    *)
      log "creating bucket $1 answered HTTP $status"
      exit 1
      ;;
  esac
}

print_env() {
  cat <<ENV
FERRY_S3_ENDPOINT=$ENDPOINT
FERRY_S3_REGION=$REGION
FERRY_S3_BUCKET=$BUCKET
FERRY_S3_ACCESS_KEY_ID=$ACCESS_KEY
FERRY_S3_SECRET_ACCESS_KEY=$SECRET_KEY
FERRY_S3_FORCE_PATH_STYLE=true
ENV
}

start() {
  # Two test processes starting it at once would each build a cluster in the same folder.
  mkdir -p "$(dirname "$DIR")"
  exec 9> "$DIR.lock"
  flock 9
  if ! answers; then
    install_packages
    # Only the gateway was stopped: bring it back on the same cluster.
    if ! (running mon && running osd); then create_cluster; fi
    stop_daemon rgw
    # A cluster left behind by a killed run may be alive but unable to serve: build a new one.
    if ! start_gateway; then
      log "the existing cluster did not serve; creating a new one"
      create_cluster
      start_gateway || exit 1
    fi
  fi
  create_user
  create_bucket "$BUCKET"
  flock -u 9
}

case "${1:-start}" in
  start)
    start
    print_env
    ;;
  reset-bucket)
    [[ "${2:-}" =~ ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$ ]] || {
      log "usage: $0 reset-bucket NAME"
      exit 2
    }
    start
    radosgw-admin "${CLIENT_FLAGS[@]}" bucket rm --bucket="$2" --purge-objects > /dev/null 2>&1 || true
    create_bucket "$2"
    ;;
  stop) stop_daemon rgw ;;
  stop-all)
    for name in rgw osd mon; do stop_daemon "$name"; done
    rm -rf "$DIR"
    ;;
  status) answers ;;
  *)
    log "usage: $0 [start|stop|stop-all|status|reset-bucket NAME]"
    exit 2
    ;;
esac
