/*
 * newsctl.h - what the command files share: the run's context and the
 * cmd_* entry points.
 *
 * A command parses its options with nc_options(), which handles --help
 * and bad options for every command alike; gets the database through
 * nc_store(), opened once, in the mode the command table gives; does its
 * work through the modules; prints records through one printer
 * (output.h) and diagnostics through nc_warn() ("newsctl: search: ...");
 * and returns the process exit code (EXIT STATUS in newsctl(1)). main()
 * closes the database and flushes standard output, checking for errors.
 */
#ifndef NEWSCTL_H
#define NEWSCTL_H

#include "err.h"
#include "opt.h"
#include "store.h"

/* What a command needs opened first (the command table's flags). */
enum {
	CMD_NO_DB = 0,		/* no database */
	CMD_DB_READ = 1 << 0,	/* the database must exist */
	CMD_DB_WRITE = 1 << 1,	/* created with its schema when missing */
};

struct nc_ctx {
	const char *name;	/* the command, as in "search" */
	int flags;		/* CMD_* */
	const char *db_path;	/* resolved: --db, NEWSCTL_DB or the default */
	int db_is_default;	/* its folder may be created */
	struct store *store;	/* opened by nc_store() */
};

/*
 * Parse the command's options (opt.h). Returns the number of arguments
 * left in argv, or -1 when the command is to return *exit_code at once:
 * 0 after --help, 2 after a bad option (the message is printed).
 */
int nc_options(const struct opt *opts, const char *usage, int argc,
	       char **argv, int *exit_code);
/* nc_options() for a command that takes options alone: 0, or -1 with
 * *exit_code set (2 for an argument, named with the usage). */
int nc_options_only(const struct opt *opts, const char *usage, int argc,
		    char **argv, int *exit_code);

/*
 * The database, opened on first use in the mode of the command's flags;
 * NULL after printing why, with *exit_code set.
 */
struct store *nc_store(struct nc_ctx *ctx, int *exit_code);

/* Print "newsctl: CMD: message" and return the usage exit code (2). */
int nc_usage(const char *fmt, ...) NC_PRINTF(1, 2);

/* The words of a query given as arguments, as one text. */
void nc_join_args(int argc, char **argv, struct buf *text);

/*
 * Whether name can name an incremental export or a watch: 1 to 64
 * letters, digits, '.', '_' and '-' (it is part of a file name).
 */
int nc_name_ok(const char *name);

/*
 * Lock the run of what (an "export", a "watch") name with a lock file
 * beside the database file itself (its real path, so that every spelling
 * of the path, a symbolic link or "./", takes the same lock), waiting up
 * to wait seconds; 0, or the exit code after printing why (75 when
 * another run holds it). lock_release(*fd) ends it.
 */
int nc_lock(struct nc_ctx *ctx, const char *what, const char *name,
	    long long wait, int *fd);

/*
 * Print through pr the counts of every article of f by facet (store.h's
 * enum store_facet), whatever the page: limit and offset are not the
 * facet's; *n gets the articles counted (cmd_search.c, for search
 * --facet and stats --by).
 */
struct printer;
enum nc_status print_facets(struct store *st, const struct filter *f,
			    int facet, struct printer *pr, long long *n,
			    struct nc_error *err);

int cmd_ingest(struct nc_ctx *ctx, int argc, char **argv);
int cmd_search(struct nc_ctx *ctx, int argc, char **argv);
int cmd_show(struct nc_ctx *ctx, int argc, char **argv);
int cmd_dups(struct nc_ctx *ctx, int argc, char **argv);
int cmd_stats(struct nc_ctx *ctx, int argc, char **argv);
int cmd_export(struct nc_ctx *ctx, int argc, char **argv);
int cmd_import(struct nc_ctx *ctx, int argc, char **argv);
int cmd_verify(struct nc_ctx *ctx, int argc, char **argv);
int cmd_check(struct nc_ctx *ctx, int argc, char **argv);
int cmd_reindex(struct nc_ctx *ctx, int argc, char **argv);
int cmd_prune(struct nc_ctx *ctx, int argc, char **argv);
int cmd_watch(struct nc_ctx *ctx, int argc, char **argv);

#endif
