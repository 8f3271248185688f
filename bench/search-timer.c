/*
 * search-timer.c - time newsctl searches inside one process.
 *
 *	search-timer DB < QUERIES
 *
 * Reads one query a line (the text a user would type) and runs it as
 * `newsctl search --limit 20` does: parse, rank, read fields and
 * snippets of the 20 hits shown. A line may start with the options
 * --sort date, --offset N and --count, as on newsctl's command line.
 * Prints a line per query:
 *	milliseconds <TAB> hits shown (or counted) <TAB> first id <TAB> line
 * Each query runs three times and the fastest is kept, so that the
 * numbers measure the search rather than the first read from disk; a
 * query slower than a second runs once.
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

struct opts {
	int sort_date, count;
	long long offset;
	const char *text;	/* the query after the options */
};

/* The leading options of a line; the rest is the query. */
static void options(const char *line, struct opts *o)
{
	memset(o, 0, sizeof(*o));
	for (;;) {
		int n = 0;

		if (!strncmp(line, "--sort date ", 12))
			o->sort_date = 1, line += 12;
		else if (!strncmp(line, "--count ", 8))
			o->count = 1, line += 8;
		else if (sscanf(line, "--offset %lld %n", &o->offset, &n) == 1 &&
			 n)
			line += n;
		else
			break;
	}
	o->text = line;
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
		struct opts o;

		line[strcspn(line, "\n")] = '\0';
		if (!*line)
			continue;
		options(line, &o);
		for (int run = 0; run < 3 && best < 1000; run++) {
			struct filter sel = FILTER_INIT;
			double t0 = now_ms(), t;

			f.id = -1;
			if (filter_parse(&sel, o.text, NULL, NULL, &err)) {
				fprintf(stderr, "search-timer: %s: %s\n", line,
					err.msg);
				break;
			}
			sel.limit = 20;
			sel.offset = o.offset;
			if (o.sort_date)
				sel.sort = FILTER_SORT_DATE;
			if (o.count ? store_count(st, &sel, &n, &err)
			    : store_search(st, &sel, keep_first, &f, &n, &err))
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
