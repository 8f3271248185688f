/*
 * cmd_stats.c - newsctl stats: what the database holds.
 */
#include <stdio.h>
#include <string.h>

#include "newsctl.h"
#include "opt.h"
#include "output.h"

static const char usage[] = "usage: newsctl stats [--json]";

static void json_stats(const struct store_stats *s)
{
	struct printer *pr = printer_json_new(stdout);

	pr_begin_map(pr);
	pr_key(pr, "articles");
	pr_int(pr, s->articles);
	pr_key(pr, "first");
	pr_str_or_null(pr, s->first);
	pr_key(pr, "last");
	pr_str_or_null(pr, s->last);
	pr_key(pr, "sources");
	pr_begin_list(pr);
	for (size_t i = 0; i < s->nsources; i++) {
		pr_begin_map(pr);
		pr_key(pr, "source");
		pr_str_or_null(pr, s->sources[i].name);
		pr_key(pr, "articles");
		pr_int(pr, s->sources[i].articles);
		pr_end(pr);
	}
	pr_end(pr);
	pr_key(pr, "db_bytes");
	pr_int(pr, s->db_bytes);
	pr_end(pr);
	pr_record(pr);
	printer_free(pr);
}

static void text_stats(const struct store_stats *s, const char *path)
{
	printf("articles:  %lld\n", s->articles);
	printf("first:     %s\n", s->first ? s->first : "-");
	printf("last:      %s\n", s->last ? s->last : "-");
	printf("database:  %lld bytes (", s->db_bytes);
	out_text(stdout, path, strlen(path), 0);
	puts(")");
	puts("sources:");
	for (size_t i = 0; i < s->nsources; i++) {
		const char *name = s->sources[i].name;

		printf("  %8lld  ", s->sources[i].articles);
		if (name)
			out_text(stdout, name, strlen(name), 0);
		else
			fputs("(none)", stdout);
		putchar('\n');
	}
}

int cmd_stats(struct nc_ctx *ctx, int argc, char **argv)
{
	struct store_stats stats;
	struct nc_error err = { 0 };
	int json = 0, code = 0, nargs;
	struct store *st;
	const struct opt opts[] = {
		OPT_FLAG(0, "json", &json, "print one JSON object"),
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
	if (store_stats(st, &stats, &err)) {
		nc_report(&err);
		return nc_exit_code(err.code);
	}
	if (json)
		json_stats(&stats);
	else
		text_stats(&stats, ctx->db_path);
	store_stats_release(&stats);
	return 0;
}
