#!/bin/sh
# The main job on the sample article: ingest seeds/ into a throw-away
# database and search it.
set -eu
newsctl=${1:-build/newsctl}
db=$(mktemp -d)/news.db
trap 'rm -rf "$(dirname "$db")"' EXIT
set -x
"$newsctl" --db "$db" ingest seeds/
"$newsctl" --db "$db" search "dân vận khéo"
"$newsctl" --db "$db" search "dan van kheo"
"$newsctl" --db "$db" show 1
