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

void nc_warn(const char *fmt, ...)
{
	va_list ap;

	fputs("newsctl: ", stderr);
	if (command)
		fprintf(stderr, "%s: ", command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void nc_report(const struct nc_error *err)
{
	nc_warn("%s", err->msg[0] ? err->msg : "unknown error");
}
