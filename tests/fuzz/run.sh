#!/bin/sh
# run.sh - build the libFuzzer targets tests/fuzz/fuzz-*.c and run each
# for FUZZ_SECONDS seconds (default 60) from a seed corpus made from
# fixtures/, after replaying its regression inputs in
# fixtures/fuzz-regress/TARGET/ (each a crash found and fixed once).
#
#   tests/fuzz/run.sh [TARGET...]    e.g. tests/fuzz/run.sh query archive
#
# `make fuzz` runs it; `make fuzz-ci` with FUZZ_SECONDS=20. Needs clang
# with libFuzzer (`sh tests/install-deps.sh fuzz`). The library is built
# with -fsanitize=fuzzer-no-link,address,undefined in FUZZ_BUILD
# (build-fuzz); the grown corpus stays in FUZZ_BUILD/corpus/TARGET and
# crashing inputs are written to FUZZ_BUILD/crash/. Exits 1 when a target
# fails, after running them all.
set -eu
cd "$(dirname "$0")/../.."
top=$(pwd)
B=${FUZZ_BUILD:-build-fuzz}
FUZZ_CC=${FUZZ_CC:-clang}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
MAKE=${MAKE:-make}
san="-fsanitize=address,undefined -fno-sanitize-recover=all"
cflags="-O1 -g -fno-omit-frame-pointer $san"
PKGS="icu-uc icu-i18n sqlite3 libarchive nettle libzstd jansson libxml-2.0
	libbrotlidec zlib"

if ! command -v "$FUZZ_CC" >/dev/null 2>&1; then
	echo "fuzz: $FUZZ_CC not found; run: sh tests/install-deps.sh fuzz" >&2
	exit 2
fi

# The library, instrumented for coverage and the sanitizers. DEVELOPER is
# cleared: the fuzz build is about crashes, not compiler warnings.
$MAKE -s BUILD="$B" CC="$FUZZ_CC" DEVELOPER= \
	CFLAGS="$cflags -fsanitize=fuzzer-no-link" LDFLAGS="$san" \
	"$B/libnewsctl.a"

if [ $# -gt 0 ]; then
	targets=$(for t; do echo "${t#fuzz-}"; done)
else
	targets=$(for f in tests/fuzz/fuzz-*.c; do
		f=${f##*/fuzz-}; echo "${f%.c}"; done)
fi

# seed_prefixed DIR BYTE FILE...: each FILE as a seed with BYTE in front
# (the targets that take a selector byte first).
seed_prefixed() {
	d=$1 p=$2
	shift 2
	for f; do
		[ -f "$f" ] || continue
		{ printf "$p"; cat "$f"; } >"$d/$p-${f##*/}"
	done
}

# seeds TARGET DIR: fill DIR with the seed corpus of TARGET.
seeds() {
	d=$2
	texts="fixtures/articles/* fixtures/bad/* fixtures/search/*
		fixtures/encodings/* seeds/*"
	case $1 in
	article)
		# shellcheck disable=SC2086
		cp $texts "$d/" ;;
	decode)
		# The byte selects the encoding (see fuzz-decode.c).
		# shellcheck disable=SC2086
		seed_prefixed "$d" '\000' $texts
		e=fixtures/encodings/paragraph
		seed_prefixed "$d" '\001' $e.utf8.txt $e.nfd.txt
		seed_prefixed "$d" '\002' $e.utf16le.txt
		seed_prefixed "$d" '\004' $e.cp1258.txt
		seed_prefixed "$d" '\005' $e.vni.txt
		seed_prefixed "$d" '\006' $e.tcvn3.txt
		seed_prefixed "$d" '\007' $e.viscii.txt ;;
	tokenizer)
		# shellcheck disable=SC2086
		seed_prefixed "$d" d fixtures/search/* fixtures/articles/*
		seed_prefixed "$d" q fixtures/search/* ;;
	query)
		# One query per seed: lines of the search fixtures, and the
		# operators of newsctl-query(7).
		i=0
		cat fixtures/search/* | grep -v '^[[:space:]]*$' | head -60 |
		while IFS= read -r line; do
			i=$((i + 1))
			printf '%s' "$line" | cut -c1-200 >"$d/line-$i"
		done
		i=0
		while IFS= read -r q; do
			i=$((i + 1))
			printf '%s' "$q" >"$d/op-$i"
		done <<-'QUERIES'
		dân vận khéo
		"dân vận" OR "hoà bình" -đảng
		title:(giá vàng) AND NOT body:"vùng lũ"*
		(a OR (b -c)) d* date:2017-10..2017-12
		source:baomoi date:..2018 author:"Minh Anh"
		-cắt -điện
		TP.HCM COVID-19 5,5% NEAR ^ : + *
		QUERIES
		# Deep chains, for the fuzzer to grow past any depth limit.
		for op in 'NOT ' 'title: ' '(' '-('; do
			i=$((i + 1))
			awk -v op="$op" 'BEGIN { for (k = 0; k < 4000; k++)
				printf "%s", op; printf "x" }' >"$d/op-$i"
		done
		;;
	archive)
		cp fixtures/archives/*.tar fixtures/archives/*.gz \
			fixtures/archives/*.zst fixtures/archives/*.zip "$d/"
		# Small compressed streams of single articles.
		for f in fixtures/search/0[1-3]*; do
			gzip -c "$f" >"$d/${f##*/}.gz"
			if command -v zstd >/dev/null 2>&1; then
				zstd -q -c "$f" >"$d/${f##*/}.zst"
			fi
		done ;;
	neardup)
		# Pairs of articles: one alone, two joined by a NUL.
		# shellcheck disable=SC2086
		cp fixtures/articles/* fixtures/search/* "$d/"
		for f in fixtures/search/*; do
			{ cat "$f"; printf '\000'; cat seeds/*; } \
				>"$d/pair-${f##*/}"
		done ;;
	records)
		seed_prefixed "$d" 0 fixtures/exports/*.csv
		seed_prefixed "$d" 1 fixtures/exports/*.jsonl ;;
	extract)
		seed_prefixed "$d" '\000' fixtures/web/*.html
		seed_prefixed "$d" '\004' fixtures/web/vnexpress.html
		seed_prefixed "$d" '\002' fixtures/encodings/paragraph.cp1258.txt ;;
	warc)
		# A WARC of the pages: plain, and gzip'd whole.
		for f in fixtures/web/*.html; do
			n=$(wc -c <"$f" | tr -d ' ')
			printf 'WARC/1.0\r\nWARC-Type: response\r\n'
			printf 'WARC-Target-URI: http://example.vn/\r\n'
			printf 'Content-Type: application/http\r\n'
			printf 'Content-Length: %s\r\n\r\n' $((n + 44))
			printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n'
			cat "$f"
			printf '\r\n\r\n'
		done >"$d/pages.warc"
		gzip -cn "$d/pages.warc" >"$d/whole.warc.gz" ;;
	esac
}

pkg_cflags=$(pkg-config --cflags $PKGS)
pkg_libs=$(pkg-config --libs $PKGS)
mkdir -p "$B/fuzz" "$B/crash"
failed=
summary=
for t in $targets; do
	src=tests/fuzz/fuzz-$t.c
	bin=$B/fuzz/fuzz-$t
	if [ ! -f "$src" ]; then
		echo "fuzz: no target $src" >&2
		exit 2
	fi
	# shellcheck disable=SC2086
	$FUZZ_CC $cflags -fsanitize=fuzzer -std=c11 \
		-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc $pkg_cflags \
		-o "$bin" "$src" "$B/libnewsctl.a" $pkg_libs -lm

	regress=fixtures/fuzz-regress/$t
	if [ -d "$regress" ] && [ -n "$(ls -A "$regress")" ]; then
		if ! "$bin" "$regress"/* >"$B/fuzz/$t-regress.log" 2>&1; then
			echo "fuzz: $t: a regression input fails again:" >&2
			tail -30 "$B/fuzz/$t-regress.log" >&2
			failed="$failed $t"
			continue
		fi
	fi

	seed=$B/seed/$t
	corpus=$B/corpus/$t
	rm -rf "$seed"
	mkdir -p "$seed" "$corpus"
	seeds "$t" "$seed"
	dict=
	[ -f "tests/fuzz/fuzz-$t.dict" ] && dict=-dict=tests/fuzz/fuzz-$t.dict
	# queries as long as fuzz-query.c's cap, so that chains can get deep
	maxlen=
	[ "$t" = query ] && maxlen=-max_len=262144
	echo "fuzz: $t for ${FUZZ_SECONDS}s"
	log=$B/fuzz/$t.log
	rc=0
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$FUZZ_SECONDS" -timeout=20 \
		-rss_limit_mb=2048 -print_final_stats=1 $dict $maxlen \
		-artifact_prefix="$top/$B/crash/$t-" "$corpus" "$seed" \
		>"$log" 2>&1 || rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	cov=$(grep -E '^#[0-9]+' "$log" | tail -1 |
		sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	line=$(printf '%-10s %10s runs %7s/s  cov %s' "$t" "${runs:-?}" \
		"${speed:-?}" "${cov:-?}")
	if [ $rc -ne 0 ]; then
		line="$line  FAILED (see $log)"
		failed="$failed $t"
		grep -E 'ERROR|SUMMARY|Test unit written|fuzz-' "$log" |
			head -20 >&2
	fi
	echo "$line"
	summary="$summary$line
"
done
printf '\nfuzz: %s s per target\n%s' "$FUZZ_SECONDS" "$summary"
if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed" >&2
	exit 1
fi
