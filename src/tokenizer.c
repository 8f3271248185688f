/*
 * tokenizer.c - the FTS5 tokenizer "vietnamese" (SQLite's v1
 * fts5_tokenizer API); see tokenizer.h for what it does.
 *
 * The language rules (case, folding, tone placement) are in vietnamese.c;
 * this file splits text and talks to FTS5. The hot loop decodes UTF-8 and
 * looks each code point of the Latin ranges up in vn_table[]; ICU is called
 * only for code points outside that table (other scripts) and for the rare
 * run that is not in NFC.
 */
#include "tokenizer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>

#include "abbrev.h"
#include "buf.h"
#include "vietnamese.h"

#define MAX_CP TOKENIZER_MAX_TOKEN	/* code points kept of one run */
#define FOLDBUF (4 * TOKENIZER_MAX_TOKEN + 8)

/* What one code point is to the splitter. */
enum kind { K_SEP, K_WORD, K_IDEO, K_JOIN };

/* Run flags. */
#define R_NFC 1		/* some code point needs NFC checking */
#define R_TONE 2	/* some code point has a tone mark */

struct Fts5Tokenizer {
	struct tokenizer_tape **slot;	/* NULL, or where a tape is put */
};

/*
 * A tape: the texts recorded (copied) and their tokens. In data, each
 * token is a struct tape_token followed by its ntok bytes.
 */
struct tape_text {
	size_t text, len;	/* offset and length of the text in data */
	size_t first, end;	/* its tokens: [first, end) of data */
};

struct tape_token {
	int tflags, start, end, ntok;
};

struct tokenizer_tape {
	struct buf data;
	struct tape_text *texts;
	size_t ntexts, cap;
	int replayed;
};

/* Where a recent token stood, for the spelling variants (emit_variant()). */
struct part {
	int start;		/* bytes in the text */
	uint32_t hash;		/* abbrev_hash() of the token */
};

/*
 * The state of one xTokenize call. A run (one part) is turned into its
 * exact token tok[] and folded twin fold[] as it is scanned; cp[] keeps
 * its first code points (lower case) for the tone rule, or all of them
 * after NFC normalisation.
 */
struct split {
	void *ctx;
	int (*token)(void *, int, const char *, int, int, int);
	int doc;			/* add folded twins and joined forms */
	uint32_t cp[MAX_CP];
	int n;				/* code points in the run */
	int rflags;
	int stored_end;			/* byte offset after the MAX_CP-th */
	int full;			/* tok[] holds TOKENIZER_MAX_TOKEN */
	char tok[TOKENIZER_MAX_TOKEN + 8], fold[FOLDBUF];
	int ntok, nfold, folds;
	char join[TOKENIZER_MAX_TOKEN + 8], jfold[TOKENIZER_MAX_TOKEN + 8];
	int njoin, njfold, jfolds, parts, jstart, joined_now;
	struct part hist[ABBREV_MAX_PARTS];
	int nhist;			/* tokens seen; hist[] is a ring */
};

static int is_joiner(uint32_t c)
{
	switch (c) {
	case '-': case '.': case '/': case ',': case ':': case '_': case '\'':
	case 0x2010: case 0x2011: case 0x2019:
		return 1;
	}
	return 0;
}

/*
 * Decode the non-ASCII code point at u[*i] (advancing *i, bytes) and say
 * what it is; *lower and *fold get its lower-case and folded forms and
 * *fl the R_* flags it brings. Invalid UTF-8 separates.
 */
static enum kind next_cp(const uint8_t *u, int *i, int len,
			 uint32_t *lower, uint32_t *fold, int *fl)
{
	const struct vn_char *e;
	uint32_t gc;
	UChar32 c;

	U8_NEXT(u, *i, len, c);
	if (c < 0)
		return K_SEP;
	e = vn_char_of((uint32_t)c);
	if (e) {
		if (e->flags & VN_WORD) {
			*lower = e->lower;
			*fold = e->fold;
			*fl = ((e->flags & VN_NFC_CHECK) ? R_NFC : 0) |
			      (e->tone ? R_TONE : 0);
			return K_WORD;
		}
		return is_joiner((uint32_t)c) ? K_JOIN : K_SEP;
	}
	/* letters, decimal digits and marks, as u_isalnum() plus marks */
	gc = U_GET_GC_MASK(c);
	if (!(gc & (U_GC_L_MASK | U_GC_ND_MASK | U_GC_M_MASK)))
		return is_joiner((uint32_t)c) ? K_JOIN : K_SEP;
	if ((gc & U_GC_LO_MASK) && u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) {
		*lower = *fold = (uint32_t)c;
		*fl = 0;
		return K_IDEO;
	}
	vn_lower_fold((uint32_t)c, lower, fold);
	*fl = u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES ?
	      R_NFC : 0;
	return K_WORD;
}

/* The kind of the code point at u[*i], advancing *i. */
static inline enum kind kind_at(const uint8_t *u, int *i, int len)
{
	uint32_t l, f;
	int fl;

	if (u[*i] < 0x80) {
		uint8_t b = u[(*i)++];

		if (vn_table[b].flags & VN_WORD)
			return K_WORD;
		return is_joiner(b) ? K_JOIN : K_SEP;
	}
	return next_cp(u, i, len, &l, &f, &fl);
}

/* Empty the run's tokens. */
static inline void tok_reset(struct split *sp)
{
	sp->n = sp->ntok = sp->nfold = sp->folds = sp->full = 0;
}

/*
 * Add code point l (lower case; f folded, 0 if folding drops it) to the
 * run. The exact token stops growing, at a code point boundary, when the
 * next code point would pass TOKENIZER_MAX_TOKEN bytes; the twin stops
 * with it.
 */
static inline void add(struct split *sp, uint32_t l, uint32_t f)
{
	if (sp->n < MAX_CP)
		sp->cp[sp->n] = l;
	sp->n++;
	if (sp->full)
		return;
	if (l < 0x80) {
		if (sp->ntok >= TOKENIZER_MAX_TOKEN) {
			sp->full = 1;
			return;
		}
		sp->tok[sp->ntok++] = (char)l;
		sp->fold[sp->nfold++] = (char)l;
		return;
	}
	if (sp->ntok + U8_LENGTH(l) > TOKENIZER_MAX_TOKEN) {
		sp->full = 1;
		return;
	}
	U8_APPEND_UNSAFE(sp->tok, sp->ntok, l);
	if (f != l)
		sp->folds = 1;
	if (f)
		U8_APPEND_UNSAFE(sp->fold, sp->nfold, f);
}

/* Rebuild tok[] and fold[] from the n code points in cp[]. */
static void encode(struct split *sp)
{
	int n = sp->n < MAX_CP ? sp->n : MAX_CP;

	tok_reset(sp);
	for (int k = 0; k < n; k++) {
		uint32_t l = sp->cp[k], f = l, ll;
		const struct vn_char *e = vn_char_of(l);

		if (e)
			f = e->fold;
		else
			vn_lower_fold(l, &ll, &f);
		add(sp, l, f);
	}
}

/*
 * Replace the run's code points by the lower-cased NFC form of the
 * original bytes s[0..nbytes) (only called when the run may not be NFC).
 * On an ICU failure the run is left as it was.
 */
static void nfc_run(struct split *sp, const char *s, int nbytes)
{
	UChar src[2 * MAX_CP + 2], dst[4 * MAX_CP + 4];
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	int32_t n16 = 0, len, i = 0;
	int n = 0;

	if (U_FAILURE(st))
		return;
	u_strFromUTF8(src, 2 * MAX_CP + 2, &n16, s, nbytes, &st);
	if (U_FAILURE(st))
		return;
	len = unorm2_normalize(nfc, src, n16, dst, 4 * MAX_CP + 4, &st);
	if (U_FAILURE(st))
		return;
	while (i < len && n < MAX_CP) {
		uint32_t lower, fold;
		UChar32 c;

		U16_NEXT(dst, i, len, c);
		vn_lower_fold((uint32_t)c, &lower, &fold);
		sp->cp[n++] = lower;
	}
	sp->n = n;
	encode(sp);
}

/* Append the UTF-8 token t (n bytes) to buf, cut at a code point. */
static void append(char *buf, int *len, const char *t, int n)
{
	int room = TOKENIZER_MAX_TOKEN - *len;

	if (n > room) {
		n = room;
		while (n > 0 && ((uint8_t)t[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf + *len, t, (size_t)n);
	*len += n;
}

/* Write key (n bytes, lower case) colocated, and its folded twin. */
static int emit_key(struct split *sp, const char *key, int n, int start,
		    int end)
{
	char fold[ABBREV_MAX_PARTS * ABBREV_MAX_TOKEN];
	int i = 0, nfold = 0, rc;

	rc = sp->token(sp->ctx, FTS5_TOKEN_COLOCATED, key, n, start, end);
	while (i < n) {
		uint32_t l, f;
		UChar32 c;

		U8_NEXT(key, i, n, c);
		vn_lower_fold(c < 0 ? 0xFFFD : (uint32_t)c, &l, &f);
		if (f && nfold + U8_LENGTH(f) <= (int)sizeof(fold))
			U8_APPEND_UNSAFE(fold, nfold, f);
	}
	if (rc == SQLITE_OK && (nfold != n || memcmp(fold, key, (size_t)n)))
		rc = sp->token(sp->ctx, FTS5_TOKEN_COLOCATED, fold, nfold,
			       start, end);
	return rc;
}

static int emit_joined(struct split *sp, int start, int end, int more);
static int emit_variant(struct split *sp, const char *text, int start,
			int end);

/*
 * Emit the run [start, end) of text as a token (and its twin); when more
 * is true the run is followed by a joiner and another part, else a joined
 * form of two or more parts is emitted too.
 */
static int emit(struct split *sp, const char *text, int start, int end,
		int more)
{
	int rc;

	if (sp->rflags & R_NFC) {
		nfc_run(sp, text + start, sp->stored_end - start);
		sp->rflags |= R_TONE;	/* marks may have composed */
	}
	if ((sp->rflags & R_TONE) && sp->n <= VN_SYLLABLE_MAX &&
	    vn_place_tone(sp->cp, (size_t)sp->n))
		encode(sp);
	if (sp->ntok == 0)
		return SQLITE_OK;
	rc = sp->token(sp->ctx, 0, sp->tok, sp->ntok, start, end);
	if (rc == SQLITE_OK && sp->doc && sp->folds && sp->nfold > 0)
		rc = sp->token(sp->ctx, FTS5_TOKEN_COLOCATED, sp->fold,
			       sp->nfold, start, end);
	if (rc != SQLITE_OK || !sp->doc)
		return rc;
	rc = emit_joined(sp, start, end, more);
	if (rc == SQLITE_OK)
		rc = emit_variant(sp, text, start, end);
	return rc;
}

/*
 * The joined form of a compound (TP.HCM -> tphcm), after its last part:
 * see tokenizer.h. sp->joined_now tells emit_variant() it was written.
 */
static int emit_joined(struct split *sp, int start, int end, int more)
{
	int rc;

	sp->joined_now = 0;
	if (!more && sp->parts == 0)
		return SQLITE_OK;
	if (sp->parts == 0) {
		sp->jstart = start;
		sp->njoin = sp->njfold = sp->jfolds = 0;
	}
	append(sp->join, &sp->njoin, sp->tok, sp->ntok);
	if (sp->folds) {
		append(sp->jfold, &sp->njfold, sp->fold, sp->nfold);
		sp->jfolds = 1;
	} else {
		append(sp->jfold, &sp->njfold, sp->tok, sp->ntok);
	}
	sp->parts++;
	if (more)
		return SQLITE_OK;
	rc = sp->token(sp->ctx, FTS5_TOKEN_COLOCATED, sp->join, sp->njoin,
		       sp->jstart, end);
	if (rc == SQLITE_OK && sp->jfolds && sp->njfold > 0)
		rc = sp->token(sp->ctx, FTS5_TOKEN_COLOCATED, sp->jfold,
			       sp->njfold, sp->jstart, end);
	sp->parts = 0;
	sp->joined_now = 1;
	return rc;
}

/* Tokens joined by spaces, as abbrev_variant() takes them; n -1: too long */
struct seq {
	char s[ABBREV_MAX_PARTS * (ABBREV_MAX_TOKEN + 1)];
	int n;
};

static int seq_token(void *ctx, int tflags, const char *tok, int ntok,
		     int start, int end)
{
	struct seq *q = ctx;

	if (q->n < 0 || q->n + ntok + 1 > (int)sizeof(q->s)) {
		q->n = -1;
		return SQLITE_OK;
	}
	if (q->n)
		q->s[q->n++] = ' ';
	memcpy(q->s + q->n, tok, (size_t)ntok);
	q->n += ntok;
	return SQLITE_OK;
}

/*
 * Remember where the token just written stood (the last ABBREV_MAX_PARTS
 * of them) and, when it ends a spelling variant of the abbreviation list
 * (TP HCM), write the variant's key (tphcm) and its folded twin at its
 * position, unless the joined form of a compound (TP.HCM) just wrote the
 * same.
 */
static int emit_variant(struct split *sp, const char *text, int start,
			int end)
{
	struct part *p = &sp->hist[sp->nhist++ % ABBREV_MAX_PARTS];
	int rc = SQLITE_OK;

	p->start = start;
	p->hash = abbrev_hash(sp->tok, (size_t)sp->ntok);
	if (!abbrev_bit(abbrev_ends, p->hash))
		return SQLITE_OK;
	for (int k = 2; k <= ABBREV_MAX_PARTS && k <= sp->nhist; k++) {
		const struct part *q = &sp->hist[(sp->nhist - k) %
						 ABBREV_MAX_PARTS];
		struct seq seq = { { 0 }, 0 };
		uint32_t run = q->hash;
		const char *key;
		size_t klen;

		for (int j = k - 1; j >= 1; j--)
			run = abbrev_hash_next(run, sp->hist[(sp->nhist - j) %
						ABBREV_MAX_PARTS].hash);
		if (!abbrev_bit(abbrev_runs, run))
			continue;
		/* the k tokens again, as the list holds them (rarely) */
		if (end - q->start > (int)sizeof(seq.s))
			break;
		tokenizer_run(FTS5_TOKENIZE_QUERY, text + q->start,
			      end - q->start, &seq, seq_token);
		key = seq.n < 0 ? NULL : abbrev_variant(seq.s, (size_t)seq.n,
							&klen);
		if (!key || (sp->joined_now && klen == (size_t)sp->njoin &&
			     !memcmp(key, sp->join, klen)))
			continue;
		rc = emit_key(sp, key, (int)klen, q->start, end);
		if (rc != SQLITE_OK)
			break;
	}
	return rc;
}

int tokenizer_run(int flags, const char *text, int len, void *ctx,
		  int (*token)(void *ctx, int tflags, const char *tok,
			       int ntok, int start, int end))
{
	const uint8_t *u = (const uint8_t *)text;
	struct split local, *sp = &local;
	int i = 0, rc = SQLITE_OK;

	if (vn_init() < 0)
		return SQLITE_ERROR;
	sp->ctx = ctx;
	sp->token = token;
	sp->doc = !(flags & FTS5_TOKENIZE_QUERY);
	sp->parts = sp->nhist = sp->joined_now = 0;
	/* not for queries: abbrev_init() reads its list with queries */
	if (sp->doc && abbrev_init() < 0)
		return SQLITE_ERROR;
	while (i < len && rc == SQLITE_OK) {
		int start = i, end = len, fl, more = 0;
		uint32_t l, f;
		enum kind k;

		/* skip to the next word character */
		if (u[i] < 0x80) {
			if (!(vn_table[u[i]].flags & VN_WORD)) {
				i++;
				continue;
			}
			k = K_WORD;
			l = f = vn_table[u[i++]].lower;
			fl = 0;
		} else {
			k = next_cp(u, &i, len, &l, &f, &fl);
			if (k == K_SEP || k == K_JOIN)
				continue;
		}
		tok_reset(sp);
		add(sp, l, f);
		sp->rflags = fl;
		sp->stored_end = i;
		if (k == K_IDEO) {
			rc = emit(sp, text, start, i, 0);
			continue;
		}
		while (i < len) {
			int p = i;

			if (u[i] < 0x80) {
				const struct vn_char *e = &vn_table[u[i]];

				if (!(e->flags & VN_WORD)) {
					end = i++;
					if (is_joiner(u[p]) && i < len) {
						int q = i;

						more = kind_at(u, &q, len) ==
						       K_WORD;
					}
					break;
				}
				i++;
				add(sp, e->lower, e->lower);
			} else {
				k = next_cp(u, &i, len, &l, &f, &fl);
				if (k != K_WORD) {
					end = p;
					if (k == K_IDEO) {
						i = p;
					} else if (k == K_JOIN && i < len) {
						int q = i;

						more = kind_at(u, &q, len) ==
						       K_WORD;
					}
					break;
				}
				add(sp, l, f);
				sp->rflags |= fl;
			}
			if (sp->n <= MAX_CP)
				sp->stored_end = i;
		}
		rc = emit(sp, text, start, end, more);
	}
	return rc;
}

struct tokenizer_tape *tokenizer_tape_new(void)
{
	struct tokenizer_tape *t = xcalloc(1, sizeof(*t));

	buf_init(&t->data);
	return t;
}

void tokenizer_tape_reset(struct tokenizer_tape *t)
{
	buf_reset(&t->data);
	t->ntexts = 0;
	t->replayed = 0;
}

void tokenizer_tape_free(struct tokenizer_tape *t)
{
	if (!t)
		return;
	buf_release(&t->data);
	free(t->texts);
	free(t);
}

static int tape_token(void *ctx, int tflags, const char *tok, int ntok,
		      int start, int end)
{
	struct buf *data = ctx;
	struct tape_token r = { tflags, start, end, ntok };

	buf_add(data, &r, sizeof(r));
	buf_add(data, tok, (size_t)ntok);
	return SQLITE_OK;
}

void tokenizer_tape_record(struct tokenizer_tape *t, const char *text,
			   int len)
{
	struct tape_text *e;

	if (len <= 0)
		return;
	if (t->ntexts == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 8;
		t->texts = xrealloc(t->texts, t->cap * sizeof(*t->texts));
	}
	e = &t->texts[t->ntexts++];
	e->text = t->data.len;
	e->len = (size_t)len;
	buf_add(&t->data, text, (size_t)len);
	e->first = t->data.len;
	tokenizer_run(FTS5_TOKENIZE_DOCUMENT, text, len, &t->data, tape_token);
	e->end = t->data.len;
}

size_t tokenizer_tape_size(const struct tokenizer_tape *t)
{
	return t ? sizeof(*t) + t->data.cap + t->cap * sizeof(*t->texts) : 0;
}

int tokenizer_tape_replayed(const struct tokenizer_tape *t)
{
	return t->replayed;
}

/* The recorded text of t equal to text (len bytes), or NULL. */
static const struct tape_text *tape_find(const struct tokenizer_tape *t,
					 const char *text, int len)
{
	for (size_t i = 0; i < t->ntexts; i++) {
		const struct tape_text *e = &t->texts[i];

		if (e->len == (size_t)len &&
		    !memcmp(t->data.s + e->text, text, (size_t)len))
			return e;
	}
	return NULL;
}

static int tape_replay(struct tokenizer_tape *t, const struct tape_text *e,
		       void *ctx,
		       int (*token)(void *, int, const char *, int, int, int))
{
	size_t at = e->first;
	int rc = SQLITE_OK;

	t->replayed++;
	while (at < e->end && rc == SQLITE_OK) {
		struct tape_token r;

		memcpy(&r, t->data.s + at, sizeof(r));
		at += sizeof(r);
		rc = token(ctx, r.tflags, t->data.s + at, r.ntok, r.start,
			   r.end);
		at += (size_t)r.ntok;
	}
	return rc;
}

static int vt_create(void *ctx, const char **args, int nargs,
		     Fts5Tokenizer **out)
{
	Fts5Tokenizer *t;

	*out = NULL;
	if (nargs > 0)
		return SQLITE_ERROR;	/* no options */
	if (vn_init() < 0)
		return SQLITE_ERROR;
	t = calloc(1, sizeof(*t));
	if (!t)
		return SQLITE_NOMEM;
	t->slot = ctx;
	*out = t;
	return SQLITE_OK;
}

static void vt_delete(Fts5Tokenizer *t)
{
	free(t);
}

static int vt_tokenize(Fts5Tokenizer *t, void *ctx, int flags,
		       const char *text, int len,
		       int (*token)(void *, int, const char *, int, int, int))
{
	struct tokenizer_tape *tape = t->slot ? *t->slot : NULL;
	const struct tape_text *e;

	if (tape && flags == FTS5_TOKENIZE_DOCUMENT &&
	    (e = tape_find(tape, text, len)))
		return tape_replay(tape, e, ctx, token);
	return tokenizer_run(flags, text, len, ctx, token);
}

int tokenizer_register_with(sqlite3 *db, const struct tokenizer_sqlite *api,
			    struct tokenizer_tape **slot)
{
	static fts5_tokenizer vt = { vt_create, vt_delete, vt_tokenize };
	fts5_api *fts = NULL;
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = api->prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = api->bind_pointer(stmt, 1, (void *)&fts, "fts5_api_ptr", NULL);
	if (rc == SQLITE_OK)
		api->step(stmt);
	rc = api->finalize(stmt);
	if (rc != SQLITE_OK)
		return rc;
	if (!fts || fts->iVersion < 2)
		return SQLITE_ERROR;
	return fts->xCreateTokenizer(fts, TOKENIZER_NAME, slot, &vt, NULL);
}
