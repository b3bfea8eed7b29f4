#!/usr/bin/env bash
# Installs the machine packages that the test services need, when they are missing:
# the PostgreSQL server binaries (initdb, pg_ctl, postgres). Runs on Debian/Ubuntu via apt-get.
set -euo pipefail

have_postgres() {
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

if have_postgres; then
  exit 0
fi
echo "PostgreSQL server binaries not found; installing them from the distribution's packages"
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq postgresql >/dev/null
have_postgres || { echo "PostgreSQL installation failed: initdb/pg_ctl still missing" >&2; exit 1; }
