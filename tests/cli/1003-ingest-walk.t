#!/bin/sh
# Folders are walked recursively in sorted order, hidden files skipped.
. "$(dirname "$0")/lib.sh"

mkdir -p "$tmp/in/b" "$tmp/in/.hidden" "$tmp/in/a"
art() { printf 'Tiêu đề bài %s\n\nNội dung bài viết số %s về thời tiết Hà Nội.\n' "$1" "$1"; }
art 1 >"$tmp/in/b/z.txt"
art 2 >"$tmp/in/a/y.txt"
art 3 >"$tmp/in/c.txt"
art 4 >"$tmp/in/.hidden/x.txt"
art 5 >"$tmp/in/.dot.txt"

run ingest "$tmp/in"
expect_code 0 "a folder ingests"
like "$(cat "$errf")" "3 added, 0 unchanged, 0 failed" "hidden files and folders are skipped"
run search --sort date --json bài
is "$(jq -r .title "$out" | sort | tr '\n' ,)" "Tiêu đề bài 1,Tiêu đề bài 2,Tiêu đề bài 3," "the three visible articles are stored"
run show --json 1
jq_is .origin "$tmp/in/a/y.txt" "files are read in sorted order (a/ first)"
run show --json 3
jq_is .origin "$tmp/in/c.txt" "files are read in sorted order (c.txt after b/)"

art 6 | run_in /dev/stdin ingest --source "Báo Thử" -
run search --json "bài 6"
jq_is .source "Báo Thử" "--source is recorded"

done_testing
