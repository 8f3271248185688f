/*
 * filter.c - a selection from the query language and options; see
 * filter.h.
 */
#include "filter.h"

#include "date.h"

static enum nc_status bound(const char *opt, const char *v,
			    char out[DATE_ISO_MAX], struct nc_error *err)
{
	if (!v || date_parse_bound(v, out))
		return NC_OK;
	return nc_fail(err, NC_EUSAGE, "%s: '%s' is not a date (try "
		       "2017-10-12)", opt, v);
}

enum nc_status filter_parse(struct filter *f, const char *text,
			    const char *since, const char *until,
			    struct nc_error *err)
{
	char since_iso[DATE_ISO_MAX] = "", until_iso[DATE_ISO_MAX] = "";
	enum nc_status s;

	s = bound("--since", since, since_iso, err);
	if (!s)
		s = bound("--until", until, until_iso, err);
	if (!s && text)
		s = query_parse_flags(&f->q, text, f->query_flags, err);
	if (!s)
		query_narrow(&f->q, since_iso, until_iso);
	return s;
}

void filter_release(struct filter *f)
{
	query_release(&f->q);
	*f = (struct filter)FILTER_INIT;
}
