/*
 * store-row.c - articles as rows and back: the compression of bodies and
 * original bytes, the tokens recorded for the index, inserting an article
 * into both tables, and reading one back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-int.h"
#include "tokenizer.h"
#include "zblob.h"

/* Level 3, as ingest compresses in its reading thread, beside the
 * writer: 8% smaller than level 1 for no time. */
#define ZSTD_LEVEL 3

/* Captions are stored one a line (a caption never holds a newline). */
static void join_captions(const struct article *a, struct buf *out)
{
	for (size_t i = 0; i < a->ncaptions; i++) {
		if (i)
			buf_addc(out, '\n');
		buf_adds(out, a->captions[i]);
	}
}

/* The index's byline column: the byline and the credit, one a line, as
 * the view articles_text gives them (schema v5). */
static void join_byline(const struct article *a, struct buf *out)
{
	if (a->byline)
		buf_adds(out, a->byline);
	if (a->byline && a->credit)
		buf_addc(out, '\n');
	if (a->credit)
		buf_adds(out, a->credit);
}

/*
 * zstd-compress len bytes of data (ZSTD_LEVEL) into out, replacing its
 * content. With a prefix (plen bytes), the frame refers back to it, and
 * decompressing it needs the same prefix (unpack()).
 */
static enum nc_status pack(struct store_packer *pk, const void *data,
			   size_t len, const void *prefix, size_t plen,
			   struct buf *out, struct nc_error *err)
{
	size_t bound = ZSTD_compressBound(len), n;

	if (!pk->zc)
		pk->zc = ZSTD_createCCtx();
	if (!pk->zc)
		return nc_fail(err, NC_ESOFTWARE, "cannot create zstd context");
	ZSTD_CCtx_reset(pk->zc, ZSTD_reset_session_and_parameters);
	ZSTD_CCtx_setParameter(pk->zc, ZSTD_c_compressionLevel, ZSTD_LEVEL);
	if (prefix)
		ZSTD_CCtx_refPrefix(pk->zc, prefix, plen);
	buf_reset(out);
	buf_grow(out, bound);
	n = ZSTD_compress2(pk->zc, out->s, bound, data, len);
	if (ZSTD_isError(n))
		return nc_fail(err, NC_ESOFTWARE, "zstd: %s",
			       ZSTD_getErrorName(n));
	buf_setlen(out, n);
	return NC_OK;
}

struct store_packer *store_packer_new(void)
{
	return xcalloc(1, sizeof(struct store_packer));
}

void store_packer_free(struct store_packer *pk)
{
	if (!pk)
		return;
	ZSTD_freeCCtx(pk->zc);
	free(pk);
}

void store_packed_init(struct store_packed *p)
{
	buf_init(&p->body);
	buf_init(&p->raw);
	buf_init(&p->captions);
	buf_init(&p->byline);
	p->tape = NULL;
	memset(&p->set, 0, sizeof(p->set));	/* NEARDUP_SET_INIT */
	p->signed_ = 0;
	p->original = 1;
	p->done = 0;
}

void store_packed_release(struct store_packed *p)
{
	buf_release(&p->body);
	buf_release(&p->raw);
	buf_release(&p->captions);
	buf_release(&p->byline);
	tokenizer_tape_free(p->tape);
	p->tape = NULL;
	neardup_set_release(&p->set);
	p->signed_ = 0;
	p->done = 0;
}


/* Record the tokens of the texts insert_article() gives FTS5. */
static void record_tokens(struct tokenizer_tape *t, const struct article *a,
			  const char *captions, const char *byline)
{
	const char *texts[] = { a->title, a->lead, a->body, captions,
		a->section, byline, a->source };

	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++)
		if (texts[i])
			tokenizer_tape_record(t, texts[i],
					      (int)strlen(texts[i]));
}

/* The near-duplicate signature of a (neardup.h), as the store keeps it. */
static void sign(const struct article *a, struct store_packed *p)
{
	struct buf t = BUF_INIT;

	store_dup_text(a->title, a->lead, a->body, a->byline, a->credit,
		       &t);
	neardup_shingle(t.s ? t.s : "", t.len, &p->set);
	p->signed_ = neardup_sign(&p->set, p->keys);
	p->original = !neardup_credits_other(t.s ? t.s : "", t.len);
	buf_release(&t);
}

enum nc_status store_pack(struct store_packer *pk, const struct article *a,
			  struct store_packed *p, struct nc_error *err)
{
	size_t blen = strlen(a->body);
	enum nc_status s;

	buf_reset(&p->captions);
	join_captions(a, &p->captions);
	buf_reset(&p->byline);
	join_byline(a, &p->byline);
	s = pack(pk, a->body, blen, NULL, 0, &p->body, err);
	if (!s && a->raw)
		s = pack(pk, a->raw, a->raw_len, a->body, blen, &p->raw, err);
	if (!s) {
		if (!p->tape)
			p->tape = tokenizer_tape_new();
		else
			tokenizer_tape_reset(p->tape);
		record_tokens(p->tape, a, a->ncaptions ? p->captions.s : NULL,
			      p->byline.len ? p->byline.s : NULL);
		sign(a, p);
	}
	p->done = !s;
	return s;
}

/*
 * Decompress the frame z (zlen bytes) of exactly size bytes into out
 * (size bytes of room), with prefix when it was packed with one.
 * Returns 0, or -1 when the frame is damaged.
 */
static int unpack(struct store *st, const void *z, size_t zlen, void *out,
		  size_t size, const void *prefix, size_t plen)
{
	size_t n;

	if (!st->zd)
		st->zd = ZSTD_createDCtx();
	if (!st->zd)
		return -1;
	ZSTD_DCtx_reset(st->zd, ZSTD_reset_session_only);
	if (prefix)
		ZSTD_DCtx_refPrefix(st->zd, prefix, plen);
	n = ZSTD_decompressDCtx(st->zd, out, size, z, zlen);
	return ZSTD_isError(n) || n != size ? -1 : 0;
}

/* nc_zstd(text): for the v4 migration, the text as a zstd frame. */
static void sql_zstd(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *st = sqlite3_user_data(ctx);
	const char *t = (const char *)sqlite3_value_text(argv[0]);
	struct buf out = BUF_INIT;

	(void)argc;
	if (!t || pack(&st->pk, t, (size_t)sqlite3_value_bytes(argv[0]), NULL,
		       0, &out, NULL))
		sqlite3_result_error(ctx, "nc_zstd: cannot compress", -1);
	else
		sqlite3_result_blob(ctx, out.s, (int)out.len, SQLITE_TRANSIENT);
	buf_release(&out);
}

/*
 * nc_raw_v4(raw, raw_size, body): for the v4 migration, original bytes
 * stored before v4 (a plain zstd frame) packed again with body as prefix.
 */
static void sql_raw_v4(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *st = sqlite3_user_data(ctx);
	const void *z = sqlite3_value_blob(argv[0]);
	size_t zlen = (size_t)sqlite3_value_bytes(argv[0]);
	size_t size = (size_t)sqlite3_value_int64(argv[1]);
	const char *body = (const char *)sqlite3_value_text(argv[2]);
	size_t blen = (size_t)sqlite3_value_bytes(argv[2]);
	struct buf out = BUF_INIT;
	char *raw;

	(void)argc;
	if (!z) {
		sqlite3_result_null(ctx);
		return;
	}
	raw = xmalloc(size ? size : 1);
	if (unpack(st, z, zlen, raw, size, NULL, 0) ||
	    pack(&st->pk, raw, size, body, blen, &out, NULL))
		sqlite3_result_error(ctx, "nc_raw_v4: damaged original bytes",
				     -1);
	else
		sqlite3_result_blob(ctx, out.s, (int)out.len, SQLITE_TRANSIENT);
	free(raw);
	buf_release(&out);
}

int store_row_register(struct store *st)
{
	int rc = zblob_register(st->db);

	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(st->db, "nc_zstd", 1, SQLITE_UTF8,
					     st, sql_zstd, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(st->db, "nc_raw_v4", 3,
					     SQLITE_UTF8, st, sql_raw_v4, NULL,
					     NULL);
	return rc;
}

/* The row of a in articles, as article id (a new id when id is 0). */
static int insert_row(struct store *st, const struct article *a,
		      const struct store_packed *packed, const char *captions,
		      int64_t id)
{
	sqlite3_stmt *ins;
	int rc;

	rc = store_prepare(st, &st->insert,
			   "INSERT INTO articles(id, hash, source, origin,"
			   " url, external_id, section, title, lead,"
			   " published, byline, captions, views, body_z,"
			   " encoding, raw, raw_size, ingested, credit, fetched,"
			   " seq)"
			   " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
			   /* the store's own sequence (store.c, v6):
			    * the largest one plus one, so it only grows */
			   " (SELECT coalesce(max(seq), 0) + 1"
			   " FROM articles))");
	if (rc != SQLITE_OK)
		return rc;
	ins = st->insert;
	if (id > 0)
		sqlite3_bind_int64(ins, 1, id);
	store_bind_text(ins, 2, a->hash);
	store_bind_text(ins, 3, a->source);
	store_bind_text(ins, 4, a->origin);
	store_bind_text(ins, 5, a->url);
	store_bind_text(ins, 6, a->external_id);
	store_bind_text(ins, 7, a->section);
	store_bind_text(ins, 8, a->title);
	store_bind_text(ins, 9, a->lead);
	store_bind_text(ins, 10, a->published);
	store_bind_text(ins, 11, a->byline);
	store_bind_text(ins, 12, captions);
	if (a->views >= 0)
		sqlite3_bind_int64(ins, 13, a->views);
	sqlite3_bind_blob(ins, 14, packed->body.s, (int)packed->body.len,
			  SQLITE_STATIC);
	store_bind_text(ins, 15, a->encoding);
	if (a->raw)
		sqlite3_bind_blob(ins, 16, packed->raw.s, (int)packed->raw.len,
				  SQLITE_STATIC);
	sqlite3_bind_int64(ins, 17, (sqlite3_int64)a->raw_len);
	sqlite3_bind_int64(ins, 18, a->ingested);
	store_bind_text(ins, 19, a->credit);
	store_bind_text(ins, 20, a->fetched);
	rc = sqlite3_step(ins);
	sqlite3_reset(ins);
	return rc;
}

/* The index entry of a (stored as a->id), from the tokens packed. */
static int insert_index(struct store *st, const struct article *a,
			const struct store_packed *packed,
			const char *captions)
{
	sqlite3_stmt *ins;
	int rc;

	rc = store_prepare(st, &st->insert_fts,
			   "INSERT INTO articles_fts(rowid, " FTS_COLUMNS ")"
			   " VALUES (?,?,?,?,?,?,?,?)");
	if (rc != SQLITE_OK)
		return rc;
	ins = st->insert_fts;
	st->tape = packed->tape;	/* tokens recorded by store_pack() */
	sqlite3_bind_int64(ins, 1, a->id);
	store_bind_text(ins, 2, a->title);
	store_bind_text(ins, 3, a->lead);
	store_bind_text(ins, 4, a->body);
	store_bind_text(ins, 5, captions);
	store_bind_text(ins, 6, a->section);
	store_bind_text(ins, 7, packed->byline.len ? packed->byline.s : NULL);
	store_bind_text(ins, 8, a->source);
	rc = sqlite3_step(ins);
	sqlite3_reset(ins);
	st->tape = NULL;
	return rc;
}

/*
 * Insert a into both tables, as article id (or a new id when id is 0), and
 * set a->id.
 */
static enum nc_status insert_article(struct store *st, struct article *a,
				     const struct store_packed *packed,
				     int64_t id, struct nc_error *err)
{
	struct store_packed mine;
	const char *captions;
	enum nc_status s = NC_OK;
	int rc;

	store_packed_init(&mine);
	if (!packed || !packed->done) {
		s = store_pack(&st->pk, a, &mine, err);
		if (s)
			goto out;
		packed = &mine;
	}
	captions = a->ncaptions ? packed->captions.s : NULL;
	rc = insert_row(st, a, packed, captions, id);
	if (rc == SQLITE_DONE) {
		a->id = sqlite3_last_insert_rowid(st->db);
		rc = insert_index(st, a, packed, captions);
	}
	if (rc != SQLITE_DONE)
		s = store_db_error(st, err, rc, "cannot store article");
	else
		s = store_dup_add(st, a, packed, err);
out:
	store_packed_release(&mine);
	return s;
}

enum nc_status store_add(struct store *st, struct article *a,
			 const struct store_packed *packed, int *added,
			 struct nc_error *err)
{
	enum nc_status s;
	int rc;

	*added = 0;
	rc = store_prepare(st, &st->find_hash,
			   "SELECT id FROM articles WHERE hash=?");
	if (rc != SQLITE_OK)
		return store_db_error(st, err, rc, "cannot look up article");
	sqlite3_bind_text(st->find_hash, 1, a->hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st->find_hash);
	if (rc == SQLITE_ROW)
		a->id = sqlite3_column_int64(st->find_hash, 0);
	sqlite3_reset(st->find_hash);
	if (rc == SQLITE_ROW)
		return NC_OK;
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, rc, "cannot look up article");
	s = insert_article(st, a, packed, 0, err);
	if (!s)
		*added = 1;
	return s;
}

/* Decompress a stored raw blob into a->raw (a->body read already). */
static enum nc_status read_raw(struct store *st, sqlite3_stmt *stmt,
			       struct article *a, struct nc_error *err)
{
	const void *z = sqlite3_column_blob(stmt, 15);
	size_t zlen = (size_t)sqlite3_column_bytes(stmt, 15);
	size_t size = (size_t)sqlite3_column_int64(stmt, 16);

	a->raw_len = size;
	a->raw = xmalloc(size ? size : 1);
	if (!z)
		return size ? nc_fail(err, NC_EDB, "'%s': article %lld has "
				      "lost its original bytes", st->path,
				      (long long)a->id) : NC_OK;
	if (unpack(st, z, zlen, a->raw, size, a->body, strlen(a->body)))
		return nc_fail(err, NC_EDB, "'%s': article %lld: original "
			       "bytes are damaged", st->path,
			       (long long)a->id);
	return NC_OK;
}

enum nc_status store_row_article(struct store *st, sqlite3_stmt *stmt,
				 int with_raw, struct article *a,
				 struct nc_error *err)
{
	a->id = sqlite3_column_int64(stmt, 0);
	snprintf(a->hash, sizeof(a->hash), "%s",
		 (const char *)sqlite3_column_text(stmt, 1));
	a->source = store_column_dup(stmt, 2);
	a->origin = store_column_dup(stmt, 3);
	a->url = store_column_dup(stmt, 4);
	a->external_id = store_column_dup(stmt, 5);
	a->section = store_column_dup(stmt, 6);
	a->title = store_column_dup(stmt, 7);
	a->lead = store_column_dup(stmt, 8);
	a->published = store_column_dup(stmt, 9);
	a->byline = store_column_dup(stmt, 10);
	if (sqlite3_column_type(stmt, 11) != SQLITE_NULL) {
		const char *c = (const char *)sqlite3_column_text(stmt, 11);

		while (*c) {
			size_t n = strcspn(c, "\n");

			article_add_caption(a, c, n);
			c += n + (c[n] == '\n');
		}
	}
	a->views = sqlite3_column_type(stmt, 12) == SQLITE_NULL
		? ARTICLE_NO_VIEWS : sqlite3_column_int64(stmt, 12);
	a->body = store_column_dup(stmt, 13);
	a->encoding = store_column_dup(stmt, 14);
	a->ingested = sqlite3_column_int64(stmt, 17);
	a->credit = store_column_dup(stmt, 18);
	a->fetched = store_column_dup(stmt, 19);
	return with_raw ? read_raw(st, stmt, a, err) : NC_OK;
}

enum nc_status store_get(struct store *st, int64_t id, int with_raw,
			 struct article *a, struct nc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	enum nc_status s = NC_OK;
	int rc;

	rc = sqlite3_prepare_v2(st->db, "SELECT " ARTICLE_COLUMNS
				" FROM articles WHERE id=?", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_db_error(st, err, rc, "cannot read article");
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		s = store_row_article(st, stmt, with_raw, a, err);
	else if (rc == SQLITE_DONE)
		s = nc_fail(err, NC_NOMATCH, "no article with id %lld",
			    (long long)id);
	else
		s = store_db_error(st, err, rc, "cannot read article");
	sqlite3_finalize(stmt);
	return s;
}

/* 1 when a row answers sql with the integer v bound, 0 when none, or -1. */
static int exists(struct store *st, const char *sql, const char *text,
		  int64_t v, int *rcp)
{
	sqlite3_stmt *stmt = NULL;
	int rc, found = -1;

	rc = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		if (text)
			sqlite3_bind_text(stmt, 1, text, -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(stmt, 1, v);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
			found = rc == SQLITE_ROW;
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(stmt);
	*rcp = rc;
	return found;
}

enum nc_status store_restore(struct store *st, struct article *a,
			     int *added, struct nc_error *err)
{
	enum nc_status s;
	int rc, found;

	*added = 0;
	found = exists(st, "SELECT 1 FROM articles WHERE hash=?", a->hash, 0,
		       &rc);
	if (found)
		return found < 0 ? store_db_error(st, err, rc,
					    "cannot look up article") : NC_OK;
	found = exists(st, "SELECT 1 FROM articles WHERE id=?", NULL, a->id,
		       &rc);
	if (found < 0)
		return store_db_error(st, err, rc, "cannot look up article");
	s = insert_article(st, a, NULL, found ? 0 : a->id, err);
	if (!s)
		*added = found ? 2 : 1;
	return s;
}
