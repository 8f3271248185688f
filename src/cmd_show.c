/*
 * cmd_show.c - newsctl show: print one stored article.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsctl.h"
#include "opt.h"
#include "output.h"

static const char usage[] = "usage: newsctl show [--json|--raw] ID";

static void json_article(const struct article *a)
{
	struct printer *pr = printer_json_new(stdout);
	const struct { const char *key, *value; } fields[] = {
		{ "source", a->source }, { "url", a->url },
		{ "origin", a->origin }, { "external_id", a->external_id },
		{ "section", a->section }, { "title", a->title },
		{ "lead", a->lead }, { "published", a->published },
		{ "byline", a->byline },
	};

	pr_begin_map(pr);
	pr_key(pr, "id");
	pr_int(pr, a->id);
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		pr_key(pr, fields[i].key);
		pr_str_or_null(pr, fields[i].value);
	}
	pr_key(pr, "captions");
	pr_begin_list(pr);
	for (size_t i = 0; i < a->ncaptions; i++)
		pr_str(pr, a->captions[i]);
	pr_end(pr);
	pr_key(pr, "views");
	if (a->views >= 0)
		pr_int(pr, a->views);
	else
		pr_null(pr);
	pr_key(pr, "body");
	pr_str(pr, a->body);
	pr_key(pr, "encoding");
	pr_str_or_null(pr, a->encoding);
	pr_key(pr, "hash");
	pr_str(pr, a->hash);
	pr_key(pr, "ingested");
	pr_int(pr, a->ingested);
	pr_end(pr);
	pr_record(pr);
	printer_free(pr);
}

static void text_field(const char *key, const char *value)
{
	if (!value)
		return;
	printf("%-10s ", key);
	out_text(stdout, value, strlen(value), 0);
	putchar('\n');
}

static void text_article(const struct article *a)
{
	char views[32];

	printf("%-10s %lld\n", "id:", (long long)a->id);
	text_field("title:", a->title);
	text_field("section:", a->section);
	text_field("published:", a->published);
	text_field("byline:", a->byline);
	text_field("source:", a->source);
	text_field("url:", a->url);
	text_field("origin:", a->origin);
	if (a->views >= 0) {
		snprintf(views, sizeof(views), "%lld", (long long)a->views);
		text_field("views:", views);
	}
	text_field("encoding:", a->encoding);
	text_field("hash:", a->hash);
	for (size_t i = 0; i < a->ncaptions; i++)
		text_field("caption:", a->captions[i]);
	putchar('\n');
	if (a->lead) {
		out_text(stdout, a->lead, strlen(a->lead), 1);
		fputs("\n\n", stdout);
	}
	out_text(stdout, a->body, strlen(a->body), 1);
	putchar('\n');
}

int cmd_show(struct nc_ctx *ctx, int argc, char **argv)
{
	struct article a = ARTICLE_INIT;
	struct nc_error err = { 0 };
	int json = 0, raw = 0, code = 0, nargs;
	long long id;
	char *end;
	struct store *st;
	enum nc_status s;
	const struct opt opts[] = {
		OPT_FLAG(0, "json", &json, "print the article as one JSON object"),
		OPT_FLAG(0, "raw", &raw, "print the original bytes, as ingested"),
		OPT_END(),
	};

	nargs = opt_parse(opts, usage, argc, argv);
	if (nargs == OPT_HELP)
		return 0;
	if (nargs < 0)
		return NC_EXIT_USAGE;
	if (nargs != 1 || json + raw > 1) {
		fprintf(stderr, "%s\n", usage);
		return NC_EXIT_USAGE;
	}
	errno = 0;
	id = strtoll(argv[0], &end, 10);
	if (errno || end == argv[0] || *end || id <= 0) {
		nc_warn("show: '%s' is not an article id", argv[0]);
		return NC_EXIT_USAGE;
	}
	st = nc_store(ctx, STORE_READ, &code);
	if (!st)
		return code;
	s = store_get(st, id, raw, &a, &err);
	if (s) {
		nc_warn("show: %s", err.msg);
		code = nc_exit_code(s);
	} else if (raw) {
		fwrite(a.raw, 1, a.raw_len, stdout);
	} else if (json) {
		json_article(&a);
	} else {
		text_article(&a);
	}
	article_release(&a);
	return code;
}
