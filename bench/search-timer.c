/*
 * search-timer.c - time newsctl searches inside one process.
 *
 *	search-timer DB < QUERIES
 *
 * Reads one query a line (the text a user would type) and runs it as
 * `newsctl search --limit 20` does: parse, rank, read fields and
 * snippets of the 20 hits shown. Prints a line per query:
 *	milliseconds <TAB> hits shown <TAB> first id <TAB> query
 * Each query runs three times and the fastest is kept, so that the
 * numbers measure the search rather than the first read from disk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "filter.h"
#include "store.h"

struct first {
	long long id;
};

static int keep_first(void *ctx, const struct store_hit *hit)
{
	struct first *f = ctx;

	if (f->id < 0)
		f->id = hit->a.id;
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	struct nc_error err = { 0 };
	struct store *st;
	char line[8192];

	if (argc != 2) {
		fputs("usage: search-timer DB < QUERIES\n", stderr);
		return 2;
	}
	if (store_open(&st, argv[1], STORE_READ, &err)) {
		fprintf(stderr, "search-timer: %s\n", err.msg);
		return 1;
	}
	while (fgets(line, sizeof(line), stdin)) {
		double best = -1;
		long long n = 0;
		struct first f = { -1 };

		line[strcspn(line, "\n")] = '\0';
		if (!*line)
			continue;
		for (int run = 0; run < 3; run++) {
			struct filter sel = FILTER_INIT;
			double t0 = now_ms(), t;

			f.id = -1;
			if (filter_parse(&sel, line, NULL, NULL, &err)) {
				fprintf(stderr, "search-timer: %s: %s\n", line,
					err.msg);
				break;
			}
			sel.limit = 20;
			if (store_search(st, &sel, keep_first, &f, &n, &err))
				fprintf(stderr, "search-timer: %s: %s\n", line,
					err.msg);
			t = now_ms() - t0;
			if (best < 0 || t < best)
				best = t;
			filter_release(&sel);
		}
		printf("%.3f\t%lld\t%lld\t%s\n", best, n, f.id, line);
		fflush(stdout);
	}
	store_close(st);
	return 0;
}
