#!/bin/sh
# Global options, help, version and dispatch.
. "$(dirname "$0")/lib.sh"

run --help
expect_code 0 "--help exits 0"
like "$(cat "$out")" "^usage: newsctl" "--help prints the usage"
like "$(cat "$out")" "ingest" "--help lists the commands"

run --version
expect_code 0 "--version exits 0"
like "$(cat "$out")" "^newsctl [0-9]+\.[0-9]+" "--version prints the version"

run
expect_code 2 "no command is a usage error"

run frobnicate
expect_code 2 "an unknown command is a usage error"
like "$(cat "$errf")" "no such command 'frobnicate'" "the error names the command"

run --bogus stats
expect_code 2 "an unknown global option is a usage error"

for cmd in ingest search show stats; do
	run "$cmd" --help
	expect_code 0 "$cmd --help exits 0"
	like "$(cat "$out")" "^usage: newsctl $cmd" "$cmd --help prints its usage"
done

run search --no-such-option x
expect_code 2 "an unknown command option is a usage error"
like "$(cat "$errf")" "unknown option '--no-such-option'" "the error names the option"
like "$(cat "$errf")" "^newsctl: search: " "messages name the command"

run search --limit abc x
expect_code 2 "a bad number is a usage error"
like "$(cat "$errf")" "^newsctl: search: --limit: 'abc' is not a number" \
	"and says which option"

# Standard output is flushed and closed before exit: a write error there
# is a failure (74), not a silent loss.
rc=0
"$NEWSCTL" --version >/dev/full 2>"$errf" || rc=$?
is "$rc" 74 "a full standard output: exit 74"
like "$(cat "$errf")" "write error on standard output" "and says so"
newsctl ingest -q "$top/seeds/"
rc=0
"$NEWSCTL" search --format json "dân vận" >/dev/full 2>"$errf" || rc=$?
is "$rc" 74 "a search whose records cannot be written: exit 74"

done_testing
