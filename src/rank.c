/*
 * rank.c - the score of a search hit: bm25 with the field weights of
 * rank.h, times the boost nc_boost() gives for the query's phrases found
 * next to each other. Registered on every connection (rank_register()).
 */
#include "rank.h"

#include <stdlib.h>

#include "buf.h"

/* Boost weights per column (FTS_COLUMNS order): headline, lead, body... */
static const double boost_weight[] = { 2.0, 1.0, 0.5, 0.3, 0, 0, 0 };
#define BOOST_COLUMNS ((int)ARRAY_SIZE(boost_weight))
/* Query phrases at most this many tokens apart still count as near. */
#define BOOST_GAP 3

struct inst {
	int phrase, col, off;	/* off: token offset in the column */
};

static int inst_cmp(const void *va, const void *vb)
{
	const struct inst *a = va, *b = vb;

	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	return (a->phrase > b->phrase) - (a->phrase < b->phrase);
}

/*
 * nc_boost(articles_fts): the FTS5 auxiliary function that rewards the
 * query's phrases standing next to each other, in query order, as typed.
 *
 * For every column it finds the longest chain of instances of phrases
 * i, i+1, i+2... where each starts right after the one before (a link
 * worth 1) or within BOOST_GAP tokens of it (worth 0.5). The chain's worth
 * over the most it could be (phrases - 1) is squared and weighted by
 * boost_weight[column]; the result is 1 plus the sum over columns, so a
 * query found word for word in the headline scores 3x its bm25.
 */
static void boost_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
		     sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	struct inst stack_inst[128], *inst = stack_inst;
	double stack_chain[128], *chain = stack_chain;
	double best[BOOST_COLUMNS] = { 0 }, boost = 1.0;
	int nphrase = api->xPhraseCount(fts), ninst = 0, rc;

	(void)nval;
	(void)val;
	if (nphrase < 2) {
		sqlite3_result_double(ctx, 1.0);
		return;
	}
	rc = api->xInstCount(fts, &ninst);
	if (rc == SQLITE_OK && ninst > 128) {
		inst = sqlite3_malloc64((sqlite3_uint64)ninst * sizeof(*inst));
		chain = sqlite3_malloc64((sqlite3_uint64)ninst * sizeof(*chain));
		if (!inst || !chain)
			rc = SQLITE_NOMEM;
	}
	for (int i = 0; rc == SQLITE_OK && i < ninst; i++)
		rc = api->xInst(fts, i, &inst[i].phrase, &inst[i].col,
				&inst[i].off);
	if (rc != SQLITE_OK)
		goto out;
	qsort(inst, (size_t)ninst, sizeof(*inst), inst_cmp);
	for (int i = ninst - 1; i >= 0; i--) {
		int end = inst[i].off + api->xPhraseSize(fts, inst[i].phrase);

		chain[i] = 0;
		for (int j = i + 1; j < ninst && inst[j].col == inst[i].col &&
		     inst[j].off <= end + BOOST_GAP; j++) {
			double w;

			if (inst[j].phrase != inst[i].phrase + 1 ||
			    inst[j].off < end)
				continue;
			w = (inst[j].off == end ? 1.0 : 0.5) + chain[j];
			if (w > chain[i])
				chain[i] = w;
		}
		if (inst[i].col < BOOST_COLUMNS && chain[i] > best[inst[i].col])
			best[inst[i].col] = chain[i];
	}
	for (int c = 0; c < BOOST_COLUMNS; c++) {
		double f = best[c] / (nphrase - 1);

		boost += boost_weight[c] * (f > 1 ? 1 : f * f);
	}
out:
	if (inst != stack_inst)
		sqlite3_free(inst);
	if (chain != stack_chain)
		sqlite3_free(chain);
	if (rc == SQLITE_OK)
		sqlite3_result_double(ctx, boost);
	else
		sqlite3_result_error_code(ctx, rc);
}

/* The connection's fts5_api, or NULL (SQLite's documented recipe). */
static fts5_api *search_fts5_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *stmt = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr",
				     NULL);
		sqlite3_step(stmt);
	}
	sqlite3_finalize(stmt);
	return api;
}

int rank_register(sqlite3 *db)
{
	fts5_api *api = search_fts5_api(db);

	if (!api)
		return SQLITE_ERROR;
	return api->xCreateFunction(api, "nc_boost", NULL, boost_fn, NULL);
}
