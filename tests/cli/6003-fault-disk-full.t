#!/bin/sh
# Out of disk during ingest and export, made with ulimit -f (writes past
# the limit fail with EFBIG; SIGXFSZ is ignored, as the shell passes an
# ignored signal on): a clear error, a non-zero status, a database that
# still passes check, and no partial archive.
. "$(dirname "$0")/lib.sh"

# 400 articles of 30 paragraphs (about 1.5 MB) in $tmp/in, with random
# numbers so that their archives do not compress to nothing.
mkdir "$tmp/in" "$tmp/out"
awk -v dir="$tmp/in" 'BEGIN {
	srand(6003)
	for (i = 1; i <= 400; i++) {
		f = sprintf("%s/t%03d.txt", dir, i)
		printf "Tiêu đề: Tin %d về mùa lũ miền Trung\n" \
			"Ngày: 12/10/2017\n\n", i > f
		for (j = 0; j < 30; j++)
			printf "Đoạn %d của bài %d: mã %d, lượng mưa %d " \
				"mm ở vùng lũ.\n", j, i, rand() * 1e9, \
				rand() * 1e6 > f
		close(f)
	}
}'

# limited BLOCKS ARGS...: newsctl ARGS with files limited to BLOCKS
# (1024 bytes in dash and bash, 512 in some shells: the limits below fail
# the same way with either); sets rc, $out and $errf as run does.
limited() {
	blocks=$1
	shift
	rc=0
	(trap '' XFSZ; ulimit -f "$blocks" && exec "$NEWSCTL" "$@") \
		>"$out" 2>"$errf" </dev/null || rc=$?
}

run ingest "$tmp/in/t001.txt" "$tmp/in/t002.txt"
expect_code 0 "two articles to start with"
size=$(wc -c <"$NEWSCTL_DB")

# Ingest: the database may grow by 64 KiB at most.
limited $(( (size + 65536) / 1024 )) ingest "$tmp/in"
like "$rc" '^7[0-9]$' "ingest on a full disk fails (exit $rc)"
like "$(cat "$errf")" "news.db.*(I/O error|too large|[Nn]o space|full)" \
	"and says why, naming the database"
like "$(cat "$errf")" "not stored" "and says the batch was not stored"
is "$(sed -n 's/.*: \([0-9]*\) added,.*/\1/p' "$errf")" 0 \
	"the summary counts as added only articles stored"
run check
expect_code 0 "the database passes check afterwards"
run stats --json
jq_is .articles 2 "the failed batch left nothing behind"
run ingest "$tmp/in"
expect_code 0 "with room again the same ingest succeeds"
run stats --json
jq_is .articles 400 "and stores every article"

# Export: incremental, so that a failure must not move the watermark.
# The limit is above what opening the database needs (its WAL index is
# 32 KiB) and below half of the archive.
for fmt in tar.zst zip tar.gz; do
	run export -q -o "$tmp/full.$fmt"
	half=$(( $(wc -c <"$tmp/full.$fmt") / 1024 ))
	rm -f "$tmp/full.$fmt"
	check "the $fmt archive is large enough to hit the limit" \
		test "$half" -ge 80
	# An empty WAL, so that the archive is what hits the limit.
	sqlite3 "$NEWSCTL_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	limited "$half" export --incremental "night-$fmt" -o "$tmp/out/a.$fmt"
	like "$rc" '^7[0-9]$' "export $fmt on a full disk fails (exit $rc)"
	like "$(cat "$errf")" "a\.$fmt.*(too large|[Nn]o space|cannot write)" \
		"and says why, naming the archive"
	is "$(ls -A "$tmp/out")" "" "no partial $fmt archive or temporary file"
	run check
	expect_code 0 "the database passes check after the failed export"
	run export -q --incremental "night-$fmt" -o "$tmp/out/a.$fmt"
	expect_code 0 "the next $fmt export succeeds"
	run --db "$tmp/back-$fmt.db" import "$tmp/out/a.$fmt"
	run --db "$tmp/back-$fmt.db" stats --json
	jq_is .articles 400 \
		"and holds all 400 articles: the failure moved no watermark"
	rm -f "$tmp/out/a.$fmt"
done

# A limit below the WAL index: the database cannot even be opened.
limited 8 export -q -o "$tmp/out/b.tar"
like "$rc" '^7[0-9]$' "export fails when nothing can be written (exit $rc)"
like "$(cat "$errf")" "news.db.*(I/O error|too large|[Nn]o space)" \
	"and says why"
is "$(ls -A "$tmp/out")" "" "no archive is left"
run check
expect_code 0 "the database passes check"

done_testing
