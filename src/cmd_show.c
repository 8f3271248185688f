/*
 * cmd_show.c - newsctl show: print one stored article.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "newsctl.h"
#include "output.h"

static const char usage[] =
	"usage: newsctl show [--format FORMAT | --json | --raw] ID";

int cmd_show(struct nc_ctx *ctx, int argc, char **argv)
{
	struct article a = ARTICLE_INIT;
	struct nc_error err = { 0 };
	int json = 0, raw = 0, fmt = -1, code = 0, nargs;
	struct printer *pr;
	int64_t *copies = NULL;
	const int64_t none = 0;
	size_t ncopies = 0;
	long long id;
	char *end;
	struct store *st;
	enum nc_status s;
	const struct opt opts[] = {
		OPT_KEYWORD(0, "format", &fmt, "FORMAT",
			    "text, json, tsv, csv or ids "
			    "(newsctl-formats(5))",
			    pr_formats),
		OPT_FLAG(0, "json", &json, "the same as --format json"),
		OPT_FLAG(0, "raw", &raw, "print the original bytes, as ingested"),
		OPT_END(),
	};

	if ((nargs = nc_options(opts, usage, argc, argv, &code)) < 0)
		return code;
	if (nargs != 1)
		return nc_usage("give one article id (%s)", usage);
	if ((fmt >= 0) + json + raw > 1)
		return nc_usage("--format, --json and --raw go alone");
	errno = 0;
	id = strtoll(argv[0], &end, 10);
	if (errno || end == argv[0] || *end || id <= 0)
		return nc_usage("'%s' is not an article id", argv[0]);
	if (!(st = nc_store(ctx, &code)))
		return code;
	s = store_get(st, id, raw, &a, &err);
	if (s) {
		nc_report(&err);
		code = nc_exit_code(s);
	} else if (raw) {
		fwrite(a.raw, 1, a.raw_len, stdout);
	} else if (!(s = store_copies(st, a.id, &copies, &ncopies, &err))) {
		pr = printer_new(fmt >= 0 ? (enum pr_format)fmt : json ? PR_JSON
				 : PR_TEXT, stdout, pr_article_columns, 0);
		/* an empty list when it has none: the key is always there */
		pr_article_copies(pr, &a, copies ? copies : &none, ncopies);
		printer_free(pr);
	} else {
		nc_report(&err);
		code = nc_exit_code(s);
	}
	free(copies);
	article_release(&a);
	return code;
}
