#!/bin/sh
# The work one query may cause is bounded: a prefix that starts too many
# indexed words, or prefixes that start too many in all, are refused
# (exit 2) before any search; --ids and --count build no snippets.
. "$(dirname "$0")/lib.sh"

{ echo "Từ điển thử"; echo
  for p in xa xb xc xd xe; do seq -f "$p%04g" 0 2000 | tr '\n' ' '; echo; done
} >"$tmp/words.txt"
run ingest "$tmp/words.txt"
run search --count 'xa00*'
is "$(cat "$out")" 1 "a prefix of 100 words searches"
run search --count 'xa*'
expect_code 2 "a prefix of 2,001 words is refused"
like "$(cat "$errf")" "'xa\*' starts too many words \(over 2000\)" "naming the prefix and the cap"
run search --ids 'xb1*' 'xc1*' 'xd1*' 'xe1*' 'xa0*' 'xb0*' 'xc0*'
expect_code 0 "seven prefixes of 1,000 words each search"
run search --ids 'xb1*' 'xc1*' 'xd1*' 'xe1*' 'xa0*' 'xb0*' 'xc0*' 'xd0*' 'xe0*'
expect_code 2 "nine (9,000 words in all) are refused"
like "$(cat "$errf")" "start too many words in all \(over 8000\)" "with the total cap"
run export --query 'xa*' -o "$tmp/x.tar"
expect_code 2 "export --query has the same caps"

# A body that cannot be read: newest first (no ranking), only snippets
# would read it.
printf 'Mùa nước nổi\n\nBà con đón mùa nước nổi.\n' | run_in /dev/stdin ingest -
sqlite3 "$NEWSCTL_DB" "UPDATE articles SET body_z = X'0102' WHERE id = 2"
run search --sort date mùa nước
check "the text output, with snippets, reads the body" test "$rc" -gt 1
run search --ids --limit 0 --sort date mùa nước
expect_code 0 "--ids --limit 0 reads no body"
is "$(cat "$out")" 2 "and prints the id"
run search --count mùa nước
is "$(cat "$out")" 1 "--count reads none either"

done_testing
