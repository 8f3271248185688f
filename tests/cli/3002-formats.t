#!/bin/sh
# --format text|json|tsv|ids on every command that prints records, the
# old flags as its aliases, and one key order for an article everywhere
# (show, search, the export manifest); see newsctl-formats(5).
. "$(dirname "$0")/lib.sh"

seed=$top/seeds/000_24022134b924370a.txt
newsctl ingest --quiet --source "Báo Mẫu" "$seed" "$fixtures/articles/plain.txt"
art_keys='["id","hash","source","origin","url","external_id","section","title","lead","published","fetched","byline","credit","encoding","captions","views","ingested"]'

# search
run search --format json "dân vận khéo"
expect_code 0 "search --format json"
check "search --format json: JSON" jq -e . "$out"
jq_is 'has("url")' true "search json has the url"
jq_is '.origin | type' string "search json has the origin"
jq_is 'has("external_id")' true "search json has external_id"
cp "$out" "$tmp/fmt.json"
run search --json "dân vận khéo"
check "--json is --format json" cmp "$out" "$tmp/fmt.json"
run search --format tsv "dân vận khéo"
is "$(awk -F '\t' '{ print NF }' "$out")" 9 "search --format tsv: nine columns"
is "$(cut -f1 "$out")" 1 "search tsv: the id first"
run search --format ids "dân vận khéo"
is "$(cat "$out")" 1 "search --format ids: the id alone"
run search --format text --color never "dân vận khéo"
like "$(head -1 "$out")" "^1  2017-10-12 04:18  Đẩy mạnh" "search --format text: id, date, title"
run search --format yaml dân
expect_code 2 "an unknown format is a usage error"
like "$(cat "$errf")" "^newsctl: search: --format: unknown value 'yaml'" \
	"the message names the command and the option"
run search --format json --count dân
expect_code 2 "--format and --count go alone"

# show
run show --format json 1
jq_is "keys_unsorted == $art_keys + [\"body\", \"copies\"]" true \
	"show json: the article key order, then body and copies"
cp "$out" "$tmp/show.json"
run show --json 1
check "show --json is --format json" cmp "$out" "$tmp/show.json"
run show --format tsv 1
is "$(awk -F '\t' '{ print NF }' "$out")" 17 "show --format tsv: seventeen columns"
is "$(cut -f1,3 "$out")" "1	Báo Mẫu" "show tsv: id, then hash, then source"
run show --format ids 2
is "$(cat "$out")" 2 "show --format ids: the id"
run show --format text 1
like "$(head -1 "$out")" "^id: +1$" "show --format text is the default layout"

# stats
run stats --format json
jq_is .articles 2 "stats --format json"
run stats --format tsv
is "$(cut -f1 "$out")" 2 "stats --format tsv: articles first"
is "$(awk -F '\t' '{ print NF }' "$out")" 6 "stats tsv: six columns"
run stats --format text
like "$(head -1 "$out")" "^articles: +2$" "stats --format text"
run stats --format ids
expect_code 2 "stats has no ids"

# verify, and the manifest's key order
run export -q -o "$tmp/a.tar"
bsdtar -xOf "$tmp/a.tar" manifest.jsonl | head -1 >"$tmp/m.json"
jq_is_file() { is "$(jq -r "$1" "$tmp/m.json")" "$2" "$3"; }
jq_is_file "keys_unsorted == $art_keys + [\"raw_size\",\"txt\",\"orig\"]" true \
	"the manifest: the article key order, then its entries"
mkdir "$tmp/x" && (cd "$tmp/x" && bsdtar -xf "$tmp/a.tar")
echo extra >"$tmp/x/extra.txt"
(cd "$tmp/x" && bsdtar -cf "$tmp/b.tar" *)
run verify --format json "$tmp/b.tar"
expect_code 1 "verify finds the unlisted entry"
jq_is '[.problem, .path] | join(" ")' "unlisted extra.txt" "verify --format json: problem and path"
run verify --format tsv "$tmp/b.tar"
is "$(cat "$out")" "unlisted	extra.txt	" "verify --format tsv: problem, path, detail"
run verify "$tmp/b.tar"
is "$(cat "$out")" "unlisted extra.txt" "verify text: one line a problem"

done_testing
