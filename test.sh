#!/usr/bin/env bash
# Every test, on loopback only. The PostgreSQL store tests need a server and never skip: unless
# ISITDOWN_TEST_POSTGRES already names one, a throw-away server is started on 127.0.0.1 for the run (the
# Debian packages are installed first when no PostgreSQL binaries are found) and removed afterwards.
# Arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Postgres".
set -uo pipefail
cd "$(dirname "$0")"

if [ -z "${ISITDOWN_TEST_POSTGRES:-}" ]; then
  source .ci/postgres.sh
  trap postgres_stop EXIT
  postgres_start || { echo "test.sh: could not start PostgreSQL; install it, or set ISITDOWN_TEST_POSTGRES to a server's connection string"; exit 1; }
fi

dotnet test IsItDownBot.sln "$@"
