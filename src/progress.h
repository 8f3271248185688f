/*
 * progress.h - a one-line progress report on standard error, shown only
 * when it is a terminal and at most a few times a second.
 */
#ifndef NEWSCTL_PROGRESS_H
#define NEWSCTL_PROGRESS_H

struct progress {
	int on;			/* stderr is a terminal and not --quiet */
	int shown;		/* a line is on the screen */
	double last;		/* when it was last drawn (seconds) */
};

void progress_init(struct progress *p, int quiet);
/* Redraw the line (printf-style) if enough time has passed. */
void progress_show(struct progress *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Erase the line, e.g. before an error message or at the end. */
void progress_clear(struct progress *p);

#endif
