/*
 * newsctl.h - what the command files share: the run's context and the
 * cmd_* entry points.
 *
 * A command parses its options, opens the database through nc_store()
 * when it needs one, does its work through the modules, and returns the
 * process exit code (see EXIT STATUS in newsctl(1)).
 */
#ifndef NEWSCTL_H
#define NEWSCTL_H

#include "err.h"
#include "store.h"

struct nc_ctx {
	const char *db_path;	/* resolved: --db, NEWSCTL_DB or the default */
	int db_is_default;	/* its folder may be created */
	struct store *store;	/* opened by nc_store() */
};

/*
 * Open the database for the command (once) and return it, or print the
 * error and return NULL with *exit_code set.
 */
struct store *nc_store(struct nc_ctx *ctx, enum store_mode mode,
		       int *exit_code);

int cmd_ingest(struct nc_ctx *ctx, int argc, char **argv);
int cmd_search(struct nc_ctx *ctx, int argc, char **argv);
int cmd_show(struct nc_ctx *ctx, int argc, char **argv);
int cmd_stats(struct nc_ctx *ctx, int argc, char **argv);
int cmd_export(struct nc_ctx *ctx, int argc, char **argv);
int cmd_import(struct nc_ctx *ctx, int argc, char **argv);
int cmd_verify(struct nc_ctx *ctx, int argc, char **argv);
int cmd_check(struct nc_ctx *ctx, int argc, char **argv);

#endif
