#!/usr/bin/env bash
# Stops the PostgreSQL server tests/postgres/start.sh started and deletes its folder:
#   tests/postgres/stop.sh "$MLNET_TUNING_POSTGRES_FOLDER"
set -euo pipefail
folder=${1:?usage: tests/postgres/stop.sh <folder printed by start.sh>}
if [[ ! -f $folder/mlnet-tuning-postgres ]]; then
  echo "$folder is not a folder made by tests/postgres/start.sh (no mlnet-tuning-postgres marker); not touching it." >&2
  exit 1
fi
bin=$(cat "$folder/bin")
if [[ -f $folder/data/postmaster.pid ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$folder/data" stop -m fast -w >/dev/null
  else
    "$bin/pg_ctl" -D "$folder/data" stop -m fast -w >/dev/null
  fi
fi
rm -rf "$folder"
