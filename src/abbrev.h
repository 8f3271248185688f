/*
 * abbrev.h - the abbreviations and spelling variants of Vietnamese news
 * text (data/abbreviations.tsv, compiled into the program).
 *
 * A family is an abbreviation (UBND, TP.HCM, COVID-19) and its other
 * forms. Every form is read as the tokenizer reads a query: its tokens,
 * lower case, tones in place, joined by one space ("tp hcm"). The family's
 * key is the abbreviation's tokens written together ("tphcm", "covid19").
 *   - A variant is a form of two to ABBREV_MAX_PARTS tokens that written
 *     together is the key (TP HCM, Tp. HCM, COVID 19, and the abbreviation
 *     itself when it has parts). Documents index the key at the variant's
 *     last token, so the query TPHCM finds TP HCM.
 *   - A long form is any other form (ủy ban nhân dân). Queries expand an
 *     abbreviation or variant to its long forms and a long form to its
 *     abbreviation (query.c), unless told not to.
 * abbrev_version() names the list, so that a database can tell that its
 * index was built with another one.
 */
#ifndef NEWSCTL_ABBREV_H
#define NEWSCTL_ABBREV_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define ABBREV_MAX_PARTS 4	/* tokens of the longest variant */
#define ABBREV_MAX_TOKEN 32	/* bytes of the longest variant token */

/* The text of data/abbreviations.tsv (abbrev-data.c, made at build). */
extern const char abbrev_data[];

/*
 * Read the list once (thread-safe; the tokenizer calls it). Returns 0, or
 * -1 when it could not be read, in which case nothing is expanded.
 */
int abbrev_init(void);

/*
 * The rules the index is built with, recorded in the database: the
 * tokenizer's (TOKENIZER_RULES) and a hash of the list's entries, as
 * "vietnamese-2 abbrev-1a2b3c4d". Changes with either.
 */
const char *abbrev_version(void);

/*
 * Cut s (n bytes of UTF-8) into tokens as the tokenizer reads a query:
 * exact gets them joined by single spaces, folded the same without
 * diacritics (both reset first).
 */
void abbrev_tokens(const char *s, size_t n, struct buf *exact,
		   struct buf *folded);

/*
 * The tokenizer's filter, asked for every token of every document: a
 * token's hash, the hash of a run of tokens (abbrev_hash_next() of the
 * previous ones' and the next token's), and bit sets of the hashes of the
 * tokens that end a variant and of whole variants. A clear bit means no;
 * a set one, maybe (abbrev_variant() then says). Needs abbrev_init().
 */
#define ABBREV_FILTER_BITS 8192

extern uint64_t abbrev_ends[ABBREV_FILTER_BITS / 64];
extern uint64_t abbrev_runs[ABBREV_FILTER_BITS / 64];

/*
 * Of the length and the first two and last bytes only: one step for any
 * token, which the hot loop wants more than fewer false "maybe"s.
 */
static inline uint32_t abbrev_hash(const char *s, size_t n)
{
	uint32_t h;

	if (!n)
		return 0;
	h = (uint32_t)n << 24 | (uint32_t)(uint8_t)s[0] << 16 |
	    (uint32_t)(uint8_t)s[n > 1] << 8 | (uint8_t)s[n - 1];
	return h * 2654435761u;
}

static inline uint32_t abbrev_hash_next(uint32_t run, uint32_t tok)
{
	return (run * 31u + tok) * 2654435761u;
}

static inline int abbrev_bit(const uint64_t *set, uint32_t h)
{
	h %= ABBREV_FILTER_BITS;
	return (int)(set[h / 64] >> (h % 64) & 1);
}

/*
 * The key of the variant seq (n bytes: tokens joined by single spaces),
 * or NULL; *keylen gets its length in bytes.
 */
const char *abbrev_variant(const char *seq, size_t n, size_t *keylen);

/*
 * Expand the tokens of a query word or phrase (seq, n bytes, tokens
 * joined by single spaces): when it is an abbreviation, a variant or a
 * long form of a family, append to out each other form of the family to
 * look for, one a line ('\n' after each; the key first, unless that is
 * what was typed), and return their number; else return 0. folded is
 * true when the query has no diacritics: when it matches no form as
 * typed, it is compared with, and expanded to, the forms without
 * diacritics (hdnd -> hoi dong nhan dan).
 */
int abbrev_expand(const char *seq, size_t n, int folded, struct buf *out);

#endif
