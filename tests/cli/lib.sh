# lib.sh - helpers for the command-line tests (TAP, POSIX sh).
#
# Each test script sources this file, then calls:
#   run ARGS...               run newsctl; sets $rc, files $out and $errf
#   run_rss INPUT ARGS...     the same from INPUT; sets $rss (peak MiB)
#   expect_code N NAME        the last run exited N
#   is GOT WANT NAME          strings equal
#   like TEXT PATTERN NAME    TEXT matches the grep -E PATTERN
#   check NAME COMMAND...     COMMAND succeeds
#   skip NAME REASON          a skipped test
#   done_testing              the plan line; exit status
#
# Every script gets its own temporary folder ($tmp, removed at exit), an
# empty database path in NEWSCTL_DB, HOME inside $tmp, and no colour.

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
fixtures=$top/fixtures
NEWSCTL=${NEWSCTL:-$top/build/newsctl}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/newsctl-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" NEWSCTL_DB="$tmp/news.db" LC_ALL=C.UTF-8
unset XDG_DATA_HOME NO_COLOR
mkdir -p "$HOME"
out=$tmp/stdout
errf=$tmp/stderr
tap_n=0
tap_failed=0
rc=0

newsctl() { "$NEWSCTL" "$@"; }

run() {
	rc=0
	"$NEWSCTL" "$@" >"$out" 2>"$errf" </dev/null || rc=$?
}

# run_in FILE ARGS...: like run, with standard input from FILE.
run_in() {
	input=$1
	shift
	rc=0
	"$NEWSCTL" "$@" >"$out" 2>"$errf" <"$input" || rc=$?
}

# run_rss INPUT ARGS...: like run, with standard input from INPUT (a file
# or a FIFO); $rss is then the peak resident size of the run in MiB. Under
# AddressSanitizer freed memory is held back only briefly, so that the
# figure stays close to what the program itself holds.
run_rss() {
	input=$1
	shift
	rc=0
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1" \
		/usr/bin/time -f %M -o "$tmp/rss" "$NEWSCTL" "$@" \
		>"$out" 2>"$errf" <"$input" || rc=$?
	rss=$(($(tail -n 1 "$tmp/rss") / 1024))
}

tap_result() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		tap_failed=$((tap_failed + 1))
		echo "not ok $tap_n - $2"
	fi
	return "$1"
}

expect_code() {
	if [ "$rc" -eq "$1" ]; then
		tap_result 0 "$2"
	else
		tap_result 1 "$2"
		echo "#   exit status $rc, wanted $1"
		sed 's/^/#   stderr: /' "$errf" | head -5
	fi
}

is() {
	if [ "$1" = "$2" ]; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2"
	fi
}

like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		printf '#   text:    %s\n#   pattern: %s\n' "$1" "$2" | head -8
	fi
}

check() {
	name=$1
	shift
	if "$@" >/dev/null 2>&1; then
		tap_result 0 "$name"
	else
		tap_result 1 "$name"
		echo "#   failed: $*"
	fi
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

# jq_is FILTER WANT NAME: jq -r FILTER over $out equals WANT.
jq_is() {
	is "$(jq -r "$1" "$out" 2>&1)" "$2" "$3"
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
