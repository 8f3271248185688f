#!/bin/sh
# Install what building and testing newsctl needs, on Debian and its
# derivatives. As root it runs apt-get; otherwise it prints the command.
# On other systems it only checks that pkg-config finds the libraries.
set -u

pkgs="build-essential pkg-config libicu-dev libsqlite3-dev libarchive-dev
nettle-dev libzstd-dev libjansson-dev libxml2-dev libbrotli-dev zlib1g-dev
perl mandoc jq sqlite3 libarchive-tools zstd unzip util-linux bsdutils
time python3"

# The pkg-config names the Makefile builds with (its PKGS), read from it
# so that the two cannot drift apart.
makefile=$(dirname "$0")/../Makefile
libs=$(sed -n '/^PKGS = /,/[^\\]$/p' "$makefile" | sed 's/^PKGS = //; s/\\$//' |
	tr '\n\t' '  ')

# check_libs: every library the Makefile needs is found by pkg-config.
check_libs() {
	pkg-config --print-errors --exists $libs && return 0
	echo "newsctl: pkg-config cannot find all of: $libs;" >&2
	echo "newsctl: install their development packages" >&2
	return 1
}

# Optional extras, by argument: `fuzz` (make fuzz: clang with libFuzzer,
# whose runtime is in libclang-rt-dev, and llvm-symbolizer for stack
# traces), `valgrind` (make check-valgrind). make check needs neither.
extras=
for extra; do
	case $extra in
	fuzz) extras="$extras clang libclang-rt-dev llvm" ;;
	valgrind) extras="$extras valgrind" ;;
	*) echo "usage: install-deps.sh [fuzz] [valgrind]" >&2; exit 2 ;;
	esac
done
[ -n "$extras" ] && pkgs=$extras

if ! command -v dpkg-query >/dev/null 2>&1; then
	[ $# -gt 0 ] && exit 0	# extras: the targets say what is missing
	check_libs
	exit
fi

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
if [ -z "$missing" ]; then
	[ $# -gt 0 ] && exit 0
	check_libs
	exit
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "newsctl: missing packages:$missing" >&2
	echo "newsctl: run: sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "newsctl: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq $missing >/dev/null
