# Shared by scripts/run, scripts/test and scripts/bench: install what is missing, build,
# and start a private Redis. Every step skips what is already done.
# shellcheck shell=bash

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="${TS_BUILD_DIR:-$ROOT/build}"
DATA_DIR="${TS_DATA_DIR:-$ROOT/.data}"
JOBS="$(nproc 2>/dev/null || echo 2)"
# ccache keeps files compiled with a precompiled header only with these (CMakeLists.txt, TS_PCH).
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to run: $* (install sudo, or run as root)"
  fi
}

# Debian packages the server needs to build and run. Boost is named by version: the
# default libboost-dev is 1.74 and would remove 1.81.
SERVER_PACKAGES=(g++ cmake make pkg-config libboost1.81-dev libprotobuf-dev protobuf-compiler
                 libhiredis-dev libcereal-dev libicu-dev libssl-dev libjwt-dev redis-server redis-tools libgtest-dev ccache)
TEST_PACKAGES=(chromium fonts-dejavu-core clang-format clang libclang-rt-14-dev openssl nginx-light systemd haproxy redis-sentinel janus iproute2 coturn)

missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || printf '%s\n' "$p"
  done
}

ensure_packages() {
  local missing
  missing="$(missing_packages "$@")"
  # Node.js: any installed node >= 18 will do; otherwise Debian's own.
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    missing="$missing"$'\n'"nodejs"$'\n'"npm"
  fi
  missing="$(printf '%s\n' "$missing" | sed '/^$/d' | sort -u | tr '\n' ' ')"
  if [ -n "${missing// /}" ]; then
    say "Installing Debian packages: $missing"
    if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -newermt '-1 day' 2>/dev/null | head -1)" ]; then
      as_root apt-get update -qq
    fi
    # shellcheck disable=SC2086
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 18 ] || die "Node.js 18 or newer is needed (found $(node --version))"
}

# npm ci when the lockfile changed since the last install.
ensure_node_modules() {
  local dir="$1"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "Installing npm packages in ${dir#"$ROOT"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

build_server() {
  local target="${1:-all}"
  say "Building the server ($target)"
  # TS_WERROR=ON (scripts/test) turns warnings into errors; the cache keeps the last choice.
  if [ ! -f "$BUILD_DIR/CMakeCache.txt" ] || [ -n "${TS_WERROR:-}" ]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release ${TS_WERROR:+-DTS_WERROR="$TS_WERROR"} >/dev/null
  fi
  cmake --build "$BUILD_DIR" --target "$target" -- -j"$JOBS"
}

build_client() {
  ensure_node_modules "$ROOT/client-web"
  say "Building the browser client"
  (cd "$ROOT/client-web" && npm run --silent build)
}

# The first of `count` consecutive ports ($1, default 1) below the kernel's ephemeral range,
# which nobody listens on: a port inside that range can be taken at any moment as the local
# end of some outgoing connection (a Sentinel's to Redis took a node's port once in CI).
free_port_block() {
  local count="${1:-1}" low base port i
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  for _ in $(seq 1 50); do
    base=$(( 10000 + RANDOM % (low - 10000 - count) ))
    for (( i = 0; i < count; i++ )); do
      port=$((base + i))
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue 2
    done
    echo "$base"
    return
  done
  die "no $count free ports in a row below $low"
}

# A port nobody listens on.
free_port() {
  python3 - <<'PY' 2>/dev/null || echo $(( 20000 + RANDOM % 20000 ))
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

# Starts a private redis-server (AOF on, data in $1, port $2) unless one already answers
# there. Sets REDIS_PID when it started one.
REDIS_PID=""
start_redis() {
  local dir="$1" port="$2" fsync="${TS_REDIS_APPENDFSYNC:-everysec}"
  mkdir -p "$dir"
  if redis-cli -p "$port" ping >/dev/null 2>&1; then
    say "Redis already answering on 127.0.0.1:$port; using it"
    return
  fi
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --appendonly yes --appendfsync "$fsync" \
    --save '' --daemonize no --logfile "$dir/redis.log" &
  REDIS_PID=$!
  local i
  for i in $(seq 1 100); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && return
    kill -0 "$REDIS_PID" 2>/dev/null || die "redis-server did not start; see $dir/redis.log"
    sleep 0.1
  done
  die "redis-server did not answer on port $port; see $dir/redis.log"
}

stop_redis() {
  local port="$1"
  if [ -n "$REDIS_PID" ] && kill -0 "$REDIS_PID" 2>/dev/null; then
    # SHUTDOWN flushes the append-only file before exiting.
    redis-cli -p "$port" shutdown >/dev/null 2>&1 || kill "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
  fi
  REDIS_PID=""
}
