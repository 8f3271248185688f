/*
 * err.h - status codes and error messages passed up from the modules.
 *
 * Modules never print and never exit: they return an enum nc_status and fill
 * a struct nc_error with a one-line message (lower case, no full stop, the
 * subject quoted where it helps). Only the cmd_*.c files decide whether an
 * error ends the run or is reported and skipped.
 */
#ifndef NEWSCTL_ERR_H
#define NEWSCTL_ERR_H

#include "buf.h"

enum nc_status {
	NC_OK = 0,
	NC_NOMATCH,		/* nothing found (not an error) */
	NC_EUSAGE,		/* bad option or argument */
	NC_ENOENT,		/* input does not exist or cannot be read */
	NC_EDATA,		/* input is not what it should be */
	NC_ETOOBIG,		/* input over a size limit */
	NC_EDB,			/* database cannot be used (not ours, corrupt) */
	NC_ECANTCREAT,		/* cannot create or open an output or database */
	NC_EIO,			/* read or write failed (disk full...) */
	NC_EBUSY,		/* database or lock busy: try again later */
	NC_ESOFTWARE,		/* internal error */
};

struct nc_error {
	enum nc_status code;
	char msg[1024];
};

/*
 * Record an error and return its code, so that modules can write
 * `return nc_fail(err, NC_EDATA, "'%s': not UTF-8", name);`.
 * err may be NULL.
 */
enum nc_status nc_fail(struct nc_error *err, enum nc_status code,
		       const char *fmt, ...) NC_PRINTF(3, 4);
void nc_clear(struct nc_error *err);

/* Exit codes: see EXIT STATUS in newsctl(1). */
#define NC_EXIT_OK 0
#define NC_EXIT_NOMATCH 1	/* search: no match; ingest: some inputs failed */
#define NC_EXIT_USAGE 2

/* The process exit code for a status (sysexits.h values past 2). */
int nc_exit_code(enum nc_status code);

/*
 * "newsctl: CMD: message\n" on stderr, where CMD is the command running
 * (nc_set_command(); left out before one is chosen).
 */
void nc_warn(const char *fmt, ...) NC_PRINTF(1, 2);
void nc_set_command(const char *name);
/* Print err's message with the "newsctl: " prefix. */
void nc_report(const struct nc_error *err);
/*
 * The exit code of a command that lists what it found: s's, with err
 * reported, when s failed; else 0 when n things were found, 1 for none.
 */
int nc_found_exit(enum nc_status s, const struct nc_error *err,
		  long long n);

#endif
