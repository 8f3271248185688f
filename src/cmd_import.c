/*
 * cmd_import.c - newsctl import: restore articles from export archives.
 *
 * Two passes over each archive: the first reads manifest.jsonl (the last
 * entry), the second the .txt and .orig entries it names, checked against
 * their SHA-256. Each article's content hash is computed again from its
 * original bytes (pipeline_rehash()), never taken from the manifest: an
 * article whose manifest hash differs is damaged and not stored, so that
 * no archive can claim another article's identity. Each article is stored
 * with its id, ingest time and fields, so that exporting again gives the
 * same archive; an article whose hash is stored already is left alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "export.h"
#include "hash.h"
#include "newsctl.h"
#include "pipeline.h"
#include "progress.h"

#define DEFAULT_MAX_SIZE (256LL << 20)
#define BATCH_ARTICLES 2000

static const char usage[] =
	"usage: newsctl import [--max-size SIZE] [--max-total SIZE] [--quiet]\n"
	"                      FILE...";

struct slot {
	const char *path;
	size_t rec;
	int orig;		/* the .orig entry, not the .txt */
};

struct import {
	const char *file;
	struct store *store;
	struct export_record *recs;
	size_t nrecs, caprecs;
	struct slot *slots;
	size_t nslots;
	unsigned char *seen;	/* per record: 1 txt read, 2 orig read */
	struct export_spool manifest;	/* read in pieces: any size */
	long long added, unchanged, renumbered, failed, batch;
	int in_tx;
	struct nc_error fatal;
	struct progress progress;
};

static void problem(void *ctx, const struct nc_error *err)
{
	struct import *im = ctx;

	progress_clear(&im->progress);
	nc_report(err);
	im->failed++;
}

static int is_manifest(void *ctx, const char *name)
{
	return !strcmp(name, EXPORT_MANIFEST);
}

/* manifest.jsonl, whole or (over --max-size) with the rest to read. */
static enum nc_status on_manifest(void *ctx, const char *name,
				  const unsigned char *data, size_t len)
{
	struct import *im = ctx;
	enum nc_status s;

	s = export_spool_piece(&im->manifest, data, len, &im->fatal);
	return s ? s : export_spool_piece(&im->manifest, NULL, 0, &im->fatal);
}

static enum nc_status on_manifest_more(void *ctx, const char *name,
				       const unsigned char *data, size_t len,
				       struct stream *rest)
{
	struct import *im = ctx;
	struct nc_error err = { 0 };

	if (export_spool_stream(&im->manifest, data, len, rest, &err)) {
		if (err.code != NC_EDATA) {
			im->fatal = err;
			return err.code;
		}
		problem(im, &err);	/* a damaged archive: read no more */
	}
	return NC_OK;
}

static enum nc_status on_line(void *ctx, long long number, const char *line,
			      size_t n)
{
	struct import *im = ctx;
	struct nc_error err = { 0 };
	struct export_record r;

	if (line && n && !export_record_parse(line, n, &r, &err)) {
		if (im->nrecs == im->caprecs) {
			im->caprecs = im->caprecs ? 2 * im->caprecs : 1024;
			im->recs = xrealloc(im->recs, im->caprecs *
					    sizeof(*im->recs));
		}
		im->recs[im->nrecs++] = r;
	} else if (!line || n) {
		nc_warn("'%s!%s': line %lld: %s", im->file, EXPORT_MANIFEST,
			number, line ? err.msg : "too long");
		im->failed++;
	}
	return NC_OK;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct slot *)a)->path,
		      ((const struct slot *)b)->path);
}

static struct slot *find_slot(struct import *im, const char *path)
{
	struct slot key = { .path = path };

	return bsearch(&key, im->slots, im->nslots, sizeof(*im->slots),
		       by_path);
}

static int is_listed(void *ctx, const char *name)
{
	return find_slot(ctx, name) != NULL;
}

static enum nc_status store_one(struct import *im, struct export_record *r)
{
	int added;
	enum nc_status s;

	if (!im->in_tx) {
		s = store_begin(im->store, &im->fatal);
		if (s)
			return s;
		im->in_tx = 1;
	}
	s = store_restore(im->store, &r->a, &added, &im->fatal);
	if (s)
		return s;
	if (added == 0)
		im->unchanged++;
	else
		im->added++;
	if (added == 2)
		im->renumbered++;
	if (++im->batch >= BATCH_ARTICLES) {
		im->batch = 0;
		im->in_tx = 0;
		s = store_commit(im->store, &im->fatal);
	}
	progress_show(&im->progress, "%lld added, %lld unchanged, %lld failed",
		      im->added, im->unchanged, im->failed);
	return s;
}

/*
 * Whether r's content gives the hash its manifest line names (the hash of
 * an article from an export's row is replaced: pipeline_rehash()).
 */
static int same_hash(struct import *im, struct export_record *r)
{
	char hex[HASH_HEX_LEN + 1];
	int same = pipeline_rehash(&r->a, hex);

	if (same < 0)
		memcpy(r->a.hash, hex, sizeof(hex));
	if (same)
		return 1;
	nc_warn("'%s': article %lld: damaged (its content does not give the"
		" hash the manifest names)", im->file, (long long)r->a.id);
	im->failed++;
	return 0;
}

static enum nc_status on_entry(void *ctx, const char *name,
			       const unsigned char *data, size_t len)
{
	struct import *im = ctx;
	struct slot *sl = find_slot(im, name);
	struct export_record *r = &im->recs[sl->rec];
	char sha[HASH_HEX_LEN + 1];

	hash_hex(data, len, sha);
	if (strcmp(sha, sl->orig ? r->orig_sha : r->txt_sha)) {
		nc_warn("'%s!%s': altered (SHA-256 differs from the manifest)",
			im->file, name);
		im->failed++;
		im->seen[sl->rec] |= 4;
		return NC_OK;
	}
	if (sl->orig) {
		free(r->a.raw);
		r->a.raw = xmalloc(len ? len : 1);
		memcpy(r->a.raw, data, len);
		r->a.raw_len = len;
		im->seen[sl->rec] |= 2;
	} else {
		const char *txt = (const char *)data;

		if (r->body_offset + r->body_bytes > len) {
			nc_warn("'%s!%s': shorter than the manifest says",
				im->file, name);
			im->failed++;
			im->seen[sl->rec] |= 4;
			return NC_OK;
		}
		article_set(&r->a.body, txt + r->body_offset, r->body_bytes);
		if (!r->orig_path) {
			size_t n;
			const char *text = export_text_part(txt, len, &n);

			if (!text || n != r->a.raw_len) {
				nc_warn("'%s!%s': its text is not the original"
					" the manifest describes", im->file,
					name);
				im->failed++;
				im->seen[sl->rec] |= 4;
				return NC_OK;
			}
			free(r->a.raw);
			r->a.raw = xmalloc(n ? n : 1);
			memcpy(r->a.raw, text, n);
		}
		im->seen[sl->rec] |= 1;
	}
	if (im->seen[sl->rec] == (r->orig_path ? 3 : 1)) {
		im->seen[sl->rec] |= 8;
		return same_hash(im, r) ? store_one(im, r) : NC_OK;
	}
	return NC_OK;
}

static void reset(struct import *im)
{
	for (size_t i = 0; i < im->nrecs; i++)
		export_record_release(&im->recs[i]);
	free(im->recs);
	free(im->slots);
	free(im->seen);
	im->recs = NULL;
	im->slots = NULL;
	im->seen = NULL;
	im->nrecs = im->caprecs = im->nslots = 0;
	export_spool_release(&im->manifest);
}

static enum nc_status import_file(struct import *im, const char *file,
				  const struct arc_limits *lim)
{
	struct arc_reader_ops ops = { is_manifest, on_manifest, problem, 0,
				      on_manifest_more };
	enum nc_status s;

	im->file = file;
	s = arc_read(file, NULL, 0, file, lim, &ops, im);
	if (!s)
		s = export_spool_lines(&im->manifest, (size_t)lim->max_entry,
				       on_line, im, &im->fatal);
	if (s)
		return s;
	if (!im->manifest.done) {
		nc_warn("'%s': no %s: not a newsctl export", file,
			EXPORT_MANIFEST);
		im->failed++;
		return NC_OK;
	}
	im->slots = xcalloc(2 * im->nrecs + 1, sizeof(*im->slots));
	im->seen = xcalloc(im->nrecs + 1, 1);
	for (size_t i = 0; i < im->nrecs; i++) {
		im->slots[im->nslots++] = (struct slot){
			im->recs[i].txt_path, i, 0 };
		if (im->recs[i].orig_path)
			im->slots[im->nslots++] = (struct slot){
				im->recs[i].orig_path, i, 1 };
	}
	qsort(im->slots, im->nslots, sizeof(*im->slots), by_path);
	ops.want = is_listed;
	ops.entry = on_entry;
	ops.more = NULL;
	s = arc_read(file, NULL, 0, file, lim, &ops, im);
	if (s)
		return s;
	for (size_t i = 0; i < im->nrecs; i++) {
		if (im->seen[i] & (4 | 8))
			continue;
		nc_warn("'%s': article %lld: entry missing from the archive",
			file, (long long)im->recs[i].a.id);
		im->failed++;
	}
	return NC_OK;
}

int cmd_import(struct nc_ctx *ctx, int argc, char **argv)
{
	struct import im = { 0 };
	long long max_size = DEFAULT_MAX_SIZE;
	long long max_total = -1;	/* the default budget */
	struct arc_limits lim;
	int quiet = 0, code = 0, nargs;
	enum nc_status s = NC_OK;
	const struct opt opts[] = {
		OPT_SIZE(0, "max-size", &max_size, "SIZE",
			 "refuse entries larger than SIZE (default 256M)"),
		OPT_SIZE(0, "max-total", &max_total, "SIZE",
			 "stop an archive past SIZE expanded (default: 4G"
			 " and 200:1)"),
		OPT_FLAG('q', "quiet", &quiet,
			 "print errors only, no summary or progress"),
		OPT_END(),
	};

	if ((nargs = nc_options(opts, usage, argc, argv, &code)) < 0)
		return code;
	if (nargs == 0) {
		nc_warn("no archive given");
		return NC_EXIT_USAGE;
	}
	im.store = nc_store(ctx, &code);
	if (!im.store)
		return code;
	export_spool_init(&im.manifest);
	arc_limits_set(&lim, max_size, max_total);
	progress_init(&im.progress, quiet);
	for (int i = 0; i < nargs && !s; i++) {
		struct nc_error err = { 0 };

		if (arc_openable(argv[i], &err)) {
			nc_report(&err);
			code = nc_exit_code(err.code);
			continue;
		}
		s = import_file(&im, argv[i], &lim);
		reset(&im);
	}
	if (!s && im.in_tx)
		s = store_commit(im.store, &im.fatal);
	progress_clear(&im.progress);
	if (s) {
		store_rollback(im.store);
		nc_report(&im.fatal);
	} else if (store_settle(im.store, im.added, &im.fatal)) {
		nc_report(&im.fatal);	/* the articles are stored */
	}
	if (!quiet || s)
		nc_warn("%lld added (%lld with a new id), %lld unchanged, "
			"%lld failed%s", im.added, im.renumbered,
			im.unchanged, im.failed,
			s ? " (the last batch was not stored)" : "");
	if (s)
		return nc_exit_code(s);
	return code ? code : im.failed ? NC_EXIT_NOMATCH : 0;
}
