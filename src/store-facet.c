/*
 * store-facet.c - counts of the articles of a filter by a field (search
 * --facet, stats --by), over every match rather than a page of them.
 */
#include "store-int.h"

/*
 * The value of each facet in SQL. Years and months come from the
 * published date when it starts with one; other dates count as unknown.
 */
static const char *const facet_sql[] = {
	[FACET_SOURCE] = "a.source",
	[FACET_SECTION] = "a.section",
	[FACET_BYLINE] = "a.byline",
	[FACET_YEAR] = "CASE WHEN a.published GLOB '[0-9][0-9][0-9][0-9]*'"
		       " THEN substr(a.published, 1, 4) END",
	[FACET_MONTH] = "CASE WHEN a.published GLOB"
			" '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'"
			" THEN substr(a.published, 1, 7) END",
};

enum nc_status store_facet(struct store *st, const struct filter *f,
			   enum store_facet by, store_facet_fn fn, void *ctx,
			   long long *nvalues, struct nc_error *err)
{
	struct buf sql = BUF_INIT, until = BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	long long n = 0;
	enum nc_status s;
	int rc;

	buf_addf(&sql, "SELECT %s AS v, count(*)", facet_sql[by]);
	store_filter_sql(f, &sql);
	buf_adds(&sql, " GROUP BY v ORDER BY ");
	/* dates read in their order; names by weight, unknown last */
	if (by == FACET_YEAR || by == FACET_MONTH)
		buf_adds(&sql, "v IS NULL, v");
	else
		buf_adds(&sql, "2 DESC, v IS NULL, v");
	s = store_filter_prepare(st, f, sql.s, &stmt, &until, err);
	while (!s && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		fn(ctx, (const char *)sqlite3_column_text(stmt, 0),
		   sqlite3_column_int64(stmt, 1));
		n++;
	}
	if (!s && rc != SQLITE_DONE)
		s = store_search_error(st, rc, err);
	if (nvalues)
		*nvalues = n;
	sqlite3_finalize(stmt);
	buf_release(&sql);
	buf_release(&until);
	return s;
}
