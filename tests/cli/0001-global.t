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

run search --limit abc x
expect_code 2 "a bad number is a usage error"

done_testing
