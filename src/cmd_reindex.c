/*
 * cmd_reindex.c - newsctl reindex: rebuild the full-text index with this
 * newsctl's text rules (tokenizer and abbreviation list), as search asks
 * when the database records other ones. The articles are not touched.
 *
 * The rebuild goes in batches that each commit (store_reindex_step()),
 * so that it can be stopped at any point (a signal, a kill, a full disk)
 * and the next run continues where it stopped.
 */
#include "newsctl.h"
#include "progress.h"

static const char usage[] =
	"usage: newsctl reindex [--quiet] [--progress auto|json|none]";

static void show_counts(struct progress *pg, long long done,
			long long total, int end)
{
	static const char *const names[] = { "indexed", "total" };
	const long long v[] = { done, total };

	if (end)
		progress_done(pg, names, v, ARRAY_SIZE(v), end > 0);
	else
		progress_counts(pg, names, v, ARRAY_SIZE(v));
}

int cmd_reindex(struct nc_ctx *ctx, int argc, char **argv)
{
	struct nc_error err = { 0 };
	int quiet = 0, code = 0, progress = PROGRESS_AUTO;
	int resumed = 0, more = 1;
	long long total = 0, done = 0, added;
	struct progress pg;
	struct store *st;
	enum nc_status s;
	const struct opt opts[] = {
		OPT_FLAG('q', "quiet", &quiet, "print errors only"),
		OPT_PROGRESS(&progress),
		OPT_END(),
	};

	if (nc_options_only(opts, usage, argc, argv, &code) < 0)
		return code;
	if (!(st = nc_store(ctx, &code)))
		return code;
	progress_start(&pg, (enum progress_mode)progress, quiet, "reindex");
	s = store_reindex_start(st, &resumed, &total, &done, &err);
	if (!s && resumed && !quiet)
		nc_warn("continuing the rebuild that stopped (%lld of %lld "
			"articles indexed)", done, total);
	while (!s && more) {
		s = store_reindex_step(st, &added, &more, &err);
		done += added;
		show_counts(&pg, done, total, 0);
	}
	if (!s)
		s = store_reindex_finish(st, &err);
	show_counts(&pg, done, total, s ? -1 : 1);
	if (s) {
		nc_report(&err);
		return nc_exit_code(s);
	}
	if (!quiet)
		nc_warn("'%s': index rebuilt", ctx->db_path);
	return 0;
}
