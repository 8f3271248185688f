/*
 * progress.c - progress on a terminal; see progress.h.
 */
#include "progress.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void progress_init(struct progress *p, int quiet)
{
	p->on = !quiet && isatty(2);
	p->shown = 0;
	p->last = now();
}

void progress_show(struct progress *p, const char *fmt, ...)
{
	va_list ap;
	double t;

	if (!p->on)
		return;
	t = now();
	if (t - p->last < 0.2)
		return;
	p->last = t;
	fputs("\r\033[K", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	p->shown = 1;
}

void progress_clear(struct progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = 0;
}
