#!/usr/bin/env bash
# bench/export.sh - time newsctl export against tar | zstd -3 and
# tar | gzip -6 of the same raw files, in the same run.
#
#   bench/export.sh [CORPUS_DIR [DB]]
#
# CORPUS_DIR is a folder of raw articles, one a file (default: the baomoi
# corpus unpacked from ../shared/corpus/baomoi-2017.tar.zst into a
# temporary folder). DB is a database that holds them already (bench/run
# passes its own); without it the corpus is ingested first.
# Each is timed three times, the fastest kept. Prints TSV rows "what
# metric  value  unit", then the ratios. The goal:
# tar.zst export at least 0.8 times the speed of the tar | zstd -3 pipe.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
newsctl=${NEWSCTL:-$top/build/newsctl}
work=$(mktemp -d "${TMPDIR:-/tmp}/newsctl-export.XXXXXX")
trap 'rm -rf "$work"' EXIT
corpus=${1:-}
db=${2:-}

if [ -z "$corpus" ]; then
	archive=${NEWSCTL_CORPUS:-$top/../shared/corpus}/baomoi-2017.tar.zst
	[ -f "$archive" ] || { echo "bench/export.sh: no corpus given and $archive not found" >&2; exit 2; }
	mkdir -p "$work/corpus"
	zstd -dc "$archive" | tar -x -C "$work/corpus"
	corpus=$work/corpus
fi
[ -x "$newsctl" ] || { echo "bench/export.sh: build newsctl first (make)" >&2; exit 2; }

now() { date +%s.%N; }
row() { printf '%s\t%s\t%s\t%s\n' "$@"; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b-a}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }

if [ -z "$db" ]; then
	db=$work/news.db
	t0=$(now); "$newsctl" --db "$db" ingest --quiet "$corpus" || true; t1=$(now)
	row newsctl ingest_s "$(secs "$t0" "$t1")" s
fi
bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s+=$1} END{print s}')
row corpus bytes "$bytes" B

# Warm the page cache for both sides.
tar -C "$corpus" -cf - . >/dev/null
"$newsctl" --db "$db" export -q -o "$work/warm.tar" && rm -f "$work/warm.tar"

# best: the fastest of three runs of a command line (the machine's other
# work makes single runs vary by up to 2x)
best() {
	local t0 t1 s b=
	for _ in 1 2 3; do
		t0=$(now); bash -c "$1"; t1=$(now)
		s=$(secs "$t0" "$t1")
		b=$(awk -v a="$s" -v b="$b" 'BEGIN { print (b == "" || a < b) ? a : b }')
	done
	echo "$b"
}
nz_s=$(best "rm -f '$work/news.tar.zst'; '$newsctl' --db '$db' export -q -o '$work/news.tar.zst'")
nz_b=$(stat -c %s "$work/news.tar.zst")
ng_s=$(best "rm -f '$work/news.tar.gz'; '$newsctl' --db '$db' export -q -o '$work/news.tar.gz'")
ng_b=$(stat -c %s "$work/news.tar.gz")
pz_s=$(best "tar -C '$corpus' -cf - . | zstd -q -3 -T1 -o '$work/raw.tar.zst' -f")
pz_b=$(stat -c %s "$work/raw.tar.zst")
pg_s=$(best "tar -C '$corpus' -cf - . | gzip -6 >'$work/raw.tar.gz'")
pg_b=$(stat -c %s "$work/raw.tar.gz")

row newsctl export_tar.zst_s "$nz_s" s
row newsctl export_tar.zst_bytes "$nz_b" B
row newsctl export_tar.gz_s "$ng_s" s
row newsctl export_tar.gz_bytes "$ng_b" B
row tar-zstd export_s "$pz_s" s
row tar-zstd archive_bytes "$pz_b" B
row tar-gzip export_s "$pg_s" s
row tar-gzip archive_bytes "$pg_b" B

echo
echo "ratio	value	meaning"
printf 'export speed zst\t%s\ttar|zstd -3 time / newsctl tar.zst time (>= 0.8 is the goal)\n' "$(ratio "$pz_s" "$nz_s")"
printf 'export speed gz\t%s\ttar|gzip -6 time / newsctl tar.gz time\n' "$(ratio "$pg_s" "$ng_s")"
printf 'archive size zst\t%s\tnewsctl tar.zst / tar|zstd -3 (newsctl adds text, manifest, sums)\n' "$(ratio "$nz_b" "$pz_b")"
printf 'archive size gz\t%s\tnewsctl tar.gz / tar|gzip -6\n' "$(ratio "$ng_b" "$pg_b")"
