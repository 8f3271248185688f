/*
 * cmd_dups.c - newsctl dups: the clusters of near-duplicate articles
 * (syndicated copies), largest first; with --threshold, everything is
 * clustered again at a new similarity threshold first, and later
 * ingests use it. The selection is filter.h's, as search's; output
 * --format text, json, tsv or ids (newsctl-formats(5)). Exit 0 when a
 * cluster was listed, 1 when none was.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "filter.h"
#include "newsctl.h"
#include "output.h"
#include "progress.h"

static const char usage[] =
	"usage: newsctl dups [--min-size N] [--limit N] [--since DATE]\n"
	"                    [--until DATE] [--source NAME] [--section NAME]\n"
	"                    [--format FORMAT] [--threshold T] [QUERY...]";

static int print_cluster(void *pr, const struct store_cluster *c)
{
	pr_cluster(pr, c);
	return 0;
}

static void recluster_progress(void *ctx, long long done, long long total)
{
	progress_show(ctx, "clustering: %lld of %lld band keys", done, total);
}

/* --threshold T: a similarity in (0, 1]; -1 when it is not one. */
static double parse_threshold(const char *s)
{
	char *end;
	double t;

	errno = 0;
	t = strtod(s, &end);
	if (errno || end == s || *end || !(t > 0 && t <= 1))
		return -1;
	return t;
}

/* Cluster again at threshold t; 0 or an exit code. */
static int recluster(struct store *st, double t)
{
	struct nc_error err = { 0 };
	struct progress pg;
	enum nc_status s;

	progress_init(&pg, 0);
	s = store_recluster(st, t, recluster_progress, &pg, &err);
	progress_clear(&pg);
	if (!s)
		return 0;
	nc_report(&err);
	return nc_exit_code(s);
}

int cmd_dups(struct nc_ctx *ctx, int argc, char **argv)
{
	const char *since = NULL, *until = NULL, *threshold = NULL;
	long long min_size = 2, limit = 0, n = 0;
	int json = 0, fmt = -1, nargs, code = 0;
	double t = 0;
	struct filter f = FILTER_INIT;
	struct buf text = BUF_INIT;
	struct nc_error err = { 0 };
	struct printer *pr;
	struct store *st;
	enum nc_status rc;
	const struct opt opts[] = {
		OPT_INT(0, "min-size", &min_size, "N",
			"only clusters of N articles or more (2)"),
		OPT_INT('n', "limit", &limit, "N",
			"show at most N clusters (0, the default: all)"),
		OPT_STRING(0, "since", &since, "DATE",
			   "a member published on or after DATE"),
		OPT_STRING(0, "until", &until, "DATE",
			   "a member published on or before DATE"),
		OPT_STRING(0, "source", &f.source, "NAME",
			   "a member from NAME"),
		OPT_STRING(0, "section", &f.section, "NAME",
			   "a member in this section"),
		OPT_KEYWORD(0, "format", &fmt, "FORMAT",
			    "text, json, tsv or ids (newsctl-formats(5))",
			    pr_formats),
		OPT_FLAG(0, "json", &json, "the same as --format json"),
		OPT_STRING(0, "threshold", &threshold, "T",
			   "cluster everything again at similarity T"
			   " (0 to 1) first"),
		OPT_END(),
	};

	if ((nargs = nc_options(opts, usage, argc, argv, &code)) < 0)
		return code;
	if (fmt >= 0 && json)
		return nc_usage("--format and --json go alone");
	if (min_size < 2)
		return nc_usage("--min-size: a cluster has 2 articles or more");
	if (threshold && (t = parse_threshold(threshold)) < 0)
		return nc_usage("--threshold: '%s' is not a similarity "
				"above 0 and at most 1", threshold);
	f.limit = limit > 0 ? limit : -1;
	nc_join_args(nargs, argv, &text);
	if (filter_parse(&f, nargs ? text.s : NULL, since, until, &err)) {
		code = nc_usage("%s", err.msg);
		goto out;
	}
	if (!(st = nc_store(ctx, &code)) || (threshold &&
					       (code = recluster(st, t))))
		goto out;
	pr = printer_new(fmt >= 0 ? (enum pr_format)fmt : json ? PR_JSON
			 : PR_TEXT, stdout, pr_cluster_columns, 0);
	rc = store_clusters(st, &f, min_size, print_cluster, pr, &n, &err);
	printer_free(pr);
	code = nc_found_exit(rc, &err, n);
out:
	filter_release(&f);
	buf_release(&text);
	return code;
}
