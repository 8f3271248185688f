#!/bin/sh
# Limits that hold while reading: no input is read past --max-size into
# memory, a crawler export of any size is read row by row in bounded
# memory, and a folder walk neither blocks nor loops. Peak memory is
# measured (run_rss); the large inputs are generated on the fly into a
# FIFO, never stored.
. "$(dirname "$0")/lib.sh"

seed=$top/seeds/000_24022134b924370a.txt
fifo=$tmp/fifo
mkfifo "$fifo"

# cap NAME LIMIT: the last run's peak memory stayed under LIMIT MiB.
cap() {
	if [ "$rss" -lt "$2" ]; then
		tap_result 0 "$1 ($rss MiB)"
	else
		tap_result 1 "$1 ($rss MiB, over $2)"
	fi
}

run ingest -q "$seed"
expect_code 0 "a database to work on"

# --max-size holds while reading: a file, standard input, an entry.
run_rss /dev/null ingest --max-size 1M /dev/zero
expect_code 1 "an endless device named on the command line is refused"
like "$(cat "$errf")" "'/dev/zero': over the size limit of 1048576 bytes" \
	"at --max-size"
cap "after reading 1 MiB of it, not 1 GiB" 100
run_rss /dev/zero ingest -
expect_code 1 "endless standard input is refused"
like "$(cat "$errf")" "'-': over the size limit of 16777216 bytes" \
	"at the default --max-size"
cap "after 16 MiB of it" 100
head -c 64000000 /dev/zero | tr '\0' a | gzip -1 >"$tmp/a.gz"
run_rss /dev/null ingest --max-size 1M "$tmp/a.gz"
expect_code 1 "a 64 MB compressed entry is refused"
like "$(cat "$errf")" "a.gz!data': over the size limit of 1048576 bytes" \
	"at --max-size"
cap "without holding it" 100
run ingest --max-size 1M --max-total 20M "$tmp/a.gz"
like "$(cat "$errf")" "a.gz': expands past 'data' over the total limit of 20971520 bytes" \
	"what is left unread of it counts against --max-total"

# The folder walk: a FIFO, a device and links back to the folder are
# skipped and reported; the article beside them is read.
mkdir "$tmp/walk"
cp "$seed" "$tmp/walk/bai.txt"
mkfifo "$tmp/walk/ong"
ln -s /dev/zero "$tmp/walk/zero"
ln -s . "$tmp/walk/vong1"
ln -s . "$tmp/walk/vong2"
rm -f "$NEWSCTL_DB"
rc=0
timeout 20 "$NEWSCTL" ingest "$tmp/walk" >"$out" 2>"$errf" || rc=$?
expect_code 1 "a folder with a FIFO, a device and link loops ends"
like "$(cat "$errf")" "walk/ong': not a regular file, skipped" "the FIFO is skipped"
like "$(cat "$errf")" "walk/zero': not a regular file, skipped" \
	"the link to a device is skipped"
like "$(cat "$errf")" "walk/vong1': a link to a folder above it, skipped" \
	"a link loop is skipped"
like "$(cat "$errf")" "1 added, 0 unchanged, 4 failed" "the article is read"

# A CSV row of 50 million commas costs no more than its bytes.
{
	echo 'title,body'
	head -c 50000000 /dev/zero | tr '\0' ,
	echo
	echo 'Tin cuối,Giá vàng hôm nay tăng nhẹ theo giá thế giới.'
} >"$fifo" &
run_rss "$fifo" ingest --format csv --max-size 64M -
wait
expect_code 1 "a row of 50 million commas is a bad row"
like "$(cat "$errf")" "'-' line 2: 50000001 fields, the header row has 2" \
	"which says how many fields"
like "$(cat "$errf")" "1 added, 0 unchanged, 1 failed" "the next row is read"
cap "in memory near its size" 250

# A JSON Lines export of 2.2 GB, over the old 1 GiB input limit, on
# standard input:
# 22,000 rows of 100 kB (over --max-size, so skipped) between two
# articles, read in a few MiB.
big=$(head -c 100000 /dev/zero | tr '\0' a)
{
	echo '{"title":"Tin đầu","body":"Giá vàng hôm nay tăng nhẹ."}'
	yes "{\"title\":\"Dài\",\"body\":\"$big\"}" | head -n 22000
	echo '{"title":"Tin cuối","body":"Giá lúa hôm nay giảm nhẹ."}'
} >"$fifo" &
rm -f "$NEWSCTL_DB"
run_rss "$fifo" ingest --max-size 64K -
wait
expect_code 1 "a 2.2 GB JSON Lines export is read to its end"
like "$(cat "$errf")" "2 added, 0 unchanged, 22000 failed" \
	"both articles, every long row refused"
like "$(cat "$errf")" "'-' line 22001: row of 100026 bytes, over the size" \
	"rows over --max-size are named by line"
cap "in bounded memory" 100
run show --json 2
jq_is .origin "-:22002" "the last row's line is right"

# A CSV export read as a stream: rows with a line break inside a quoted
# field, skipped over --max-size, keep the line count right.
{
	echo 'title,body'
	yes "Dài,\"$big
tiếp\"" | head -n 4000
	echo 'Tin cuối CSV,"Giá cà phê hôm nay, ổn định."'
} >"$fifo" &
run_rss "$fifo" ingest --format csv --max-size 64K -
wait
expect_code 1 "a 200 MB CSV export is read to its end"
like "$(cat "$errf")" "1 added, 0 unchanged, 2000 failed" \
	"its last row is read"
run show --json 3
jq_is .origin "-:4002" "on the right line"
cap "in bounded memory" 100

# An export inside an archive, larger than --max-size, is streamed too.
mkdir "$tmp/arc"
awk 'BEGIN { for (i = 1; i <= 3000; i++)
	printf "{\"title\":\"Tin số %d\",\"body\":\"Giá vàng hôm nay, số %d.\"}\n",
		i, i }' >"$tmp/arc/tin.jsonl"
(cd "$tmp/arc" && bsdtar --zstd -cf "$tmp/tin.tar.zst" tin.jsonl)
rm -f "$NEWSCTL_DB"
run ingest --max-size 64K "$tmp/tin.tar.zst"
expect_code 0 "a 200 kB export in a tar.zst, over --max-size 64K"
like "$(cat "$errf")" "3000 added, 0 unchanged, 0 failed" "is read row by row"

# A compressed input whose content starts with 1024 zero bytes reads as
# an empty tar: an error, not silence.
{ head -c 1024 /dev/zero; cat "$seed"; } | gzip >"$tmp/nul.gz"
run ingest "$tmp/nul.gz"
expect_code 1 "content after 1024 zero bytes is not taken for nothing"
like "$(cat "$errf")" "nul.gz': no entries: an empty archive, or data that starts with zero bytes" \
	"the error says why"

done_testing
