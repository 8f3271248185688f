/*
 * tokenizer.h - the FTS5 tokenizer "vietnamese".
 *
 *   CREATE VIRTUAL TABLE t USING fts5(body, tokenize='vietnamese');
 *
 * It takes no arguments. Splitting:
 *   - A token is a run of letters, digits and combining marks (Unicode
 *     general categories L, Nd, M). Every other character separates.
 *   - Each ideograph (CJK and other Unicode Ideographic characters) is a
 *     token of its own, since those scripts do not separate words.
 *   - Joined forms: word runs linked by single joiner characters
 *     (- . / , : _ ' and U+2010 U+2011 U+2019) with nothing else in between
 *     are split into their parts, so that the phrase "COVID-19" matches the
 *     adjacent tokens covid 19, and when a document is indexed the parts
 *     joined together (covid19, tphcm, 12102017, 55 for COVID-19, TP.HCM,
 *     12/10/2017, 5,5%) are added at the position of the last part. So the
 *     query tphcm finds both TPHCM and TP.HCM, and "TP.HCM" finds TP.HCM
 *     and TP HCM. Queries never produce joined forms. highlight() marks
 *     the last part of a compound matched by its joined form (TP.[HCM]),
 *     as FTS5 takes offsets from the first token at each position.
 *   - Spelling variants: a run of tokens that the abbreviation list
 *     (abbrev.h) holds as a variant of an abbreviation (TP HCM, Tp. HCM,
 *     COVID 19) is followed in documents by the abbreviation's key
 *     (tphcm, covid19) and its folded twin, colocated with its last token,
 *     as a joined form is.
 * Each token is NFC-normalised (when the input is not already NFC),
 * case-folded and has its tone mark put in the canonical place
 * (vn_place_tone()): Hoà, hoà and HÒA all give hòa, and a tone typed on
 * the wrong vowel is moved where the syllable has it (hòan -> hoàn,
 * qúy -> quý). When a document (or the text of an auxiliary function such
 * as highlight()) is tokenized, a token with diacritics is followed by a
 * colocated twin with all diacritics removed and đ -> d (đảng -> dang).
 * Query text gets only the exact token, so the query dang finds Đảng, đang
 * and dạng, while Đảng finds only Đảng.
 * Tokens are truncated to TOKENIZER_MAX_TOKEN bytes (at a code point
 * boundary), the same way in documents and queries.
 * Offsets given to FTS5 are UTF-8 byte offsets into the original text.
 */
#ifndef NEWSCTL_TOKENIZER_H
#define NEWSCTL_TOKENIZER_H

#include <stddef.h>

#include <sqlite3.h>

#define TOKENIZER_NAME "vietnamese"
#define TOKENIZER_MAX_TOKEN 256	/* bytes of one token */
/*
 * The version of the rules above: a change that gives other tokens for the
 * same text takes the next number, so that databases indexed with the old
 * rules say so (abbrev_version(), store_index_rules()). 2: tones typed on
 * the wrong vowel, spelling variants of the abbreviation list.
 */
#define TOKENIZER_RULES 2

/*
 * The four SQLite calls registration needs. A loadable extension must
 * reach SQLite through the routines the host passed in, so extension.c
 * fills this from sqlite3ext.h; the program uses tokenizer_register().
 */
struct tokenizer_sqlite {
	int (*prepare_v2)(sqlite3 *, const char *, int, sqlite3_stmt **,
			  const char **);
	int (*bind_pointer)(sqlite3_stmt *, int, void *, const char *,
			    void (*)(void *));
	int (*step)(sqlite3_stmt *);
	int (*finalize)(sqlite3_stmt *);
};

/*
 * Recorded tokens, so that a document can be tokenized before its INSERT
 * and in another thread (ingest does it in its reading thread while the
 * writing one stores). tokenizer_tape_record() copies a text and records
 * its tokens as a document's; while *slot (of tokenizer_register()) points
 * to the tape, a document text FTS5 asks to tokenize that is equal to a
 * recorded one has its tokens replayed instead of computed. Any other text
 * is tokenized as usual, so a tape changes nothing but the time taken.
 */
struct tokenizer_tape;

struct tokenizer_tape *tokenizer_tape_new(void);
void tokenizer_tape_reset(struct tokenizer_tape *t);
void tokenizer_tape_free(struct tokenizer_tape *t);
void tokenizer_tape_record(struct tokenizer_tape *t, const char *text,
			   int len);
int tokenizer_tape_replayed(const struct tokenizer_tape *t);	/* texts */
/* The bytes of memory t holds (NULL: 0). */
size_t tokenizer_tape_size(const struct tokenizer_tape *t);

/*
 * Register the tokenizer "vietnamese" with db's FTS5 (found with
 * SELECT fts5(?1)); slot, when not NULL, is where the caller puts a tape
 * to replay. Returns an SQLite result code. tokenizer_register() calls
 * SQLite directly (tokenizer-direct.c); tokenizer_register_with() through
 * api.
 */
int tokenizer_register(sqlite3 *db, struct tokenizer_tape **slot);
int tokenizer_register_with(sqlite3 *db, const struct tokenizer_sqlite *api,
			    struct tokenizer_tape **slot);

/*
 * Tokenize text (len bytes of UTF-8) as FTS5 would with the given
 * FTS5_TOKENIZE_* flags, calling token() for each token; returns the first
 * non-SQLITE_OK result of token(), or SQLITE_OK. For tests and tools.
 */
int tokenizer_run(int flags, const char *text, int len, void *ctx,
		  int (*token)(void *ctx, int tflags, const char *tok,
			       int ntok, int start, int end));

#endif
