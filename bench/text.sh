#!/usr/bin/env bash
# bench/text.sh - what the text rules change, beside a baseline newsctl, in
# one run on one corpus: ingest time, wall and CPU (each binary twice,
# alternating; the faster run counts), articles repaired from mojibake,
# and the hits of queries that abbreviations, spelling variants and tone
# repair change.
#
#   bench/text.sh BASELINE_NEWSCTL [-n FILES|all] [CORPUS_DIR]
#
# CORPUS_DIR is a folder of raw articles, one a file; without it the first
# FILES (default all) articles of the baomoi corpus are unpacked from
# $NEWSCTL_CORPUS/baomoi-2017.tar.zst (default: ../shared/corpus).
# Prints TSV: what, metric, baseline, newsctl.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
newsctl=${NEWSCTL:-$top/build/newsctl}
corpora=${NEWSCTL_CORPUS:-$(cd "$top/.." && pwd)/shared/corpus}
[ $# -ge 1 ] || { sed -n '2,13p' "$0"; exit 2; }
base=$1
shift
nfiles=all
corpus=
while [ $# -gt 0 ]; do
	case $1 in
	-n) nfiles=$2; shift 2 ;;
	*) corpus=$1; shift ;;
	esac
done
work=$(mktemp -d "${TMPDIR:-/tmp}/newsctl-text.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ -z "$corpus" ]; then
	mkdir -p "$work/unpacked" "$work/corpus"
	zstd -dc "$corpora/baomoi-2017.tar.zst" | tar -x -C "$work/unpacked"
	[ "$nfiles" = all ] && nfiles=999999999
	find "$work/unpacked" -type f | LC_ALL=C sort |
		awk -v n="$nfiles" 'NR <= n' |
		xargs -d '\n' ln -t "$work/corpus/"
	corpus=$work/corpus
fi

row() { printf '%s\t%s\t%s\t%s\n' "$@"; }
# ingest BINARY DB: "wall cpu" seconds (cpu: user + system, all threads;
# it compares better than wall time on a busy machine)
ingest() {
	local t
	rm -f "$2" "$2-wal" "$2-shm"
	t=$( { TIMEFORMAT='%R %U %S'; time "$1" --db "$2" ingest --quiet \
		"$corpus" >/dev/null 2>&1 || true; } 2>&1 )
	echo "$t" | awk '{ printf "%.2f %.2f", $1, $2 + $3 }'
}
# best N "wall cpu" "wall cpu": the smaller of field N
best() { printf '%s\n%s\n' "$2" "$3" | awk -v f="$1" '
	NR == 1 || $f < m { m = $f } END { print m }'; }

echo "what	metric	baseline	newsctl"
row corpus files "$(find "$corpus" -type f | wc -l)" ""
b1=$(ingest "$base" "$work/base.db")
n1=$(ingest "$newsctl" "$work/new.db")
b2=$(ingest "$base" "$work/base.db")
n2=$(ingest "$newsctl" "$work/new.db")
row ingest wall_s "$(best 1 "$b1" "$b2")" "$(best 1 "$n1" "$n2")"
row ingest cpu_s "$(best 2 "$b1" "$b2")" "$(best 2 "$n1" "$n2")"
row ingest repaired_from_mojibake 0 "$(sqlite3 "$work/new.db" \
	"SELECT count(*) FROM articles WHERE encoding LIKE 'UTF-8 repaired%'")"
# count BINARY DB ARGS...: the hits of search ARGS
count() {
	local bin=$1 db=$2
	shift 2
	"$bin" --db "$db" search --count "$@" 2>/dev/null || true
}
for q in TPHCM TP.HCM '"TP HCM"' UBND '"Ủy ban nhân dân"' HĐND THPT CSGT \
	ĐBQH TTXVN covid19 Covid-19 '"trung học phổ thông"' hoàn hòan quý qúy; do
	row "search $q" hits "$(count "$base" "$work/base.db" "$q")" \
		"$(count "$newsctl" "$work/new.db" "$q")"
	row "search --no-expand $q" hits "" \
		"$(count "$newsctl" "$work/new.db" --no-expand "$q")"
done
