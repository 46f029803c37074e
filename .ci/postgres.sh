# Sourced by .ci/run: a throw-away PostgreSQL server on loopback for the store tests, which never skip.
# Installs the Debian packages when no server binaries are found, starts a cluster in a temporary folder
# with trust authentication on 127.0.0.1 only, and exports ISITDOWN_TEST_POSTGRES. postgres_stop ends it.

postgres_bin() {
  local initdb
  initdb=$(ls -1d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
  [ -n "$initdb" ] && dirname "$initdb"
}

postgres_start() {
  local started=$SECONDS bin
  bin=$(postgres_bin)
  if [ -z "$bin" ]; then
    echo "postgres: installing the Debian packages"
    if [ "$(id -u)" -eq 0 ]; then
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    else
      sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    fi
    bin=$(postgres_bin)
    [ -n "$bin" ] || { echo "postgres: the install left no initdb"; return 1; }
    echo "postgres: installed in $((SECONDS - started)) s"
  fi

  # The server refuses to run as root: as root, the cluster belongs to the postgres user the package made.
  local as=()
  POSTGRES_DIR=$(mktemp -d /tmp/isitdown-pg.XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$POSTGRES_DIR"
    as=(runuser -u postgres --)
  fi

  # A free port: the first one from 55432 that nothing listens on.
  local port=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

  "${as[@]}" "$bin/initdb" -D "$POSTGRES_DIR/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null || return 1
  "${as[@]}" "$bin/pg_ctl" -D "$POSTGRES_DIR/data" -l "$POSTGRES_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $POSTGRES_DIR -c fsync=off -c max_connections=300" start >/dev/null || {
    cat "$POSTGRES_DIR/server.log"; return 1; }
  POSTGRES_PG_CTL=("${as[@]}" "$bin/pg_ctl")
  export ISITDOWN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "postgres: ready on 127.0.0.1:$port after $((SECONDS - started)) s"
}

postgres_stop() {
  if [ -n "${POSTGRES_DIR:-}" ]; then
    "${POSTGRES_PG_CTL[@]}" -D "$POSTGRES_DIR/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$POSTGRES_DIR"
  fi
}
