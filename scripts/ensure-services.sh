#!/usr/bin/env bash
# Makes sure a Redis and a PostgreSQL are running for the scale-out tests, and prints the lines
#   export FIRSTLINE_TEST_REDIS_URL=redis://127.0.0.1:PORT
#   export FIRSTLINE_TEST_PG_URL=postgres://postgres@127.0.0.1:PORT/firstline_test
# on stdout (everything else goes to stderr), so a caller runs: eval "$(bash scripts/ensure-services.sh)"
#
# Both come from Debian's packages (installed here when missing and running as root). They are
# throwaway instances for tests, not the system services: a PostgreSQL cluster initialised in a
# temporary folder and a Redis without persistence, both on loopback on free ports. A second call
# reuses them while they answer. FIRSTLINE_SERVICES_DIR moves their folder (default
# /tmp/firstline-services).
set -euo pipefail
state="${FIRSTLINE_SERVICES_DIR:-/tmp/firstline-services}"
envfile="$state/env"
log() { echo "ensure-services: $*" >&2; }

pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

install_missing() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  pg_bindir >/dev/null || missing+=(postgresql)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing ${missing[*]}; install them (Debian: sudo apt-get install -y ${missing[*]})"
    return 1
  fi
  log "installing ${missing[*]} from Debian's packages..."
  export DEBIAN_FRONTEND=noninteractive
  flock /tmp/apt.lock sh -c "apt-get update -qq && apt-get install -y -qq ${missing[*]} >/dev/null"
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Runs a command as the postgres user when we are root (PostgreSQL refuses to run as root).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

services_answer() {
  [ -f "$envfile" ] || return 1
  # shellcheck disable=SC1090
  . "$envfile"
  local rport pport
  rport="${FIRSTLINE_TEST_REDIS_URL##*:}"
  pport="${FIRSTLINE_TEST_PG_URL##*127.0.0.1:}"
  pport="${pport%%/*}"
  [ "$(redis-cli -h 127.0.0.1 -p "$rport" ping 2>/dev/null)" = PONG ] || return 1
  "$(pg_bindir)/pg_isready" -q -h 127.0.0.1 -p "$pport" || return 1
}

start_redis() {
  local port
  port="$(free_port)"
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
    --dir "$state" --pidfile "$state/redis.pid" --logfile "$state/redis.log" >/dev/null
  for _ in $(seq 1 50); do
    [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ] && break
    sleep 0.1
  done
  echo "redis://127.0.0.1:$port"
}

start_postgres() {
  local bindir port data="$state/pg"
  bindir="$(pg_bindir)"
  port="$(free_port)"
  if [ -f "$data/postmaster.pid" ]; then as_pg "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$data"
  mkdir -p "$data"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$data" "$state"
  as_pg "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
  as_pg "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$data -c max_connections=200" \
    start >/dev/null
  "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U postgres -c 'CREATE DATABASE firstline_test' >/dev/null
  echo "postgres://postgres@127.0.0.1:$port/firstline_test"
}

if services_answer; then
  log "reusing the services in $state"
else
  install_missing
  mkdir -p "$state"
  chmod 755 "$state"
  if [ -f "$state/redis.pid" ]; then kill "$(cat "$state/redis.pid")" 2>/dev/null || true; fi
  redis_url="$(start_redis)"
  pg_url="$(start_postgres)"
  printf 'export FIRSTLINE_TEST_REDIS_URL=%s\nexport FIRSTLINE_TEST_PG_URL=%s\n' \
    "$redis_url" "$pg_url" >"$envfile"
  log "started Redis ($redis_url) and PostgreSQL ($pg_url) in $state"
fi
cat "$envfile"
