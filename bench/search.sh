#!/usr/bin/env bash
# search.sh - search latency and known-item search, beside plain FTS5.
#
#   bench/search.sh [CORPUS_DIR] [PEERS_DIR]
#
# CORPUS_DIR: a folder of raw articles, one a file, line 1 the headline
# (default: the baomoi-2017 archive of PEERS_DIR/../corpus unpacked into a
# temporary folder). PEERS_DIR: the folder of the shared peers.sh and
# queries.txt (default: $NEWSCTL_PEERS). Prints TSV rows:
#   what  metric  value  unit
# Latencies are measured inside one process (bench/search-timer.c, the
# fastest of three runs, top 20 with snippets), so process start-up is left
# out; the FTS5 peer is timed the same way (sqlite3 .timer) in the same run.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
peers=${2:-${NEWSCTL_PEERS:-}}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
row() { printf '%s\t%s\t%s\t%s\n' "$@"; }

if [ -n "${1:-}" ]; then
	corpus=$(cd "$1" && pwd)
else
	[ -n "$peers" ] || { echo "usage: search.sh CORPUS_DIR [PEERS_DIR]" >&2; exit 2; }
	mkdir -p "$work/corpus"
	zstd -dc "$peers/../corpus/baomoi-2017.tar.zst" | tar -x -C "$work/corpus"
	corpus=$work/corpus/data
fi

"$top/bench/build-timer" "$work/search-timer"
# BENCH_DB: a database that holds the corpus already (bench/run passes its
# own); without it the corpus is ingested here first.
db=${BENCH_DB:-}
if [ -z "$db" ]; then
	db=$work/news.db
	t0=$(date +%s.%N)
	"$top/build/newsctl" --db "$db" ingest "$corpus" 2>/dev/null || true
	t1=$(date +%s.%N)
	row newsctl ingest_s "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')" s
fi
row newsctl articles "$(sqlite3 "$db" 'SELECT count(*) FROM articles')" count

# the query set: the shared phrases, then words, unaccented words,
# phrases, fields and dates
{
	[ -n "$peers" ] && grep -v '^$' "$peers/queries.txt"
	cat <<'Q'
người
kinh tế
bóng đá
nguoi
kinh te
bong da
thanh pho ho chi minh
"giá vàng"
"thành phố Hồ Chí Minh"
Hà Nội OR TP.HCM
bão -lũ
thàn*
title:bão
title:"giá vàng"
title:(vàng OR bạc) giá
date:2017 bóng đá
date:2017-01..2017-06 giá vàng
Q
} >"$work/queries"
"$work/search-timer" "$db" <"$work/queries" >"$work/times"
while IFS=$'\t' read -r ms n first q; do
	row newsctl "query:$q" "$ms" "ms,top$n"
done <"$work/times"
cut -f1 "$work/times" | sort -n | awk '{ a[NR] = $1 } END {
	printf "newsctl\tp50\t%.2f\tms\n", a[int((NR + 1) * 0.50)]
	printf "newsctl\tp95\t%.2f\tms\n", a[int(NR * 0.95 + 0.999)]
	printf "newsctl\tmax\t%.2f\tms\n", a[NR] }'

# the plain FTS5 peer, as peers.sh builds it, timed in-process too
# (BENCH_NO_PEER=1 leaves it out, for a corpus that is not one folder of
# UTF-8 files)
[ -n "${BENCH_NO_PEER:-}" ] && peers=
peer=$work/fts5.db
if [ -n "$peers" ]; then
	sqlite3 "$peer" "CREATE VIRTUAL TABLE t USING fts5(name, body,
	  tokenize='unicode61 remove_diacritics 2');
	  INSERT INTO t SELECT name, CAST(data AS TEXT) FROM fsdir('$corpus')
	  WHERE data IS NOT NULL;" >/dev/null
	while IFS= read -r q; do
		[ -z "$q" ] && continue
		esc=${q//\'/\'\'}
		esc=${esc//\"/\"\"}
		best=$(for i in 1 2 3; do printf '%s\n' ".timer on" \
			"SELECT rowid, snippet(t, 1, '[', ']', '…', 24) FROM t
			 WHERE t MATCH '\"$esc\"' ORDER BY rank LIMIT 20;" |
			sqlite3 "$peer" 2>&1 |
			sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p'; done |
			sort -n | head -1)
		ours=$(awk -F '\t' -v q="$q" '$4 == q { print $1 }' "$work/times")
		row fts5-unicode61 "query:$q" "$(awk -v s="$best" 'BEGIN{printf "%.3f", s*1000}')" ms
		row ratio "query:$q" "$(awk -v a="$ours" -v b="$best" 'BEGIN{ if (b > 0) printf "%.2f", a/(b*1000); else print "-" }')" newsctl/fts5
	done <"$peers/queries.txt"
fi

# known-item search: a distinctive part of ~300 headlines, typed with and
# without diacritics; how often is that article (or a copy with the same
# headline) the first hit?
sqlite3 -separator $'\t' "$db" "SELECT id, replace(title, char(9), ' ')
  FROM articles WHERE abs(id * 7919) % 118 = 0 LIMIT 300" >"$work/sample"
python3 - "$work/sample" >"$work/known" <<'PY'
import sys, unicodedata
def strip(s):
    s = s.replace('đ', 'd').replace('Đ', 'D')
    s = unicodedata.normalize('NFD', s)
    return unicodedata.normalize('NFC', ''.join(c for c in s if unicodedata.category(c) != 'Mn'))
for line in open(sys.argv[1], encoding='utf-8'):
    id_, title = line.rstrip('\n').split('\t', 1)
    words = [w for w in title.replace('"', ' ').split() if any(c.isalnum() for c in w)]
    if len(words) < 4:
        continue
    # 5 words from the middle of the headline (4-6 for short ones)
    n = 5 if len(words) >= 7 else len(words) if len(words) <= 6 else 5
    start = (len(words) - n) // 2
    part = ' '.join(w.strip('(),.:;!?-') or w for w in words[start:start + n])
    print(f"{id_}\taccented\t{part}")
    print(f"{id_}\tunaccented\t{strip(part)}")
PY
cut -f3 "$work/known" | "$work/search-timer" "$db" >"$work/known-times"
sqlite3 -separator $'\t' "$db" "SELECT id, title FROM articles" >"$work/titles"
paste "$work/known" "$work/known-times" | awk -F '\t' '
	FILENAME == ARGV[1] { title[$1] = $2; next }
	{ n[$2]++; if ($6 == $1 || ($6 in title && title[$6] == title[$1])) hit[$2]++;
	  t[$2] += $4 }
	END { for (k in n) {
		printf "known-item\t%s_first\t%.1f\t%% of %d\n", k, 100 * hit[k] / n[k], n[k]
		printf "known-item\t%s_mean\t%.2f\tms\n", k, t[k] / n[k] } }' \
	"$work/titles" -
