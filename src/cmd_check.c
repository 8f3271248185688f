/*
 * cmd_check.c - newsctl check: the integrity checks of SQLite and FTS5
 * over the database.
 */
#include <stdio.h>

#include "newsctl.h"
#include "opt.h"

static const char usage[] = "usage: newsctl check [--quiet]";

static void on_problem(void *ctx, const char *what, const char *msg)
{
	printf("%s: %s\n", what, msg);
}

int cmd_check(struct nc_ctx *ctx, int argc, char **argv)
{
	struct nc_error err = { 0 };
	long long problems = 0;
	int quiet = 0, code = 0, nargs;
	struct store *st;
	const struct opt opts[] = {
		OPT_FLAG('q', "quiet", &quiet, "print problems only"),
		OPT_END(),
	};

	nargs = opt_parse(opts, usage, argc, argv);
	if (nargs == OPT_HELP)
		return 0;
	if (nargs != 0) {
		if (nargs > 0)
			fprintf(stderr, "%s\n", usage);
		return NC_EXIT_USAGE;
	}
	st = nc_store(ctx, STORE_READ, &code);
	if (!st)
		return code;
	if (store_check(st, on_problem, NULL, &problems, &err)) {
		nc_report(&err);
		return nc_exit_code(err.code);
	}
	if (!quiet || problems)
		nc_warn("'%s': %s (%lld problem%s)", ctx->db_path,
			problems ? "damaged" : "ok", problems,
			problems == 1 ? "" : "s");
	return problems ? NC_EXIT_NOMATCH : 0;
}
