#!/bin/sh
# Saved pages and web archives: .html files and folders, .warc, .warc.gz
# (a member per record, or one for the whole file), .wacz, standard input;
# records skipped by reason; bad records one line each, the next ingest.
. "$(dirname "$0")/lib.sh"

web=$fixtures/web

run ingest "$web"
expect_code 0 "a folder of pages ingests"
like "$(cat "$errf")" "3 added, 0 unchanged, 0 failed" "three articles"
like "$(cat "$errf")" "skipped: 1 list page" "the section page is skipped"
like "$(cat "$errf")" "meta.html': broken JSON-LD ignored" \
	"the broken JSON-LD gives one line"
run show --format json 1
jq_is .title "Mưa lớn kéo dài ở Hà Nội, nhiều tuyến phố ngập sâu" \
	"the headline from JSON-LD"
jq_is .url "https://baothu.example/xa-hoi/mua-lon-ha-noi-123.html" \
	"url: the canonical link"
jq_is .source "Báo Thử Nghiệm" "source: the site's name"
jq_is .published "2024-05-01T06:30:00+07:00" "published from JSON-LD"
jq_is .fetched null "a saved page has no fetch date"
jq_is '.captions[0]' "Người dân dắt xe máy qua đoạn đường ngập trên phố \
Nguyễn Khuyến. Ảnh: Minh Hà" "the caption"
run show --raw 1
check "show --raw returns the page as it was" cmp "$out" "$web/jsonld.html"
run search --format json "trạm bơm"
jq_is .id 1 "the extracted text is indexed"
run search --format json "Giấy phép"
expect_code 1 "the footer is not"

run ingest "$web/jsonld.html"
like "$(cat "$errf")" "0 added, 1 unchanged" "the same page again is unchanged"
cp "$web/vnexpress.html" "$tmp/trang.htm"
run_in "$web/meta.html" ingest "$tmp/trang.htm" -
like "$(cat "$errf")" "0 added, 2 unchanged" ".htm, and a page on standard input"

# --- a WARC written here: one record per kind ---
w=$tmp/w
mkdir -p "$w"
cp "$web/meta.html" "$w/page"
# rec TYPE URI CONTENT-TYPE FILE: one WARC record around FILE
rec() {
	printf 'WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n' "$1" "$2"
	printf 'WARC-Date: 2024-06-01T03:04:05Z\r\n'
	printf 'WARC-Record-ID: <urn:uuid:%s>\r\n' "$(basename "$4")"
	printf 'Content-Type: %s\r\nContent-Length: %s\r\n\r\n' "$3" \
		"$(wc -c <"$4" | tr -d ' ')"
	cat "$4"
	printf '\r\n\r\n'
}
http='application/http; msgtype=response'
# resp NAME STATUS CONTENT-TYPE [BODY-FILE]: an HTTP response file
resp() {
	{
		printf 'HTTP/1.1 %s\r\nContent-Type: %s\r\n\r\n' "$2" "$3"
		[ $# -gt 3 ] && cat "$4"
	} >"$w/$1"
}
printf 'software: test\r\n' >"$w/info"
printf 'GET / HTTP/1.1\r\nHost: example.vn\r\n\r\n' >"$w/req"
resp ok '200 OK' 'text/html; charset=utf-8' "$w/page"
resp moved '301 Moved Permanently' 'text/html'
resp missing '404 Not Found' 'text/html' "$web/list.html"
printf '\211PNG\r\n' >"$w/png"
resp image '200 OK' 'image/png' "$w/png"
cp "$web/vnexpress.html" "$w/res"
{
	printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n'
	printf 'Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n'
	gzip -cn "$web/jsonld.html" >"$w/jsonld.gz"
	printf '%x\r\n' "$(wc -c <"$w/jsonld.gz")"
	cat "$w/jsonld.gz"
	printf '\r\n0\r\n\r\n'
} >"$w/chunked"
records() {
	rec warcinfo '' 'application/warc-fields' "$w/info"
	rec request http://example.vn/ "application/http; msgtype=request" \
		"$w/req"
	rec response http://nongnghiep.example/a "$http" "$w/ok"
	rec response http://example.vn/old "$http" "$w/moved"
	rec response http://example.vn/missing "$http" "$w/missing"
	rec response http://example.vn/logo.png "$http" "$w/image"
	rec revisit http://nongnghiep.example/a "$http" "$w/req"
	rec metadata http://example.vn/ 'application/warc-fields' "$w/info"
	rec resource https://vnexpress.net/cau-moi-4800000.html text/html \
		"$w/res"
	rec response https://baothu.example/b "$http" "$w/chunked"
}
records >"$tmp/crawl.warc"
summary="skipped: 1 warcinfo, 1 request, 1 redirect, 1 HTTP error, \
1 not HTML or text, 1 revisit, 1 metadata"

export NEWSCTL_DB="$tmp/warc.db"
run ingest "$tmp/crawl.warc"
expect_code 0 "a WARC ingests"
like "$(cat "$errf")" "3 added, 0 unchanged, 0 failed" \
	"response, resource and chunked gzip response become articles"
like "$(cat "$errf")" "$summary" "the other records are counted by reason"
run show --format json 1
jq_is .url "https://nongnghiep.example/thi-truong/gia-lua-tang-456.html" \
	"url: the canonical link over WARC-Target-URI"
jq_is .external_id "urn:uuid:ok" "external id: WARC-Record-ID"
jq_is .fetched "2024-06-01T03:04:05Z" "fetched: WARC-Date"
run export -q -o "$tmp/crawl.tar.zst"
expect_code 0 "the WARC's articles export"
run --db "$tmp/back.db" import "$tmp/crawl.tar.zst"
expect_code 0 "and import"
run --db "$tmp/back.db" show --format json 1
jq_is .fetched "2024-06-01T03:04:05Z" "the fetch date goes through an archive"
like "$(jq -r .origin "$out")" "^$tmp/crawl.warc:[1-9][0-9]*\$" \
	"origin: the file and the record's offset"
run show --raw 1
check "show --raw returns the payload, not the record" \
	cmp "$out" "$web/meta.html"
run show --raw 3
check "the payload with chunks and gzip undone" cmp "$out" "$web/jsonld.html"
run show --format json 2
jq_is .lead "Cây cầu dài 2,2 km nối hai bờ sông Hồng chính thức thông xe \
sáng nay, sau ba năm thi công." "a resource record by the site rule"

# the same records as .warc.gz, a member per record, and whole
export NEWSCTL_DB="$tmp/gz.db"
: >"$tmp/crawl.warc.gz"
for f in info req; do rec warcinfo '' 'application/warc-fields' "$w/$f" |
	gzip -cn >>"$tmp/crawl.warc.gz"; done
rec response http://nongnghiep.example/a "$http" "$w/ok" |
	gzip -cn >>"$tmp/crawl.warc.gz"
run ingest "$tmp/crawl.warc.gz"
like "$(cat "$errf")" "1 added, 0 unchanged, 0 failed" \
	".warc.gz with a gzip member per record"
export NEWSCTL_DB="$tmp/whole.db"
gzip -cn "$tmp/crawl.warc" >"$tmp/whole.warc.gz"
run ingest "$tmp/whole.warc.gz"
like "$(cat "$errf")" "3 added, 0 unchanged, 0 failed" \
	".warc.gz gzip'd whole"
like "$(cat "$errf")" "$summary" "  the same records skipped"
export NEWSCTL_DB="$tmp/stdin.db"
run_in "$tmp/whole.warc.gz" ingest -
like "$(cat "$errf")" "3 added, 0 unchanged, 0 failed" \
	"a WARC on standard input"
# over --max-size (its pages under it), from a file and from a pipe
export NEWSCTL_DB="$tmp/stdin-big.db"
run_in "$tmp/whole.warc.gz" ingest --max-size 4K -
like "$(cat "$errf")" "3 added, 0 unchanged, 0 failed" \
	"a WARC over --max-size on standard input from a file"
rm -f "$NEWSCTL_DB"
mkfifo "$tmp/ong"
cat "$tmp/whole.warc.gz" >"$tmp/ong" &
run_in "$tmp/ong" ingest --max-size 4K -
wait
like "$(cat "$errf")" "3 added, 0 unchanged, 0 failed" \
	"and from a pipe"

# a WACZ: its WARCs, not its indexes and page lists
export NEWSCTL_DB="$tmp/wacz.db"
mkdir -p "$tmp/z/archive" "$tmp/z/pages"
cp "$tmp/crawl.warc" "$tmp/z/archive/data.warc"
printf '{"url": "http://example.vn/", "title": "Trang"}\n' \
	>"$tmp/z/pages/pages.jsonl"
printf '{"profile": "data-package"}\n' >"$tmp/z/datapackage.json"
(cd "$tmp/z" && bsdtar --format zip -cf "$tmp/crawl.wacz" \
	archive pages datapackage.json)
run ingest "$tmp/crawl.wacz"
like "$(cat "$errf")" "3 added, 0 unchanged, 0 failed" \
	"a .wacz: the articles of its WARC only"

# a plain-text resource record is read as a text article
export NEWSCTL_DB="$tmp/text.db"
{
	printf 'Title: Giá xăng giảm nhẹ\n\n'
	printf 'Giá xăng RON 95 giảm 300 đồng mỗi lít từ chiều nay.\n'
} >"$w/text"
rec resource http://example.vn/gia-xang.txt 'text/plain; charset=utf-8' \
	"$w/text" >"$tmp/text.warc"
run ingest "$tmp/text.warc"
like "$(cat "$errf")" "1 added, 0 unchanged, 0 failed" "a text/plain record"
run show --format json 1
jq_is .title "Giá xăng giảm nhẹ" "  read as a text article"
jq_is .url "http://example.vn/gia-xang.txt" "  its url: WARC-Target-URI"
jq_is .fetched "2024-06-01T03:04:05Z" "  fetched: WARC-Date"

# --- bad records: one line each, the next records still ingest ---
export NEWSCTL_DB="$tmp/bad.db"
printf '5\r\nhel' >"$w/badchunk.body"
{
	printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n'
	printf 'Transfer-Encoding: chunked\r\n\r\n'
	cat "$w/badchunk.body"
} >"$w/badchunk"
{
	rec response http://example.vn/bad "$http" "$w/badchunk"
	rec response http://nongnghiep.example/a "$http" "$w/ok"
	# Content-Length 100 bytes short of the block
	rec resource http://example.vn/short text/html "$w/res" |
		sed '7s/Content-Length: \([0-9]*\)/Content-Length: 100/'
	rec resource https://vnexpress.net/cau-moi-4800000.html text/html \
		"$w/res"
} >"$tmp/bad.warc"
run ingest "$tmp/bad.warc"
expect_code 1 "bad records make the exit status 1"
like "$(cat "$errf")" "bad.warc:0': invalid chunked encoding" \
	"invalid chunked encoding: one line"
like "$(cat "$errf")" "does not end where its Content-Length says" \
	"a wrong Content-Length: one line"
like "$(cat "$errf")" "2 added, 0 unchanged, 2 failed" \
	"the records after them ingest"

export NEWSCTL_DB="$tmp/trunc.db"
rec response http://nongnghiep.example/a "$http" "$w/ok" | gzip -cn \
	>"$tmp/t1"
rec resource https://vnexpress.net/cau-moi-4800000.html text/html "$w/res" |
	gzip -cn >"$tmp/t2"
head -c 300 "$tmp/t1" >"$tmp/trunc.warc.gz"
cat "$tmp/t2" >>"$tmp/trunc.warc.gz"
run ingest "$tmp/trunc.warc.gz"
like "$(cat "$errf")" "gzip" "a truncated gzip member: one line"
like "$(cat "$errf")" "1 added, 0 unchanged, 1 failed" \
	"the member after it ingests"

export NEWSCTL_DB="$tmp/cap.db"
run ingest --max-record 2000 "$tmp/crawl.warc"
like "$(cat "$errf")" "record of [0-9]+ bytes, over the record size limit \
of 2000 \\(see --max-record\\)" "a record over --max-record: one line"
like "$(cat "$errf")" "2 added, 0 unchanged, 1 failed" \
	"the smaller records still ingest"

# a 2 GB record (a sparse file: no disk space), then a small one
export NEWSCTL_DB="$tmp/big.db"
printf 'WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n' \
	>"$tmp/big.warc"
printf 'Content-Length: 2147483648\r\n\r\n' >>"$tmp/big.warc"
truncate -s +2147483648 "$tmp/big.warc"
printf '\r\n\r\n' >>"$tmp/big.warc"
rec resource https://vnexpress.net/cau-moi-4800000.html text/html "$w/res" \
	>>"$tmp/big.warc"
run ingest "$tmp/big.warc"
like "$(cat "$errf")" "record of 2147483648 bytes, over the record size limit" \
	"a 2 GB record: one line, not read into memory"
like "$(cat "$errf")" "1 added, 0 unchanged, 1 failed" \
	"the record after it ingests"
rm -f "$tmp/big.warc"

done_testing
