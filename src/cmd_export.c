/*
 * cmd_export.c - newsctl export: write articles to a compressed archive,
 * safely under cron.
 *
 * The archive is written to a temporary file next to FILE, synced and
 * renamed over FILE (lockfile.h), so FILE is always absent, the previous
 * archive or the new one. The articles are a filter (filter.h) of the
 * query and options, the same selection search makes. Incremental exports
 * take their watermark (an insertion sequence, store.h) when they start
 * and read one snapshot of the database; the new watermark is written in
 * a write transaction taken before the rename and committed after it, so
 * that archive and watermark move together or not at all (place()). A
 * lock file named after the database file itself (its real path) keeps
 * two runs of one name apart.
 *
 * --format jsonl and csv write the articles as data rather than as an
 * archive: one record an article through the printer (output.h, the keys
 * and columns of show), to a file made the same way or to standard
 * output ("-o -").
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "export.h"
#include "filter.h"
#include "hash.h"
#include "lockfile.h"
#include "newsctl.h"
#include "output.h"
#include "progress.h"
#include "warc.h"

static const char usage[] =
	"usage: newsctl export -o FILE|- [--format FORMAT] [--since DATE]\n"
	"                      [--until DATE] [--query QUERY] [--source NAME]\n"
	"                      [--section NAME] [--canonical]\n"
	"                      [--incremental NAME [--wait SECONDS]] [--quiet]\n"
	"                      [--progress auto|json|none]";

/* The data formats, beside archive.h's. */
enum { DATA_JSONL = 100, DATA_CSV };

static const struct opt_keyword formats[] = {
	{ "tar.zst", ARC_TAR_ZST }, { "tar.gz", ARC_TAR_GZ },
	{ "tar.xz", ARC_TAR_XZ }, { "tar", ARC_TAR }, { "zip", ARC_ZIP },
	{ "warc.gz", ARC_WARC_GZ }, { "jsonl", DATA_JSONL },
	{ "csv", DATA_CSV }, { NULL, 0 },
};

/* The format file's name asks for, or -1. */
static int format_from_name(const char *file)
{
	size_t len = strlen(file);

	if (len > 6 && !strcmp(file + len - 6, ".jsonl"))
		return DATA_JSONL;
	if (len > 4 && !strcmp(file + len - 4, ".csv"))
		return DATA_CSV;
	return arc_format_from_name(file);
}

/*
 * manifest.jsonl and SHA256SUMS grow with the articles (a million give a
 * manifest of 524 MB), so they are written to unnamed temporary files
 * and copied into the archive at the end, never held in memory.
 */
#define COPY_BLOCK (256 * 1024)

struct job {
	struct arc_writer *w;
	const char *file;	/* the archive, for messages */
	enum arc_format fmt;
	struct export_item item;
	FILE *mfp;		/* manifest.jsonl */
	FILE *sfp;		/* SHA256SUMS */
	char warcinfo_id[WARC_ID_SIZE];
	long long count;
	struct printer *pr;	/* data formats */
	struct progress *pg;
	long long total;	/* the articles selected */
};

static const char *const count_names[] = { "articles", "total" };

/* Progress: j->count of j->total written (done: as show_counts()). */
static void show_counts(struct job *j, int done)
{
	const long long v[] = { j->count, j->total };

	if (done)
		progress_done(j->pg, count_names, v, ARRAY_SIZE(v), done > 0);
	else
		progress_counts(j->pg, count_names, v, ARRAY_SIZE(v));
}

static void add_sum(FILE *sums, const char *sha, const char *path)
{
	fprintf(sums, "%s  %s\n", sha, path);
}

static enum nc_status on_article(void *ctx, const struct article *a,
				 struct nc_error *err)
{
	struct job *j = ctx;
	struct export_item *it = &j->item;
	enum nc_status s;

	j->count++;
	show_counts(j, 0);
	if (j->fmt == ARC_WARC_GZ)
		return warc_write_article(j->w, a, j->warcinfo_id, err);
	export_article(a, it);
	s = arc_writer_add(j->w, it->txt_path.s, it->txt.s, it->txt.len,
			   it->mtime, err);
	if (!s && it->orig_path.len)
		s = arc_writer_add(j->w, it->orig_path.s, a->raw, a->raw_len,
				   it->mtime, err);
	add_sum(j->sfp, it->txt_sha, it->txt_path.s);
	if (it->orig_path.len)
		add_sum(j->sfp, it->orig_sha, it->orig_path.s);
	export_manifest_line(a, it, j->mfp);
	return s;
}

/*
 * Read fp (a temporary file) from the start: into the archive as entry
 * path when path is set, and into h when h is set.
 */
static enum nc_status copy_back(struct job *j, FILE *fp, struct hash_ctx *h,
				const char *path, int64_t mtime,
				struct nc_error *err)
{
	char *block = xmalloc(COPY_BLOCK);
	enum nc_status s = NC_OK;
	off_t size = 0;
	size_t n;

	if (fflush(fp) || fseeko(fp, 0, SEEK_END) || (size = ftello(fp)) < 0)
		s = nc_fail(err, NC_EIO, "'%s': cannot write the manifest to "
			    "a temporary file: %s", j->file, strerror(errno));
	rewind(fp);
	if (!s && path)
		s = arc_writer_begin(j->w, path, (uint64_t)size, mtime, err);
	while (!s && (n = fread(block, 1, COPY_BLOCK, fp)) > 0) {
		if (h)
			hash_update(h, block, n);
		if (path)
			s = arc_writer_write(j->w, block, n, err);
	}
	if (!s && ferror(fp))
		s = nc_fail(err, NC_EIO, "'%s': cannot read the manifest back:"
			    " %s", j->file, strerror(errno));
	if (!s && path)
		s = arc_writer_end(j->w, err);
	free(block);
	return s;
}

/* SHA256SUMS then manifest.jsonl, dated like the newest entry. */
static enum nc_status finish_entries(struct job *j, int64_t mtime,
				     struct nc_error *err)
{
	char sha[HASH_HEX_LEN + 1];
	struct hash_ctx h;
	enum nc_status s;

	hash_init(&h);
	s = copy_back(j, j->mfp, &h, NULL, 0, err);
	hash_final(&h, sha);
	add_sum(j->sfp, sha, EXPORT_MANIFEST);
	if (!s)
		s = copy_back(j, j->sfp, NULL, EXPORT_SUMS, mtime, err);
	if (!s)
		s = copy_back(j, j->mfp, NULL, EXPORT_MANIFEST, mtime, err);
	return s;
}

/* Expand strftime patterns of the file name (local time). */
static char *expand_name(const char *pattern)
{
	struct buf b = BUF_INIT;
	time_t now = time(NULL);
	struct tm tm;
	size_t n;

	if (!strchr(pattern, '%'))
		return xstrdup(pattern);
	localtime_r(&now, &tm);
	buf_grow(&b, strlen(pattern) * 4 + 64);
	n = strftime(b.s, b.cap - 1, pattern, &tm);
	buf_setlen(&b, n);
	return buf_detach(&b, NULL);
}

struct export_opts {
	const char *file;	/* "-": standard output (data formats) */
	enum arc_format fmt;
	int data;		/* DATA_*, or 0 for an archive */
	const char *name;
	/* what an incremental export selects, kept with its watermark
	 * (store_mark_selection_set()): the options as typed, "" for every
	 * article */
	const char *selection;
	struct progress *pg;
};

/*
 * Start the read snapshot and bound f by it: articles up to the newest
 * (*upto, its seq; *date, its ingest time), and past the watermark of an
 * incremental export.
 */
static enum nc_status begin_snapshot(struct store *st,
				     const struct export_opts *o,
				     struct filter *f, int64_t *upto,
				     int64_t *date, struct job *j,
				     struct nc_error *err)
{
	enum nc_status s = store_read_begin(st, err);

	if (!s)
		s = store_last(st, upto, date, err);
	if (!s && o->name)
		s = store_mark_get(st, o->name, &f->after, err);
	f->upto = *upto;
	j->pg = o->pg;
	/* the total only for progress: counting costs a pass */
	if (!s && (o->pg->on || o->pg->json))
		s = store_count(st, f, &j->total, err);
	return s;
}

/*
 * Write the selection of f (from the read snapshot) into the archive
 * open on j->w; upto is the newest article's seq, date its ingest time
 * (the date of the index entries).
 */
static enum nc_status write_entries(struct store *st, struct job *j,
				    struct filter *f, int64_t upto,
				    int64_t date, long long *count,
				    struct nc_error *err)
{
	enum nc_status s = NC_OK;

	if (j->fmt == ARC_WARC_GZ)
		s = warc_write_info(j->w, upto, date, j->warcinfo_id, err);
	if (!s)
		s = store_each(st, f, 1, on_article, j, count, err);
	store_commit(st, NULL);
	if (!s && j->fmt != ARC_WARC_GZ)
		s = finish_entries(j, date, err);
	return s;
}

/*
 * Rename the archive into place; for an incremental export, move its
 * watermark to upto, and record what it selected, in the same step. The
 * watermark is written inside a write transaction taken before the
 * rename and committed after it: a busy database (NC_EBUSY) leaves the
 * old archive and the old watermark, and a commit that fails after the
 * rename removes the new archive, so that no exit status leaves an
 * archive whose articles the next run exports again. temp is consumed;
 * NULL for data written to standard output (already flushed), which only
 * the watermark follows.
 */
static enum nc_status place(struct store *st, const struct export_opts *o,
			    struct tempfile *temp, int64_t upto,
			    struct nc_error *err)
{
	enum nc_status s;

	if (!o->name)
		return temp ? tempfile_commit(temp, err) : NC_OK;
	s = store_begin(st, err);
	if (!s)
		s = store_mark_set(st, o->name, upto, (int64_t)time(NULL),
				   err);
	if (!s)
		s = store_mark_selection_set(st, o->name, o->selection, err);
	if (!s && temp)
		s = tempfile_commit(temp, err);
	else
		tempfile_abort(temp);
	if (s) {
		store_rollback(st);
		return s;
	}
	s = store_commit(st, err);
	if (s) {
		store_rollback(st);
		if (temp)
			unlink(o->file);
	}
	return s;
}

/* The export proper, from the read snapshot to the rename. */
static enum nc_status run(struct store *st, const struct export_opts *o,
			  struct filter *f, int64_t *upto, long long *count,
			  struct nc_error *err)
{
	struct tempfile *temp = NULL;
	struct job j = { 0 };
	int64_t date = 0;
	enum nc_status s;

	j.fmt = o->fmt;
	j.file = o->file;
	j.mfp = tmpfile();
	j.sfp = j.mfp ? tmpfile() : NULL;
	if (!j.sfp) {
		s = nc_fail(err, NC_ECANTCREAT, "'%s': cannot create a "
			    "temporary file for the manifest: %s", o->file,
			    strerror(errno));
		if (j.mfp)
			fclose(j.mfp);
		return s;
	}
	__fsetlocking(j.mfp, FSETLOCKING_BYCALLER);
	__fsetlocking(j.sfp, FSETLOCKING_BYCALLER);
	export_item_init(&j.item);
	s = begin_snapshot(st, o, f, upto, &date, &j, err);
	if (!s)
		s = tempfile_create(&temp, o->file, err);
	if (!s)
		s = arc_writer_open(&j.w, tempfile_fd(temp), o->fmt, o->file,
				    err);
	if (!s)
		s = write_entries(st, &j, f, *upto, date, count, err);
	else
		store_commit(st, NULL);
	if (!s) {
		s = arc_writer_close(j.w, err);
		j.w = NULL;
	}
	if (!s) {
		s = place(st, o, temp, *upto, err);
		temp = NULL;
	}
	arc_writer_abort(j.w);
	tempfile_abort(temp);
	show_counts(&j, s ? -1 : 1);
	export_item_release(&j.item);
	fclose(j.mfp);
	fclose(j.sfp);
	return s;
}

static enum nc_status on_record(void *ctx, const struct article *a,
				struct nc_error *err)
{
	struct job *j = ctx;

	pr_article(j->pr, a);
	j->count++;
	show_counts(j, 0);
	return NC_OK;
}

/* Close fp (file names it), the data written: NC_EIO on any error. */
static enum nc_status close_data(FILE *fp, const char *file,
				 struct nc_error *err)
{
	int failed = fflush(fp) != 0 || ferror(fp);

	if (fp != stdout && fclose(fp) != 0)
		failed = 1;
	if (failed)
		return nc_fail(err, NC_EIO, "'%s': cannot write: %s", file,
			       strerror(errno));
	return NC_OK;
}

/*
 * A data export: the records of the snapshot's selection written to the
 * temporary file of o->file (committed only when every byte is written)
 * or to standard output, flushed before the watermark may move.
 */
static enum nc_status run_data(struct store *st, const struct export_opts *o,
			       struct filter *f, int64_t *upto,
			       long long *count, struct nc_error *err)
{
	struct tempfile *temp = NULL;
	struct job j = { 0 };
	FILE *fp = stdout;
	int64_t date;
	enum nc_status s;
	int fd;

	s = begin_snapshot(st, o, f, upto, &date, &j, err);
	if (!s && strcmp(o->file, "-")) {
		s = tempfile_create(&temp, o->file, err);
		fd = s ? -1 : dup(tempfile_fd(temp));
		if (!s && (fd < 0 || !(fp = fdopen(fd, "w")))) {
			s = nc_fail(err, NC_EIO, "'%s': %s", o->file,
				    strerror(errno));
			if (fd >= 0)
				close(fd);
			fp = NULL;
		}
	}
	if (!s) {
		j.pr = printer_new(o->data == DATA_CSV ? PR_CSV : PR_JSON, fp,
				   pr_article_columns, 0);
		s = store_each(st, f, 0, on_record, &j, count, err);
		printer_free(j.pr);
	}
	store_commit(st, NULL);
	if (fp) {
		enum nc_status cs = close_data(fp, fp == stdout
					       ? "standard output" : o->file,
					       s ? NULL : err);

		if (!s)
			s = cs;
	}
	if (!s) {
		s = place(st, o, temp, *upto, err);
		temp = NULL;
	}
	tempfile_abort(temp);
	show_counts(&j, s ? -1 : 1);
	return s;
}

/*
 * What an export selects, as the options typed ("" for every article):
 * prune trusts only an export of every article. Free the result.
 */
static char *selection_text(const char *query, const char *since,
			    const char *until, const struct filter *f)
{
	const char *const opts[][2] = {
		{ "--query", query }, { "--since", since },
		{ "--until", until }, { "--source", f->source },
		{ "--section", f->section },
	};
	struct buf sel = BUF_INIT;

	buf_adds(&sel, "");
	for (size_t i = 0; i < ARRAY_SIZE(opts); i++)
		if (opts[i][1])
			buf_addf(&sel, "%s%s '%s'", sel.len ? " " : "",
				 opts[i][0], opts[i][1]);
	return buf_detach(&sel, NULL);
}

/* Over 80 lines: the option table, then their checks in order. */
int cmd_export(struct nc_ctx *ctx, int argc, char **argv)
{
	struct export_opts o = { 0 };
	struct nc_error err = { 0 };
	struct filter f = FILTER_INIT;
	const char *file = NULL, *since = NULL, *until = NULL, *query = NULL;
	long long wait = 0, count = 0;
	int fmt = -1, quiet = 0, code = 0, lock_fd = -1, nargs;
	int progress = PROGRESS_AUTO;
	struct progress pg;
	int64_t upto = 0;
	struct store *st;
	enum nc_status s;
	const struct opt opts[] = {
		OPT_STRING('o', "output", &file, "FILE",
			   "write the archive to FILE (strftime patterns)"),
		OPT_KEYWORD(0, "format", &fmt, "FORMAT", "tar.zst, tar.gz, "
			    "tar.xz, tar, zip, warc.gz, jsonl or csv "
			    "(default: from FILE)", formats),
		OPT_STRING(0, "since", &since, "DATE",
			   "articles published on or after DATE"),
		OPT_STRING(0, "until", &until, "DATE",
			   "articles published on or before DATE"),
		OPT_STRING(0, "query", &query, "QUERY",
			   "articles matching QUERY (as search reads it)"),
		OPT_STRING(0, "source", &f.source, "NAME",
			   "only articles from NAME"),
		OPT_STRING(0, "section", &f.section, "NAME",
			   "only this section"),
		OPT_FLAG(0, "canonical", &f.canonical, "one article a cluster "
			 "of near-duplicates (its canonical member)"),
		OPT_STRING(0, "incremental", &o.name, "NAME",
			   "only articles added since the last export NAME"),
		OPT_INT(0, "wait", &wait, "SECONDS",
			"wait for a running export NAME (default 0)"),
		OPT_FLAG('q', "quiet", &quiet, "print errors only"),
		OPT_PROGRESS(&progress),
		OPT_END(),
	};

	if ((nargs = nc_options(opts, usage, argc, argv, &code)) < 0)
		return code;
	if (nargs > 0)
		return nc_usage("unexpected argument (give the archive with "
				"-o FILE)");
	if (!file || !*file)
		return nc_usage("no archive named (give -o FILE)");
	if (o.name && !nc_name_ok(o.name))
		return nc_usage("--incremental: '%s' is not a name (letters, "
				"digits, '.', '_' and '-')", o.name);
	f.sort = FILTER_SORT_DAY;
	if (filter_parse(&f, query, since, until, &err)) {
		code = nc_usage("%s%s", query ? "--query: " : "", err.msg);
		goto done;
	}
	o.file = expand_name(file);
	if (fmt < 0)
		fmt = format_from_name(o.file);
	if (fmt < 0) {
		code = nc_usage("'%s': cannot tell the format from the name "
				"(give --format)", o.file);
		goto done;
	}
	if (fmt >= DATA_JSONL)
		o.data = fmt;
	else
		o.fmt = (enum arc_format)fmt;
	if (!o.data && !strcmp(o.file, "-")) {
		code = nc_usage("archives are written to a file (-o - is for "
				"--format jsonl or csv)");
		goto done;
	}
	/* zip stores local times: make them the same everywhere */
	if (o.fmt == ARC_ZIP) {
		setenv("TZ", "UTC0", 1);
		tzset();
	}
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	if (!(st = nc_store(ctx, &code)))
		goto done;
	if (o.name && (code = nc_lock(ctx, "export", o.name, wait, &lock_fd)))
		goto done;
	progress_start(&pg, (enum progress_mode)progress, quiet, "export");
	o.pg = &pg;
	o.selection = selection_text(query, since, until, &f);
	if (o.data)
		s = run_data(st, &o, &f, &upto, &count, &err);
	else
		s = run(st, &o, &f, &upto, &count, &err);
	if (s) {
		nc_report(&err);
		code = nc_exit_code(s);
	} else if (!quiet) {
		nc_warn("exported %lld article%s to '%s'", count,
			count == 1 ? "" : "s", strcmp(o.file, "-") ? o.file
			: "standard output");
	}
done:
	lock_release(lock_fd);
	free((char *)o.file);
	free((char *)o.selection);
	filter_release(&f);
	return code;
}
