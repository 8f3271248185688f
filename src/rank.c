/*
 * rank.c - the score of a search hit: bm25 with the field weights of
 * rank.h, times the boost nc_boost() gives for the query's words found
 * together as typed; and nc_clean(), whether the query's sequence stands
 * in an article unbroken by a clause. Registered on every connection
 * (rank_register()). The order of the tiers is store-search.c's.
 */
#include "rank.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* Boost weights per column (FTS_COLUMNS order): headline, lead, body... */
static const double boost_weight[] = { 2.0, 1.0, 0.5, 0.3, 0, 0, 0 };
#define BOOST_COLUMNS ((int)ARRAY_SIZE(boost_weight))
/* Query phrases at most this many tokens apart still count as near. */
#define BOOST_GAP 3
/* ... and in either order within this many tokens, as a loose pair. */
#define BOOST_WINDOW 8
/* Credits of one neighbour pair of the query, as found in a column. */
#define PAIR_ADJACENT 1.0
#define PAIR_NEAR 0.5
#define PAIR_LOOSE 0.25

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
 * The credit of instance b as the neighbour of instance a, which starts
 * no later in the same column (end: where a ends): query phrases i, i+1
 * adjacent in order are worth PAIR_ADJACENT, in order within BOOST_GAP
 * tokens PAIR_NEAR, in either order within BOOST_WINDOW PAIR_LOOSE.
 * *pair gets the pair's index (the smaller phrase).
 */
static double pair_credit(const struct inst *a, int end, const struct inst *b,
			  int *pair)
{
	if (b->phrase == a->phrase + 1) {
		*pair = a->phrase;
		if (b->off == end)
			return PAIR_ADJACENT;
		if (b->off > end && b->off <= end + BOOST_GAP)
			return PAIR_NEAR;
		return PAIR_LOOSE;
	}
	if (b->phrase == a->phrase - 1) {
		*pair = b->phrase;
		return PAIR_LOOSE;
	}
	return 0;
}

/*
 * nc_boost(articles_fts): the FTS5 auxiliary function that rewards the
 * query's words standing together in the article as they were typed: a
 * Vietnamese word is several syllables, each common alone, so an article
 * that holds "dân vận" as typed is about it and one that holds dân and
 * vận apart is not. The features are those of the sequential dependence
 * model (Metzler and Croft, 2005): ordered pairs and pairs in a window.
 *
 * For every column, over the query's phrases 0..n-1 (n >= 2):
 *   chain: the longest run of instances of phrases i, i+1, i+2... each
 *          starting right after the one before (a link worth 1) or within
 *          BOOST_GAP tokens of it (0.5);
 *   pairs: for each neighbour pair (i, i+1) the best credit pair_credit()
 *          gives it, summed.
 * Both are divided by n - 1; the column's worth is the mean of the
 * chain's square and the pairs, weighted by boost_weight[column]; the
 * result is 1 plus the sum over columns. A query found word for word in
 * the headline scores 3x its bm25; its words in reverse order 1.25x.
 * (Whether the whole query stands in the article as typed is decided
 * before this, by the tiers of rank_fast(); this orders within them.)
 */
static void boost_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
		     sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	struct inst stack_inst[128], *inst = stack_inst;
	double stack_chain[128], *chain = stack_chain;
	double stack_pairs[BOOST_COLUMNS * 16], *pairs = stack_pairs;
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
	if (rc == SQLITE_OK && nphrase > 16 &&
	    !(pairs = sqlite3_malloc64((sqlite3_uint64)nphrase *
				       BOOST_COLUMNS * sizeof(*pairs))))
		rc = SQLITE_NOMEM;
	if (rc == SQLITE_OK)
		memset(pairs, 0, (size_t)nphrase * BOOST_COLUMNS *
		       sizeof(*pairs));
	for (int i = 0; rc == SQLITE_OK && i < ninst; i++)
		rc = api->xInst(fts, i, &inst[i].phrase, &inst[i].col,
				&inst[i].off);
	if (rc != SQLITE_OK)
		goto out;
	qsort(inst, (size_t)ninst, sizeof(*inst), inst_cmp);
	for (int i = ninst - 1; i >= 0; i--) {
		int end = inst[i].off + api->xPhraseSize(fts, inst[i].phrase);
		int col = inst[i].col;

		chain[i] = 0;
		for (int j = i + 1; j < ninst && inst[j].col == col &&
		     inst[j].off <= inst[i].off + BOOST_WINDOW; j++) {
			double w;
			int pair;

			w = pair_credit(&inst[i], end, &inst[j], &pair);
			if (w > 0 && col < BOOST_COLUMNS &&
			    w > pairs[pair * BOOST_COLUMNS + col])
				pairs[pair * BOOST_COLUMNS + col] = w;
			if (w < PAIR_NEAR || inst[j].phrase < inst[i].phrase)
				continue;
			w = (w == PAIR_ADJACENT ? 1.0 : 0.5) + chain[j];
			if (w > chain[i])
				chain[i] = w;
		}
		if (col < BOOST_COLUMNS && chain[i] > best[col])
			best[col] = chain[i];
	}
	for (int c = 0; c < BOOST_COLUMNS; c++) {
		double f = best[c] / (nphrase - 1), sum = 0;

		for (int p = 0; p < nphrase - 1; p++)
			sum += pairs[p * BOOST_COLUMNS + c];
		f = f > 1 ? 1 : f * f;
		boost += boost_weight[c] * (f + sum / (nphrase - 1)) / 2;
	}
out:
	if (inst != stack_inst)
		sqlite3_free(inst);
	if (chain != stack_chain)
		sqlite3_free(chain);
	if (pairs != stack_pairs)
		sqlite3_free(pairs);
	if (rc == SQLITE_OK)
		sqlite3_result_double(ctx, boost);
	else
		sqlite3_result_error_code(ctx, rc);
}

/*
 * nc_clean(articles_fts), with the query's sequence as the only phrase
 * (store_query.seq): 1 when one of its instances is not broken by the end
 * of a sentence or clause between two of its words ("lòng dân, vận động"
 * holds the phrase "dân vận" only across a comma), else 0. The tokens'
 * byte offsets come from tokenizing the column text again, so this runs
 * on a few candidates only (store-search.c: SEARCH_RERANK).
 */
struct clean_scan {
	const char *text;
	const int *offs;	/* token offsets of the instances, sorted */
	int noffs, size;	/* instances; tokens in the phrase */
	int pos, at;		/* next token position; next instance */
	int prev_end, broken;	/* inside an instance */
	int clean;
};

/* The length of the quotation mark at s (n bytes left), or 0. */
static int quote_len(const char *s, int n)
{
	static const char *const quotes[] = {
		"'", "\"", "\xe2\x80\x98", "\xe2\x80\x99", "\xe2\x80\x9c",
		"\xe2\x80\x9d", "\xc2\xab", "\xc2\xbb",
	};

	for (size_t i = 0; i < ARRAY_SIZE(quotes); i++) {
		int len = (int)strlen(quotes[i]);

		if (len <= n && !memcmp(s, quotes[i], (size_t)len))
			return len;
	}
	return 0;
}

/*
 * Is there a sentence or clause boundary in the n bytes between two
 * words: a full stop, comma or colon followed by a space; ; ! ? ( ) [ ];
 * an ellipsis, an en or em dash; a hyphen between spaces; a line break;
 * or a quotation mark that opens or closes a quotation, with a space
 * beside it (Đội hình 'siêu mạnh': siêu is quoted apart from hình; in
 * O'Neil the mark joins one name)?
 */
static int clause_break(const char *s, int n)
{
	int quoted = 0, spaced_gap = 0;

	for (int i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int spaced = i + 1 == n || s[i + 1] == ' ' || s[i] == '\n';
		int q = quote_len(s + i, n - i);

		if (q) {
			quoted = 1;
			i += q - 1;
			continue;
		}
		if (c == ' ' || c == '\t')
			spaced_gap = 1;
		if (c == '\n' || strchr(";!?()[]", c) ||
		    (strchr(".,:", c) && spaced) || (c == '-' && i > 0 &&
		     s[i - 1] == ' ' && spaced))
			return 1;
		/* … – — */
		if (c == 0xe2 && i + 3 <= n && (!memcmp(s + i, "\xe2\x80\xa6", 3)
		    || !memcmp(s + i, "\xe2\x80\x93", 3) ||
		    !memcmp(s + i, "\xe2\x80\x94", 3)))
			return 1;
	}
	return quoted && spaced_gap;
}

static int clean_token(void *ctx, int tflags, const char *tok, int ntok,
		       int start, int end)
{
	struct clean_scan *cs = ctx;
	int pos;

	(void)tok;
	(void)ntok;
	if (tflags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	pos = cs->pos++;
	while (cs->at < cs->noffs && cs->offs[cs->at] + cs->size <= pos)
		cs->at++;
	if (cs->at == cs->noffs)
		return SQLITE_DONE;
	if (pos < cs->offs[cs->at])
		return SQLITE_OK;
	if (pos == cs->offs[cs->at])
		cs->broken = 0;
	else if (clause_break(cs->text + cs->prev_end, start - cs->prev_end))
		cs->broken = 1;
	cs->prev_end = end;
	if (pos == cs->offs[cs->at] + cs->size - 1 && !cs->broken) {
		cs->clean = 1;
		return SQLITE_DONE;
	}
	return SQLITE_OK;
}

static int int_cmp(const void *va, const void *vb)
{
	int a = *(const int *)va, b = *(const int *)vb;

	return (a > b) - (a < b);
}

static void clean_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
		     sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	int ninst = 0, ncol = api->xColumnCount(fts), rc, clean = 0;
	int *offs = NULL;

	(void)nval;
	(void)val;
	rc = api->xInstCount(fts, &ninst);
	if (rc == SQLITE_OK && ninst > 0 &&
	    !(offs = sqlite3_malloc64((sqlite3_uint64)ninst * sizeof(*offs))))
		rc = SQLITE_NOMEM;
	for (int c = 0; rc == SQLITE_OK && !clean && c < ncol; c++) {
		struct clean_scan cs = { 0 };
		const char *text;
		int ntext, phrase, col, off;

		for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
			rc = api->xInst(fts, i, &phrase, &col, &off);
			if (rc == SQLITE_OK && col == c && phrase == 0)
				offs[cs.noffs++] = off;
		}
		if (rc != SQLITE_OK || !cs.noffs)
			continue;
		qsort(offs, (size_t)cs.noffs, sizeof(*offs), int_cmp);
		rc = api->xColumnText(fts, c, &text, &ntext);
		if (rc != SQLITE_OK || !text)
			continue;
		cs.text = text;
		cs.offs = offs;
		cs.size = api->xPhraseSize(fts, 0);
		rc = api->xTokenize(fts, text, ntext, &cs, clean_token);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		clean = cs.clean;
	}
	sqlite3_free(offs);
	if (rc == SQLITE_OK)
		sqlite3_result_int(ctx, clean);
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
	if (api->xCreateFunction(api, "nc_boost", NULL, boost_fn, NULL))
		return SQLITE_ERROR;
	return api->xCreateFunction(api, "nc_clean", NULL, clean_fn, NULL);
}
