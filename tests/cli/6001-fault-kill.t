#!/bin/sh
# Crash safety: ingest killed with SIGKILL at random points, several
# times, then run again: every article is stored exactly once and the
# database passes check after every kill.
. "$(dirname "$0")/lib.sh"

N=320		# distinct articles
ROUNDS=8

# A number from 0 to $1 - 1, from /dev/urandom.
random() {
	echo $(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % $1 ))
}

# Article $1: its own headline and body, so its hash is its own.
article() {
	printf 'Tiêu đề: Bản tin số %s về mùa lúa ở đồng bằng\n' "$1"
	printf 'Ngày: 12/10/2017\nNguồn: Báo Thử\n\n'
	printf 'Nông dân ở xã số %s đang thu hoạch lúa hè thu sớm.\n' "$1"
	printf 'Giá lúa tươi tăng nhẹ, bà con phấn khởi vì được mùa.\n'
	printf 'Hợp tác xã số %s đã ký hợp đồng bao tiêu sản phẩm.\n' "$1"
}

# Eight folders of 40 articles each, plus copies of earlier articles
# (the same bytes under another name) that must not be stored twice.
i=1
while [ $i -le $N ]; do
	d=$tmp/in/c$(( (i - 1) / 40 ))
	mkdir -p "$d"
	article $i >"$d/a$i.txt"
	if [ $((i % 10)) -eq 0 ] && [ $i -gt 40 ]; then
		cp "$tmp/in/c0/a$((i / 10)).txt" "$d/copy-of-$((i / 10)).txt"
	fi
	i=$((i + 1))
done

# Round r ingests folders c0 to c(r-1), either in one run (one
# transaction) or a run per folder, and SIGKILLs it after a random delay
# of up to r * 60 ms: the first folders are mostly stored by then, the
# new one is being read.
# On a fast machine every ingest may end before its kill: then more
# rounds of all the folders follow, killed within 20 ms, until one lands
# (a kill that lands is what the test is about).
killed=0
r=1
while [ $r -le $ROUNDS ] ||
	{ [ $killed -eq 0 ] && [ $r -le $((ROUNDS + 20)) ]; }; do
	if [ $r -le $ROUNDS ]; then
		ms=$(random $((r * 60)))
		nd=$r
	else
		ms=$(random 20)
		nd=$ROUNDS
	fi
	dirs=$(i=0; while [ $i -lt $nd ]; do echo "$tmp/in/c$i"; \
		i=$((i + 1)); done)
	if [ $((r % 2)) -eq 1 ]; then
		# shellcheck disable=SC2086
		"$NEWSCTL" ingest -q $dirs >/dev/null 2>&1 &
		pid=$!
		sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
		kill -KILL $pid 2>/dev/null
		st=0; wait $pid 2>/dev/null || st=$?
	else
		: >"$tmp/child"
		(for d in $dirs; do
			"$NEWSCTL" ingest -q "$d" >/dev/null 2>&1 &
			echo $! >"$tmp/child"
			wait $!
		done) &
		pid=$!
		sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
		kill -KILL $pid 2>/dev/null
		st=0; wait $pid 2>/dev/null || st=$?
		c=$(cat "$tmp/child")
		[ -n "$c" ] && kill -KILL "$c" 2>/dev/null && st=137
	fi
	[ $st -eq 137 ] && killed=$((killed + 1))
	n=$(sqlite3 "$NEWSCTL_DB" 'SELECT count(*) || " articles, " ||
		count(DISTINCT hash) || " distinct" FROM articles' 2>&1)
	echo "# round $r: kill after ${ms} ms (status $st): $n"
	run check
	# A kill before the schema was committed leaves an empty file,
	# which check calls empty; anything else must pass.
	if [ $rc -ne 0 ] && ! { grep -q 'empty database' "$errf" &&
		[ "$(sqlite3 "$NEWSCTL_DB" 'SELECT count(*) FROM
			sqlite_master')" = 0 ]; }; then
		expect_code 0 "check passes after the kill of round $r"
	fi
	r=$((r + 1))
done
is "$tap_failed" 0 "check passed after each of the $((r - 1)) kills"
# The test proves nothing unless some kills hit a running ingest.
check "some kills stopped a running ingest ($killed of $((r - 1)))" \
	test "$killed" -gt 0

run ingest "$tmp/in"
expect_code 0 "the same ingest again succeeds"
like "$(cat "$errf")" "[0-9]+ added, [0-9]+ unchanged, 0 failed" \
	"and fails nothing"
run check
expect_code 0 "the database passes check"
is "$(sqlite3 "$NEWSCTL_DB" 'SELECT count(*), count(DISTINCT hash),
	count(DISTINCT title) FROM articles')" "$N|$N|$N" \
	"each of the $N articles is stored exactly once"
run stats --json
jq_is .articles "$N" "stats counts $N articles"
run search --limit 0 --tsv '"xã số 123"'
is "$(wc -l <"$out" | tr -d ' ')" 1 "the index finds one copy of an article"
run ingest "$tmp/in"
like "$(cat "$errf")" "0 added, $((N + 28)) unchanged" \
	"a third run adds nothing"

done_testing
