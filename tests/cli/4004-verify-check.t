#!/bin/sh
# verify checks an export against its manifest; check runs the database's
# integrity checks.
. "$(dirname "$0")/lib.sh"

run ingest "$fixtures/articles"
run export -o "$tmp/e.tar"
run verify "$tmp/e.tar"
expect_code 0 "an intact export verifies"
like "$(cat "$errf")" "e.tar': intact" "and says so"

mkdir "$tmp/x"
bsdtar -xf "$tmp/e.tar" -C "$tmp/x"
victim=$(cd "$tmp/x" && ls 2017/10/12/*.txt | head -1)
gone=$(cd "$tmp/x" && ls */*/*/*.orig | tail -1)
printf 'thêm một dòng\n' >>"$tmp/x/$victim"
rm "$tmp/x/$gone"
printf 'lạ\n' >"$tmp/x/extra.txt"
(cd "$tmp/x" && bsdtar -cf "$tmp/bad.tar" *)
run verify "$tmp/bad.tar"
expect_code 1 "a changed export fails"
grep -qx "altered $victim" "$out"
tap_result $? "the altered entry is named"
grep -qx "missing $gone" "$out"
tap_result $? "the missing entry is named"
grep -qx "unlisted extra.txt" "$out"
tap_result $? "an entry not in the manifest is named"

# Offsets whose sum overflows are a bad manifest, not a read far away.
rm -rf "$tmp/o"
mkdir "$tmp/o"
bsdtar -xf "$tmp/e.tar" -C "$tmp/o"
sed -i '1s/"body_offset":[0-9]*,"body_bytes":[0-9]*/"body_offset":9223372036854775807,"body_bytes":10/' \
	"$tmp/o/manifest.jsonl"
(cd "$tmp/o" && bsdtar -cf "$tmp/offsets.tar" *)
for cmd in verify import; do
	NEWSCTL_DB=$tmp/o.db run $cmd "$tmp/offsets.tar"
	expect_code 1 "$cmd: offsets that overflow fail cleanly"
	like "$(cat "$out" "$errf")" "manifest.jsonl('?:)? line 1" \
		"$cmd: the manifest line is named"
done

head -c 5000 "$tmp/e.tar" >"$tmp/cut.tar"
run verify "$tmp/cut.tar"
expect_code 1 "a truncated export fails"
like "$(cat "$errf")" "cut.tar': damaged or truncated" "as damaged"

run check
expect_code 0 "check passes on a sound database"
like "$(cat "$errf")" "ok \(0 problems\)" "and says so"
sqlite3 "$NEWSCTL_DB" "PRAGMA writable_schema=ON;
  UPDATE articles SET hash = 'xyz' WHERE id = 1;" 2>/dev/null
run check
expect_code 1 "a damaged database fails check"
like "$(cat "$out")" "article 1: bad hash" "the problem is printed"

done_testing
