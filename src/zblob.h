/*
 * zblob.h - the SQL function nc_unzstd(BLOB) -> TEXT, which the view
 * articles_text uses to give FTS5 (snippet(), highlight(), rebuild) the
 * article bodies that the articles table keeps compressed with zstd.
 *
 * Defined here, as static functions, because it is compiled twice: into
 * newsctl (store.c, through sqlite3.h) and into the loadable extension
 * (extension.c, through sqlite3ext.h, whose macros route every sqlite3_*
 * call through the routines the host passed in). Include sqlite3.h or
 * sqlite3ext.h before this file.
 */
#ifndef NEWSCTL_ZBLOB_H
#define NEWSCTL_ZBLOB_H

#include <zstd.h>

#define ZBLOB_MAX_TEXT (1u << 30)	/* refuse frames that claim more */

/* nc_unzstd(frame): the text of a zstd frame; NULL for NULL. The
 * function's user data is a ZSTD_DCtx, reused across calls. */
static void zblob_unzstd(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const void *z = sqlite3_value_blob(argv[0]);
	int zn = sqlite3_value_bytes(argv[0]);
	unsigned long long n;
	size_t got;
	char *out;

	(void)argc;
	if (!z) {
		sqlite3_result_null(ctx);
		return;
	}
	n = ZSTD_getFrameContentSize(z, (size_t)zn);
	if (n == ZSTD_CONTENTSIZE_ERROR || n == ZSTD_CONTENTSIZE_UNKNOWN ||
	    n > ZBLOB_MAX_TEXT) {
		sqlite3_result_error(ctx, "nc_unzstd: not a newsctl text frame",
				     -1);
		return;
	}
	out = sqlite3_malloc64(n ? n : 1);
	if (!out) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	got = ZSTD_decompressDCtx(sqlite3_user_data(ctx), out, (size_t)n, z,
				  (size_t)zn);
	if (ZSTD_isError(got) || got != n) {
		sqlite3_free(out);
		sqlite3_result_error(ctx, "nc_unzstd: damaged text frame", -1);
		return;
	}
	sqlite3_result_text64(ctx, out, n, sqlite3_free, SQLITE_UTF8);
}

static void zblob_free_dctx(void *p)
{
	ZSTD_freeDCtx(p);
}

/* Register nc_unzstd() on db; returns an SQLite result code. */
static int zblob_register(sqlite3 *db)
{
	ZSTD_DCtx *dctx = ZSTD_createDCtx();

	if (!dctx)
		return SQLITE_NOMEM;
	return sqlite3_create_function_v2(db, "nc_unzstd", 1,
					  SQLITE_UTF8 | SQLITE_DETERMINISTIC |
					  SQLITE_INNOCUOUS, dctx, zblob_unzstd,
					  NULL, NULL, zblob_free_dctx);
}

#endif
