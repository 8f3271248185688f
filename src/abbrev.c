/*
 * abbrev.c - the list of abbreviations and spelling variants; see
 * abbrev.h. The list is read once from the text compiled into the program
 * (abbrev_data[]), each form cut into tokens by the tokenizer itself, so
 * that forms compare with what documents and queries hold.
 */
#include "abbrev.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>
#include <unicode/utf8.h>

#include "charsets.h"
#include "tokenizer.h"
#include "vietnamese.h"

#define HASH_SLOTS 2048		/* power of two, over twice the variants */

/* Strings are offsets into the arena, which grows while the list is read. */
struct form {
	size_t seq, seqlen, fold, foldlen;
	int variant;
};

struct family {
	size_t key, keylen, keyfold, keyfoldlen;
	size_t first, nforms;	/* forms[first .. first + nforms) */
};

struct slot {
	size_t s, n;		/* a variant's tokens, or an end token */
	size_t key, keylen;	/* the key; keylen 0 for an end token */
	int used;
};

static struct {
	struct buf arena;
	struct form *forms;
	size_t nforms;
	struct family *fams;
	size_t nfams;
	struct slot table[HASH_SLOTS];
	char version[64];
	int failed;
} L = { BUF_INIT, NULL, 0, NULL, 0, { { 0, 0, 0, 0, 0 } }, "", 0 };

uint64_t abbrev_ends[ABBREV_FILTER_BITS / 64];
uint64_t abbrev_runs[ABBREV_FILTER_BITS / 64];

static void set_bit(uint64_t *set, uint32_t h)
{
	h %= ABBREV_FILTER_BITS;
	set[h / 64] |= 1ull << (h % 64);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;

static uint32_t fnv(const char *s, size_t n, uint32_t h)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

static const char *at(size_t off)
{
	return L.arena.s + off;
}

/*
 * The slot of s (n bytes) as a variant (end 0) or an end token (end 1):
 * the one holding it, or the empty one where it would go.
 */
static struct slot *lookup(const char *s, size_t n, int end)
{
	uint32_t h = fnv(s, n, 2166136261u + (uint32_t)end);

	for (size_t i = h & (HASH_SLOTS - 1);; i = (i + 1) & (HASH_SLOTS - 1)) {
		struct slot *e = &L.table[i];

		if (!e->used || ((e->keylen == 0) == end && e->n == n &&
				 !memcmp(at(e->s), s, n)))
			return e;
	}
}

static int collect(void *ctx, int tflags, const char *tok, int ntok,
		   int start, int end)
{
	struct buf *b = ctx;

	if (b->len)
		buf_addc(b, ' ');
	buf_add(b, tok, (size_t)ntok);
	return SQLITE_OK;
}

void abbrev_tokens(const char *s, size_t n, struct buf *exact,
		   struct buf *folded)
{
	size_t i = 0;

	buf_reset(exact);
	tokenizer_run(FTS5_TOKENIZE_QUERY, s, (int)n, exact, collect);
	buf_reset(folded);
	while (i < exact->len) {
		uint32_t lower, fold;
		UChar32 c;

		U8_NEXT(exact->s, i, exact->len, c);
		if (c < 0)
			continue;
		vn_lower_fold((uint32_t)c, &lower, &fold);
		if (fold)
			utf8_put(folded, fold);
	}
}

/* Append s (n bytes) to the arena without spaces; returns its offset. */
static size_t add_joined(const char *s, size_t n, size_t *len)
{
	size_t off = L.arena.len;

	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ')
			buf_addc(&L.arena, s[i]);
	*len = L.arena.len - off;
	return off;
}

static size_t add_str(const char *s, size_t n)
{
	size_t off = L.arena.len;

	buf_add(&L.arena, s, n);
	return off;
}

/* Record a variant of family f: seq (in the arena) and its last token. */
static void add_variant(const struct family *f, const struct form *v)
{
	const char *seq = at(v->seq), *last = seq + v->seqlen;
	size_t nlast;
	struct slot *e;
	uint32_t h, run = 0;

	while (last[-1] != ' ')		/* a variant has two tokens or more */
		last--;
	nlast = v->seqlen - (size_t)(last - seq);

	if (v->seqlen > ABBREV_MAX_PARTS * ABBREV_MAX_TOKEN ||
	    nlast > ABBREV_MAX_TOKEN)
		return;
	e = lookup(seq, v->seqlen, 0);
	if (!e->used)
		*e = (struct slot){ v->seq, v->seqlen, f->key, f->keylen, 1 };
	set_bit(abbrev_ends, abbrev_hash(last, nlast));
	for (const char *t = seq, *sp; t < seq + v->seqlen; t = sp + 1) {
		sp = memchr(t, ' ', (size_t)(seq + v->seqlen - t));
		if (!sp)
			sp = seq + v->seqlen;
		h = abbrev_hash(t, (size_t)(sp - t));
		run = t == seq ? h : abbrev_hash_next(run, h);
	}
	set_bit(abbrev_runs, run);
	e = lookup(last, nlast, 1);
	if (!e->used)
		*e = (struct slot){ v->seq + (size_t)(last - seq), nlast, 0, 0,
				    1 };
}

/* Read one line of the list (fields separated by tabs) as a family. */
static void read_family(const char *line, size_t len, struct buf *ex,
			struct buf *fo)
{
	struct family f = { 0, 0, 0, 0, L.nforms, 0 };
	size_t i = 0;

	while (i <= len) {
		const char *field = line + i;
		const char *tab = memchr(field, '\t', len - i);
		size_t n = tab ? (size_t)(tab - field) : len - i, ntok;
		struct form v;

		i += n + 1;
		abbrev_tokens(field, n, ex, fo);
		if (!ex->len)
			continue;
		ntok = 1;
		for (size_t k = 0; k < ex->len; k++)
			ntok += ex->s[k] == ' ';
		if (f.nforms == 0 && f.keylen == 0) {
			f.key = add_joined(ex->s, ex->len, &f.keylen);
			f.keyfold = add_joined(fo->s, fo->len, &f.keyfoldlen);
		}
		v.seq = add_str(ex->s, ex->len);
		v.seqlen = ex->len;
		v.fold = add_str(fo->s, fo->len);
		v.foldlen = fo->len;
		add_joined(ex->s, ex->len, &n);
		v.variant = ntok >= 2 && ntok <= ABBREV_MAX_PARTS &&
			    n == f.keylen &&
			    !memcmp(at(L.arena.len - n), at(f.key), n);
		buf_setlen(&L.arena, L.arena.len - n);
		L.forms = xrealloc(L.forms, (L.nforms + 1) * sizeof(*L.forms));
		L.forms[L.nforms++] = v;
		f.nforms++;
	}
	if (!f.nforms)
		return;
	L.fams = xrealloc(L.fams, (L.nfams + 1) * sizeof(*L.fams));
	L.fams[L.nfams++] = f;
}

static void build(void)
{
	struct buf ex = BUF_INIT, fo = BUF_INIT;
	const char *s = abbrev_data;
	uint32_t h = 2166136261u;

	if (vn_init() < 0) {
		L.failed = 1;
		return;
	}
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		if (len && s[0] != '#') {
			h = fnv(s, len + 1, h);
			read_family(s, len, &ex, &fo);
		}
		s += len + (nl != NULL);
	}
	for (size_t k = 0; k < L.nfams; k++)
		for (size_t j = 0; j < L.fams[k].nforms; j++)
			if (L.forms[L.fams[k].first + j].variant)
				add_variant(&L.fams[k],
					    &L.forms[L.fams[k].first + j]);
	snprintf(L.version, sizeof(L.version), "%s-%d abbrev-%08x",
		 TOKENIZER_NAME, TOKENIZER_RULES, (unsigned)h);
	buf_release(&ex);
	buf_release(&fo);
}

int abbrev_init(void)
{
	pthread_once(&once, build);
	return L.failed ? -1 : 0;
}

const char *abbrev_version(void)
{
	abbrev_init();
	return L.version;
}


const char *abbrev_variant(const char *seq, size_t n, size_t *keylen)
{
	struct slot *e = lookup(seq, n, 0);

	if (!e->used)
		return NULL;
	*keylen = e->keylen;
	return at(e->key);
}

static int same(const char *s, size_t n, size_t off, size_t len)
{
	return n == len && !memcmp(s, at(off), n);
}

/* Does seq (n bytes) name family f, as typed or (folded) folded? */
static int names(const struct family *f, const char *seq, size_t n,
		 int folded)
{
	if (folded ? same(seq, n, f->keyfold, f->keyfoldlen) :
		     same(seq, n, f->key, f->keylen))
		return 1;
	for (size_t j = 0; j < f->nforms; j++) {
		const struct form *v = &L.forms[f->first + j];

		if (folded ? same(seq, n, v->fold, v->foldlen) :
			     same(seq, n, v->seq, v->seqlen))
			return 1;
	}
	return 0;
}

/* Has family f a form before form j with the same tokens as form j? */
static int repeated(const struct family *f, size_t j)
{
	const struct form *v = &L.forms[f->first + j];

	for (size_t i = 0; i < j; i++)
		if (same(at(v->seq), v->seqlen, L.forms[f->first + i].seq,
			 L.forms[f->first + i].seqlen))
			return 1;
	return same(at(v->seq), v->seqlen, f->key, f->keylen);
}

/*
 * Append family f's key and other forms but seq, folded or not. The
 * variants are there for highlight(): the key marks only their last token.
 */
static int add_family(const struct family *f, const char *seq, size_t n,
		      int folded, struct buf *out)
{
	size_t key = folded ? f->keyfold : f->key;
	size_t keylen = folded ? f->keyfoldlen : f->keylen;
	int count = 0;

	if (!same(seq, n, key, keylen)) {
		buf_add(out, at(key), keylen);
		buf_addc(out, '\n');
		count++;
	}
	for (size_t j = 0; j < f->nforms; j++) {
		const struct form *v = &L.forms[f->first + j];

		if (repeated(f, j) ||
		    same(seq, n, folded ? v->fold : v->seq,
			 folded ? v->foldlen : v->seqlen))
			continue;
		buf_add(out, at(folded ? v->fold : v->seq),
			folded ? v->foldlen : v->seqlen);
		buf_addc(out, '\n');
		count++;
	}
	return count;
}

int abbrev_expand(const char *seq, size_t n, int folded, struct buf *out)
{
	int count = 0;

	if (abbrev_init() < 0)
		return 0;
	/* as typed first; without diacritics only if nothing matched */
	for (int pass = 0; pass <= folded && !count; pass++)
		for (size_t k = 0; k < L.nfams; k++)
			if (names(&L.fams[k], seq, n, pass))
				count += add_family(&L.fams[k], seq, n, pass,
						    out);
	return count;
}
