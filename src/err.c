/*
 * err.c - status codes, messages and exit codes; see err.h.
 */
#include "err.h"

#include <stdio.h>
#include <string.h>
#include <sysexits.h>

enum nc_status nc_fail(struct nc_error *err, enum nc_status code,
		       const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

void nc_clear(struct nc_error *err)
{
	err->code = NC_OK;
	err->msg[0] = '\0';
}

int nc_exit_code(enum nc_status code)
{
	switch (code) {
	case NC_OK:
		return NC_EXIT_OK;
	case NC_NOMATCH:
		return NC_EXIT_NOMATCH;
	case NC_EUSAGE:
		return NC_EXIT_USAGE;
	case NC_ENOENT:
		return EX_NOINPUT;
	case NC_EDATA:
	case NC_ETOOBIG:
		return EX_DATAERR;
	case NC_EDB:
		return EX_DATAERR;
	case NC_ECANTCREAT:
		return EX_CANTCREAT;
	case NC_EIO:
		return EX_IOERR;
	case NC_EBUSY:
		return EX_TEMPFAIL;
	case NC_ESOFTWARE:
		break;
	}
	return EX_SOFTWARE;
}

static const char *command;

void nc_set_command(const char *name)
{
	command = name;
}

/*
 * Write s to fp with control characters escaped (\n, \t, \r, \xHH, and
 * the C1 controls U+0080..U+009F as \u00HH): messages name files and
 * archive entries, and a name holding a newline or a terminal escape must
 * not forge a line of its own or drive the terminal.
 */
static void put_escaped(FILE *fp, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n')
			fputs("\\n", fp);
		else if (*p == '\t')
			fputs("\\t", fp);
		else if (*p == '\r')
			fputs("\\r", fp);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(fp, "\\x%02x", *p);
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			fprintf(fp, "\\u%04x", *++p);
		else
			fputc(*p, fp);
	}
}

void nc_warn(const char *fmt, ...)
{
	char msg[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fputs("newsctl: ", stderr);
	if (command)
		fprintf(stderr, "%s: ", command);
	put_escaped(stderr, msg);
	fputc('\n', stderr);
}

void nc_report(const struct nc_error *err)
{
	nc_warn("%s", err->msg[0] ? err->msg : "unknown error");
}

int nc_found_exit(enum nc_status s, const struct nc_error *err,
		  long long n)
{
	if (s) {
		nc_report(err);
		return nc_exit_code(s);
	}
	return n ? NC_EXIT_OK : NC_EXIT_NOMATCH;
}
