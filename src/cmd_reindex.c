/*
 * cmd_reindex.c - newsctl reindex: rebuild the full-text index with this
 * newsctl's text rules (tokenizer and abbreviation list), as search asks
 * when the database records other ones. The articles are not touched.
 */
#include "newsctl.h"

static const char usage[] = "usage: newsctl reindex [--quiet]";

int cmd_reindex(struct nc_ctx *ctx, int argc, char **argv)
{
	struct nc_error err = { 0 };
	int quiet = 0, code = 0, nargs;
	struct store *st;
	const struct opt opts[] = {
		OPT_FLAG('q', "quiet", &quiet, "print errors only"),
		OPT_END(),
	};

	if ((nargs = nc_options(opts, usage, argc, argv, &code)) < 0)
		return code;
	if (nargs != 0)
		return nc_usage("unexpected argument '%s' (%s)", argv[0],
				usage);
	if (!(st = nc_store(ctx, &code)))
		return code;
	if (store_reindex(st, &err)) {
		nc_report(&err);
		return nc_exit_code(err.code);
	}
	if (!quiet)
		nc_warn("'%s': index rebuilt", ctx->db_path);
	return 0;
}
