#!/bin/sh
# manifest.jsonl is read in pieces by verify and import: a manifest larger
# than the size limit of one entry (a million articles give 524 MB, over
# the default 256M) needs no special flag. Here the limit is lowered so
# that a small archive's manifest is over it while its articles are not.
. "$(dirname "$0")/lib.sh"

mkdir "$tmp/in"
i=1
while [ $i -le 40 ]; do
	printf 'Tin số %s về mùa nước nổi\n\nBà con đón mùa nước nổi lần thứ %s.\n' $i $i >"$tmp/in/a$i.txt"
	i=$((i + 1))
done
run ingest "$tmp/in"
run export -o "$tmp/a.tar.zst"
msize=$(bsdtar -xOf "$tmp/a.tar.zst" manifest.jsonl | wc -c)
check "the manifest ($msize bytes) is over 8K" test "$msize" -gt 8192

run verify --max-size 8K "$tmp/a.tar.zst"
expect_code 0 "verify reads a manifest over --max-size"
like "$(cat "$errf")" "intact" "and finds the archive intact"

export NEWSCTL_DB="$tmp/b.db"
run import --max-size 8K "$tmp/a.tar.zst"
expect_code 0 "import reads it too"
run stats --json
jq_is .articles 40 "every article is imported"

# A manifest line over the limit is a bad line, not the end of the reading.
mkdir "$tmp/x"
(cd "$tmp/x" && bsdtar -xf "$tmp/a.tar.zst")
{ head -c 9000 /dev/zero | tr '\0' 'x'; echo; } >>"$tmp/x/manifest.jsonl"
(cd "$tmp/x" && bsdtar -cf "$tmp/long.tar" *)
run verify --max-size 8K "$tmp/long.tar"
expect_code 1 "a line over the limit is a problem"
like "$(cat "$out")" "bad manifest.jsonl line 41: too long" "named with its line"

done_testing
