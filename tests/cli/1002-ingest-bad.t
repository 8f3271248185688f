#!/bin/sh
# Bad input: one clear line naming the file and the reason, the other
# files still ingested, a non-zero exit status.
. "$(dirname "$0")/lib.sh"

seed=$top/seeds/000_24022134b924370a.txt
bad=$fixtures/bad

run ingest "$tmp/missing.txt" "$seed"
expect_code 1 "a missing path fails the run with status 1"
like "$(cat "$errf")" "'$tmp/missing.txt': No such file or directory" "the error names the path"
like "$(cat "$errf")" "1 added, 0 unchanged, 1 failed" "the good file is still ingested"

run ingest "$bad/binary.txt"
expect_code 1 "a binary file fails"
like "$(cat "$errf")" "binary.txt': binary data" "the error says binary"

run ingest "$bad/invalid-utf8.txt"
expect_code 1 "invalid text fails"
like "$(cat "$errf")" "invalid-utf8.txt': .*(UTF-8|encoding)" "the error names the file and the encoding problem"

run ingest "$bad/empty.txt"
expect_code 1 "an empty file fails"
like "$(cat "$errf")" "empty.txt': empty" "the error says empty"

run ingest "$bad/blank.txt"
expect_code 1 "a white-space file fails"
like "$(cat "$errf")" "blank.txt': only white space" "the error says white space"

run --db "$tmp/short.db" ingest "$fixtures/short/headline-only.txt"
expect_code 0 "a headline without a body is kept"
run --db "$tmp/short.db" search --json headline
jq_is .title "Headline only, no body" "with its headline"

run ingest --max-size 1K "$seed"
expect_code 1 "a file over --max-size fails"
like "$(cat "$errf")" "over the size limit" "the error says the size limit"

# Names are escaped in messages: a newline or a terminal escape in a file
# or entry name cannot forge a line or drive the terminal.
mkdir "$tmp/names"
esc=$(printf '\033')
forged="x
newsctl: 9 added, 0 unchanged, 0 failed$esc[2J"
: >"$tmp/names/$forged.txt"
ln -s /etc/passwd "$tmp/names/$forged.lnk"
(cd "$tmp/names" && bsdtar -cf "$tmp/names.tar" -- *.lnk)
rm "$tmp/names/"*.lnk
run ingest "$tmp/names" "$tmp/names.tar"
expect_code 1 "files with forged names fail"
is "$(grep -Ec '^newsctl: (ingest: )?[0-9]+ added' "$errf")" 1 "one summary line, no forged one"
check "no escape byte reaches the terminal" sh -c "! grep -q '$esc' '$errf'"
like "$(cat "$errf")" "names/x\\\\nnewsctl: 9 added.*\\\\x1b\\[2J.txt': empty" \
	"a file's name is shown escaped"
like "$(cat "$errf")" "names.tar!x\\\\nnewsctl: 9 added.*\\\\x1b\\[2J.lnk': a symbolic link" \
	"an entry's name too"

run ingest --max-size lots "$seed"
expect_code 2 "a bad --max-size is a usage error"

run_in "$bad" ingest -
expect_code 1 "a directory on standard input fails"
like "$(cat "$errf")" "standard input': is a directory" "the error says directory"

if [ "$(id -u)" -ne 0 ]; then
	cp "$seed" "$tmp/locked.txt"
	chmod 000 "$tmp/locked.txt"
	run ingest "$tmp/locked.txt"
	expect_code 1 "an unreadable file fails"
	like "$(cat "$errf")" "locked.txt': Permission denied" "the error says permission"
else
	skip "an unreadable file fails" "root reads every file"
	skip "the error says permission" "root reads every file"
fi

run stats --json
jq_is .articles 1 "only the good article was stored"

run ingest --encoding klingon "$seed"
expect_code 2 "an unknown --encoding is a usage error"

done_testing
