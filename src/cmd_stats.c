/*
 * cmd_stats.c - newsctl stats: what the database holds.
 */
#include <stdio.h>

#include "newsctl.h"
#include "output.h"

static const char usage[] = "usage: newsctl stats [--format FORMAT | --json]";

int cmd_stats(struct nc_ctx *ctx, int argc, char **argv)
{
	struct store_stats stats;
	struct nc_error err = { 0 };
	int json = 0, fmt = -1, code = 0, nargs;
	struct printer *pr;
	struct store *st;
	const struct opt opts[] = {
		OPT_KEYWORD(0, "format", &fmt, "FORMAT",
			    "text, json or tsv (newsctl-formats(5))",
			    pr_formats_no_ids),
		OPT_FLAG(0, "json", &json, "the same as --format json"),
		OPT_END(),
	};

	if ((nargs = nc_options(opts, usage, argc, argv, &code)) < 0)
		return code;
	if (nargs != 0)
		return nc_usage("unexpected argument '%s' (%s)", argv[0],
				usage);
	if (fmt >= 0 && json)
		return nc_usage("--format and --json go alone");
	if (!(st = nc_store(ctx, &code)))
		return code;
	if (store_stats(st, &stats, &err)) {
		nc_report(&err);
		return nc_exit_code(err.code);
	}
	pr = printer_new(fmt >= 0 ? (enum pr_format)fmt : json ? PR_JSON
			 : PR_TEXT, stdout, pr_stats_columns, 0);
	pr_stats(pr, &stats, ctx->db_path);
	printer_free(pr);
	store_stats_release(&stats);
	return 0;
}
