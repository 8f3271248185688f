/*
 * cmd_watch.c - newsctl watch: searches kept under a name, and run to
 * print only the articles added since the watch last ran.
 *
 * A run is an incremental export to standard output: it reads one
 * snapshot, takes the largest id as its new watermark, prints the new
 * matches (ids past the old watermark) and stores the watermark only
 * after standard output is flushed without error, so that a run that
 * fails (a full disk, a closed pipe) shows the same articles again next
 * time. A lock file per watch keeps two runs of one watch apart; readers
 * never block ingest (WAL).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <string.h>
#include <time.h>

#include "filter.h"
#include "lockfile.h"
#include "newsctl.h"
#include "output.h"

static const char usage[] =
	"usage: newsctl watch add NAME [--since DATE] [--until DATE]\n"
	"                     [--source NAME] [--section NAME] QUERY...\n"
	"       newsctl watch list [--format FORMAT]\n"
	"       newsctl watch rm NAME\n"
	"       newsctl watch run [--format FORMAT] [--wait SECONDS] "
	"[NAME...]";

/* The filter of watch w; a usage error when it no longer parses. */
static enum nc_status watch_filter(const struct store_watch *w,
				   struct filter *f, struct nc_error *err)
{
	enum nc_status s = filter_parse(f, w->query, w->since, w->until, err);

	f->source = w->source;
	f->section = w->section;
	f->sort = FILTER_SORT_DATE;
	return s;
}

static int watch_add(struct nc_ctx *ctx, int argc, char **argv)
{
	struct store_watch w = { 0 };
	struct filter f = FILTER_INIT;
	struct nc_error err = { 0 };
	struct buf text = BUF_INIT;
	const char *since = NULL, *until = NULL, *source = NULL;
	const char *section = NULL;
	struct store *st;
	int nargs, code = 0;
	const struct opt opts[] = {
		OPT_STRING(0, "since", &since, "DATE",
			   "published on or after DATE"),
		OPT_STRING(0, "until", &until, "DATE",
			   "published on or before DATE"),
		OPT_STRING(0, "source", &source, "NAME",
			   "only articles from NAME"),
		OPT_STRING(0, "section", &section, "NAME", "only this section"),
		OPT_END(),
	};

	if ((nargs = nc_options(opts, usage, argc, argv, &code)) < 0)
		return code;
	if (nargs < 2)
		return nc_usage("add: give a NAME and a QUERY");
	if (!nc_name_ok(argv[0]))
		return nc_usage("'%s' is not a name (letters, digits, '.', '_'"
				" and '-')", argv[0]);
	nc_join_args(nargs - 1, argv + 1, &text);
	w.name = argv[0];
	w.query = text.s;
	w.since = (char *)since;
	w.until = (char *)until;
	w.source = (char *)source;
	w.section = (char *)section;
	w.created = (int64_t)time(NULL);
	/* refuse now what the runs could not read */
	if (watch_filter(&w, &f, &err)) {
		code = nc_usage("%s", err.msg);
	} else if ((st = nc_store(ctx, &code)) &&
		   store_watch_add(st, &w, &err)) {
		nc_report(&err);
		code = nc_exit_code(err.code);
	}
	filter_release(&f);
	buf_release(&text);
	return code;
}

static int print_watch(void *pr, const struct store_watch *w)
{
	struct printer *p = pr;

	if (pr_format(p) == PR_TEXT) {
		struct buf line = BUF_INIT;

		buf_addf(&line, "%s: %s", w->name, w->query);
		if (w->since)
			buf_addf(&line, " --since %s", w->since);
		if (w->until)
			buf_addf(&line, " --until %s", w->until);
		if (w->source)
			buf_addf(&line, " --source '%s'", w->source);
		if (w->section)
			buf_addf(&line, " --section '%s'", w->section);
		out_text(stdout, line.s, line.len, 0);
		fputc('\n', stdout);
		buf_release(&line);
		return 0;
	}
	pr_begin_map(p);
	pr_key(p, "name");
	pr_str(p, w->name);
	pr_key(p, "query");
	pr_str_or_null(p, w->query);
	pr_key(p, "since");
	pr_str_or_null(p, w->since);
	pr_key(p, "until");
	pr_str_or_null(p, w->until);
	pr_key(p, "source");
	pr_str_or_null(p, w->source);
	pr_key(p, "section");
	pr_str_or_null(p, w->section);
	pr_key(p, "created");
	pr_int(p, w->created);
	pr_end(p);
	pr_record(p);
	return 0;
}

static const char *const watch_columns[] = {
	"name", "query", "since", "until", "source", "section", "created",
	NULL,
};

static int watch_list(struct nc_ctx *ctx, int argc, char **argv)
{
	struct nc_error err = { 0 };
	struct printer *pr;
	struct store *st;
	int nargs, code = 0, fmt = PR_TEXT;
	const struct opt opts[] = {
		OPT_KEYWORD(0, "format", &fmt, "FORMAT",
			    "text, json, tsv or csv (newsctl-formats(5))",
			    pr_formats_no_ids),
		OPT_END(),
	};

	if ((nargs = nc_options(opts, usage, argc, argv, &code)) < 0)
		return code;
	if (nargs)
		return nc_usage("list: unexpected argument '%s'", argv[0]);
	if (!(st = nc_store(ctx, &code)))
		return code;
	pr = printer_new((enum pr_format)fmt, stdout, watch_columns, 0);
	if (store_watch_each(st, print_watch, pr, &err)) {
		nc_report(&err);
		code = nc_exit_code(err.code);
	}
	printer_free(pr);
	return code;
}

static int watch_rm(struct nc_ctx *ctx, int argc, char **argv)
{
	struct nc_error err = { 0 };
	struct store *st;
	int nargs, code = 0;
	const struct opt opts[] = { OPT_END() };

	if ((nargs = nc_options(opts, usage, argc, argv, &code)) < 0)
		return code;
	if (nargs != 1)
		return nc_usage("rm: give one NAME");
	if (!(st = nc_store(ctx, &code)))
		return code;
	if (store_watch_rm(st, argv[0], &err)) {
		nc_report(&err);
		return nc_exit_code(err.code);
	}
	return 0;
}

struct run_out {
	struct printer *pr;
	const char *name;
	int heading;		/* text: the watch's name comes first */
};

static int print_new(void *ctx, const struct store_hit *h)
{
	struct run_out *ro = ctx;

	if (ro->heading) {
		fputs("== ", stdout);
		out_text(stdout, ro->name, strlen(ro->name), 0);
		fputs(" ==\n", stdout);
		ro->heading = 0;
	}
	pr_watch_hit(ro->pr, h, ro->name);
	return 0;
}

/*
 * Print what is new to watch w and move its watermark; *n gets the
 * number of new matches.
 */
static enum nc_status run_one(struct store *st, const struct store_watch *w,
			      struct printer *pr, long long *n,
			      struct nc_error *err)
{
	struct run_out ro = { pr, w->name, pr_format(pr) == PR_TEXT };
	struct filter f = FILTER_INIT;
	struct buf mark = BUF_INIT;
	enum nc_status s;
	int64_t upto = 0, date;

	store_watch_mark(w->name, &mark);
	s = watch_filter(w, &f, err);
	if (!s)
		s = store_read_begin(st, err);
	if (s)
		goto out;
	/* the newest article's seq: watermarks count in it */
	s = store_last(st, &upto, &date, err);
	if (!s)
		s = store_mark_get(st, mark.s, &f.after, err);
	f.upto = upto;
	/* nothing past the watermark: f.upto 0 would mean no bound */
	if (!s && upto > f.after)
		s = store_search(st, &f, print_new, &ro, n, err);
	store_commit(st, NULL);
	if (!s && (fflush(stdout) != 0 || ferror(stdout))) {
		s = nc_fail(err, NC_EIO, "write error on standard output: %s;"
			    " watch '%s' stays where it was", strerror(errno),
			    w->name);
		/* said once here, not again when main() closes stdout */
		__fpurge(stdout);
		clearerr(stdout);
	}
	if (!s && upto > f.after)
		s = store_mark_set(st, mark.s, upto, (int64_t)time(NULL), err);
out:
	filter_release(&f);
	buf_release(&mark);
	return s;
}

static int collect_name(void *names, const struct store_watch *w)
{
	struct buf *b = names;

	buf_add(b, w->name, strlen(w->name) + 1);
	return 0;
}

/* Run watch name under its lock; 0, 1 (nothing new) or the exit code. */
static int run_named(struct nc_ctx *ctx, struct store *st, const char *name,
		     struct printer *pr, long long wait)
{
	struct store_watch w;
	struct nc_error err = { 0 };
	enum nc_status s;
	long long n = 0;
	int fd = -1, code;

	if ((code = nc_lock(ctx, "watch", name, wait, &fd)))
		return code;
	s = store_watch_get(st, name, &w, &err);
	if (!s) {
		s = run_one(st, &w, pr, &n, &err);
		store_watch_release(&w);
	}
	lock_release(fd);
	if (s) {
		nc_report(&err);
		return s == NC_NOMATCH ? NC_EXIT_USAGE : nc_exit_code(s);
	}
	return n ? 0 : NC_EXIT_NOMATCH;
}

static int watch_run(struct nc_ctx *ctx, int argc, char **argv)
{
	struct nc_error err = { 0 };
	struct buf names = BUF_INIT;
	struct printer *pr;
	struct store *st;
	long long wait = 0;
	int nargs, code = 0, fmt = PR_TEXT, worst = NC_EXIT_NOMATCH;
	const struct opt opts[] = {
		OPT_KEYWORD(0, "format", &fmt, "FORMAT",
			    "text, json, tsv, csv or ids "
			    "(newsctl-formats(5))", pr_formats),
		OPT_INT(0, "wait", &wait, "SECONDS",
			"wait for a run of the same watch (default 0)"),
		OPT_END(),
	};

	if ((nargs = nc_options(opts, usage, argc, argv, &code)) < 0)
		return code;
	for (int i = 0; i < nargs; i++)
		if (!nc_name_ok(argv[i]))
			return nc_usage("'%s' is not a watch name", argv[i]);
	if (!(st = nc_store(ctx, &code)))
		return code;
	if (nargs)
		for (int i = 0; i < nargs; i++)
			collect_name(&names, &(struct store_watch){
				     .name = argv[i] });
	else if (store_watch_each(st, collect_name, &names, &err)) {
		nc_report(&err);
		return nc_exit_code(err.code);
	}
	if (!names.len) {
		nc_warn("no watches yet (see 'newsctl watch add')");
		return NC_EXIT_NOMATCH;
	}
	signal(SIGPIPE, SIG_IGN);	/* a closed pipe is a failed run */
	pr = printer_new((enum pr_format)fmt, stdout, pr_watch_hit_columns, 0);
	for (size_t off = 0; off < names.len; ) {
		const char *name = names.s + off;

		code = run_named(ctx, st, name, pr, wait);
		/* an error outranks "nothing new", which "new" outranks */
		if (code > 1 || (code == 0 && worst == NC_EXIT_NOMATCH))
			worst = code;
		off += strlen(name) + 1;
	}
	printer_free(pr);
	buf_release(&names);
	return worst;
}

int cmd_watch(struct nc_ctx *ctx, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(struct nc_ctx *, int, char **);
	} subs[] = {
		{ "add", watch_add }, { "list", watch_list },
		{ "rm", watch_rm }, { "run", watch_run },
	};

	if (argc >= 2 && (!strcmp(argv[1], "--help") ||
			  !strcmp(argv[1], "-h"))) {
		puts(usage);
		return 0;
	}
	for (size_t i = 0; argc >= 2 && i < ARRAY_SIZE(subs); i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].fn(ctx, argc - 1, argv + 1);
	if (argc < 2) {
		nc_warn("give a subcommand: add, list, rm or run");
		fprintf(stderr, "%s\n", usage);
		return NC_EXIT_USAGE;
	}
	return nc_usage("no such subcommand '%s' (add, list, rm, run)",
			argv[1]);
}
