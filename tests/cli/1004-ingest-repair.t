#!/bin/sh
# Ingest: text that arrived broken (mojibake, zero-width characters) and
# tones typed on the wrong vowel.
. "$(dirname "$0")/lib.sh"

mkdir "$tmp/in"
# 1: UTF-8 read as Windows-1252 and written again
printf 'Title: Vi\303\241\302\273\342\200\241t Nam \303\204\342' >"$tmp/in/1.txt"
printf '\200\230\303\203\302\264ng d\303\203\302\242n\n\n' >>"$tmp/in/1.txt"
printf 'Ng\303\206\302\260\303\241\302\273\302\235i d\303\203' >>"$tmp/in/1.txt"
printf '\302\242n hi\303\241\302\272\302\277u kh\303\203\302\241' >>"$tmp/in/1.txt"
printf 'ch.\n' >>"$tmp/in/1.txt"
# 2: looks like mojibake (a quoted sample among Vietnamese): left alone
printf 'Title: L\341\273\227i hi\341\273\203n th\341\273\213\n\n' >"$tmp/in/2.txt"
printf 'Tr\303\252n web c\305\251 ch\341\273\257 Vi\303\241\302' >>"$tmp/in/2.txt"
printf '\273\342\200\241t b\341\273\213 l\341\273\227i.\n' >>"$tmp/in/2.txt"
# 3: zero-width characters
printf 'Title: Vi\341\273\207t\342\200\213Nam v\303\240 h\342' >"$tmp/in/3.txt"
printf '\200\213oa b\303\254nh\n\nB\303\240i vi\341\272\277t.\n' >>"$tmp/in/3.txt"
# 4: tones on the wrong vowel
printf 'Title: H\303\262an th\303\240nh c\303\264ng tr\303\254nh' >"$tmp/in/4.txt"
printf ' q\303\272y gi\303\241\n\nNgh\341\273\213\303\252m thu x' >>"$tmp/in/4.txt"
printf 'ong.\n' >>"$tmp/in/4.txt"

run ingest "$tmp/in"
expect_code 0 "the broken texts are ingested"
like "$(cat "$errf")" \
	"4 added, 0 unchanged, 0 failed \(1 repaired from mojibake\)" \
	"the summary counts the repaired article"

run show --json 1
is "$(jq -r .title "$out")" "Việt Nam đông dân" "mojibake is repaired"
is "$(jq -r .encoding "$out")" "UTF-8 repaired from windows-1252 mojibake" \
	"the encoding field says so"
run show --json 2
is "$(jq -r .encoding "$out")" "UTF-8" \
	"text that only looks like mojibake: UTF-8"
like "$(jq -r .body "$out")" "Viá»‡t bị lỗi" "and it is kept as it was"

run search --ids "Việt Nam"
is "$(sort "$out" | tr '\n' ' ')" "1 3 " \
	"repaired and zero-width texts are found"
run show --json 3
is "$(jq -r .title "$out")" "Việt Nam và hoa bình" \
	"zero-width: a boundary between syllables, dropped inside one"

run search --ids "hoàn thành"
is "$(cat "$out")" "4" "hòan is found as hoàn"
run search --ids "quý nghiệm"
is "$(cat "$out")" "4" "qúy and Nghịêm are found as quý, nghiệm"
run search --ids "hòan"
is "$(cat "$out")" "4" "and as typed the wrong way"
run show --json 4
is "$(jq -r .title "$out")" "Hòan thành công trình qúy giá" \
	"the stored text keeps what was written"

done_testing
