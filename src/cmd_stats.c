/*
 * cmd_stats.c - newsctl stats: what the database holds, or every article
 * counted by a field (--by: search --facet over the whole database).
 */
#include <stdio.h>

#include "newsctl.h"
#include "output.h"

static const char usage[] =
	"usage: newsctl stats [--by FIELD] [--format FORMAT | --json]";

int cmd_stats(struct nc_ctx *ctx, int argc, char **argv)
{
	struct store_stats stats;
	struct nc_error err = { 0 };
	struct filter all = FILTER_INIT;
	int json = 0, fmt = -1, code = 0, by = -1;
	long long n;
	struct printer *pr;
	struct store *st;
	const struct opt opts[] = {
		OPT_KEYWORD(0, "by", &by, "FIELD", "count the articles by "
			    "year, month, source, section or byline",
			    pr_facets),
		OPT_KEYWORD(0, "format", &fmt, "FORMAT",
			    "text, json, tsv or csv (newsctl-formats(5))",
			    pr_formats_no_ids),
		OPT_FLAG(0, "json", &json, "the same as --format json"),
		OPT_END(),
	};

	if (nc_options_only(opts, usage, argc, argv, &code) < 0)
		return code;
	if (fmt >= 0 && json)
		return nc_usage("--format and --json go alone");
	if (fmt < 0)
		fmt = json ? PR_JSON : PR_TEXT;
	if (!(st = nc_store(ctx, &code)))
		return code;
	if (by >= 0) {
		pr = printer_new((enum pr_format)fmt, stdout,
				 pr_facet_columns, 0);
		if (print_facets(st, &all, by, pr, &n, &err))
			code = nc_exit_code(err.code);
		printer_free(pr);
		if (code)
			nc_report(&err);
		return code;
	}
	if (store_stats(st, &stats, &err)) {
		nc_report(&err);
		return nc_exit_code(err.code);
	}
	pr = printer_new((enum pr_format)fmt, stdout, pr_stats_columns, 0);
	pr_stats(pr, &stats, ctx->db_path);
	printer_free(pr);
	store_stats_release(&stats);
	return 0;
}
