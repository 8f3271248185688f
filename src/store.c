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
 * back from the view by rowid. Only insert_article() (store-row.c) writes
 * both tables. (No triggers: a statement that fires a trigger into FTS5
 * opens a statement savepoint, and FTS5 flushes its pending index data at
 * every savepoint, which made ingest write one tiny index segment per
 * article.)
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

#include "abbrev.h"
#include "buf.h"
#include "hash.h"
#include "rank.h"
#include "store-int.h"
#include "tokenizer.h"

#define APPLICATION_ID 0x6e657773	/* "news" */
#define BUSY_TIMEOUT_MS 10000

/*
 * The tokenizer of the index. Changing it needs a migration that rebuilds
 * the index, as v3 does; a change of its rules (TOKENIZER_RULES, the
 * abbreviation list) is recorded in meta (store_index_rules()), and search
 * asks for newsctl reindex.
 */
#define FTS_TOKENIZER TOKENIZER_NAME

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

/*
 * v5: the source credit ("Theo TTXVN") apart from the byline. The index's
 * byline column holds both, one a line, so that a search still finds an
 * article by its credit; rows stored before have no credit and are
 * indexed as they were, so the index needs no rebuild.
 */
static const char schema_v5[] =
	"ALTER TABLE articles ADD COLUMN credit TEXT;"
	"DROP VIEW articles_text;"
	"CREATE VIEW articles_text AS SELECT id, title, lead,"
	" nc_unzstd(body_z) AS body, captions, section,"
	" CASE WHEN credit IS NULL THEN byline"
	" WHEN byline IS NULL THEN credit"
	" ELSE byline || char(10) || credit END AS byline, source"
	" FROM articles;";

/*
 * v6: every article gets an insertion sequence (seq) of its own, set by
 * the store when the row is inserted and never by an input (an imported
 * article keeps its archive id, which may be any number). Incremental
 * watermarks count in it (last_seq). Existing rows are numbered in id
 * order, and each watermark becomes the number of articles it covered.
 */
static const char schema_v6[] =
	"ALTER TABLE articles ADD COLUMN seq INTEGER;"
	"UPDATE articles SET seq = r.n FROM (SELECT id,"
	" row_number() OVER (ORDER BY id) AS n FROM articles) AS r"
	" WHERE articles.id = r.id;"
	"CREATE UNIQUE INDEX articles_seq ON articles(seq);"
	"CREATE TABLE export_marks6(name TEXT PRIMARY KEY,"
	" last_seq INTEGER NOT NULL, updated INTEGER NOT NULL) WITHOUT ROWID;"
	"INSERT INTO export_marks6 SELECT name, (SELECT count(*)"
	" FROM articles WHERE id <= m.last_id), updated FROM export_marks m;"
	"DROP TABLE export_marks;"
	"ALTER TABLE export_marks6 RENAME TO export_marks;";

/* v7: when a web archive fetched the page an article came from. */
static const char schema_v7[] =
	"ALTER TABLE articles ADD COLUMN fetched TEXT;";

/*
 * v9: near-duplicates (neardup.h, store-dup.c): the band keys of each
 * signed article and the clusters of two or more copies, keyed by the
 * canonical member's id. Articles stored before are signed in C after
 * this step (migrate(): DUP_SCHEMA).
 */
#define STR(x) #x
#define XSTR(x) STR(x)
static const char schema_v9[] =
	"CREATE TABLE dup_band(key INTEGER NOT NULL,"
	" article INTEGER NOT NULL, PRIMARY KEY (key, article))"
	" WITHOUT ROWID;"
	"CREATE TABLE dup(article INTEGER PRIMARY KEY,"
	" cluster INTEGER NOT NULL, syllables INTEGER NOT NULL,"
	" original INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX dup_cluster ON dup(cluster);"
	"INSERT OR REPLACE INTO meta(key, value) VALUES"
	" ('neardup_version', '" XSTR(NEARDUP_VERSION) "'),"
	" ('dup_threshold', '" XSTR(NEARDUP_THRESHOLD) "');";
#define DUP_SCHEMA 9	/* the version whose step adds dup_band */

/*
 * v10: the columns a search filters and orders its matches by, keyed by
 * id, so that checking a match against a date, source or section reads
 * this narrow index (60 MB for a million articles) instead of the row of
 * every match (3.3 GB): store-filter.c names it with INDEXED BY. SQLite
 * keeps it with the table, in the same transactions.
 */
static const char schema_v10[] =
	"CREATE INDEX articles_keys ON articles"
	"(id, published, source, section, seq);";

/* migrations[i] takes a database from user_version i to i + 1. */
static const char *const migrations[] = {
	schema_v1,
	/* v2: the watermarks of incremental exports (see store.h, export) */
	"CREATE TABLE export_marks(name TEXT PRIMARY KEY,"
	" last_id INTEGER NOT NULL, updated INTEGER NOT NULL) WITHOUT ROWID;",
	schema_v3,
	schema_v4,
	schema_v5,
	schema_v6,
	schema_v7,
	/* v8: watched searches (store-watch.c); their watermarks are
	 * export_marks rows */
	"CREATE TABLE watches(name TEXT PRIMARY KEY, query TEXT,"
	" since TEXT, until TEXT, source TEXT, section TEXT,"
	" created INTEGER NOT NULL) WITHOUT ROWID;",
	schema_v9,
	schema_v10,
};
#define SCHEMA_VERSION ((int)ARRAY_SIZE(migrations))

enum nc_status store_db_error(struct store *st, struct nc_error *err,
			      int rc, const char *what)
{
	const char *msg = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
	enum nc_status code = NC_EDB;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		code = NC_EBUSY;
		msg = "database is busy (another newsctl is writing); "
		      "try again";
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

enum nc_status store_exec(struct store *st, const char *sql,
			  struct nc_error *err)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? NC_OK
		: store_db_error(st, err, rc, "cannot run query");
}

long long store_query_int(struct store *st, const char *sql, int *rc)
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

/* Bring the schema from version `from` up to SCHEMA_VERSION, telling
 * fn (may be NULL) how far the signing of stored articles has got. */
static enum nc_status migrate(struct store *st, int from,
			      store_progress_fn fn, void *ctx,
			      struct nc_error *err)
{
	enum nc_status s;

	/* 16 KiB pages for a new database: rows of compressed articles
	 * (1-2 KiB) waste a fifth of 4 KiB pages (35k articles: 205 MB ->
	 * 190 MB, and ingest 10% faster). WAL fixes the page size. */
	/* and incremental vacuum, which can only be chosen before the first
	 * table: prune gives the pages it frees back at once */
	if (from == 0)
		s = store_exec(st, "PRAGMA page_size=16384;"
			       " PRAGMA auto_vacuum=INCREMENTAL", err);
	else
		s = NC_OK;
	if (!s)
		s = store_exec(st, "PRAGMA journal_mode=WAL", err);
	if (!s)
		s = store_exec(st, "BEGIN IMMEDIATE", err);
	if (s)
		return s;
	for (int v = from; v < SCHEMA_VERSION && !s; v++)
		s = store_exec(st, migrations[v], err);
	if (!s && from > 0 && from < DUP_SCHEMA)
		s = store_dup_sign_all(st, fn, ctx, err);
	if (!s) {
		char sql[96];

		snprintf(sql, sizeof(sql), "PRAGMA application_id=%d;"
			 "PRAGMA user_version=%d", APPLICATION_ID,
			 SCHEMA_VERSION);
		s = store_exec(st, sql, err);
	}
	if (!s && from == 0)
		s = store_index_rules(st, NULL, err);
	if (!s)
		s = store_exec(st, "COMMIT", err);
	if (s)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return s;
}

/* Check that the open file is a newsctl database we can read, and
 * create or migrate its schema. */
static enum nc_status check_schema(struct store *st, enum store_mode mode,
				   store_progress_fn fn, void *ctx,
				   struct nc_error *err)
{
	long long app, version, tables;
	int rc;

	tables = store_query_int(st, "SELECT count(*) FROM sqlite_master", &rc);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_NOTADB)
			return nc_fail(err, NC_EDB, "'%s': not a newsctl "
				       "database (not an SQLite file)",
				       st->path);
		return store_db_error(st, err, rc, "cannot read database");
	}
	app = store_query_int(st, "PRAGMA application_id", &rc);
	version = store_query_int(st, "PRAGMA user_version", &rc);
	if (rc != SQLITE_OK)
		return store_db_error(st, err, rc, "cannot read database");
	if (tables == 0 && app == 0) {
		if (mode == STORE_READ)
			return nc_fail(err, NC_EDB, "'%s': empty database "
				       "(nothing ingested yet)", st->path);
		return migrate(st, 0, fn, ctx, err);
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
		return migrate(st, (int)version, fn, ctx, err);
	return NC_OK;
}

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
	rc = rank_register(st->db);
	if (rc == SQLITE_OK)
		rc = store_row_register(st);
	if (rc != SQLITE_OK)
		return nc_fail(err, NC_ESOFTWARE, "'%s': cannot register SQL "
			       "functions: %s", st->path, sqlite3_errstr(rc));
	return NC_OK;
}

/*
 * Is the database at path in a folder we cannot write (a read-only file
 * system, or a folder of another user), with no write-ahead log beside
 * it? WAL needs its index file next to the database, which we cannot
 * create, so it is read as an immutable file. On a read-only file system
 * nobody can be writing it; in another user's folder nobody is writing it
 * now (a writer keeps a -wal file there while it works), and a writer
 * that starts during the read can at worst make this read fail, never
 * change the file.
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
	ro = access(dir.s, W_OK) < 0 && (errno == EROFS || errno == EACCES) &&
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
	return store_open_progress(out, path, mode, NULL, NULL, err);
}

enum nc_status store_open_progress(struct store **out, const char *path,
				   enum store_mode mode, store_progress_fn fn,
				   void *ctx, struct nc_error *err)
{
	struct store *st = xcalloc(1, sizeof(*st));
	struct stat sb;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	enum nc_status s;

	*out = NULL;
	st->path = xstrdup(path);
	if (stat(path, &sb) < 0) {
		if (errno != ENOENT || mode == STORE_READ) {
			s = nc_fail(err, errno == ENOENT ? NC_ENOENT
				    : NC_ECANTCREAT,
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
		s = check_schema(st, mode, fn, ctx, err);
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
			s = check_schema(st, mode, fn, ctx, err);
	}
	if (s)
		goto fail;
	/* writers merge FTS5 segments and insert into indexes of random
	 * keys (hashes, near-duplicate bands), which a larger page cache
	 * speeds up (35k articles: 5%; 40,000 more into a million: 606 ->
	 * 792 articles/s at 256 MiB, resident 135 -> 335 MB; pages are
	 * taken only as they are read); readers are short-lived */
	s = store_exec(st, "PRAGMA synchronous=NORMAL;"
		       " PRAGMA wal_autocheckpoint=16384;"
		 " PRAGMA foreign_keys=ON;", err);
	if (!s)
		s = store_exec(st, mode == STORE_WRITE
			       ? "PRAGMA cache_size=-262144"
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
	sqlite3_finalize(st->count_upto);
	sqlite3_finalize(st->rank_tier);
	sqlite3_finalize(st->rank_clean);
	sqlite3_finalize(st->published);
	store_dup_close(st);
	if (st->db)
		sqlite3_close(st->db);
	ZSTD_freeCCtx(st->pk.zc);
	ZSTD_freeDCtx(st->zd);
	free(st->path);
	free(st);
}

enum nc_status store_begin(struct store *st, struct nc_error *err)
{
	return store_exec(st, "BEGIN IMMEDIATE", err);
}

enum nc_status store_commit(struct store *st, struct nc_error *err)
{
	return store_exec(st, "COMMIT", err);
}

/*
 * FTS5 writes each batch of an ingest as a segment of the index and merges
 * segments as it goes, so a search reads each term from several (35k
 * articles: 8 segments); from one it does half the work. The merge
 * rewrites the whole index, so it runs only when an ingest added at least
 * 1/SETTLE_SHARE of the articles held (a day's news added to an archive
 * leaves the index to FTS5's own merging), and in steps of SETTLE_PAGES
 * index pages (4 MB), each its own transaction: a step reuses the pages
 * the one before freed, so the file does not grow by the size of the
 * index, and a kill loses one step, not the merge. FTS5 says a step found
 * nothing left to merge by changing fewer than two rows.
 */
#define SETTLE_SHARE 4
#define SETTLE_PAGES "1000"

enum nc_status store_merge_index(struct store *st, struct nc_error *err)
{
	long long before;
	int rc;

	do {
		before = sqlite3_total_changes64(st->db);
		rc = sqlite3_exec(st->db, "INSERT INTO articles_fts(articles_fts,"
				  " rank) VALUES('merge', -" SETTLE_PAGES ")",
				  NULL, NULL, NULL);
	} while (rc == SQLITE_OK &&
		 sqlite3_total_changes64(st->db) - before >= 2);
	/* the merge leaves the pages of the old segments free (35k
	 * articles: 5 MB, 2.6% of the file): give them back */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(st->db, "PRAGMA incremental_vacuum", NULL,
				  NULL, NULL);
	if (rc != SQLITE_OK)
		return store_db_error(st, err, rc, "the articles are stored,"
				      " but their index is not merged");
	return NC_OK;
}

enum nc_status store_settle(struct store *st, long long added,
			    struct nc_error *err)
{
	long long total;
	int rc;

	total = store_query_int(st, "SELECT count(*) FROM articles", &rc);
	if (rc != SQLITE_OK)
		return store_db_error(st, err, rc, "cannot merge the index");
	if (added <= 0 || added * SETTLE_SHARE < total)
		return NC_OK;
	return store_merge_index(st, err);
}

void store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_prepare(struct store *st, sqlite3_stmt **stmt, const char *sql)
{
	if (*stmt) {
		sqlite3_reset(*stmt);
		sqlite3_clear_bindings(*stmt);
		return SQLITE_OK;
	}
	return sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
				  stmt, NULL);
}

void store_done(sqlite3_stmt *stmt)
{
	if (!stmt)
		return;
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
}

void store_bind_text(sqlite3_stmt *stmt, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(stmt, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, i);
}

enum nc_status store_stats(struct store *st, struct store_stats *stats,
			   struct nc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	memset(stats, 0, sizeof(*stats));
	rc = sqlite3_prepare_v2(st->db, "SELECT count(*), min(published),"
				" max(published) FROM articles", -1, &stmt,
				NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		stats->articles = sqlite3_column_int64(stmt, 0);
		stats->first = store_column_dup(stmt, 1);
		stats->last = store_column_dup(stmt, 2);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(st->db, "SELECT source, count(*)"
					" FROM articles GROUP BY source"
					" ORDER BY 2 DESC, 1", -1, &stmt, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_source_count *sc;

		stats->sources = xrealloc(stats->sources,
					  (stats->nsources + 1) *
					  sizeof(*stats->sources));
		sc = &stats->sources[stats->nsources++];
		sc->name = store_column_dup(stmt, 0);
		sc->articles = sqlite3_column_int64(stmt, 1);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_OK)
		return store_db_error(st, err, rc, "cannot read statistics");
	stats->db_bytes = store_query_int(st, "SELECT page_count * page_size"
					  " FROM pragma_page_count,"
					  " pragma_page_size", &rc);
	if (rc == SQLITE_OK)
		stats->clusters = store_query_int(st, "SELECT count(DISTINCT"
						  " cluster) FROM dup", &rc);
	if (rc == SQLITE_OK)
		stats->copies = store_query_int(st, "SELECT count(*) FROM dup",
						&rc) - stats->clusters;
	if (rc != SQLITE_OK)
		return store_db_error(st, err, rc, "cannot read statistics");
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
 * Deep checks, row by row: a size no article can have is reported (and
 * the row not read: its size would be allocated), then each body and
 * its original bytes are read back as search and export read them.
 */
static enum nc_status check_rows(struct store *st, store_problem_fn fn,
				 void *ctx, long long *n, struct nc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	char msg[sizeof(err->msg) + 64];
	int rc;

	/* raw_size is bounded as nc_unzstd() bounds a frame (zblob.h);
	 * FTS5 keeps a docsize row for each article it indexes */
	rc = sqlite3_prepare_v2(st->db, "SELECT a.id, typeof(a.raw_size) !="
				" 'integer' OR a.raw_size < 0 OR a.raw_size >"
				" 1073741824 OR length(a.body_z) = 0,"
				" d.id IS NULL FROM articles a LEFT JOIN"
				" articles_fts_docsize d ON d.id = a.id"
				" ORDER BY a.id", -1, &stmt, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(stmt, 0);
		struct article a = ARTICLE_INIT;
		struct nc_error e = { 0 };

		rc = SQLITE_OK;
		if (sqlite3_column_int(stmt, 1)) {
			snprintf(msg, sizeof(msg), "article %lld: impossible"
				 " size", id);
		} else if (sqlite3_column_int(stmt, 2)) {
			snprintf(msg, sizeof(msg), "article %lld: not in the"
				 " full-text index", id);
		} else if (store_get(st, id, 1, &a, &e)) {
			snprintf(msg, sizeof(msg), "article %lld: cannot be"
				 " read back: %s", id, e.msg);
		} else {
			msg[0] = '\0';
		}
		article_release(&a);
		if (msg[0]) {
			fn(ctx, "articles", msg);
			(*n)++;
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_OK)
		return store_db_error(st, err, rc, "integrity check failed");
	return NC_OK;
}

enum nc_status store_check(struct store *st, int quick, store_problem_fn fn,
			   void *ctx, long long *problems,
			   struct nc_error *err)
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
			return store_db_error(st, err, rc,
					      "integrity check failed");
		fn(ctx, "sqlite", sqlite3_errmsg(st->db));
		n++;
	}
	/* rank 1: the index against the rows too, not only itself */
	rc = sqlite3_exec(st->db, quick ? "INSERT INTO articles_fts"
			  "(articles_fts) VALUES('integrity-check')"
			  : "INSERT INTO articles_fts(articles_fts, rank)"
			  " VALUES('integrity-check', 1)", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) != SQLITE_CORRUPT &&
		    (rc & 0xff) != SQLITE_ERROR)
			return store_db_error(st, err, rc,
					      "index check failed");
		fn(ctx, "fts5", sqlite3_errmsg(st->db));
		n++;
	}
	rc = sqlite3_prepare_v2(st->db, "SELECT id FROM articles WHERE"
				" length(hash) != " NC_STR(HASH_HEX_LEN)
				" OR hash GLOB '*[^0-9a-f]*'"
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
		return store_db_error(st, err, rc, "integrity check failed");
	if (!quick) {
		enum nc_status s = check_rows(st, fn, ctx, &n, err);

		if (s)
			return s;
	}
	*problems = n;
	return NC_OK;
}

char *store_column_dup(sqlite3_stmt *stmt, int i)
{
	const unsigned char *s = sqlite3_column_text(stmt, i);

	return s ? xstrdup((const char *)s) : NULL;
}

void store_bind_named(sqlite3_stmt *stmt, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(stmt, name);

	if (i > 0 && v)
		sqlite3_bind_text(stmt, i, v, -1, SQLITE_TRANSIENT);
}

/*
 * The rules an index was built with live in meta under "index_rules"
 * (abbrev_version()); a new database records them. A database made before
 * they were recorded has none, and differs.
 */
enum nc_status store_index_rules(struct store *st, const char **differ,
				 struct nc_error *err)
{
	const char *sql = differ ? "SELECT value FROM meta WHERE key="
		"'index_rules'" : "INSERT OR REPLACE INTO meta(key, value)"
		" VALUES('index_rules', ?1)";
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);

	if (rc == SQLITE_OK && !differ)
		rc = sqlite3_bind_text(stmt, 1, abbrev_version(), -1,
				       SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(stmt);
	if (differ) {
		const unsigned char *v = rc == SQLITE_ROW ?
			sqlite3_column_text(stmt, 0) : NULL;

		*differ = v && !strcmp((const char *)v, abbrev_version()) ?
			  NULL : abbrev_version();
	}
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(stmt);
	return rc == SQLITE_OK ? NC_OK
		: store_db_error(st, err, rc, "cannot read the index rules");
}

enum nc_status store_meta_set(struct store *st, const char *key,
			      const char *value, struct nc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = sqlite3_prepare_v2(st->db, "INSERT OR REPLACE INTO meta(key,"
				" value) VALUES (?, ?)", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? NC_OK
		: store_db_error(st, err, rc, "cannot write meta");
}
