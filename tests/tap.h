/*
 * tap.h - a tiny Test Anything Protocol producer for the C unit tests.
 *
 *   ok(cond, "name %d", i);            one test
 *   is_str(got, want, "name");         strings equal (either may be NULL)
 *   is_int(got, want, "name");         integers equal
 *   return done_testing();             plan line and exit status
 *
 * Header-only: each unit test is one program.
 */
#ifndef NEWSCTL_TAP_H
#define NEWSCTL_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_run, tap_failed;

__attribute__((format(printf, 2, 3), unused))
static int ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_run++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_run);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

__attribute__((unused))
static int is_str(const char *got, const char *want, const char *name)
{
	int same = (!got && !want) || (got && want && !strcmp(got, want));

	if (!ok(same, "%s", name))
		printf("#   got:  '%s'\n#   want: '%s'\n", got ? got : "(null)",
		       want ? want : "(null)");
	return same;
}

__attribute__((unused))
static int is_int(long long got, long long want, const char *name)
{
	if (!ok(got == want, "%s", name))
		printf("#   got:  %lld\n#   want: %lld\n", got, want);
	return got == want;
}

__attribute__((unused))
static void diag(const char *msg)
{
	printf("# %s\n", msg);
}

__attribute__((unused))
static int done_testing(void)
{
	printf("1..%d\n", tap_run);
	return tap_failed ? 1 : 0;
}

#endif
