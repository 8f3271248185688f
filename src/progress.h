/*
 * progress.h - progress on standard error: one line redrawn on a
 * terminal (at most a few times a second, never when it is not a
 * terminal), or JSON Lines for the scripts and dashboards that drive a
 * command (--progress json).
 */
#ifndef NEWSCTL_PROGRESS_H
#define NEWSCTL_PROGRESS_H

#include <stddef.h>

#include "opt.h"

enum progress_mode {
	PROGRESS_AUTO,		/* the terminal line, when stderr is one */
	PROGRESS_JSON,		/* JSON Lines, whatever stderr is */
	PROGRESS_NONE,
};
/* The --progress keywords: auto, json, none. */
extern const struct opt_keyword progress_modes[];
/* The --progress option of a command, into int *v (PROGRESS_AUTO). */
#define OPT_PROGRESS(v) OPT_KEYWORD(0, "progress", (v), "auto|json|none", \
	"progress on stderr: on a terminal (auto), as JSON Lines, or none", \
	progress_modes)

struct progress {
	int on;			/* stderr is a terminal and not --quiet */
	int json;		/* JSON Lines instead */
	const char *command;	/* JSON: the "command" key */
	int shown;		/* a line is on the screen */
	double start;		/* JSON: for "elapsed" */
	double last;		/* when it was last drawn (seconds) */
};

void progress_init(struct progress *p, int quiet);
/*
 * The same for a --progress mode: JSON Lines for command (even with
 * --quiet, which is about messages), the terminal line, or nothing.
 */
void progress_start(struct progress *p, enum progress_mode mode, int quiet,
		    const char *command);
/* Redraw the line (printf-style) if enough time has passed. */
void progress_show(struct progress *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Report n named counts. A terminal shows "V1 N1, V2 N2"; JSON writes at
 * most one line a second:
 *   {"command":"ingest","elapsed":1.5,"done":false,"N1":V1,...}
 */
void progress_counts(struct progress *p, const char *const *names,
		     const long long *values, size_t n);
/*
 * The end: erase the terminal line; JSON writes the final counts with
 * "done":true and "ok" (whether the command succeeded).
 */
void progress_done(struct progress *p, const char *const *names,
		   const long long *values, size_t n, int ok);
/* Erase the line, e.g. before an error message or at the end. */
void progress_clear(struct progress *p);

#endif
