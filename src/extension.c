/* extension.c - placeholder loadable extension. */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
int sqlite3_newsctl_init(sqlite3 *db, char **errmsg,
			 const sqlite3_api_routines *api);
int sqlite3_newsctl_init(sqlite3 *db, char **errmsg,
			 const sqlite3_api_routines *api)
{
	SQLITE_EXTENSION_INIT2(api);
	(void)db; (void)errmsg;
	return SQLITE_OK;
}
