/*
 * cmd_search.c - newsctl search: find articles, best matches first.
 *
 * The query language is query.h's (newsctl-query(7)); ranking, snippets
 * and filters are store_search()'s. Output: text for people, --json
 * (JSON Lines), --tsv, --ids, --count. Exit 0 when something matched, 1
 * when nothing did, 2 for a usage or query error, and the database codes
 * of newsctl(1) otherwise.
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
	"                      [--section NAME] [--json|--tsv|--ids|--count]\n"
	"                      [--color WHEN] QUERY...\n"
	"\n"
	"QUERY: words (all must match), \"a phrase\", word*, a OR b, -word,\n"
	"(groups), title: lead: body: caption: author: section: source:,\n"
	"date:2017-10, date:2017-10-01..2017-10-15; see newsctl-query(7).";

enum { SORT_BEST, SORT_DATE };
enum { FMT_TEXT, FMT_JSON, FMT_TSV, FMT_IDS };

struct search {
	int format;
	int color;
	struct printer *pr;
};

/* "2017-10-12T04:18:00+07:00" -> "2017-10-12 04:18" (times are UTC+7). */
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

static void print_record(struct search *s, const struct store_hit *h)
{
	struct buf snip = BUF_INIT;

	if (s->format == FMT_JSON)
		out_snippet_marked(&snip, h->snippet ? h->snippet : "");
	else
		out_snippet_plain(&snip, h->snippet ? h->snippet : "");
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
}

static int print_hit(void *vctx, const struct store_hit *h)
{
	struct search *s = vctx;

	if (s->format == FMT_IDS) {
		printf("%lld\n", (long long)h->id);
		return 0;
	}
	if (s->format != FMT_TEXT) {
		print_record(s, h);
		return 0;
	}
	printf("%s%lld%s  ", s->color ? "\033[33m" : "",
	       (long long)h->id, s->color ? "\033[0m" : "");
	print_date(h->published);
	fputs("  ", stdout);
	out_snippet(stdout, h->title_marked ? h->title_marked :
		    h->title ? h->title : "", s->color);
	if (h->source) {
		fputs(" (", stdout);
		out_text(stdout, h->source, strlen(h->source), 0);
		fputc(')', stdout);
	}
	fputs("\n    ", stdout);
	out_snippet(stdout, h->snippet ? h->snippet : "", s->color);
	fputc('\n', stdout);
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
	char since_iso[DATE_ISO_MAX] = "", until_iso[DATE_ISO_MAX] = "";
	long long limit = 20, offset = 0, n = 0;
	int json = 0, tsv = 0, ids = 0, count = 0, sort = SORT_BEST;
	int color = COLOR_AUTO, nargs, code = 0;
	struct store_query q = { 0 };
	struct query parsed = QUERY_INIT;
	struct buf text = BUF_INIT;
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
		OPT_INT('n', "limit", &limit, "N",
			"show at most N results (20; 0 for all)"),
		OPT_INT(0, "offset", &offset, "N", "skip the first N results"),
		OPT_KEYWORD(0, "sort", &sort, "best|date",
			    "best matches first (default) or newest first", sorts),
		OPT_STRING(0, "since", &since, "DATE", "published on or after DATE"),
		OPT_STRING(0, "until", &until, "DATE", "published on or before DATE"),
		OPT_STRING(0, "source", &source, "NAME", "only articles from NAME"),
		OPT_STRING(0, "section", &section, "NAME", "only this section"),
		OPT_FLAG(0, "json", &json, "one JSON object per result"),
		OPT_FLAG(0, "tsv", &tsv, "tab-separated fields, one result a line"),
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
	if (json + tsv + ids + count > 1) {
		nc_warn("search: --json, --tsv, --ids and --count go alone");
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
	if (query_parse(&parsed, text.s, &err)) {
		nc_warn("search: %s", err.msg);
		code = NC_EXIT_USAGE;
		goto out;
	}
	query_narrow(&parsed, since_iso, until_iso);
	st = nc_store(ctx, STORE_READ, &code);
	if (!st)
		goto out;

	q.match = parsed.match.len ? parsed.match.s : NULL;
	q.exclude = parsed.exclude.len ? parsed.exclude.s : NULL;
	q.since = *parsed.since ? parsed.since : NULL;
	q.until = *parsed.until ? parsed.until : NULL;
	q.source = source;
	q.section = section;
	q.limit = limit ? limit : -1;
	q.offset = offset;
	q.sort_date = sort == SORT_DATE;
	if (count) {
		rc = store_count(st, &q, &n, &err);
		if (!rc)
			printf("%lld\n", n);
	} else {
		s.format = json ? FMT_JSON : tsv ? FMT_TSV : ids ? FMT_IDS
			: FMT_TEXT;
		s.color = s.format == FMT_TEXT &&
			  out_color_wanted(stdout, color);
		if (json)
			s.pr = printer_json_new(stdout);
		else if (tsv)
			s.pr = printer_tsv_new(stdout);
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
	query_release(&parsed);
	buf_release(&text);
	return code;
}
