#!/usr/bin/env bash
# Runs pcscd with the vsmartcard vpcd driver in a private mount + network namespace, for development
# and tests. Idempotent: `start` reuses a running instance.
#
# Why a namespace (toolchain §4): Debian's vpcd sends each message's 2-byte length and its payload in
# two send() calls, so Nagle + delayed ACK cost ~45 ms per APDU. Inside the namespace a local route
# for 127.0.0.2 with `quickack 1` brings that to ~0.2 ms, port 35963 cannot clash with anything on
# the host, and pcscd gets a private /run/pcscd.
#
# Layout under $YIZHAN_PCSCD_DIR (default /run/yizhan-pcscd):
#   run/             bind-mounted on /run/pcscd inside the namespace; run/pcscd.comm is pcscd's socket,
#                    reachable from the host namespace (unix sockets are not tied to a network namespace)
#   reader.conf.d/   a copy of /etc/reader.conf.d/vpcd only (no other serial readers probed)
#   holder.pid       process that keeps the namespaces alive; pcscd.pid: the daemon; pcscd.log
#
# Clients in the host namespace set PCSCLITE_CSOCK_NAME=$DIR/run/pcscd.comm (see `env`). Virtual cards
# must dial vpcd from inside the namespace: `pcscd.sh exec -- npx yizhan sim card --profile X.json`
# (vpcd listens on 0.0.0.0:35963 for reader "Virtual PCD 00 00" and 35964 for "Virtual PCD 00 01").
#
# Usage: pcscd.sh start|stop|status|env|restart-daemon|stop-daemon|exec -- CMD...
set -euo pipefail

SELF=$(realpath "$0")
DIR=${YIZHAN_PCSCD_DIR:-/run/yizhan-pcscd}
VPCD_CONF=/etc/reader.conf.d/vpcd
# Safety net for tests and benches: the whole instance stops itself after this many seconds (0 = never).
TTL=${YIZHAN_PCSCD_TTL:-0}

die() { echo "pcscd.sh: $*" >&2; exit 1; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
readpid() { cat "$DIR/$1" 2>/dev/null || true; }
socket() { echo "$DIR/run/pcscd.comm"; }

# As root, or as a user with sudo: the namespaces need CAP_SYS_ADMIN, so a user's call is handed to
# sudo (as scripts/setup-system.sh does); `env` and `status` only read and need no privilege.
case "${1:-}" in env | status | "") ;; *)
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "must run as root (unshare -mn needs CAP_SYS_ADMIN), and sudo is not installed"
    exec sudo --preserve-env=YIZHAN_PCSCD_DIR,YIZHAN_PCSCD_TTL,PATH bash "$SELF" "$@"
  fi ;;
esac

preflight() {
  [ "$(id -u)" = 0 ] || die "must run as root (unshare -mn needs CAP_SYS_ADMIN)"
  for cmd in pcscd unshare nsenter ip setsid; do
    command -v "$cmd" >/dev/null || die "'$cmd' not found; run: bash scripts/setup-system.sh (Debian packages pcscd, util-linux, iproute2)"
  done
  [ -f "$VPCD_CONF" ] || die "$VPCD_CONF is missing; install the Debian package vsmartcard-vpcd (scripts/setup-system.sh does)"
}

holder_ok() {
  local h; h=$(readpid holder.pid)
  alive "$h" && [ -f "$DIR/ns.ready" ] && [ "$(readlink "/proc/$h/ns/net")" != "$(readlink /proc/self/ns/net)" ]
}

start_holder() {
  rm -f "$DIR/ns.ready" "$DIR/holder.pid"
  mkdir -p "$DIR/run" "$DIR/reader.conf.d" /run/pcscd
  cp "$VPCD_CONF" "$DIR/reader.conf.d/vpcd"
  local sleep_arg=infinity; [ "$TTL" != 0 ] && sleep_arg=$TTL
  # unshare without --fork moves itself into the new namespaces and execs bash: $! is inside them.
  setsid unshare --mount --net --propagation private -- bash -c '
    set -e
    mount --bind "$1/run" /run/pcscd
    ip link set lo up
    ip route add local 127.0.0.2 dev lo table local quickack 1
    touch "$1/ns.ready"
    exec sleep "$2"' holder "$DIR" "$sleep_arg" </dev/null >>"$DIR/holder.log" 2>&1 9>&- &
  echo $! >"$DIR/holder.pid"
  for _ in $(seq 100); do [ -f "$DIR/ns.ready" ] && return 0; sleep 0.05; done
  die "namespace did not come up; see $DIR/holder.log"
}

daemon_ok() { alive "$(readpid pcscd.pid)" && [ -S "$(socket)" ]; }

start_daemon() {
  local h; h=$(readpid holder.pid)
  rm -f "$(socket)" "$DIR/run/pcscd.pid" "$DIR/pcscd.pid"
  # nsenter execs pcscd after joining the namespaces, so $! is pcscd itself.
  setsid nsenter -t "$h" -m -n -- pcscd --foreground --info --config "$DIR/reader.conf.d" \
    </dev/null >>"$DIR/pcscd.log" 2>&1 9>&- &
  echo $! >"$DIR/pcscd.pid"
  for _ in $(seq 100); do [ -S "$(socket)" ] && return 0; sleep 0.05; done
  die "pcscd did not create $(socket); see $DIR/pcscd.log"
}

print_env() {
  echo "PCSCLITE_CSOCK_NAME=$(socket)"
  echo "YIZHAN_PCSCD_NETNS_PID=$(readpid holder.pid)"
}

stop_pid() {
  local p; p=$(readpid "$1")
  if alive "$p"; then
    # Each process we start is a session leader (setsid): signal its whole group, children included.
    kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true
    for _ in $(seq 60); do alive "$p" || break; sleep 0.05; done
    if alive "$p"; then kill -9 -- "-$p" 2>/dev/null || kill -9 "$p" 2>/dev/null || true; fi
  fi
  rm -f "$DIR/$1"
}

cmd=${1:-start}; shift || true
case "$cmd" in
  start)
    preflight
    mkdir -p "$DIR"
    exec 9>"$DIR/.lock"; flock 9
    holder_ok || { stop_pid pcscd.pid; start_holder; }
    daemon_ok || start_daemon
    if [ "$TTL" != 0 ] && ! alive "$(readpid watchdog.pid)"; then
      setsid bash -c 'sleep "$1"; exec "$2" stop' watchdog "$TTL" "$SELF" </dev/null >/dev/null 2>&1 9>&- &
      echo $! >"$DIR/watchdog.pid"
    fi
    print_env ;;
  stop)
    stop_pid pcscd.pid; stop_pid holder.pid
    w=$(readpid watchdog.pid); [ "$w" != "$$" ] && [ "$w" != "$PPID" ] && stop_pid watchdog.pid
    rm -f "$DIR/ns.ready" "$(socket)" ;;
  stop-daemon) stop_pid pcscd.pid ;;
  restart-daemon)
    preflight
    exec 9>"$DIR/.lock"; flock 9
    holder_ok || die "not started; run: $SELF start"
    stop_pid pcscd.pid; start_daemon; print_env ;;
  status)
    if holder_ok && daemon_ok; then echo running; print_env; else echo stopped; exit 3; fi ;;
  env) holder_ok || die "not started; run: $SELF start"; print_env ;;
  exec)
    [ "${1:-}" = -- ] && shift
    holder_ok || die "not started; run: $SELF start"
    exec nsenter -t "$(readpid holder.pid)" -n -- env PCSCLITE_CSOCK_NAME="$(socket)" "$@" ;;
  *) die "unknown command '$cmd' (start|stop|status|env|restart-daemon|stop-daemon|exec)" ;;
esac
