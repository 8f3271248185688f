/*
 * store-watch.c - watched searches: a query and its filters kept under a
 * name in the table `watches`. What a watch has shown is its watermark,
 * kept with those of incremental exports (store_mark_get/set), so that
 * both follow one rule for "added since".
 */
#include <stdlib.h>
#include <string.h>

#include "store-int.h"

#define WATCH_COLUMNS "name, query, since, until, source, section, created"

void store_watch_mark(const char *name, struct buf *out)
{
	buf_reset(out);
	buf_addf(out, "watch:%s", name);
}

void store_watch_release(struct store_watch *w)
{
	free(w->name);
	free(w->query);
	free(w->since);
	free(w->until);
	free(w->source);
	free(w->section);
	memset(w, 0, sizeof(*w));
}

static void read_watch(sqlite3_stmt *stmt, struct store_watch *w)
{
	w->name = store_column_dup(stmt, 0);
	w->query = store_column_dup(stmt, 1);
	w->since = store_column_dup(stmt, 2);
	w->until = store_column_dup(stmt, 3);
	w->source = store_column_dup(stmt, 4);
	w->section = store_column_dup(stmt, 5);
	w->created = sqlite3_column_int64(stmt, 6);
}

enum nc_status store_watch_add(struct store *st, const struct store_watch *w,
			       struct nc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = sqlite3_prepare_v2(st->db, "INSERT INTO watches(" WATCH_COLUMNS
				") VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &stmt,
				NULL);
	if (rc == SQLITE_OK) {
		store_bind_text(stmt, 1, w->name);
		store_bind_text(stmt, 2, w->query);
		store_bind_text(stmt, 3, w->since);
		store_bind_text(stmt, 4, w->until);
		store_bind_text(stmt, 5, w->source);
		store_bind_text(stmt, 6, w->section);
		sqlite3_bind_int64(stmt, 7, w->created);
		rc = sqlite3_step(stmt);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return nc_fail(err, NC_EUSAGE, "a watch named '%s' exists "
			       "(remove it first with 'watch rm')", w->name);
	return rc == SQLITE_DONE ? NC_OK
		: store_db_error(st, err, rc, "cannot add watch");
}

enum nc_status store_watch_get(struct store *st, const char *name,
			       struct store_watch *w, struct nc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	memset(w, 0, sizeof(*w));
	rc = sqlite3_prepare_v2(st->db, "SELECT " WATCH_COLUMNS " FROM watches"
				" WHERE name=?", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW)
			read_watch(stmt, w);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return nc_fail(err, NC_NOMATCH, "no watch named '%s'", name);
	return rc == SQLITE_ROW ? NC_OK
		: store_db_error(st, err, rc, "cannot read watch");
}

enum nc_status store_watch_each(struct store *st, store_watch_fn fn,
				void *ctx, struct nc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc, stop = 0;

	rc = sqlite3_prepare_v2(st->db, "SELECT " WATCH_COLUMNS " FROM watches"
				" ORDER BY name", -1, &stmt, NULL);
	while (rc == SQLITE_OK && !stop &&
	       (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_watch w;

		read_watch(stmt, &w);
		stop = fn(ctx, &w);
		store_watch_release(&w);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_OK || rc == SQLITE_DONE ? NC_OK
		: store_db_error(st, err, rc, "cannot read watches");
}

/* Both rows go in one transaction: a watch added again starts afresh. */
enum nc_status store_watch_rm(struct store *st, const char *name,
			      struct nc_error *err)
{
	struct buf mark = BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	enum nc_status s;
	int rc, gone = 0;

	s = store_exec(st, "BEGIN IMMEDIATE", err);
	if (s)
		return s;
	rc = sqlite3_prepare_v2(st->db, "DELETE FROM watches WHERE name=?",
				-1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		gone = sqlite3_changes(st->db);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		s = store_db_error(st, err, rc, "cannot remove watch");
	else if (!gone)
		s = nc_fail(err, NC_NOMATCH, "no watch named '%s'", name);
	store_watch_mark(name, &mark);
	if (!s)
		s = store_mark_drop(st, mark.s, err);
	if (!s)
		s = store_exec(st, "COMMIT", err);
	if (s)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	buf_release(&mark);
	return s;
}
