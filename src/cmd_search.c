/*
 * cmd_search.c - newsctl search: find articles, best matches first.
 *
 * The query language is query.h's (newsctl-query(7)), the selection
 * filter.h's; ranking, snippets and filters are store_search()'s. Output:
 * --format text (for people), json, tsv, csv or ids (newsctl-formats(5)),
 * --count, or the counts of every match by a field (--facet). Exit 0
 * when something matched, 1 when nothing did, 2 for a usage or query
 * error, and the database codes of newsctl(1) otherwise.
 */
#include <stdio.h>

#include "filter.h"
#include "newsctl.h"
#include "output.h"

static const char usage[] =
	"usage: newsctl search [--limit N] [--offset N] [--sort best|date]\n"
	"                      [--since DATE] [--until DATE] [--source NAME]\n"
	"                      [--section NAME] [--format FORMAT] [--count]\n"
	"                      [--facet FIELD] [--color WHEN] [--no-expand]\n"
	"                      [--no-collapse] QUERY...\n"
	"\n"
	"QUERY: words (all must match), \"a phrase\", word*, a OR b, -word,\n"
	"(groups), title: lead: body: caption: author: section: source:,\n"
	"date:2017-10, date:2017-10-01..2017-10-15; see newsctl-query(7).";

#define DEFAULT_LIMIT 20

static int print_hit(void *pr, const struct store_hit *h)
{
	pr_hit(pr, h);
	return 0;
}

/* Say so when the index was built with other text rules than ours. */
static void warn_index_rules(struct store *st)
{
	struct nc_error err = { 0 };
	const char *differ = NULL;

	if (!store_index_rules(st, &differ, &err) && differ)
		nc_warn("the index was built with other text rules "
			"than this newsctl's (%s), so abbreviations and "
			"misspelt tones may be missed; rebuild it with "
			"'newsctl reindex'", differ);
}

struct facet_out {
	struct printer *pr;
	const char *name;
	long long articles;	/* the articles counted */
};

static void print_facet(void *ctx, const char *value, long long articles)
{
	struct facet_out *fo = ctx;

	pr_facet(fo->pr, fo->name, value, articles);
	fo->articles += articles;
}

enum nc_status print_facets(struct store *st, const struct filter *f,
			    int facet, struct printer *pr, long long *n,
			    struct nc_error *err)
{
	struct facet_out fo = { pr, pr_facets[facet].name, 0 };
	enum nc_status rc;

	rc = store_facet(st, f, (enum store_facet)facet, print_facet, &fo,
			 NULL, err);
	*n = fo.articles;
	return rc;
}

/* Over 80 lines: the option table, then one branch per kind of output. */
int cmd_search(struct nc_ctx *ctx, int argc, char **argv)
{
	const char *since = NULL, *until = NULL;
	long long limit = DEFAULT_LIMIT, n = 0;
	int json = 0, tsv = 0, ids = 0, count = 0, fmt = -1, facet = -1;
	int sort = FILTER_SORT_BEST, color = COLOR_AUTO, nargs, code = 0;
	int no_expand = 0, no_collapse = 0;
	struct filter f = FILTER_INIT;
	struct buf text = BUF_INIT;
	struct nc_error err = { 0 };
	struct printer *pr;
	struct store *st;
	enum nc_status rc;
	static const struct opt_keyword sorts[] = {
		{ "best", FILTER_SORT_BEST }, { "date", FILTER_SORT_DATE },
		{ NULL, 0 } };
	static const struct opt_keyword colors[] = {
		{ "auto", COLOR_AUTO }, { "always", COLOR_ALWAYS },
		{ "never", COLOR_NEVER }, { NULL, 0 } };
	const struct opt opts[] = {
		OPT_INT('n', "limit", &limit, "N",
			"show at most N results (20; 0 for all)"),
		OPT_INT(0, "offset", &f.offset, "N", "skip the first N results"),
		OPT_KEYWORD(0, "sort", &sort, "best|date",
			    "best matches first (default) or newest first", sorts),
		OPT_STRING(0, "since", &since, "DATE", "published on or after DATE"),
		OPT_STRING(0, "until", &until, "DATE", "published on or before DATE"),
		OPT_STRING(0, "source", &f.source, "NAME", "only articles from NAME"),
		OPT_STRING(0, "section", &f.section, "NAME", "only this section"),
		OPT_KEYWORD(0, "format", &fmt, "FORMAT",
			    "text, json, tsv, csv or ids "
			    "(newsctl-formats(5))",
			    pr_formats),
		OPT_FLAG(0, "json", &json, "the same as --format json"),
		OPT_FLAG(0, "tsv", &tsv, "the same as --format tsv"),
		OPT_FLAG(0, "ids", &ids, "the same as --format ids"),
		OPT_FLAG('c', "count", &count, "print the number of matches"),
		OPT_KEYWORD(0, "facet", &facet, "FIELD", "count every match by "
			    "source, section, byline, year or month",
			    pr_facets),
		OPT_KEYWORD(0, "color", &color, "WHEN",
			    "highlight matches: auto, always, never", colors),
		OPT_FLAG(0, "no-expand", &no_expand,
			 "abbreviations as typed, not their long forms"),
		OPT_FLAG(0, "no-collapse", &no_collapse,
			 "list every near-duplicate copy, not one a story"),
		OPT_END(),
	};

	if ((nargs = nc_options(opts, usage, argc, argv, &code)) < 0)
		return code;
	if ((fmt >= 0) + json + tsv + ids + count > 1)
		return nc_usage("--format (--json, --tsv, --ids) and --count "
				"go alone");
	if (facet >= 0 && (count || ids || fmt == PR_IDS))
		return nc_usage("--facet prints counts: not with --count or "
				"ids");
	if (fmt < 0)
		fmt = json ? PR_JSON : tsv ? PR_TSV : ids ? PR_IDS : PR_TEXT;
	nc_join_args(nargs, argv, &text);
	f.limit = limit ? limit : -1;
	f.sort = (enum filter_sort)sort;
	f.query_flags = no_expand ? QUERY_NO_EXPAND : 0;
	f.ids_only = fmt == PR_IDS;
	f.collapse = !no_collapse;
	if (filter_parse(&f, text.s, since, until, &err)) {
		code = nc_usage("%s", err.msg);
		goto out;
	}
	if (!(st = nc_store(ctx, &code)))
		goto out;
	warn_index_rules(st);
	if (count) {
		rc = store_count(st, &f, &n, &err);
		if (!rc)
			printf("%lld\n", n);
	} else if (facet >= 0) {
		pr = printer_new((enum pr_format)fmt, stdout,
				 pr_facet_columns, 0);
		rc = print_facets(st, &f, facet, pr, &n, &err);
		printer_free(pr);
	} else {
		pr = printer_new((enum pr_format)fmt, stdout, pr_hit_columns,
				 fmt == PR_TEXT && out_color_wanted(stdout,
								    color));
		rc = store_search(st, &f, print_hit, pr, &n, &err);
		printer_free(pr);
	}
	code = nc_found_exit(rc, &err, n);
out:
	filter_release(&f);
	buf_release(&text);
	return code;
}
