#!/usr/bin/env bash
# A few seconds of the load generator against the real server and a throwaway Redis, so
# that the benchmark tools never rot.
# Usage: smoke.sh SERVER_BINARY LOAD_BINARY STORE_BENCH_BINARY
set -euo pipefail
server="$1"
load="$2"
store_bench="$3"
dir="$(mktemp -d)"
redis_port="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')"
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$dir" --appendonly yes --save '' --daemonize yes >/dev/null
until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.05; done
coproc SERVER { exec "$server" --port 0 --redis "redis://127.0.0.1:$redis_port" --commands-per-second 100000 --room-creations-per-hour 1000000 --new-members-per-hour 1000000000 --log-level warn; }
server_pid=$SERVER_PID
read -r line <&"${SERVER[0]}"
port="${line##*:}"
check() {  # check NAME JSON: the generator reported no errors
  echo "$1: $2"
  [[ "$2" == *'"errors":0,'* ]] || { echo "load smoke: $1 reported errors" >&2; exit 1; }
}
# Each mode exits non-zero when nothing was delivered (set -e stops the script).
check "closed loop" "$("$load" --port "$port" --rooms 2 --members 5 --senders 2 --seconds 1 --warmup 0.2)"
check "open loop" "$("$load" --port "$port" --rooms 2 --members 5 --senders 2 --rate 200 --seconds 1 --warmup 0.2)"
check "posts" "$("$load" --port "$port" --rooms 2 --members 2 --posts 20 --warmup 0)"
check "meeting" "$("$load" --mode meeting --port "$port" --rooms 2 --members 6 --pace 20 --seconds 1.5 --warmup 0.2 \
                   --sample-every 1)"
writer="$("$store_bench" --port "$redis_port" --rooms 3 --events 3000 2>/dev/null)"
echo "store bench: $writer"
[[ "$writer" == *'"durable":3000,"lost":0'* ]] || { echo "load smoke: the store bench lost events" >&2; exit 1; }
