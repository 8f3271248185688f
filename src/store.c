/*
 * store.c - the article database; see store.h.
 *
 * Schema. `articles` keeps one row per distinct article (the content hash
 * is UNIQUE) with its fields, its body compressed with zstd (body_z) and
 * its original bytes (raw), compressed with the body as a zstd prefix: the
 * original bytes mostly repeat the body, so they cost little beside it.
 * The view `articles_text` gives the body back as text (nc_unzstd(), see
 * zblob.h) and `articles_fts` indexes the searchable fields.
 *
 * The FTS5 table is an external-content table over `articles_text` rather
 * than a contentless one: the text is stored once (in `articles`), yet
 * FTS5's snippet() and highlight() still work because FTS5 reads the text
 * back from the view by rowid. Only insert_article() writes both tables. (No
 * triggers: a statement that fires a trigger into FTS5 opens a statement
 * savepoint, and FTS5 flushes its pending index data at every savepoint,
 * which made ingest write one tiny index segment per article.)
 *
 * The schema is versioned with PRAGMA user_version; migrations[] holds the
 * steps from each version to the next and runs in one transaction when a
 * database is opened. A database written by a newer newsctl is refused.
 * PRAGMA application_id marks the file as ours.
 */
#include "store.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>
#include <zstd.h>

#include "zblob.h"

#include "buf.h"
#include "tokenizer.h"

#define APPLICATION_ID 0x6e657773	/* "news" */
#define BUSY_TIMEOUT_MS 10000

/*
 * The tokenizer of the index. Changing it (or its rules, which changes the
 * tokens) needs a migration that rebuilds the index, as v3 does.
 */
#define FTS_TOKENIZER TOKENIZER_NAME

/* Columns of articles_fts, in order; bm25 weights below follow it. */
#define FTS_COLUMNS "title, lead, body, captions, section, byline, source"
#define FTS_WEIGHTS "10.0, 5.0, 1.0, 2.0, 1.0, 1.0, 1.0"

struct store_packer {
	ZSTD_CCtx *zc;
};

/* Level 3, as ingest compresses in its reading thread, beside the
 * writer: 8% smaller than level 1 for no time. */
#define ZSTD_LEVEL 3

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *find_hash;
	sqlite3_stmt *insert;
	sqlite3_stmt *insert_fts;
	struct store_packer pk;
	ZSTD_DCtx *zd;
	struct tokenizer_tape *tape;	/* the slot: replayed by the tokenizer */
};

static const char schema_v1[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
	"CREATE TABLE articles("
	" id INTEGER PRIMARY KEY,"
	" hash TEXT NOT NULL UNIQUE,"
	" source TEXT, origin TEXT, url TEXT, external_id TEXT,"
	" section TEXT, title TEXT NOT NULL, lead TEXT, published TEXT,"
	" byline TEXT, captions TEXT, views INTEGER,"
	" body TEXT NOT NULL, encoding TEXT,"
	" raw BLOB, raw_size INTEGER NOT NULL,"
	" ingested INTEGER NOT NULL);"
	"CREATE INDEX articles_published ON articles(published);"
	"CREATE INDEX articles_source ON articles(source);"
	"CREATE VIRTUAL TABLE articles_fts USING fts5(" FTS_COLUMNS ","
	" content='articles', content_rowid='id',"
	" tokenize='unicode61 remove_diacritics 0');";

/* v3: the Vietnamese tokenizer replaces unicode61; the index is rebuilt. */
static const char schema_v3[] =
	"DROP TABLE articles_fts;"
	"CREATE VIRTUAL TABLE articles_fts USING fts5(" FTS_COLUMNS ","
	" content='articles', content_rowid='id',"
	" tokenize='" FTS_TOKENIZER "');"
	"INSERT INTO articles_fts(articles_fts) VALUES('rebuild');";

/*
 * v4: bodies compressed (body_z), original bytes stored against the body as
 * a zstd prefix, and the index reading its text through articles_text.
 * nc_zstd() and nc_raw_v4() exist for this step only (store_open).
 */
static const char schema_v4[] =
	"CREATE TABLE articles4("
	" id INTEGER PRIMARY KEY,"
	" hash TEXT NOT NULL UNIQUE,"
	" source TEXT, origin TEXT, url TEXT, external_id TEXT,"
	" section TEXT, title TEXT NOT NULL, lead TEXT, published TEXT,"
	" byline TEXT, captions TEXT, views INTEGER,"
	" body_z BLOB NOT NULL, encoding TEXT,"
	" raw BLOB, raw_size INTEGER NOT NULL,"
	" ingested INTEGER NOT NULL);"
	"INSERT INTO articles4 SELECT id, hash, source, origin, url,"
	" external_id, section, title, lead, published, byline, captions,"
	" views, nc_zstd(body), encoding, nc_raw_v4(raw, raw_size, body),"
	" raw_size, ingested FROM articles;"
	"DROP TABLE articles_fts;"
	"DROP TABLE articles;"
	"ALTER TABLE articles4 RENAME TO articles;"
	"CREATE INDEX articles_published ON articles(published);"
	"CREATE INDEX articles_source ON articles(source);"
	"CREATE VIEW articles_text AS SELECT id, title, lead,"
	" nc_unzstd(body_z) AS body, captions, section, byline, source"
	" FROM articles;"
	"CREATE VIRTUAL TABLE articles_fts USING fts5(" FTS_COLUMNS ","
	" content='articles_text', content_rowid='id',"
	" tokenize='" FTS_TOKENIZER "');"
	"INSERT INTO articles_fts(articles_fts) VALUES('rebuild');";

/* migrations[i] takes a database from user_version i to i + 1. */
static const char *const migrations[] = {
	schema_v1,
	/* v2: the watermarks of incremental exports (see store.h, export) */
	"CREATE TABLE export_marks(name TEXT PRIMARY KEY,"
	" last_id INTEGER NOT NULL, updated INTEGER NOT NULL) WITHOUT ROWID;",
	schema_v3,
	schema_v4,
};
#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))

static enum nc_status db_error(struct store *st, struct nc_error *err,
			       int rc, const char *what)
{
	const char *msg = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
	enum nc_status code = NC_EDB;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		code = NC_EBUSY;
		msg = "database is busy (another newsctl is writing); try again";
		break;
	case SQLITE_FULL:
	case SQLITE_IOERR:
		code = NC_EIO;
		break;
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
	case SQLITE_PERM:
		code = NC_ECANTCREAT;
		break;
	case SQLITE_NOMEM:
		code = NC_ESOFTWARE;
		break;
	}
	return nc_fail(err, code, "'%s': %s: %s", st->path, what, msg);
}

static enum nc_status exec(struct store *st, const char *sql,
			   struct nc_error *err)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? NC_OK : db_error(st, err, rc, "cannot run query");
}

/* One integer from a single-row query (a PRAGMA), or -1 on error. */
static long long query_int(struct store *st, const char *sql, int *rc)
{
	sqlite3_stmt *stmt = NULL;
	long long v = -1;

	*rc = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);
	if (*rc == SQLITE_OK) {
		*rc = sqlite3_step(stmt);
		if (*rc == SQLITE_ROW) {
			v = sqlite3_column_int64(stmt, 0);
			*rc = SQLITE_OK;
		} else if (*rc == SQLITE_DONE) {
			*rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(stmt);
	return v;
}

/* Bring the schema from version `from` up to SCHEMA_VERSION. */
static enum nc_status migrate(struct store *st, int from, struct nc_error *err)
{
	enum nc_status s;

	/* 16 KiB pages for a new database: rows of compressed articles
	 * (1-2 KiB) waste a fifth of 4 KiB pages (35k articles: 205 MB ->
	 * 190 MB, and ingest 10% faster). WAL fixes the page size. */
	if (from == 0)
		s = exec(st, "PRAGMA page_size=16384", err);
	else
		s = NC_OK;
	if (!s)
		s = exec(st, "PRAGMA journal_mode=WAL", err);
	if (!s)
		s = exec(st, "BEGIN IMMEDIATE", err);
	if (s)
		return s;
	for (int v = from; v < SCHEMA_VERSION && !s; v++)
		s = exec(st, migrations[v], err);
	if (!s) {
		char sql[96];

		snprintf(sql, sizeof(sql), "PRAGMA application_id=%d;"
			 "PRAGMA user_version=%d", APPLICATION_ID, SCHEMA_VERSION);
		s = exec(st, sql, err);
	}
	if (!s)
		s = exec(st, "COMMIT", err);
	if (s)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return s;
}

/* Check that the open file is a newsctl database we can read, and
 * create or migrate its schema. */
static enum nc_status check_schema(struct store *st, enum store_mode mode,
				   struct nc_error *err)
{
	long long app, version, tables;
	int rc;

	tables = query_int(st, "SELECT count(*) FROM sqlite_master", &rc);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_NOTADB)
			return nc_fail(err, NC_EDB,
				       "'%s': not a newsctl database (not an SQLite file)",
				       st->path);
		return db_error(st, err, rc, "cannot read database");
	}
	app = query_int(st, "PRAGMA application_id", &rc);
	version = query_int(st, "PRAGMA user_version", &rc);
	if (rc != SQLITE_OK)
		return db_error(st, err, rc, "cannot read database");
	if (tables == 0 && app == 0) {
		if (mode == STORE_READ)
			return nc_fail(err, NC_EDB,
				       "'%s': empty database (nothing ingested yet)",
				       st->path);
		return migrate(st, 0, err);
	}
	if (app != APPLICATION_ID)
		return nc_fail(err, NC_EDB, "'%s': not a newsctl database",
			       st->path);
	if (version > SCHEMA_VERSION)
		return nc_fail(err, NC_EDB,
			       "'%s': written by a newer newsctl (schema %lld; "
			       "this one reads up to %d)", st->path, version,
			       SCHEMA_VERSION);
	if (version < SCHEMA_VERSION)
		return migrate(st, (int)version, err);
	return NC_OK;
}

static int search_register(sqlite3 *db);
static int register_functions(struct store *st);

/* Open st->db at path (a file name, or a URI with SQLITE_OPEN_URI) and
 * register our tokenizer and functions on it. */
static enum nc_status connect(struct store *st, const char *path, int flags,
			      struct nc_error *err)
{
	int rc = sqlite3_open_v2(path, &st->db, flags, NULL);

	if (rc != SQLITE_OK)
		return nc_fail(err, NC_ECANTCREAT,
			       "'%s': cannot open database: %s", st->path,
			       st->db ? sqlite3_errmsg(st->db)
				      : sqlite3_errstr(rc));
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	rc = tokenizer_register(st->db, &st->tape);
	if (rc != SQLITE_OK)
		return nc_fail(err, NC_ESOFTWARE, "'%s': cannot register the "
			       "tokenizer: %s", st->path, sqlite3_errstr(rc));
	search_register(st->db);	/* nc_boost(), for store_search() */
	rc = register_functions(st);
	if (rc != SQLITE_OK)
		return nc_fail(err, NC_ESOFTWARE, "'%s': cannot register SQL "
			       "functions: %s", st->path, sqlite3_errstr(rc));
	return NC_OK;
}

/*
 * Is the database at path on a read-only file system, with no write-ahead
 * log waiting beside it? Then nobody can be writing it, and it can be read
 * as an immutable file. (A folder that only we cannot write may still be
 * written by its owner, so it is not read that way.)
 */
static int read_only_folder(const char *path)
{
	struct buf dir = BUF_INIT, wal = BUF_INIT;
	const char *slash = strrchr(path, '/');
	struct stat sb;
	int ro;

	if (slash)
		buf_add(&dir, path, slash == path ? 1 : (size_t)(slash - path));
	else
		buf_adds(&dir, ".");
	buf_addf(&wal, "%s-wal", path);
	ro = access(dir.s, W_OK) < 0 && errno == EROFS &&
	     (stat(wal.s, &sb) < 0 || sb.st_size == 0);
	buf_release(&dir);
	buf_release(&wal);
	return ro;
}

/* "file:PATH?immutable=1", with the characters URIs reserve escaped. */
static char *immutable_uri(const char *path)
{
	struct buf u = BUF_INIT;

	buf_adds(&u, path[0] == '/' ? "file://" : "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_addf(&u, "%%%02X", (unsigned char)*p);
		else
			buf_add(&u, p, 1);
	}
	buf_adds(&u, "?immutable=1");
	return buf_detach(&u, NULL);
}

enum nc_status store_open(struct store **out, const char *path,
			  enum store_mode mode, struct nc_error *err)
{
	struct store *st = xcalloc(1, sizeof(*st));
	struct stat sb;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	enum nc_status s;

	*out = NULL;
	st->path = xstrdup(path);
	if (stat(path, &sb) < 0) {
		if (errno != ENOENT || mode == STORE_READ) {
			s = nc_fail(err, errno == ENOENT ? NC_ENOENT : NC_ECANTCREAT,
				    errno == ENOENT ? "'%s': no database here "
				    "(ingest something first)" : "'%s': %s",
				    path, strerror(errno));
			goto fail;
		}
		flags |= SQLITE_OPEN_CREATE;
	} else if (S_ISDIR(sb.st_mode)) {
		s = nc_fail(err, NC_ECANTCREAT, "'%s': is a directory", path);
		goto fail;
	}
	s = connect(st, path, flags, err);
	if (s && mode == STORE_READ) {	/* a file we cannot write */
		sqlite3_close(st->db);
		st->db = NULL;
		nc_clear(err);
		s = connect(st, path, SQLITE_OPEN_READONLY |
			    SQLITE_OPEN_NOMUTEX, err);
	}
	if (!s)
		s = check_schema(st, mode, err);
	if (s && mode == STORE_READ && read_only_folder(path)) {
		/* WAL needs its index file next to the database: read the
		 * file as it is, since nobody can be writing to it */
		char *uri = immutable_uri(path);

		sqlite3_close(st->db);
		st->db = NULL;
		nc_clear(err);
		s = connect(st, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
			    SQLITE_OPEN_NOMUTEX, err);
		free(uri);
		if (!s)
			s = check_schema(st, mode, err);
	}
	if (s)
		goto fail;
	/* writers merge FTS5 segments, which a larger page cache speeds up
	 * (35k articles: 5%); readers are short-lived */
	s = exec(st, "PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=16384;"
		 " PRAGMA foreign_keys=ON;", err);
	if (!s)
		s = exec(st, mode == STORE_WRITE ? "PRAGMA cache_size=-65536"
			 : "PRAGMA cache_size=-16384", err);
	if (s)
		goto fail;
	*out = st;
	return NC_OK;
fail:
	store_close(st);
	return s;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	sqlite3_finalize(st->find_hash);
	sqlite3_finalize(st->insert);
	sqlite3_finalize(st->insert_fts);
	if (st->db)
		sqlite3_close(st->db);
	ZSTD_freeCCtx(st->pk.zc);
	ZSTD_freeDCtx(st->zd);
	free(st->path);
	free(st);
}

enum nc_status store_begin(struct store *st, struct nc_error *err)
{
	return exec(st, "BEGIN IMMEDIATE", err);
}

enum nc_status store_commit(struct store *st, struct nc_error *err)
{
	return exec(st, "COMMIT", err);
}

void store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

static int prepare(struct store *st, sqlite3_stmt **stmt, const char *sql)
{
	if (*stmt) {
		sqlite3_reset(*stmt);
		sqlite3_clear_bindings(*stmt);
		return SQLITE_OK;
	}
	return sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
				  stmt, NULL);
}

static void bind_text(sqlite3_stmt *stmt, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(stmt, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, i);
}

/* Captions are stored one a line (a caption never holds a newline). */
static void join_captions(const struct article *a, struct buf *out)
{
	for (size_t i = 0; i < a->ncaptions; i++) {
		if (i)
			buf_addc(out, '\n');
		buf_adds(out, a->captions[i]);
	}
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
	p->tape = NULL;
	p->done = 0;
}

void store_packed_release(struct store_packed *p)
{
	buf_release(&p->body);
	buf_release(&p->raw);
	buf_release(&p->captions);
	tokenizer_tape_free(p->tape);
	p->tape = NULL;
	p->done = 0;
}


/* Record the tokens of the texts insert_article() gives FTS5. */
static void record_tokens(struct tokenizer_tape *t, const struct article *a,
			  const char *captions)
{
	const char *texts[] = { a->title, a->lead, a->body, captions,
		a->section, a->byline, a->source };

	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++)
		if (texts[i])
			tokenizer_tape_record(t, texts[i],
					      (int)strlen(texts[i]));
}

enum nc_status store_pack(struct store_packer *pk, const struct article *a,
			  struct store_packed *p, struct nc_error *err)
{
	size_t blen = strlen(a->body);
	enum nc_status s;

	buf_reset(&p->captions);
	join_captions(a, &p->captions);
	s = pack(pk, a->body, blen, NULL, 0, &p->body, err);
	if (!s && a->raw)
		s = pack(pk, a->raw, a->raw_len, a->body, blen, &p->raw, err);
	if (!s) {
		if (!p->tape)
			p->tape = tokenizer_tape_new();
		else
			tokenizer_tape_reset(p->tape);
		record_tokens(p->tape, a, a->ncaptions ? p->captions.s : NULL);
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
	if (!t || pack(&st->pk, t, (size_t)sqlite3_value_bytes(argv[0]), NULL, 0,
		       &out, NULL))
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

/* The SQL functions the schema and its migrations use. */
static int register_functions(struct store *st)
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
	const struct buf *body, *raw;
	enum nc_status s = NC_OK;
	sqlite3_stmt *ins;
	int rc;

	store_packed_init(&mine);
	if (!packed || !packed->done) {
		s = store_pack(&st->pk, a, &mine, err);
		if (s)
			goto out;
		packed = &mine;
	}
	body = &packed->body;
	raw = &packed->raw;
	captions = a->ncaptions ? packed->captions.s : NULL;
	rc = prepare(st, &st->insert,
		     "INSERT INTO articles(id, hash, source, origin, url,"
		     " external_id, section, title, lead, published, byline,"
		     " captions, views, body_z, encoding, raw, raw_size,"
		     " ingested)"
		     " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	if (rc != SQLITE_OK)
		goto fail;
	ins = st->insert;
	if (id > 0)
		sqlite3_bind_int64(ins, 1, id);
	bind_text(ins, 2, a->hash);
	bind_text(ins, 3, a->source);
	bind_text(ins, 4, a->origin);
	bind_text(ins, 5, a->url);
	bind_text(ins, 6, a->external_id);
	bind_text(ins, 7, a->section);
	bind_text(ins, 8, a->title);
	bind_text(ins, 9, a->lead);
	bind_text(ins, 10, a->published);
	bind_text(ins, 11, a->byline);
	bind_text(ins, 12, captions);
	if (a->views >= 0)
		sqlite3_bind_int64(ins, 13, a->views);
	sqlite3_bind_blob(ins, 14, body->s, (int)body->len, SQLITE_STATIC);
	bind_text(ins, 15, a->encoding);
	if (a->raw)
		sqlite3_bind_blob(ins, 16, raw->s, (int)raw->len, SQLITE_STATIC);
	sqlite3_bind_int64(ins, 17, (sqlite3_int64)a->raw_len);
	sqlite3_bind_int64(ins, 18, a->ingested);
	rc = sqlite3_step(ins);
	sqlite3_reset(ins);
	if (rc != SQLITE_DONE)
		goto fail;
	a->id = sqlite3_last_insert_rowid(st->db);

	rc = prepare(st, &st->insert_fts,
		     "INSERT INTO articles_fts(rowid, " FTS_COLUMNS ")"
		     " VALUES (?,?,?,?,?,?,?,?)");
	if (rc != SQLITE_OK)
		goto fail;
	ins = st->insert_fts;
	st->tape = packed->tape;	/* tokens recorded by store_pack() */
	sqlite3_bind_int64(ins, 1, a->id);
	bind_text(ins, 2, a->title);
	bind_text(ins, 3, a->lead);
	bind_text(ins, 4, a->body);
	bind_text(ins, 5, captions);
	bind_text(ins, 6, a->section);
	bind_text(ins, 7, a->byline);
	bind_text(ins, 8, a->source);
	rc = sqlite3_step(ins);
	sqlite3_reset(ins);
	st->tape = NULL;
	if (rc != SQLITE_DONE)
		goto fail;
	goto out;
fail:
	s = db_error(st, err, rc, "cannot store article");
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
	rc = prepare(st, &st->find_hash, "SELECT id FROM articles WHERE hash=?");
	if (rc != SQLITE_OK)
		return db_error(st, err, rc, "cannot look up article");
	sqlite3_bind_text(st->find_hash, 1, a->hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st->find_hash);
	if (rc == SQLITE_ROW)
		a->id = sqlite3_column_int64(st->find_hash, 0);
	sqlite3_reset(st->find_hash);
	if (rc == SQLITE_ROW)
		return NC_OK;
	if (rc != SQLITE_DONE)
		return db_error(st, err, rc, "cannot look up article");
	s = insert_article(st, a, packed, 0, err);
	if (!s)
		*added = 1;
	return s;
}

static char *column_dup(sqlite3_stmt *stmt, int i)
{
	const unsigned char *s = sqlite3_column_text(stmt, i);

	return s ? xstrdup((const char *)s) : NULL;
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
		return size ? nc_fail(err, NC_EDB, "'%s': article %lld has lost "
				      "its original bytes", st->path,
				      (long long)a->id) : NC_OK;
	if (unpack(st, z, zlen, a->raw, size, a->body, strlen(a->body)))
		return nc_fail(err, NC_EDB, "'%s': article %lld: original bytes "
			       "are damaged", st->path, (long long)a->id);
	return NC_OK;
}

#define ARTICLE_COLUMNS "id, hash, source, origin, url, external_id," \
	" section, title, lead, published, byline, captions, views," \
	" nc_unzstd(body_z)," \
	" encoding, raw, raw_size, ingested"

/* Fill a from a row of ARTICLE_COLUMNS (the layout store_get reads). */
static enum nc_status row_article(struct store *st, sqlite3_stmt *stmt,
				  int with_raw, struct article *a,
				  struct nc_error *err)
{
	a->id = sqlite3_column_int64(stmt, 0);
	snprintf(a->hash, sizeof(a->hash), "%s",
		 (const char *)sqlite3_column_text(stmt, 1));
	a->source = column_dup(stmt, 2);
	a->origin = column_dup(stmt, 3);
	a->url = column_dup(stmt, 4);
	a->external_id = column_dup(stmt, 5);
	a->section = column_dup(stmt, 6);
	a->title = column_dup(stmt, 7);
	a->lead = column_dup(stmt, 8);
	a->published = column_dup(stmt, 9);
	a->byline = column_dup(stmt, 10);
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
	a->body = column_dup(stmt, 13);
	a->encoding = column_dup(stmt, 14);
	a->ingested = sqlite3_column_int64(stmt, 17);
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
		return db_error(st, err, rc, "cannot read article");
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		s = row_article(st, stmt, with_raw, a, err);
	else if (rc == SQLITE_DONE)
		s = nc_fail(err, NC_NOMATCH, "no article with id %lld",
			    (long long)id);
	else
		s = db_error(st, err, rc, "cannot read article");
	sqlite3_finalize(stmt);
	return s;
}

/*
 * Search.
 *
 * Ranking is bm25 with the field weights FTS_WEIGHTS, multiplied by the
 * factor nc_boost() gives for how much of the query appears as a phrase
 * (or nearly) in the article, and ties go to the newer article. A search
 * runs in two steps: the first ranks every match but reads only ids and
 * scores; the second reads the fields, headline highlight and snippet of
 * the hits shown, one by one (FTS5 finds a rowid directly), so snippets
 * are never built for matches that are not printed.
 */

/* Boost weights per column (FTS_COLUMNS order): headline, lead, body... */
static const double boost_weight[] = { 2.0, 1.0, 0.5, 0.3, 0, 0, 0 };
#define BOOST_COLUMNS ((int)(sizeof(boost_weight) / sizeof(boost_weight[0])))
/* Query phrases at most this many tokens apart still count as near. */
#define BOOST_GAP 3

struct inst {
	int phrase, col, off;	/* off: token offset in the column */
};

static int inst_cmp(const void *va, const void *vb)
{
	const struct inst *a = va, *b = vb;

	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	return (a->phrase > b->phrase) - (a->phrase < b->phrase);
}

/*
 * nc_boost(articles_fts): the FTS5 auxiliary function that rewards the
 * query's phrases standing next to each other, in query order, as typed.
 *
 * For every column it finds the longest chain of instances of phrases
 * i, i+1, i+2... where each starts right after the one before (a link
 * worth 1) or within BOOST_GAP tokens of it (worth 0.5). The chain's worth
 * over the most it could be (phrases - 1) is squared and weighted by
 * boost_weight[column]; the result is 1 plus the sum over columns, so a
 * query found word for word in the headline scores 3x its bm25.
 */
static void boost_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
		     sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	struct inst stack_inst[128], *inst = stack_inst;
	double stack_chain[128], *chain = stack_chain;
	double best[BOOST_COLUMNS] = { 0 }, boost = 1.0;
	int nphrase = api->xPhraseCount(fts), ninst = 0, rc;

	(void)nval;
	(void)val;
	if (nphrase < 2) {
		sqlite3_result_double(ctx, 1.0);
		return;
	}
	rc = api->xInstCount(fts, &ninst);
	if (rc == SQLITE_OK && ninst > 128) {
		inst = sqlite3_malloc64((sqlite3_uint64)ninst * sizeof(*inst));
		chain = sqlite3_malloc64((sqlite3_uint64)ninst * sizeof(*chain));
		if (!inst || !chain)
			rc = SQLITE_NOMEM;
	}
	for (int i = 0; rc == SQLITE_OK && i < ninst; i++)
		rc = api->xInst(fts, i, &inst[i].phrase, &inst[i].col,
				&inst[i].off);
	if (rc != SQLITE_OK)
		goto out;
	qsort(inst, (size_t)ninst, sizeof(*inst), inst_cmp);
	for (int i = ninst - 1; i >= 0; i--) {
		int end = inst[i].off + api->xPhraseSize(fts, inst[i].phrase);

		chain[i] = 0;
		for (int j = i + 1; j < ninst && inst[j].col == inst[i].col &&
		     inst[j].off <= end + BOOST_GAP; j++) {
			double w;

			if (inst[j].phrase != inst[i].phrase + 1 ||
			    inst[j].off < end)
				continue;
			w = (inst[j].off == end ? 1.0 : 0.5) + chain[j];
			if (w > chain[i])
				chain[i] = w;
		}
		if (inst[i].col < BOOST_COLUMNS && chain[i] > best[inst[i].col])
			best[inst[i].col] = chain[i];
	}
	for (int c = 0; c < BOOST_COLUMNS; c++) {
		double f = best[c] / (nphrase - 1);

		boost += boost_weight[c] * (f > 1 ? 1 : f * f);
	}
out:
	if (inst != stack_inst)
		sqlite3_free(inst);
	if (chain != stack_chain)
		sqlite3_free(chain);
	if (rc == SQLITE_OK)
		sqlite3_result_double(ctx, boost);
	else
		sqlite3_result_error_code(ctx, rc);
}

/* The connection's fts5_api, or NULL (SQLite's documented recipe). */
static fts5_api *search_fts5_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *stmt = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr",
				     NULL);
		sqlite3_step(stmt);
	}
	sqlite3_finalize(stmt);
	return api;
}

/* Register nc_boost() on db; store_open() calls it on every connection. */
static int search_register(sqlite3 *db)
{
	fts5_api *api = search_fts5_api(db);

	if (!api)
		return SQLITE_ERROR;
	return api->xCreateFunction(api, "nc_boost", NULL, boost_fn, NULL);
}

/*
 * Ranking costs a bm25 score for every match (about a microsecond each),
 * so a query that matches more than SEARCH_MANY articles ranks in two
 * tiers: first the articles that match it in the headline or lead, then
 * the others, which are ranked only when the first tier is too short for
 * the page asked for. (Headline and lead weigh most in the score anyway.)
 * The first tier is ranked by the score of the headline and lead alone:
 * scoring it by the whole query costs the full ranking again (FTS5 would
 * score every match to filter them).
 * A query with NOT is not split: NOT inside a column filter would exclude
 * only what the headline and lead hold.
 */
#define SEARCH_MANY 5000
#define SEARCH_HEAD_COLUMNS "{title lead}"

static int has_match(const struct store_query *q)
{
	return q->match && *q->match;
}

/*
 * The FROM and WHERE clauses shared by search and count. Parameters are
 * bound by name: :match :exclude :since :until :source :section. Without
 * a match expression the articles are read directly.
 */
static void search_where(const struct store_query *q, struct buf *sql)
{
	if (has_match(q))
		buf_adds(sql, " FROM articles_fts JOIN articles a"
			 " ON a.id = articles_fts.rowid"
			 " WHERE articles_fts MATCH :match");
	else
		buf_adds(sql, " FROM articles a WHERE 1");
	if (q->exclude && *q->exclude)
		buf_adds(sql, " AND a.id NOT IN (SELECT rowid FROM articles_fts"
			 " WHERE articles_fts MATCH :exclude)");
	if (q->since)
		buf_adds(sql, " AND a.published >= :since");
	if (q->until)
		buf_adds(sql, " AND a.published < :until");
	if (q->source)
		buf_adds(sql, " AND a.source = :source");
	if (q->section)
		buf_adds(sql, " AND a.section = :section");
}

static void bind_named(sqlite3_stmt *stmt, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(stmt, name);

	if (i > 0 && v)
		sqlite3_bind_text(stmt, i, v, -1, SQLITE_TRANSIENT);
}

/*
 * "until" is inclusive for people (--until 2017-10 takes all of October):
 * compare against the next value after the prefix.
 */
static void until_bound(const char *until, struct buf *out)
{
	buf_adds(out, until);
	buf_addc(out, '\x7f');
}

/*
 * query.c quotes every word, so FTS5 should never reject an expression;
 * if it does all the same, say so without passing SQLite's text on.
 */
static enum nc_status search_error(struct store *st, int rc,
				   struct nc_error *err)
{
	const char *msg = sqlite3_errmsg(st->db);

	if ((rc & 0xff) == SQLITE_ERROR && (strstr(msg, "fts5") ||
					     strstr(msg, "syntax")))
		return nc_fail(err, NC_EUSAGE, "cannot read the query");
	return db_error(st, err, rc, "search failed");
}

static enum nc_status prepare_search(struct store *st,
				     const struct store_query *q,
				     const char *sql, sqlite3_stmt **stmt,
				     struct buf *until, struct nc_error *err)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL);

	if (rc != SQLITE_OK)
		return search_error(st, rc, err);
	bind_named(*stmt, ":match", q->match);
	bind_named(*stmt, ":exclude", q->exclude);
	bind_named(*stmt, ":since", q->since);
	if (q->until) {
		until_bound(q->until, until);
		bind_named(*stmt, ":until", until->s);
	}
	bind_named(*stmt, ":source", q->source);
	bind_named(*stmt, ":section", q->section);
	return NC_OK;
}

/* The fields of hit id for printing; stmt is reset by the caller. */
static int read_hit(sqlite3_stmt *stmt, int64_t id, struct store_hit *hit)
{
	int rc;

	sqlite3_bind_int64(stmt, sqlite3_bind_parameter_index(stmt, ":id"), id);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return rc;
	hit->published = (const char *)sqlite3_column_text(stmt, 0);
	hit->source = (const char *)sqlite3_column_text(stmt, 1);
	hit->section = (const char *)sqlite3_column_text(stmt, 2);
	hit->title = (const char *)sqlite3_column_text(stmt, 3);
	hit->byline = (const char *)sqlite3_column_text(stmt, 4);
	hit->title_marked = (const char *)sqlite3_column_text(stmt, 5);
	hit->snippet = (const char *)sqlite3_column_text(stmt, 6);
	return SQLITE_ROW;
}

/* Matches of the FTS5 expression match, counted up to cap; -1 on error. */
static long long count_upto(struct store *st, const char *match,
			    long long cap)
{
	sqlite3_stmt *stmt;
	long long n = -1;

	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM (SELECT 1 FROM"
			       " articles_fts WHERE articles_fts MATCH ?1"
			       " LIMIT ?2)", -1, &stmt, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, cap);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

/* Does the FTS5 expression m hold a NOT (outside quoted strings)? */
static int has_not(const char *m)
{
	for (const char *p = m; *p; p++) {
		if (*p == '"') {
			while (*++p && *p != '"')
				;
			if (!*p)
				break;
		} else if (!strncmp(p, "NOT", 3) && (p == m || p[-1] == ' ') &&
			   (p[3] == ' ' || p[3] == '(')) {
			return 1;
		}
	}
	return 0;
}

/*
 * The fast path, when no filter applies: rank inside FTS5 alone, read the
 * ids in score order only as far as the page asked for and the matches
 * tied with the last of them, then look up the dates of those few to
 * break ties (a join per match costs more than the ranking). Sorted by
 * ranked_cmp(), the order is total, so pages never repeat or skip a hit.
 * With many matches, the ranking is in tiers (SEARCH_MANY).
 */
struct ranked {
	int64_t id;
	double score;
	int tier;
	char *published;	/* NULL sorts last */
};

static int ranked_cmp(const void *va, const void *vb)
{
	const struct ranked *a = va, *b = vb;
	int c;

	if (a->tier != b->tier)
		return a->tier < b->tier ? -1 : 1;
	if (a->score != b->score)
		return a->score < b->score ? -1 : 1;
	if (!a->published != !b->published)
		return a->published ? -1 : 1;
	if (a->published && (c = strcmp(a->published, b->published)))
		return -c;	/* newer first */
	return (a->id < b->id) - (a->id > b->id);
}

struct ranking {
	struct ranked *v;
	size_t n, cap;
};

/* Append the matches of match as tier, in score order, until r holds at
 * least want and the score changes. */
static int read_tier(struct store *st, const char *match, int tier,
		     size_t want, struct ranking *r)
{
	sqlite3_stmt *stmt;
	double last = 0;
	int rc, any = 0;

	rc = sqlite3_prepare_v2(st->db, "SELECT rowid, bm25(articles_fts, "
				FTS_WEIGHTS ") * nc_boost(articles_fts) AS score"
				" FROM articles_fts WHERE articles_fts MATCH ?1"
				" ORDER BY score", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		double score = sqlite3_column_double(stmt, 1);

		if (r->n >= want && (!any || score != last))
			break;
		if (r->n == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 64;
			r->v = xrealloc(r->v, r->cap * sizeof(*r->v));
		}
		r->v[r->n++] = (struct ranked){ sqlite3_column_int64(stmt, 0),
						score, tier, NULL };
		last = score;
		any = 1;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int rank_fast(struct store *st, const struct store_query *q,
		     struct ranking *r)
{
	size_t want = q->limit > LLONG_MAX - q->offset ? SIZE_MAX
		      : (size_t)(q->offset + q->limit);
	struct buf head = BUF_INIT, rest = BUF_INIT;
	sqlite3_stmt *date = NULL;
	int rc;

	if (!has_not(q->match) &&
	    count_upto(st, q->match, SEARCH_MANY + 1) > SEARCH_MANY) {
		buf_addf(&head, SEARCH_HEAD_COLUMNS " : (%s)", q->match);
		buf_addf(&rest, "(%s) NOT %s", q->match, head.s);
		rc = read_tier(st, head.s, 0, want, r);
		if (rc == SQLITE_OK && r->n < want)
			rc = read_tier(st, rest.s, 1, want, r);
	} else {
		rc = read_tier(st, q->match, 0, want, r);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(st->db, "SELECT published FROM articles"
					" WHERE id = ?1", -1, &date, NULL);
	for (size_t i = 0; rc == SQLITE_OK && i < r->n; i++) {
		sqlite3_bind_int64(date, 1, r->v[i].id);
		if (sqlite3_step(date) == SQLITE_ROW &&
		    sqlite3_column_type(date, 0) != SQLITE_NULL)
			r->v[i].published = xstrdup(
				(const char *)sqlite3_column_text(date, 0));
		sqlite3_reset(date);
	}
	sqlite3_finalize(date);
	if (rc == SQLITE_OK && r->n)
		qsort(r->v, r->n, sizeof(*r->v), ranked_cmp);
	buf_release(&head);
	buf_release(&rest);
	return rc;
}

static void ranking_release(struct ranking *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].published);
	free(r->v);
}

enum nc_status store_search(struct store *st, const struct store_query *q,
			    store_hit_fn fn, void *ctx, long long *nhits,
			    struct nc_error *err)
{
	struct buf sql = BUF_INIT, until = BUF_INIT;
	sqlite3_stmt *stmt = NULL, *fields = NULL;
	struct ranking r = { NULL, 0, 0 };
	enum nc_status s = NC_OK;
	long long n = 0;
	size_t next;
	int rc = SQLITE_OK, fast;

	fast = has_match(q) && !q->sort_date && !q->exclude && !q->since &&
	       !q->until && !q->source && !q->section && q->limit >= 0;
	if (fast) {
		rc = rank_fast(st, q, &r);
		if (rc != SQLITE_OK)
			s = search_error(st, rc, err);
	} else {
		if (has_match(q)) {
			buf_adds(&sql, "SELECT a.id, bm25(articles_fts, "
				 FTS_WEIGHTS ") * nc_boost(articles_fts)"
				 " AS score");
			search_where(q, &sql);
		} else {
			buf_adds(&sql, "SELECT a.id, 0.0 AS score");
			search_where(q, &sql);
		}
		if (q->sort_date || !has_match(q))
			buf_adds(&sql, " ORDER BY a.published DESC NULLS LAST,"
				 " a.id DESC");
		else
			buf_adds(&sql, " ORDER BY score, a.published DESC"
				 " NULLS LAST, a.id DESC");
		buf_addf(&sql, " LIMIT %lld OFFSET %lld",
			 q->limit < 0 ? -1 : q->limit, q->offset);
		s = prepare_search(st, q, sql.s, &stmt, &until, err);
	}
	if (!s) {
		const char *f = has_match(q)
			? "SELECT a.published, a.source, a.section, a.title,"
			  " a.byline, highlight(articles_fts, 0, X'02', X'03'),"
			  " snippet(articles_fts, -1, X'02', X'03', '…', 24)"
			  " FROM articles_fts JOIN articles a"
			  " ON a.id = articles_fts.rowid"
			  " WHERE articles_fts MATCH :match"
			  " AND articles_fts.rowid = :id"
			: "SELECT published, source, section, title, byline,"
			  " NULL, substr(coalesce(lead, nc_unzstd(body_z)), 1, 160)"
			  " || '…'"
			  " FROM articles WHERE id = :id";

		rc = sqlite3_prepare_v2(st->db, f, -1, &fields, NULL);
		if (rc != SQLITE_OK)
			s = search_error(st, rc, err);
		else
			bind_named(fields, ":match", q->match);
	}
	next = fast ? (size_t)q->offset : 0;
	while (!s) {
		struct store_hit hit = { 0 };
		int frc;

		if (fast) {
			if (next >= r.n || n >= q->limit) {
				rc = SQLITE_DONE;
				break;
			}
			hit.id = r.v[next].id;
			hit.score = r.v[next++].score;
		} else {
			if ((rc = sqlite3_step(stmt)) != SQLITE_ROW)
				break;
			hit.id = sqlite3_column_int64(stmt, 0);
			hit.score = sqlite3_column_double(stmt, 1);
		}
		frc = read_hit(fields, hit.id, &hit);
		if (frc != SQLITE_ROW) {
			rc = frc == SQLITE_DONE ? SQLITE_CORRUPT : frc;
			break;
		}
		n++;
		frc = fn(ctx, &hit);
		sqlite3_reset(fields);
		if (frc)
			break;
	}
	if (!s && rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = search_error(st, rc, err);
	sqlite3_finalize(fields);
	sqlite3_finalize(stmt);
	ranking_release(&r);
	buf_release(&sql);
	buf_release(&until);
	if (nhits)
		*nhits = n;
	return s;
}

enum nc_status store_count(struct store *st, const struct store_query *q,
			   long long *count, struct nc_error *err)
{
	struct buf sql = BUF_INIT, until = BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	enum nc_status s;
	int rc;

	*count = 0;
	if (has_match(q) && !q->exclude && !q->since && !q->until &&
	    !q->source && !q->section)
		buf_adds(&sql, "SELECT count(*) FROM articles_fts"
			 " WHERE articles_fts MATCH :match");
	else {
		buf_adds(&sql, "SELECT count(*)");
		search_where(q, &sql);
	}
	s = prepare_search(st, q, sql.s, &stmt, &until, err);
	if (!s) {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW)
			*count = sqlite3_column_int64(stmt, 0);
		else
			s = search_error(st, rc, err);
	}
	sqlite3_finalize(stmt);
	buf_release(&sql);
	buf_release(&until);
	return s;
}

enum nc_status store_stats(struct store *st, struct store_stats *stats,
			   struct nc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	memset(stats, 0, sizeof(*stats));
	rc = sqlite3_prepare_v2(st->db, "SELECT count(*), min(published),"
				" max(published) FROM articles", -1, &stmt, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		stats->articles = sqlite3_column_int64(stmt, 0);
		stats->first = column_dup(stmt, 1);
		stats->last = column_dup(stmt, 2);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(st->db, "SELECT source, count(*) FROM"
					" articles GROUP BY source ORDER BY 2 DESC,"
					" 1", -1, &stmt, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_source_count *sc;

		stats->sources = xrealloc(stats->sources, (stats->nsources + 1) *
					  sizeof(*stats->sources));
		sc = &stats->sources[stats->nsources++];
		sc->name = column_dup(stmt, 0);
		sc->articles = sqlite3_column_int64(stmt, 1);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_OK)
		return db_error(st, err, rc, "cannot read statistics");
	stats->db_bytes = query_int(st, "SELECT page_count * page_size FROM"
				    " pragma_page_count, pragma_page_size", &rc);
	if (rc != SQLITE_OK)
		return db_error(st, err, rc, "cannot read statistics");
	return NC_OK;
}

void store_stats_release(struct store_stats *stats)
{
	free(stats->first);
	free(stats->last);
	for (size_t i = 0; i < stats->nsources; i++)
		free(stats->sources[i].name);
	free(stats->sources);
	memset(stats, 0, sizeof(*stats));
}

/*
 * Export and import: articles in export order, articles stored with their
 * own id, the watermarks of incremental exports, integrity checks.
 */

/*
 * The day folder of an article in SQL: the date of `published` when it
 * starts with one, else the ingest day in UTC+7. export.c computes the same
 * string (with '/' for '-') for the entry path.
 */
#define DAY_KEY "CASE WHEN published GLOB" \
	" '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'" \
	" THEN substr(published, 1, 10)" \
	" ELSE strftime('%Y-%m-%d', ingested + 25200, 'unixepoch') END"

enum nc_status store_read_begin(struct store *st, struct nc_error *err)
{
	return exec(st, "BEGIN", err);
}

enum nc_status store_max_id(struct store *st, int64_t *max,
			    struct nc_error *err)
{
	int rc;
	long long v = query_int(st, "SELECT coalesce(max(id), 0) FROM articles",
				&rc);

	if (rc != SQLITE_OK)
		return db_error(st, err, rc, "cannot read article ids");
	*max = v;
	return NC_OK;
}

/* Read the ids that stmt yields, then call fn with each article. */
static enum nc_status each_by_id(struct store *st, sqlite3_stmt *ids,
				 const struct store_selection *sel,
				 store_article_fn fn, void *ctx, long long *n,
				 struct nc_error *err)
{
	sqlite3_stmt *get = NULL;
	int64_t *v = NULL;
	size_t nv = 0, cap = 0;
	enum nc_status s = NC_OK;
	int rc;

	while ((rc = sqlite3_step(ids)) == SQLITE_ROW) {
		if (nv == cap) {
			cap = cap ? 2 * cap : 1024;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[nv++] = sqlite3_column_int64(ids, 0);
	}
	if (rc != SQLITE_DONE) {
		s = search_error(st, rc, err);
		goto out;
	}
	rc = sqlite3_prepare_v2(st->db, "SELECT " ARTICLE_COLUMNS
				" FROM articles WHERE id=?", -1, &get, NULL);
	if (rc != SQLITE_OK) {
		s = db_error(st, err, rc, "cannot read article");
		goto out;
	}
	for (size_t i = 0; i < nv && !s; i++) {
		struct article a = ARTICLE_INIT;

		sqlite3_bind_int64(get, 1, v[i]);
		rc = sqlite3_step(get);
		if (rc != SQLITE_ROW) {
			s = db_error(st, err, rc, "cannot read article");
			break;
		}
		s = row_article(st, get, sel->with_raw, &a, err);
		if (!s)
			s = fn(ctx, &a, err);
		article_release(&a);
		sqlite3_reset(get);
		(*n)++;
	}
out:
	sqlite3_finalize(get);
	free(v);
	return s;
}

enum nc_status store_each(struct store *st, const struct store_selection *sel,
			  store_article_fn fn, void *ctx, long long *count,
			  struct nc_error *err)
{
	struct buf sql = BUF_INIT, until = BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	enum nc_status s = NC_OK;
	long long n = 0;
	int rc;

	/*
	 * In day order only the ids are sorted (sorting whole rows would
	 * copy every body and blob); each article is then read by id.
	 */
	buf_adds(&sql, sel->order == STORE_ORDER_DAY ? "SELECT id FROM articles"
		 " WHERE id > :after" : "SELECT " ARTICLE_COLUMNS
		 " FROM articles WHERE id > :after");
	if (sel->upto > 0)
		buf_adds(&sql, " AND id <= :upto");
	if (sel->since)
		buf_adds(&sql, " AND published >= :since");
	if (sel->until)
		buf_adds(&sql, " AND published < :until");
	if (sel->match)
		buf_adds(&sql, " AND id IN (SELECT rowid FROM articles_fts"
			 " WHERE articles_fts MATCH :match)");
	if (sel->order == STORE_ORDER_DAY)
		buf_adds(&sql, " ORDER BY " DAY_KEY ", CAST(id AS TEXT) || '-'");
	else
		buf_adds(&sql, " ORDER BY id");
	rc = sqlite3_prepare_v2(st->db, sql.s, -1, &stmt, NULL);
	if (rc != SQLITE_OK) {
		s = search_error(st, rc, err);
		goto out;
	}
	sqlite3_bind_int64(stmt, sqlite3_bind_parameter_index(stmt, ":after"),
			   sel->after);
	if (sel->upto > 0)
		sqlite3_bind_int64(stmt, sqlite3_bind_parameter_index(stmt,
				   ":upto"), sel->upto);
	if (sel->since)
		bind_named(stmt, ":since", sel->since);
	if (sel->until) {
		until_bound(sel->until, &until);
		bind_named(stmt, ":until", until.s);
	}
	if (sel->match)
		bind_named(stmt, ":match", sel->match);
	if (sel->order == STORE_ORDER_DAY) {
		s = each_by_id(st, stmt, sel, fn, ctx, &n, err);
		goto out;
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct article a = ARTICLE_INIT;

		s = row_article(st, stmt, sel->with_raw, &a, err);
		if (!s)
			s = fn(ctx, &a, err);
		article_release(&a);
		n++;
		if (s)
			break;
	}
	if (!s && rc != SQLITE_DONE)
		s = search_error(st, rc, err);
out:
	if (count)
		*count = n;
	sqlite3_finalize(stmt);
	buf_release(&sql);
	buf_release(&until);
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
		return found < 0 ? db_error(st, err, rc,
					    "cannot look up article") : NC_OK;
	found = exists(st, "SELECT 1 FROM articles WHERE id=?", NULL, a->id,
		       &rc);
	if (found < 0)
		return db_error(st, err, rc, "cannot look up article");
	s = insert_article(st, a, NULL, found ? 0 : a->id, err);
	if (!s)
		*added = found ? 2 : 1;
	return s;
}

enum nc_status store_mark_get(struct store *st, const char *name,
			      int64_t *last_id, struct nc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*last_id = 0;
	rc = sqlite3_prepare_v2(st->db, "SELECT last_id FROM export_marks"
				" WHERE name=?", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW)
			*last_id = sqlite3_column_int64(stmt, 0);
		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_OK ? NC_OK
		: db_error(st, err, rc, "cannot read export watermark");
}

enum nc_status store_mark_set(struct store *st, const char *name,
			      int64_t last_id, int64_t now,
			      struct nc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = sqlite3_prepare_v2(st->db, "INSERT INTO export_marks(name,"
				" last_id, updated) VALUES (?, ?, ?)"
				" ON CONFLICT(name) DO UPDATE SET"
				" last_id=excluded.last_id,"
				" updated=excluded.updated", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 2, last_id);
		sqlite3_bind_int64(stmt, 3, now);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_OK ? NC_OK
		: db_error(st, err, rc, "cannot store export watermark");
}

enum nc_status store_check(struct store *st, store_problem_fn fn, void *ctx,
			   long long *problems, struct nc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	long long n = 0;
	int rc;

	*problems = 0;
	rc = sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &stmt,
				NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(stmt, 0);

		if (msg && strcmp(msg, "ok")) {
			fn(ctx, "sqlite", msg);
			n++;
		}
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_OK) {
		if ((rc & 0xff) != SQLITE_CORRUPT)
			return db_error(st, err, rc, "integrity check failed");
		fn(ctx, "sqlite", sqlite3_errmsg(st->db));
		n++;
	}
	rc = sqlite3_exec(st->db, "INSERT INTO articles_fts(articles_fts)"
			  " VALUES('integrity-check')", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_ERROR)
			return db_error(st, err, rc, "index check failed");
		fn(ctx, "fts5", sqlite3_errmsg(st->db));
		n++;
	}
	rc = sqlite3_prepare_v2(st->db, "SELECT id FROM articles WHERE"
				" length(hash) != 64 OR hash GLOB '*[^0-9a-f]*'"
				" OR (raw IS NULL AND raw_size > 0)", -1, &stmt,
				NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char msg[96];

		snprintf(msg, sizeof(msg), "article %lld: bad hash or lost"
			 " original bytes", sqlite3_column_int64(stmt, 0));
		fn(ctx, "articles", msg);
		n++;
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_OK)
		return db_error(st, err, rc, "integrity check failed");
	*problems = n;
	return NC_OK;
}
