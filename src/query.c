/*
 * query.c - user queries to FTS5 expressions; see query.h.
 */
#include "query.h"

#include <string.h>

/* The columns a plain word is looked for in. */
#define TEXT_COLUMNS "{title lead body captions}"

/* Append s (len bytes) as an FTS5 string: in double quotes, '"' doubled. */
static void add_quoted(struct buf *out, const char *s, size_t len)
{
	buf_addc(out, '"');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_addc(out, '"');
		buf_addc(out, s[i]);
	}
	buf_addc(out, '"');
}

enum nc_status query_to_fts(const char *q, struct buf *out,
			    struct nc_error *err)
{
	size_t start = out->len;
	int words = 0;

	buf_adds(out, TEXT_COLUMNS " : (");
	while (*q) {
		size_t n;

		q += strspn(q, " \t\n");
		n = strcspn(q, " \t\n");
		if (!n)
			break;
		if (words++)
			buf_adds(out, " AND ");
		add_quoted(out, q, n);
		q += n;
	}
	buf_addc(out, ')');
	if (!words) {
		buf_setlen(out, start);
		return nc_fail(err, NC_EUSAGE, "empty query");
	}
	return NC_OK;
}
