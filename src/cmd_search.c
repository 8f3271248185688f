/*
 * cmd_search.c - newsctl search: find articles, best matches first.
 */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "newsctl.h"
#include "opt.h"
#include "output.h"
#include "query.h"

static const char usage[] =
	"usage: newsctl search [--limit N] [--offset N] [--sort best|date]\n"
	"                      [--since DATE] [--until DATE] [--source NAME]\n"
	"                      [--section NAME] [--json|--ids|--count]\n"
	"                      [--color WHEN] QUERY...";

enum { SORT_BEST, SORT_DATE };
enum { FMT_TEXT, FMT_JSON, FMT_IDS };

struct search {
	int format;
	int color;
	struct printer *pr;
};

/* "2017-10-12T04:18:00+07:00" -> "2017-10-12 04:18" for people. */
static void print_date(const char *iso)
{
	if (!iso) {
		fputs("----------      ", stdout);
		return;
	}
	if (strlen(iso) >= 16 && iso[10] == 'T')
		printf("%.10s %.5s", iso, iso + 11);
	else
		printf("%-16.10s", iso);
}

static int print_hit(void *vctx, const struct store_hit *h)
{
	struct search *s = vctx;

	if (s->format == FMT_IDS) {
		printf("%lld\n", (long long)h->id);
	} else if (s->format == FMT_JSON) {
		struct buf snip = BUF_INIT;

		out_snippet_marked(&snip, h->snippet ? h->snippet : "");
		pr_begin_map(s->pr);
		pr_key(s->pr, "id");
		pr_int(s->pr, h->id);
		pr_key(s->pr, "score");
		pr_double(s->pr, -h->score);
		pr_key(s->pr, "published");
		pr_str_or_null(s->pr, h->published);
		pr_key(s->pr, "source");
		pr_str_or_null(s->pr, h->source);
		pr_key(s->pr, "section");
		pr_str_or_null(s->pr, h->section);
		pr_key(s->pr, "title");
		pr_str_or_null(s->pr, h->title);
		pr_key(s->pr, "byline");
		pr_str_or_null(s->pr, h->byline);
		pr_key(s->pr, "snippet");
		pr_str(s->pr, snip.s);
		pr_end(s->pr);
		pr_record(s->pr);
		buf_release(&snip);
	} else {
		printf("%s%lld%s  ", s->color ? "\033[33m" : "",
		       (long long)h->id, s->color ? "\033[0m" : "");
		print_date(h->published);
		fputs("  ", stdout);
		if (s->color)
			fputs("\033[1m", stdout);
		out_text(stdout, h->title, strlen(h->title), 0);
		if (s->color)
			fputs("\033[0m", stdout);
		if (h->source) {
			fputs(" (", stdout);
			out_text(stdout, h->source, strlen(h->source), 0);
			fputc(')', stdout);
		}
		fputs("\n    ", stdout);
		out_snippet(stdout, h->snippet ? h->snippet : "", s->color);
		fputc('\n', stdout);
	}
	return 0;
}

static int read_bound(const char *opt, const char *v, char out[DATE_ISO_MAX])
{
	if (date_parse_bound(v, out))
		return 0;
	nc_warn("search: %s: '%s' is not a date (try 2017-10-12)", opt, v);
	return -1;
}

int cmd_search(struct nc_ctx *ctx, int argc, char **argv)
{
	const char *since = NULL, *until = NULL, *source = NULL, *section = NULL;
	char since_iso[DATE_ISO_MAX], until_iso[DATE_ISO_MAX];
	long long limit = 20, offset = 0, n = 0;
	int json = 0, ids = 0, count = 0, sort = SORT_BEST;
	int color = COLOR_AUTO, nargs, code = 0;
	struct store_query q = { 0 };
	struct buf text = BUF_INIT, expr = BUF_INIT;
	struct nc_error err = { 0 };
	struct search s = { 0 };
	struct store *st;
	enum nc_status rc;
	static const struct opt_keyword sorts[] = {
		{ "best", SORT_BEST }, { "date", SORT_DATE }, { NULL, 0 } };
	static const struct opt_keyword colors[] = {
		{ "auto", COLOR_AUTO }, { "always", COLOR_ALWAYS },
		{ "never", COLOR_NEVER }, { NULL, 0 } };
	const struct opt opts[] = {
		OPT_INT('n', "limit", &limit, "N", "show at most N results (20)"),
		OPT_INT(0, "offset", &offset, "N", "skip the first N results"),
		OPT_KEYWORD(0, "sort", &sort, "best|date",
			    "best matches first (default) or newest first", sorts),
		OPT_STRING(0, "since", &since, "DATE", "published on or after DATE"),
		OPT_STRING(0, "until", &until, "DATE", "published on or before DATE"),
		OPT_STRING(0, "source", &source, "NAME", "only articles from NAME"),
		OPT_STRING(0, "section", &section, "NAME", "only this section"),
		OPT_FLAG(0, "json", &json, "one JSON object per result"),
		OPT_FLAG(0, "ids", &ids, "print article ids only, one a line"),
		OPT_FLAG('c', "count", &count, "print the number of matches"),
		OPT_KEYWORD(0, "color", &color, "WHEN",
			    "highlight matches: auto, always, never", colors),
		OPT_END(),
	};

	nargs = opt_parse(opts, usage, argc, argv);
	if (nargs == OPT_HELP)
		return 0;
	if (nargs < 0)
		return NC_EXIT_USAGE;
	if (json + ids + count > 1) {
		nc_warn("search: --json, --ids and --count go alone");
		return NC_EXIT_USAGE;
	}
	if ((since && read_bound("--since", since, since_iso)) ||
	    (until && read_bound("--until", until, until_iso)))
		return NC_EXIT_USAGE;
	for (int i = 0; i < nargs; i++) {
		if (i)
			buf_addc(&text, ' ');
		buf_adds(&text, argv[i]);
	}
	if (query_to_fts(text.s, &expr, &err)) {
		nc_warn("search: %s (see 'newsctl search --help')", err.msg);
		code = NC_EXIT_USAGE;
		goto out;
	}
	st = nc_store(ctx, STORE_READ, &code);
	if (!st)
		goto out;

	q.match = expr.s;
	q.since = since ? since_iso : NULL;
	q.until = until ? until_iso : NULL;
	q.source = source;
	q.section = section;
	q.limit = limit;
	q.offset = offset;
	q.sort_date = sort == SORT_DATE;
	if (count) {
		rc = store_count(st, &q, &n, &err);
		if (!rc)
			printf("%lld\n", n);
	} else {
		s.format = json ? FMT_JSON : ids ? FMT_IDS : FMT_TEXT;
		s.color = out_color_wanted(stdout, color);
		if (json)
			s.pr = printer_json_new(stdout);
		rc = store_search(st, &q, print_hit, &s, &n, &err);
		printer_free(s.pr);
	}
	if (rc) {
		nc_warn("search: %s", err.msg);
		code = nc_exit_code(rc);
	} else {
		code = n ? 0 : NC_EXIT_NOMATCH;
	}
out:
	buf_release(&text);
	buf_release(&expr);
	return code;
}
