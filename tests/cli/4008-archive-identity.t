#!/bin/sh
# An article's identity comes from its content, never from a manifest:
# import and verify compute each content hash again, and an archive whose
# manifest names another article's hash is damaged. A missing archive is
# "cannot open" (66), not damaged.
. "$(dirname "$0")/lib.sh"

printf 'Giá vàng tăng mạnh\n\nGiá vàng trong nước hôm nay tăng thêm.\n' >"$tmp/a.txt"
printf 'Mưa lớn ở miền Trung\n\nNhiều tỉnh miền Trung có mưa lớn kéo dài.\n' >"$tmp/b.txt"
run ingest "$tmp/a.txt"
run export -o "$tmp/a.tar"
run verify "$tmp/a.tar"
expect_code 0 "a genuine archive is intact"
hash_b=$(NEWSCTL_DB="$tmp/other.db" "$NEWSCTL" ingest -q "$tmp/b.txt" &&
	NEWSCTL_DB="$tmp/other.db" "$NEWSCTL" show --format json 1 | jq -r .hash)

# The archive of a, its manifest naming b's hash (SHA-256 sums redone).
mkdir "$tmp/x"
(cd "$tmp/x" && bsdtar -xf "$tmp/a.tar")
hash_a=$(jq -r .hash "$tmp/x/manifest.jsonl")
sed "s/$hash_a/$hash_b/" "$tmp/x/manifest.jsonl" >"$tmp/m"
mv "$tmp/m" "$tmp/x/manifest.jsonl"
(cd "$tmp/x" && sed -i "/manifest.jsonl/d" SHA256SUMS &&
	sha256sum manifest.jsonl >>SHA256SUMS && bsdtar -cf "$tmp/bad.tar" *)

run verify "$tmp/bad.tar"
expect_code 1 "verify: a manifest naming another article's hash is damaged"
like "$(cat "$out")" "^altered .*\.txt" "the entry is named"
like "$(cat "$errf")" "damaged" "and the archive called damaged"

export NEWSCTL_DB="$tmp/b.db"
run import "$tmp/bad.tar"
expect_code 1 "import refuses the article"
like "$(cat "$errf")" "article 1: damaged" "and says which"
run ingest "$tmp/b.txt"
run search --count mưa lớn
is "$(cat "$out")" 1 "the genuine article is stored, not reported unchanged"
run import "$tmp/a.tar"
expect_code 0 "the genuine archive imports"
run check
expect_code 0 "and the database checks out"

run verify "$tmp/none.tar"
expect_code 66 "verify: a missing archive cannot be opened (66)"
like "$(cat "$errf")" "none.tar': cannot open" "and says so"
run import "$tmp/none.tar"
expect_code 66 "import: a missing archive cannot be opened (66)"

done_testing
