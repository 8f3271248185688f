/*
 * extension.c - newsctl as an SQLite loadable extension:
 *
 *   sqlite3 news.db '.load newsctl' "SELECT ... MATCH ..."
 *
 * registers the FTS5 tokenizer "vietnamese" (tokenizer.h) and the function
 * nc_unzstd() (zblob.h) that the index's content view needs, so that any
 * SQLite program can read and write a newsctl index. The SQLite calls go
 * through the routines the host passed in (sqlite3ext.h), never through a
 * second copy of the library.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include "tokenizer.h"
#include "zblob.h"

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_newsctl_init(sqlite3 *db, char **errmsg,
			 const sqlite3_api_routines *api);

int sqlite3_newsctl_init(sqlite3 *db, char **errmsg,
			 const sqlite3_api_routines *api)
{
	struct tokenizer_sqlite calls;
	int rc;

	SQLITE_EXTENSION_INIT2(api);
	calls.prepare_v2 = sqlite3_prepare_v2;
	calls.bind_pointer = sqlite3_bind_pointer;
	calls.step = sqlite3_step;
	calls.finalize = sqlite3_finalize;
	rc = tokenizer_register_with(db, &calls, NULL);
	if (rc == SQLITE_OK) {
		rc = zblob_register(db);
		if (rc != SQLITE_OK && errmsg)
			*errmsg = sqlite3_mprintf("newsctl: cannot register "
						  "nc_unzstd(): %s",
						  sqlite3_errstr(rc));
		return rc;
	}
	if (errmsg)
		*errmsg = sqlite3_mprintf("newsctl: cannot register the "
					  "tokenizer '%s': %s",
					  TOKENIZER_NAME, sqlite3_errstr(rc));
	return rc;
}
