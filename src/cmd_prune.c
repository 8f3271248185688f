/*
 * cmd_prune.c - newsctl prune: retention. Delete the articles published
 * before a date that an incremental export of every article already
 * holds, and give their space back.
 *
 * What an export holds is what its watermark covers (the filter's upto,
 * so prune follows export's own rule for "exported"); an export that
 * selected only some articles (--query and the like) covers nothing here.
 * Without --yes prune only prints what it would delete. It deletes in
 * batches of one transaction each (store_delete(): the index entries,
 * then the rows), so that a kill leaves every article either whole or
 * gone, and a second run finishes the work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "filter.h"
#include "newsctl.h"
#include "output.h"
#include "progress.h"

static const char usage[] =
	"usage: newsctl prune --before DATE --exported NAME [--source NAME]\n"
	"                     [--yes] [--vacuum] [--format FORMAT] [--quiet]\n"
	"                     [--progress auto|json|none]";

/* Articles a transaction deletes: a kill loses at most one batch's work
 * (none of its deletions), and readers wait at most this long. */
#define BATCH 500

struct prune {
	const char *before, *exported;
	int yes, vacuum, quiet;
	struct progress pg;
	long long deleted, total;
};

/*
 * The selection: published before --before, from --source, and covered
 * by the watermark of the export (0: none, which selects nothing).
 */
static int make_filter(struct store *st, struct prune *pr, struct filter *f,
		       char *before, int *code)
{
	struct nc_error err = { 0 };
	char *sel = NULL;
	const char *differ = NULL;
	int64_t mark = 0;

	/* FTS5's 'delete' must see the tokens the entries were made with */
	if (store_index_rules(st, &differ, &err)) {
		nc_report(&err);
		return *code = nc_exit_code(err.code);
	}
	if (differ) {
		nc_warn("the index was built with other text rules (or its "
			"rebuild stopped): run 'newsctl reindex' first");
		return *code = nc_exit_code(NC_EDB);
	}
	if (store_mark_get(st, pr->exported, &mark, &err) ||
	    store_mark_selection_get(st, pr->exported, &sel, &err)) {
		nc_report(&err);
		return *code = nc_exit_code(err.code);
	}
	if (!mark) {
		nc_warn("no export named '%s' has run: nothing is known to be"
			" exported", pr->exported);
		return *code = NC_EXIT_NOMATCH;
	}
	if (!sel || *sel) {
		nc_warn("export '%s' %s%s; prune needs an incremental export "
			"of every article", pr->exported, sel ? "selected "
			: "ran before newsctl recorded what it selected",
			sel ? sel : "");
		free(sel);
		return *code = NC_EXIT_NOMATCH;
	}
	free(sel);
	f->before = before;
	f->upto = mark;
	return 0;
}

static enum nc_status print_candidate(void *pr, const struct article *a,
				      struct nc_error *err)
{
	struct printer *p = pr;

	if (pr_format(p) == PR_TEXT) {
		struct buf line = BUF_INIT;

		buf_addf(&line, "%lld  %s  %s  %s", (long long)a->id,
			 a->published ? a->published : "-",
			 a->source ? a->source : "-", a->title);
		out_text(stdout, line.s, line.len, 0);
		fputc('\n', stdout);
		buf_release(&line);
		return NC_OK;
	}
	pr_begin_map(p);
	pr_article_keys(p, a, PR_ART_HIT);
	pr_end(p);
	pr_record(p);
	return NC_OK;
}

static void show_counts(struct prune *pr, int done)
{
	static const char *const names[] = { "deleted", "total" };
	const long long v[] = { pr->deleted, pr->total };

	if (done)
		progress_done(&pr->pg, names, v, ARRAY_SIZE(v), done > 0);
	else
		progress_counts(&pr->pg, names, v, ARRAY_SIZE(v));
}

/* Delete the articles of f in batches, then give the space back. */
static enum nc_status delete_all(struct store *st, struct prune *pr,
				 const struct filter *f, struct nc_error *err)
{
	long long freed = 0, still_free = 0;
	int64_t *ids = NULL;
	size_t n = 0;
	enum nc_status s;

	s = store_ids(st, f, &ids, &n, err);
	pr->total = (long long)n;
	for (size_t i = 0; i < n && !s; i += BATCH) {
		size_t len = n - i < BATCH ? n - i : BATCH;

		s = store_delete(st, ids + i, len, err);
		if (!s)
			pr->deleted += (long long)len;
		show_counts(pr, 0);
	}
	free(ids);
	if (!s && pr->deleted)
		s = store_reclaim(st, pr->vacuum, &freed, &still_free, err);
	show_counts(pr, s ? -1 : 1);
	if (s || pr->quiet)
		return s;
	nc_warn("deleted %lld article%s; %lld bytes given back", pr->deleted,
		pr->deleted == 1 ? "" : "s", freed);
	if (still_free > 0 && !pr->vacuum)
		nc_warn("%lld bytes are free inside the database; 'prune "
			"--vacuum' gives them back (it rewrites the file)",
			still_free);
	return s;
}

int cmd_prune(struct nc_ctx *ctx, int argc, char **argv)
{
	struct prune pr = { 0 };
	struct filter f = FILTER_INIT;
	struct nc_error err = { 0 };
	char before[DATE_ISO_MAX];
	int nargs, code = 0, fmt = PR_TEXT, progress = PROGRESS_AUTO;
	long long n = 0;
	struct printer *p;
	struct store *st;
	enum nc_status s;
	const struct opt opts[] = {
		OPT_STRING(0, "before", &pr.before, "DATE",
			   "articles published before DATE"),
		OPT_STRING(0, "exported", &pr.exported, "NAME",
			   "only what incremental export NAME holds"),
		OPT_STRING(0, "source", &f.source, "NAME",
			   "only articles from NAME"),
		OPT_FLAG('y', "yes", &pr.yes, "delete (else only list)"),
		OPT_FLAG(0, "vacuum", &pr.vacuum,
			 "rewrite the file to give all free space back"),
		OPT_KEYWORD(0, "format", &fmt, "FORMAT", "the list as text, "
			    "json, tsv, csv or ids", pr_formats),
		OPT_FLAG('q', "quiet", &pr.quiet, "print errors only"),
		OPT_PROGRESS(&progress),
		OPT_END(),
	};

	if ((nargs = nc_options(opts, usage, argc, argv, &code)) < 0)
		return code;
	if (nargs)
		return nc_usage("unexpected argument '%s'", argv[0]);
	if (!pr.before || !pr.exported)
		return nc_usage("give --before DATE and --exported NAME (prune "
				"deletes only what an export holds)");
	if (!date_parse_bound(pr.before, before))
		return nc_usage("--before: '%s' is not a date (try "
				"2017-10-12)", pr.before);
	if (!nc_name_ok(pr.exported))
		return nc_usage("--exported: '%s' is not an export name",
				pr.exported);
	if (!(st = nc_store(ctx, &code)) ||
	    make_filter(st, &pr, &f, before, &code))
		goto out;
	progress_start(&pr.pg, (enum progress_mode)progress, pr.quiet,
		       "prune");
	if (pr.yes) {
		s = delete_all(st, &pr, &f, &err);
		n = pr.deleted;
	} else {
		p = printer_new((enum pr_format)fmt, stdout, pr_hit_columns,
				0);
		s = store_each(st, &f, 0, print_candidate, p, &n, &err);
		printer_free(p);
		if (!s && !pr.quiet)
			nc_warn("%lld article%s would be deleted; give --yes "
				"to delete %s", n, n == 1 ? "" : "s",
				n == 1 ? "it" : "them");
	}
	code = nc_found_exit(s, &err, n);
out:
	filter_release(&f);
	return code;
}
