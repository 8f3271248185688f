/*
 * progress.c - progress on a terminal or as JSON Lines; see progress.h.
 */
#include "progress.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"

/* A terminal line is redrawn 5 times a second; a script reads 1. */
#define TTY_INTERVAL 0.2
#define JSON_INTERVAL 1.0

const struct opt_keyword progress_modes[] = {
	{ "auto", PROGRESS_AUTO }, { "json", PROGRESS_JSON },
	{ "none", PROGRESS_NONE }, { NULL, 0 },
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void progress_init(struct progress *p, int quiet)
{
	progress_start(p, PROGRESS_AUTO, quiet, NULL);
}

void progress_start(struct progress *p, enum progress_mode mode, int quiet,
		    const char *command)
{
	p->json = mode == PROGRESS_JSON;
	p->on = mode == PROGRESS_AUTO && !quiet && isatty(2);
	p->command = command ? command : "";
	p->shown = 0;
	p->start = p->last = now();
}

void progress_show(struct progress *p, const char *fmt, ...)
{
	va_list ap;
	double t;

	if (!p->on)
		return;
	t = now();
	if (t - p->last < TTY_INTERVAL)
		return;
	p->last = t;
	fputs("\r\033[K", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	p->shown = 1;
}

/*
 * One JSON line, written whole with one fputs so that it does not mix
 * with messages. Names and the command are our own ASCII words, so they
 * need no escaping.
 */
static void json_line(struct progress *p, const char *const *names,
		      const long long *values, size_t n, double t, int done,
		      int ok)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "{\"command\":\"%s\",\"elapsed\":%.3f,\"done\":%s",
		 p->command, t - p->start, done ? "true" : "false");
	if (done)
		buf_addf(&b, ",\"ok\":%s", ok ? "true" : "false");
	for (size_t i = 0; i < n; i++)
		buf_addf(&b, ",\"%s\":%lld", names[i], values[i]);
	buf_adds(&b, "}\n");
	fputs(b.s, stderr);
	fflush(stderr);
	buf_release(&b);
}

void progress_counts(struct progress *p, const char *const *names,
		     const long long *values, size_t n)
{
	struct buf line = BUF_INIT;
	double t;

	if (!p->on && !p->json)
		return;
	t = now();
	if (t - p->last < (p->json ? JSON_INTERVAL : TTY_INTERVAL))
		return;
	p->last = t;
	if (p->json) {
		json_line(p, names, values, n, t, 0, 0);
		return;
	}
	for (size_t i = 0; i < n; i++)
		buf_addf(&line, "%s%lld %s", i ? ", " : "", values[i],
			 names[i]);
	fprintf(stderr, "\r\033[K%s", line.s);
	p->shown = 1;
	buf_release(&line);
}

void progress_done(struct progress *p, const char *const *names,
		   const long long *values, size_t n, int ok)
{
	progress_clear(p);
	if (p->json)
		json_line(p, names, values, n, now(), 1, ok);
}

void progress_clear(struct progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = 0;
}
