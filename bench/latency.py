#!/usr/bin/env python3
"""latency.py - search latency and memory, in-process and whole-process.

    latency.py [--timeout S] [--label L] DB NEWSCTL SEARCH_TIMER QUERIES

QUERIES holds one query a line, as a user types it, optionally led by
--sort date, --offset N or --count (blank lines and lines starting with
'#' are skipped). Each query runs, each in a process of its own under a
timeout (default 60 s), so that one slow query cannot stall the run:
  - whole process: NEWSCTL --db DB search --limit 20 [options] QUERY, the
    way a user runs it, timed from start to exit (the faster of two runs
    when the first took under a second), with its peak resident memory;
  - in-process: SEARCH_TIMER DB (bench/search-timer.c), which times the
    search alone (fastest of three runs), top 20 with snippets.
Prints TSV rows "L metric value unit": one per query and way, then
p50, p95 and max of each way, the number of timeouts, and the largest
resident memory of a search process. A query that timed out counts as
slower than every other one.
"""
import argparse
import os
import signal
import subprocess
import sys
import time

INF = float("inf")


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout()


def run(argv, stdin_text, timeout):
    """(seconds or INF, peak RSS in kB, stdout) of one process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        p.stdin.write(stdin_text.encode())
        p.stdin.close()
        out = p.stdout.read()
        # wait4 rather than wait: it gives the child's own peak memory
        _, status, ru = os.wait4(p.pid, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
    except Timeout:
        p.kill()
        p.wait()
        return INF, 0, b""
    p.returncode = status
    p.stdout.close()
    return time.perf_counter() - t0, ru.ru_maxrss, out


def pct(values, q):
    v = sorted(values)
    i = min(len(v) - 1, max(0, int(len(v) * q + 0.999) - 1))
    return v[i]


def fmt(ms):
    return "timeout" if ms == INF else f"{ms:.2f}"


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.split("\n")[4:]))
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--label", default="newsctl")
    ap.add_argument("db")
    ap.add_argument("newsctl")
    ap.add_argument("timer")
    ap.add_argument("queries")
    a = ap.parse_args()
    signal.signal(signal.SIGALRM, on_alarm)
    inproc, whole, rss = [], [], 0
    for line in open(a.queries, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        words, opts = line.split(" "), []
        while words and words[0].startswith("--"):
            n = 1 if words[0] == "--count" else 2
            opts += words[:n]
            words = words[n:]
        argv = [a.newsctl, "--db", a.db, "search", "--limit", "20",
                "--color", "never"] + opts + [" ".join(words)]
        secs, kb, _ = run(argv, "", a.timeout)
        if secs < 1:
            again, kb2, _ = run(argv, "", a.timeout)
            secs, kb = min(secs, again), max(kb, kb2)
        whole.append(secs * 1000)
        rss = max(rss, kb)
        tsecs, _, out = run([a.timer, a.db], line + "\n", a.timeout)
        ms = INF if tsecs == INF or not out else float(out.split(b"\t")[0])
        inproc.append(ms)
        print(f"{a.label}\tinproc:{line}\t{fmt(ms)}\tms")
        print(f"{a.label}\tprocess:{line}\t{fmt(secs * 1000)}\tms")
        sys.stdout.flush()
    for way, v in (("search", inproc), ("process", whole)):
        for name, q in (("p50", 0.5), ("p95", 0.95), ("max", 1.0)):
            print(f"{a.label}\t{way}_{name}\t{fmt(pct(v, q))}\tms")
        print(f"{a.label}\t{way}_timeouts\t{v.count(INF)}\tcount")
    print(f"{a.label}\tsearch_rss\t{rss}\tkB")


main()
