#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the trial-store tests: a new cluster in a fresh temporary folder, listening
# only on 127.0.0.1 on a free port, trusting local connections, with a database mlnet_tuning. Installs PostgreSQL with
# apt-get when initdb is missing (as root, as on CI). Prints, or writes to the file given as argument, the lines
#   export MLNET_TUNING_POSTGRES='Host=127.0.0.1;Port=...;Username=postgres;Database=mlnet_tuning'
#   export MLNET_TUNING_POSTGRES_FOLDER='/tmp/mlnet-tuning-postgres.XXXXXX'
# for the caller to eval or source. tests/postgres/stop.sh "$MLNET_TUNING_POSTGRES_FOLDER" stops it and deletes the folder.
set -euo pipefail
output=${1:-}

# The folder of initdb, pg_ctl, pg_isready and createdb: Debian puts them in /usr/lib/postgresql/<version>/bin.
find_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z $found ]] && command -v initdb >/dev/null 2>&1; then found=$(dirname "$(readlink -f "$(command -v initdb)")"); fi
  if [[ -n $found && -x $found/initdb && -x $found/pg_isready ]]; then echo "$found"; fi
}

bin=$(find_bin)
if [[ -z $bin ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "PostgreSQL (initdb) is not installed, and installing it needs root: apt-get install postgresql." >&2
    exit 1
  fi
  echo "Installing PostgreSQL..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y postgresql >&2 || { apt-get update >&2 && apt-get install -y postgresql >&2; }
  bin=$(find_bin)
  [[ -n $bin ]] || { echo "apt-get installed postgresql, but no initdb was found under /usr/lib/postgresql." >&2; exit 1; }
fi

# PostgreSQL refuses to run as root: run it as the postgres user the Debian package creates.
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || { echo "Running as root needs the user postgres (created by the postgresql package) to run the server." >&2; exit 1; }
  as_server() { runuser -u postgres -- "$@"; }
else
  as_server() { "$@"; }
fi

folder=$(mktemp -d "${TMPDIR:-/tmp}/mlnet-tuning-postgres.XXXXXX")
started=
cleanup() {
  if [[ -n $started ]]; then as_server "$bin/pg_ctl" -D "$folder/data" stop -m immediate >/dev/null 2>&1 || true; fi
  rm -rf "$folder"
}
trap 'status=$?; if [[ $status -ne 0 ]]; then cleanup; fi' EXIT
touch "$folder/mlnet-tuning-postgres"   # marks the folder as one stop.sh may delete
echo "$bin" > "$folder/bin"
[[ $(id -u) -eq 0 ]] && chown -R postgres: "$folder"

as_server "$bin/initdb" -D "$folder/data" -U postgres --auth=trust --encoding=UTF8 --locale=C --no-sync >"$folder/initdb.log" 2>&1 \
  || { cat "$folder/initdb.log" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=
for candidate in $(seq 55432 55531); do
  port_in_use "$candidate" && continue
  if as_server "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $candidate -k $folder -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
    started=1; port=$candidate; break
  fi
  # Another process took the port between the check and the start: try the next one.
  grep -q "could not bind\|Address already in use" "$folder/server.log" 2>/dev/null || { cat "$folder/server.log" >&2; exit 1; }
done
[[ -n $port ]] || { echo "No free port between 55432 and 55531 for PostgreSQL." >&2; exit 1; }

for _ in $(seq 1 60); do
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
"$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || { echo "PostgreSQL on 127.0.0.1:$port is not ready after 30 s." >&2; cat "$folder/server.log" >&2; exit 1; }
"$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres mlnet_tuning

lines="export MLNET_TUNING_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=mlnet_tuning'
export MLNET_TUNING_POSTGRES_FOLDER='$folder'"
if [[ -n $output ]]; then echo "$lines" > "$output"; else echo "$lines"; fi
echo "PostgreSQL listens on 127.0.0.1:$port, data in $folder." >&2
