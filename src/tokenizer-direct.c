/*
 * tokenizer-direct.c - tokenizer_register() for the program, which links
 * SQLite itself: the calls go to the library directly. Kept apart from
 * tokenizer.c so that the loadable extension, which must reach SQLite
 * only through the routines its host passes in, links no reference to
 * the library (tests/cli/0004-extension.t checks the .so).
 */
#include "tokenizer.h"

int tokenizer_register(sqlite3 *db, struct tokenizer_tape **slot)
{
	static const struct tokenizer_sqlite direct = {
		sqlite3_prepare_v2, sqlite3_bind_pointer, sqlite3_step,
		sqlite3_finalize,
	};

	return tokenizer_register_with(db, &direct, slot);
}
