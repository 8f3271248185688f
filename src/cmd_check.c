/*
 * cmd_check.c - newsctl check: the integrity checks of SQLite and FTS5
 * over the database, and (unless --quick) every row read back.
 */
#include <stdio.h>

#include "newsctl.h"
#include "output.h"

static const char usage[] = "usage: newsctl check [--quick] [--quiet]";

/* One problem a line: "sqlite: ...", "fts5: ...", "articles: ...". */
static void on_problem(void *pr, const char *what, const char *msg)
{
	struct buf line = BUF_INIT;

	buf_addf(&line, "%s: %s", what, msg);
	pr_begin_map(pr);
	pr_key(pr, "problem");
	pr_str(pr, line.s);
	pr_end(pr);
	pr_record(pr);
	buf_release(&line);
}

int cmd_check(struct nc_ctx *ctx, int argc, char **argv)
{
	struct nc_error err = { 0 };
	long long problems = 0;
	int quiet = 0, quick = 0, code = 0;
	struct printer *pr;
	struct store *st;
	enum nc_status s;
	const struct opt opts[] = {
		OPT_FLAG(0, "quick", &quick, "the index and pages only, not"
			 " every row read back"),
		OPT_FLAG('q', "quiet", &quiet, "print problems only"),
		OPT_END(),
	};

	if (nc_options_only(opts, usage, argc, argv, &code) < 0)
		return code;
	st = nc_store(ctx, &code);
	if (!st)
		return code;
	pr = printer_new(PR_TEXT, stdout, NULL, 0);
	s = store_check(st, quick, on_problem, pr, &problems, &err);
	printer_free(pr);
	if (s) {
		nc_report(&err);
		return nc_exit_code(s);
	}
	if (!quiet || problems)
		nc_warn("'%s': %s (%lld problem%s)", ctx->db_path,
			problems ? "damaged" : "ok", problems,
			problems == 1 ? "" : "s");
	return problems ? NC_EXIT_NOMATCH : 0;
}
