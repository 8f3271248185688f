#!/bin/sh
# export: every format lists with bsdtar/unzip, sums check after
# extraction, the same selection gives the same bytes, and the round trip
# export -> import into an empty database -> export is byte-identical.
. "$(dirname "$0")/lib.sh"

run ingest "$fixtures/articles" "$top/seeds"

for f in tar.zst tar.gz tar.xz tar zip warc.gz; do
	run export -o "$tmp/out.$f"
	expect_code 0 "export to $f"
done
bsdtar -tf "$tmp/out.tar.zst" >"$tmp/list" 2>&1
like "$(cat "$tmp/list")" '^2017/10/12/[0-9]+-[a-z0-9-]+\.txt$' "tar.zst lists YYYY/MM/DD/<id>-<slug>.txt"
is "$(tail -n 2 "$tmp/list" | tr '\n' ' ')" "SHA256SUMS manifest.jsonl " "sums and manifest come last"
is "$(LC_ALL=C sort "$tmp/list" | tr '\n' ' ')" "$(tr '\n' ' ' <"$tmp/list")" "entries are sorted"
for f in tar.gz tar.xz tar; do
	is "$(bsdtar -tf "$tmp/out.$f")" "$(cat "$tmp/list")" "$f holds the same entries"
done
check "unzip -l lists the zip" unzip -l "$tmp/out.zip"
is "$(unzip -Z1 "$tmp/out.zip")" "$(cat "$tmp/list")" "zip holds the same entries"
bsdtar -tvf "$tmp/out.tar.zst" | head -1 >"$tmp/line"
like "$(cat "$tmp/line")" '^-rw-r--r-- +0 0 +0 ' "owner 0/0, mode 0644"
like "$(cat "$tmp/line")" ' Oct 1[12] +2017 ' "mtime is the published time"

mkdir "$tmp/x"
bsdtar -xf "$tmp/out.tar.gz" -C "$tmp/x"
check "sha256sum -c passes on the extracted export" \
	sh -c "cd '$tmp/x' && sha256sum -c --strict SHA256SUMS"
is "$(wc -l <"$tmp/x/manifest.jsonl" | tr -d ' ')" "$(ls "$tmp/x"/*/*/*/*.txt | wc -l | tr -d ' ')" \
	"one manifest line per article"
is "$(jq -r 'select(.id == 1) | .txt.path' "$tmp/x/manifest.jsonl")" \
	"$(cd "$tmp/x" && ls */*/*/1-*.txt)" "the manifest names the entry"
grep -q '^Hash: [0-9a-f]\{64\}$' "$tmp/x"/2017/10/12/*.txt
tap_result $? ".txt has a header block with the content hash"

# zstd and gzip streams carry no time or name: the same run twice is equal.
sleep 1
run export -o "$tmp/again.tar.gz"
check "tar.gz is deterministic" cmp "$tmp/out.tar.gz" "$tmp/again.tar.gz"
run export -o "$tmp/again.zip"
check "zip is deterministic" cmp "$tmp/out.zip" "$tmp/again.zip"
run export -o "$tmp/again.warc.gz"
check "warc.gz is deterministic" cmp "$tmp/out.warc.gz" "$tmp/again.warc.gz"

# WARC: a warcinfo record first, one gzip member per record.
zcat "$tmp/out.warc.gz" | grep -a '^WARC-Type' | head -2 | tr -d '\r' >"$tmp/types"
is "$(tr '\n' ' ' <"$tmp/types")" "WARC-Type: warcinfo WARC-Type: resource " "warcinfo first, then resource records"
members=$(python3 -c 'import sys,zlib
d=open(sys.argv[1],"rb").read();n=0
while d:
    o=zlib.decompressobj(31);o.decompress(d);d=o.unused_data;n+=1
print(n)' "$tmp/out.warc.gz" 2>/dev/null || echo 0)
records=$(zcat "$tmp/out.warc.gz" | grep -ac '^WARC/1.0')
is "$members" "$records" "one gzip member per WARC record"
like "$(zcat "$tmp/out.warc.gz" | tr -d '\r' | grep -a '^WARC-Payload-Digest' | head -1)" \
	'^WARC-Payload-Digest: sha256:[A-Z2-7]{52}=*$' "payload digest in base32"

# Round trip.
for f in tar.zst zip; do
	rm -f "$tmp/b.db"
	NEWSCTL_DB=$tmp/b.db run import "$tmp/out.$f"
	expect_code 0 "import $f into an empty database"
	NEWSCTL_DB=$tmp/b.db run export -o "$tmp/round.$f"
	check "round trip through $f is byte-identical" cmp "$tmp/out.$f" "$tmp/round.$f"
done
NEWSCTL_DB=$tmp/b.db run import "$tmp/out.zip"
like "$(cat "$errf")" "0 added .*, [0-9]+ unchanged, 0 failed" "importing twice adds nothing"
NEWSCTL_DB=$tmp/b.db run show --raw 2
newsctl show --raw 2 >"$tmp/orig2"
check "original bytes come back" cmp "$out" "$tmp/orig2"

# Selection, strftime names, --quiet.
run export --quiet --since 2017-10-12 --until 2017-10-12 -o "$tmp/day-%Y.tar.zst"
expect_code 0 "export with --since/--until"
is "$(cat "$errf")" "" "--quiet prints nothing on success"
f=$tmp/day-$(date +%Y).tar.zst
check "strftime patterns in the file name" test -f "$f"
is "$(bsdtar -xOf "$f" manifest.jsonl | jq -r .published | cut -c1-10 | sort -u)" \
	"2017-10-12" "only that day is exported"
run export -o "$tmp/q.tar.zst" --query "cầu"
is "$(bsdtar -xOf "$tmp/q.tar.zst" manifest.jsonl | jq -r .title | grep -c -i 'cầu')" \
	"$(bsdtar -xOf "$tmp/q.tar.zst" manifest.jsonl | wc -l | tr -d ' ')" "--query selects matching articles"
run export -o "$tmp/noformat.bin"
expect_code 2 "a name without a known suffix needs --format"

done_testing
