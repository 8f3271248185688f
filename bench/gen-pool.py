#!/usr/bin/env python3
"""gen-pool.py - the real articles that bench/gen-articles recombines.

    gen-pool.py CORPUS_DIR > POOL

Reads the text archives of CORPUS_DIR (baomoi, VNTC, dantri; the CSV crawl
is left out) straight from their .tar.zst files, in archive order, and
writes one article a line: the headline, then its paragraphs, separated
by tabs (NFC, tabs and control characters turned into spaces). An
article whose first line is not a plausible headline (VNTC runs headline
and lead together in some files) gets an empty headline: its paragraphs
are still used.
"""
import subprocess
import sys
import tarfile
import unicodedata

ARCHIVES = [
    ("baomoi-2017.tar.zst", "utf-8"),
    ("vntc/vntc-10topics-v1.1.tar.zst", "utf-16"),
    ("dantri-unc/cp-vietnamese-unc-2.0a.tar.zst", "utf-8"),
]
CONTROL = {c: " " for c in range(32) if c != 10}
CONTROL[0x7f] = " "


def article(text):
    text = unicodedata.normalize("NFC", text.translate(CONTROL))
    lines = [l.strip() for l in text.split("\n")]
    lines = [l for l in lines if l and not l.startswith("# ")]
    if not lines:
        return None
    title, paras = lines[0], lines[1:]
    if not (10 <= len(title) <= 160):
        title, paras = "", lines
    return "\t".join([title] + paras)


def main():
    if len(sys.argv) != 2 or sys.argv[1] in ("-h", "--help"):
        sys.stdout.write(__doc__)
        sys.exit(0 if len(sys.argv) == 2 else 2)
    out = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="\n",
               buffering=1 << 20)
    for name, enc in ARCHIVES:
        zstd = subprocess.Popen(["zstd", "-dc", f"{sys.argv[1]}/{name}"],
                                stdout=subprocess.PIPE)
        with tarfile.open(fileobj=zstd.stdout, mode="r|") as tar:
            for m in tar:
                if not m.isfile():
                    continue
                data = tar.extractfile(m).read()
                line = article(data.decode(enc, errors="replace"))
                if line:
                    out.write(line + "\n")
        if zstd.wait():
            sys.exit(f"gen-pool.py: zstd failed on {name}")
    out.flush()


main()
