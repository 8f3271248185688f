/*
 * query.c - user queries to FTS5 expressions; see query.h.
 *
 * Three steps: the text is cut into tokens (words, quoted phrases,
 * parentheses, a leading minus), the tokens are parsed by recursive
 * descent into a tree, and the tree, once simplified, is written out as
 * an FTS5 expression in which every word is a quoted string. Offsets are
 * in bytes until an error message turns them into a column (characters).
 */
#include "query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "abbrev.h"
#include "vietnamese.h"

/* The FTS5 columns of articles_fts, as bits of a column set. */
enum {
	COL_TITLE = 1 << 0,
	COL_LEAD = 1 << 1,
	COL_BODY = 1 << 2,
	COL_CAPTIONS = 1 << 3,
	COL_SECTION = 1 << 4,
	COL_BYLINE = 1 << 5,
	COL_SOURCE = 1 << 6,
};
#define COL_TEXT (COL_TITLE | COL_LEAD | COL_BODY | COL_CAPTIONS)
#define COL_DATE (-1)		/* date: is a field, but not a column */

static const char *const column_names[] = {
	"title", "lead", "body", "captions", "section", "byline", "source",
};

static const struct field {
	const char *name;
	int cols;
} fields[] = {
	{ "title", COL_TITLE },
	{ "headline", COL_TITLE },
	{ "lead", COL_LEAD },
	{ "body", COL_BODY },
	{ "caption", COL_CAPTIONS },
	{ "section", COL_SECTION },
	{ "source", COL_SOURCE },
	{ "author", COL_BYLINE },
	{ "byline", COL_BYLINE },
	{ "date", COL_DATE },
};

enum tok_type { T_END, T_LPAREN, T_RPAREN, T_MINUS, T_WORD, T_PHRASE };

struct token {
	enum tok_type type;
	size_t pos;		/* byte offset in the text */
	const char *s;		/* word or phrase text (not NUL-terminated) */
	size_t len;		/* bytes */
	int prefix;		/* followed by '*' */
};

enum node_type { N_EMPTY, N_PHRASE, N_DATE, N_AND, N_OR, N_NOT };

struct node {
	enum node_type type;
	size_t pos;		/* where it starts in the text, bytes */
	const char *s;		/* N_PHRASE, N_DATE: the text */
	size_t len;
	int prefix;		/* N_PHRASE: last token is a prefix */
	int cols;		/* N_PHRASE: column set, 0 until a field sets it */
	struct node **kids;	/* N_AND, N_OR: operands; N_NOT: one */
	size_t nkids;
};

struct parser {
	const char *text;
	struct token *toks;
	size_t ntoks, at;
	int depth;		/* open parentheses */
	int nest;		/* rules entered recursively, see enter() */
	int nphrases;
	struct node **nodes;	/* every node made, freed at the end */
	size_t nnodes;
	struct nc_error *err;
	int failed;
	int flags;		/* QUERY_* */
	struct buf *prefixes;	/* the query's, as emit() meets them */
};

/* The column (in characters, from 1) of byte offset pos in text. */
static size_t column_of(const char *text, size_t pos)
{
	size_t col = 1;

	for (size_t i = 0; i < pos && text[i]; i++)
		if (((unsigned char)text[i] & 0xc0) != 0x80)
			col++;
	return col;
}

static void fail_at(struct parser *p, size_t pos, const char *what)
{
	if (p->failed)
		return;
	p->failed = 1;
	nc_fail(p->err, NC_EUSAGE, "%s at column %zu", what,
		column_of(p->text, pos));
}

static int is_space(const char *s)
{
	unsigned char c = (unsigned char)*s;

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v')
		return 1;
	/* U+00A0 no-break space, as pasted from web pages */
	return c == 0xc2 && (unsigned char)s[1] == 0xa0 ? 2 : 0;
}

/* Does s (len bytes of UTF-8) hold a letter or a digit? */
static int has_alnum(const char *s, size_t len)
{
	int32_t i = 0, n = len > INT32_MAX ? INT32_MAX : (int32_t)len;

	while (i < n) {
		UChar32 c;

		U8_NEXT(s, i, n, c);
		if (c >= 0 && u_isalnum(c))
			return 1;
	}
	return 0;
}

static void add_token(struct parser *p, size_t *cap, struct token t)
{
	if (p->ntoks == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		p->toks = xrealloc(p->toks, *cap * sizeof(*p->toks));
	}
	p->toks[p->ntoks++] = t;
}

/*
 * The quotes that make a phrase: straight ones, and the curly quotes and
 * guillemets Vietnamese text and keyboards produce. A curly phrase may
 * also be closed by its opening quote (“...“), as some input methods type.
 */
static const struct quote {
	const char *open, *close, *close2;
} quotes[] = {
	{ "\"", "\"", NULL },
	{ "\u201C", "\u201D", "\u201C" },	/* “ ” */
	{ "\u201D", "\u201D", NULL },		/* ” ” */
	{ "\u201E", "\u201D", "\u201C" },	/* „ ” */
	{ "\u2018", "\u2019", NULL },		/* ‘ ’ */
	{ "\u00AB", "\u00BB", NULL },		/* « » */
};

/*
 * If s starts with an opening quote, return its length in bytes and set
 * *close to what closes it (the first of its closing quotes that occurs,
 * see close_quote()); else return 0.
 */
static size_t open_quote(const char *s, const char **close)
{
	for (size_t k = 0; k < sizeof(quotes) / sizeof(quotes[0]); k++) {
		size_t n = strlen(quotes[k].open);
		const char *a, *b;

		if (strncmp(s, quotes[k].open, n))
			continue;
		a = strstr(s + n, quotes[k].close);
		b = quotes[k].close2 ? strstr(s + n, quotes[k].close2) : NULL;
		*close = b && (!a || b < a) ? quotes[k].close2 :
			 quotes[k].close;
		return n;
	}
	return 0;
}

/* Cut the text into tokens; always ends with a T_END token. */
static void lex(struct parser *p)
{
	const char *t = p->text;
	size_t i = 0, cap = 0;

	while (!p->failed) {
		struct token tok = { T_END, i, NULL, 0, 0 };
		const char *close;
		size_t q;
		int sp;

		if ((sp = is_space(t + i))) {
			i += (size_t)sp;
			continue;
		}
		if (!t[i]) {
			add_token(p, &cap, tok);
			return;
		}
		if (t[i] == '(' || t[i] == ')') {
			tok.type = t[i] == '(' ? T_LPAREN : T_RPAREN;
			i++;
		} else if ((q = open_quote(t + i, &close))) {
			const char *end = strstr(t + i + q, close);

			if (!end) {
				fail_at(p, i, "unbalanced quote");
				break;
			}
			tok.type = T_PHRASE;
			tok.s = t + i + q;
			tok.len = (size_t)(end - tok.s);
			i = (size_t)(end - t) + strlen(close);
			for (; t[i] == '*'; i++)
				tok.prefix = 1;
		} else if (t[i] == '-' && t[i + 1] && !is_space(t + i + 1) &&
			   t[i + 1] != ')' && t[i + 1] != '-') {
			tok.type = T_MINUS;
			i++;
		} else {
			size_t n = 0;

			while (t[i + n] && !is_space(t + i + n) &&
			       !strchr("()\"", t[i + n]))
				n++;
			tok.type = T_WORD;
			tok.s = t + i;
			tok.len = n;
			i += n;
			while (tok.len > 1 && tok.s[tok.len - 1] == '*') {
				tok.len--;
				tok.prefix = 1;
			}
		}
		add_token(p, &cap, tok);
	}
	/* keep the parser safe after an error */
	add_token(p, &cap, (struct token){ T_END, i, NULL, 0, 0 });
}

static struct node *new_node(struct parser *p, enum node_type type,
			     size_t pos)
{
	struct node *n = xcalloc(1, sizeof(*n));

	n->type = type;
	n->pos = pos;
	p->nodes = xrealloc(p->nodes, (p->nnodes + 1) * sizeof(*p->nodes));
	p->nodes[p->nnodes++] = n;
	return n;
}

static void add_kid(struct node *n, struct node *kid)
{
	n->kids = xrealloc(n->kids, (n->nkids + 1) * sizeof(*n->kids));
	n->kids[n->nkids++] = kid;
}

static const struct token *peek(struct parser *p, size_t ahead)
{
	size_t i = p->at + ahead;

	return &p->toks[i < p->ntoks ? i : p->ntoks - 1];
}

static int is_keyword(const struct token *t, const char *kw)
{
	return t->type == T_WORD && !t->prefix && t->len == strlen(kw) &&
	       !memcmp(t->s, kw, t->len);
}

/* Can the token start an operand? */
static int starts_operand(const struct token *t)
{
	return t->type != T_END && t->type != T_RPAREN;
}

/* A word or phrase; words without a letter or digit become N_EMPTY. */
static struct node *phrase_node(struct parser *p, size_t pos, const char *s,
				size_t len, int prefix)
{
	struct node *n;

	if (!has_alnum(s, len))
		return new_node(p, N_EMPTY, pos);
	if (++p->nphrases > QUERY_MAX_WORDS) {
		char msg[64];

		snprintf(msg, sizeof(msg), "query too long (over %d words)",
			 QUERY_MAX_WORDS);
		fail_at(p, pos, msg);
	}
	n = new_node(p, N_PHRASE, pos);
	n->s = s;
	n->len = len;
	n->prefix = prefix;
	return n;
}

/* Give every phrase under n that has no column set yet the set cols. */
static void set_columns(struct node *n, int cols)
{
	if (n->type == N_PHRASE && !n->cols)
		n->cols = cols;
	for (size_t i = 0; i < n->nkids; i++)
		set_columns(n->kids[i], cols);
}

static const struct field *field_of(const struct token *t, size_t *namelen)
{
	const char *colon;

	if (t->type != T_WORD || !(colon = memchr(t->s, ':', t->len)))
		return NULL;
	*namelen = (size_t)(colon - t->s);
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strlen(fields[i].name) == *namelen &&
		    !strncasecmp(fields[i].name, t->s, *namelen))
			return &fields[i];
	return NULL;
}

static struct node *parse_and(struct parser *p);
static struct node *parse_unary(struct parser *p);

/*
 * Each of parentheses, NOT (or '-') and a field prefix recurses once per
 * level, so a long chain of them ("NOT NOT ... x", "title:title:... x")
 * would overflow the stack: enter() counts the levels and fails the
 * parse past QUERY_MAX_DEPTH. Returns 0 when the parse must stop; the
 * caller calls leave() when it returns 1.
 */
static int enter(struct parser *p, size_t pos, const char *what)
{
	char msg[64];

	if (++p->nest <= QUERY_MAX_DEPTH)
		return 1;
	p->nest--;
	snprintf(msg, sizeof(msg), "%s nested too deep", what);
	fail_at(p, pos, msg);
	return 0;
}

static void leave(struct parser *p)
{
	p->nest--;
}

static struct node *parse_primary(struct parser *p)
{
	const struct token *t = peek(p, 0);
	const struct field *f;
	struct node *n;
	size_t namelen;

	p->at++;
	switch (t->type) {
	case T_LPAREN:
		if (!enter(p, t->pos, "parentheses"))
			return new_node(p, N_EMPTY, t->pos);
		p->depth++;
		n = parse_and(p);
		if (peek(p, 0)->type != T_RPAREN)
			fail_at(p, t->pos, "unbalanced parenthesis");
		else
			p->at++;
		p->depth--;
		leave(p);
		return n;
	case T_PHRASE:
		return phrase_node(p, t->pos, t->s, t->len, t->prefix);
	case T_WORD:
		break;
	default:
		/* callers check starts_operand() first */
		fail_at(p, t->pos, "missing word");
		return new_node(p, N_EMPTY, t->pos);
	}
	f = field_of(t, &namelen);
	if (!f)
		return phrase_node(p, t->pos, t->s, t->len, t->prefix);
	if (f->cols == COL_DATE) {
		n = new_node(p, N_DATE, t->pos);
		n->s = t->s + namelen + 1;
		n->len = t->len - namelen - 1;
		if (!n->len)
			fail_at(p, t->pos, "'date:' needs a date, as in "
				"date:2017-10 or date:2017-10-01..2017-10-15,");
		return n;
	}
	if (t->len > namelen + 1) {
		n = phrase_node(p, t->pos, t->s + namelen + 1,
				t->len - namelen - 1, t->prefix);
	} else if (starts_operand(peek(p, 0)) && peek(p, 0)->type != T_MINUS) {
		if (!enter(p, t->pos, "fields"))
			return new_node(p, N_EMPTY, t->pos);
		n = parse_primary(p);
		leave(p);
		if (n->type == N_DATE)
			fail_at(p, t->pos, "a field cannot hold 'date:'");
	} else {
		char msg[64];

		snprintf(msg, sizeof(msg), "'%.*s:' needs a word after it",
			 (int)namelen, t->s);
		fail_at(p, t->pos, msg);
		return new_node(p, N_EMPTY, t->pos);
	}
	set_columns(n, f->cols);
	return n;
}

static struct node *parse_unary(struct parser *p)
{
	const struct token *t = peek(p, 0);

	if (t->type == T_MINUS ||
	    (is_keyword(t, "NOT") && starts_operand(peek(p, 1)))) {
		struct node *n;

		if (!enter(p, t->pos, "NOT"))
			return new_node(p, N_EMPTY, t->pos);
		n = new_node(p, N_NOT, t->pos);
		p->at++;
		add_kid(n, parse_unary(p));
		leave(p);
		return n;
	}
	return parse_primary(p);
}

static struct node *parse_or(struct parser *p)
{
	struct node *first = parse_unary(p), *n = NULL;

	while (!p->failed && is_keyword(peek(p, 0), "OR") &&
	       starts_operand(peek(p, 1))) {
		if (!n) {
			n = new_node(p, N_OR, first->pos);
			add_kid(n, first);
		}
		p->at++;
		add_kid(n, parse_unary(p));
	}
	return n ? n : first;
}

static struct node *parse_and(struct parser *p)
{
	struct node *n = new_node(p, N_AND, peek(p, 0)->pos);

	while (!p->failed) {
		const struct token *t = peek(p, 0);

		if (t->type == T_END)
			break;
		if (t->type == T_RPAREN) {
			if (p->depth > 0)
				break;
			fail_at(p, t->pos, "unbalanced parenthesis");
			break;
		}
		if (n->nkids && is_keyword(t, "AND") &&
		    starts_operand(peek(p, 1))) {
			p->at++;
			continue;
		}
		add_kid(n, parse_or(p));
	}
	return n;
}

/*
 * Drop empty operands and collapse one-operand AND/OR; an OR with an empty
 * alternative keeps the others (the empty one could not be searched).
 */
static struct node *simplify(struct node *n)
{
	struct node **kids;
	size_t nkids;

	if (n->type == N_NOT) {
		n->kids[0] = simplify(n->kids[0]);
		if (n->kids[0]->type == N_EMPTY)
			return n->kids[0];
		if (n->kids[0]->type == N_NOT)
			return n->kids[0]->kids[0];
		return n;
	}
	if (n->type != N_AND && n->type != N_OR)
		return n;
	kids = n->kids;
	nkids = n->nkids;
	n->kids = NULL;
	n->nkids = 0;
	for (size_t i = 0; i < nkids; i++) {
		struct node *kid = simplify(kids[i]);

		if (kid->type == N_EMPTY)
			continue;
		if (kid->type == n->type) {	/* flatten a AND (b AND c) */
			for (size_t j = 0; j < kid->nkids; j++)
				add_kid(n, kid->kids[j]);
			continue;
		}
		add_kid(n, kid);
	}
	free(kids);
	if (n->nkids == 0)
		n->type = N_EMPTY;
	else if (n->nkids == 1)
		return n->kids[0];
	return n;
}

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

/* One phrase s (len bytes) in the columns cols (0: the text columns). */
static void emit_phrase(struct parser *p, int cols, const char *s,
			size_t len, int prefix, struct buf *out)
{
	int first = 1;

	if (!cols)
		cols = COL_TEXT;
	buf_addc(out, '{');
	for (size_t i = 0; i < sizeof(column_names) / sizeof(*column_names);
	     i++)
		if (cols & (1 << i)) {
			if (!first)
				buf_addc(out, ' ');
			buf_adds(out, column_names[i]);
			first = 0;
		}
	buf_adds(out, "} : ");
	add_quoted(out, s, len);
	if (prefix) {
		buf_adds(out, " *");
		buf_add(p->prefixes, s, len);
		buf_addc(p->prefixes, '\0');
	}
	p->nphrases++;
}

/*
 * A word or phrase of the abbreviation list (abbrev.h) as the OR of itself
 * and the other forms of its family: UBND -> (UBND OR "ủy ban nhân dân").
 * Returns 0, having written nothing, when it is not on the list.
 */
static int emit_expanded(struct parser *p, const struct node *n,
			 struct buf *out)
{
	struct buf exact = BUF_INIT, folded = BUF_INIT, alts = BUF_INIT;
	int count;

	abbrev_tokens(n->s, n->len, &exact, &folded);
	count = exact.len ? abbrev_expand(exact.s, exact.len,
					  !strcmp(exact.s, folded.s), &alts)
			  : 0;
	if (count) {
		const char *a = alts.s, *nl;

		buf_addc(out, '(');
		emit_phrase(p, n->cols, n->s, n->len, 0, out);
		for (; (nl = strchr(a, '\n')); a = nl + 1) {
			buf_adds(out, " OR ");
			emit_phrase(p, n->cols, a, (size_t)(nl - a), 0, out);
		}
		buf_addc(out, ')');
	}
	buf_release(&exact);
	buf_release(&folded);
	buf_release(&alts);
	return count > 0;
}

static void emit(struct parser *p, const struct node *n, struct buf *out);

/* AND of the positive operands, then NOT (the negative ones ORed). */
static void emit_and(struct parser *p, const struct node *n, struct buf *out)
{
	int pos = 0, neg = 0;

	for (size_t i = 0; i < n->nkids; i++) {
		if (n->kids[i]->type == N_NOT)
			continue;
		if (n->kids[i]->type == N_DATE) {
			fail_at(p, n->kids[i]->pos, "'date:' cannot stand inside"
				" parentheses, OR or NOT; put it at the top level,");
			return;
		}
		buf_adds(out, pos++ ? " AND " : "(");
		emit(p, n->kids[i], out);
	}
	if (!pos) {
		fail_at(p, n->pos, "nothing left to search for once the "
			"excluded words are taken out; add a word to keep,");
		return;
	}
	buf_addc(out, ')');
	for (size_t i = 0; i < n->nkids; i++) {
		if (n->kids[i]->type != N_NOT)
			continue;
		buf_adds(out, neg++ ? " OR " : " NOT (");
		emit(p, n->kids[i]->kids[0], out);
	}
	if (neg)
		buf_addc(out, ')');
}

static void emit(struct parser *p, const struct node *n, struct buf *out)
{
	switch (n->type) {
	case N_PHRASE:
		if (!(p->flags & QUERY_NO_EXPAND) && !n->prefix &&
		    emit_expanded(p, n, out))
			break;
		emit_phrase(p, n->cols, n->s, n->len, n->prefix, out);
		break;
	case N_AND:
		buf_addc(out, '(');
		emit_and(p, n, out);
		buf_addc(out, ')');
		break;
	case N_OR:
		buf_addc(out, '(');
		for (size_t i = 0; i < n->nkids; i++) {
			if (n->kids[i]->type == N_NOT ||
			    n->kids[i]->type == N_DATE) {
				fail_at(p, n->kids[i]->pos, n->kids[i]->type ==
					N_NOT ? "an excluded word cannot be one "
					"side of OR" : "'date:' cannot be one "
					"side of OR");
				return;
			}
			if (i)
				buf_adds(out, " OR ");
			emit(p, n->kids[i], out);
		}
		buf_addc(out, ')');
		break;
	case N_NOT:
		fail_at(p, n->pos, "an excluded word needs a word to keep "
			"beside it");
		break;
	case N_DATE:
		fail_at(p, n->pos, "'date:' cannot stand inside parentheses, OR"
			" or NOT; put it at the top level,");
		break;
	case N_EMPTY:
		break;
	}
}

/* Is until bound a before bound b? Both are inclusive ISO prefixes. */
static int until_before(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int c = memcmp(a, b, la < lb ? la : lb);

	if (c)
		return c < 0;
	/* "2017-10-05" ends before "2017-10" does */
	return la > lb;
}

void query_narrow(struct query *q, const char *since, const char *until)
{
	if (since && *since && strcmp(since, q->since) > 0)
		snprintf(q->since, sizeof(q->since), "%s", since);
	if (until && *until && (!*q->until || until_before(until, q->until)))
		snprintf(q->until, sizeof(q->until), "%s", until);
}

/* Read a date: value, "A", "A..B", "A.." or "..B", into q. */
static void read_date(struct parser *p, struct query *q, const struct node *n)
{
	char a[DATE_ISO_MAX] = "", b[DATE_ISO_MAX] = "", text[80];
	const char *dots = NULL;
	size_t alen = n->len;
	int ok = 1;

	for (size_t i = 0; i + 1 < n->len; i++)
		if (n->s[i] == '.' && n->s[i + 1] == '.') {
			dots = n->s + i;
			alen = i;
			break;
		}
	if (n->len >= sizeof(text) || (dots && n->len == 2))
		ok = 0;
	if (ok && alen) {
		snprintf(text, sizeof(text), "%.*s", (int)alen, n->s);
		ok = date_parse_bound(text, a);
	}
	if (ok && dots && dots + 2 < n->s + n->len) {
		snprintf(text, sizeof(text), "%.*s",
			 (int)(n->s + n->len - dots - 2), dots + 2);
		ok = date_parse_bound(text, b);
	} else if (ok && !dots) {
		memcpy(b, a, sizeof(b));
	}
	if (!ok) {
		char msg[160];

		snprintf(msg, sizeof(msg), "'date:%.*s' is not a date or a "
			 "range (try date:2017-10 or date:2017-10-01..2017-10-15)",
			 (int)(n->len > 40 ? 40 : n->len), n->s);
		fail_at(p, n->pos, msg);
		return;
	}
	query_narrow(q, a, b);
}

/*
 * The query's words as one phrase in q->seq, when the positive operands
 * of the top AND are all plain words or quoted phrases (no column, no
 * prefix) and there are two or more words in all.
 */
static void emit_seq(struct query *q, const struct node *top)
{
	size_t nwords = 0;

	for (size_t i = 0; i < top->nkids; i++) {
		const struct node *k = top->kids[i];

		if (k->type == N_DATE)
			continue;
		if (k->type != N_PHRASE || k->prefix || k->cols)
			return;
		nwords += 1 + (memchr(k->s, ' ', k->len) != NULL);
	}
	if (nwords < 2)
		return;
	buf_adds(&q->seq, "{title lead body captions} : \"");
	for (size_t i = 0, n = 0; i < top->nkids; i++) {
		const struct node *k = top->kids[i];

		if (k->type == N_DATE)
			continue;
		if (n++)
			buf_addc(&q->seq, ' ');
		for (size_t j = 0; j < k->len; j++) {
			if (k->s[j] == '"')
				buf_addc(&q->seq, '"');
			buf_addc(&q->seq, k->s[j]);
		}
	}
	buf_addc(&q->seq, '"');
}

/* Write the top node: dates into q, exclusions alone into q->exclude. */
static void emit_top(struct parser *p, struct query *q, struct node *n)
{
	struct node keep = { N_AND, n->pos, NULL, 0, 0, 0, NULL, 0 };
	size_t npos = 0, nneg = 0;

	if (n->type != N_AND) {
		struct node *one[1] = { n };

		keep.kids = one;
		keep.nkids = 1;
		emit_top(p, q, &keep);
		return;
	}
	for (size_t i = 0; i < n->nkids; i++) {
		if (n->kids[i]->type == N_DATE)
			read_date(p, q, n->kids[i]);
		else if (n->kids[i]->type == N_NOT)
			nneg++;
		else
			npos++;
	}
	if (npos) {
		keep.kids = xmalloc(n->nkids * sizeof(*keep.kids));
		for (size_t i = 0; i < n->nkids; i++)
			if (n->kids[i]->type != N_DATE)
				keep.kids[keep.nkids++] = n->kids[i];
		emit_and(p, &keep, &q->match);
		if (!nneg)
			emit_seq(q, &keep);
		free(keep.kids);
		return;
	}
	for (size_t i = 0, k = 0; i < n->nkids; i++) {
		if (n->kids[i]->type != N_NOT)
			continue;
		if (k++)
			buf_adds(&q->exclude, " OR ");
		emit(p, n->kids[i]->kids[0], &q->exclude);
	}
}

enum nc_status query_parse(struct query *q, const char *text,
			   struct nc_error *err)
{
	return query_parse_flags(q, text, 0, err);
}

enum nc_status query_parse_flags(struct query *q, const char *text,
				 int flags, struct nc_error *err)
{
	struct parser p = { 0 };
	struct buf joined = BUF_INIT;
	struct node *root;

	query_release(q);
	p.flags = flags;
	p.text = text;
	/* zero-width characters pasted from web pages, read as the text's */
	if (strstr(text, "\xE2\x80\x8B") || strstr(text, "\xE2\x80\x8C") ||
	    strstr(text, "\xE2\x80\x8D") || strstr(text, "\xE2\x81\xA0") ||
	    strstr(text, "\xEF\xBB\xBF")) {
		buf_adds(&joined, text);
		vn_zero_width(&joined, 0);
		p.text = joined.s;
	}
	p.err = err;
	p.prefixes = &q->prefixes;
	lex(&p);
	if (!p.failed && p.ntoks == 1) {
		nc_fail(err, NC_EUSAGE, "empty query");
		p.failed = 1;
	}
	if (!p.failed) {
		root = parse_and(&p);
		root = simplify(root);
		if (!p.failed && root->type == N_EMPTY) {
			nc_fail(err, NC_EUSAGE, "nothing to search for: the "
				"query holds no letter or digit");
			p.failed = 1;
		}
		p.nphrases = 0;
		if (!p.failed)
			emit_top(&p, q, root);
		q->nphrases = p.nphrases;
	}
	for (size_t i = 0; i < p.nnodes; i++) {
		free(p.nodes[i]->kids);
		free(p.nodes[i]);
	}
	free(p.nodes);
	free(p.toks);
	buf_release(&joined);
	if (p.failed) {
		query_release(q);
		return NC_EUSAGE;
	}
	return NC_OK;
}

void query_release(struct query *q)
{
	buf_release(&q->match);
	buf_release(&q->exclude);
	buf_release(&q->seq);
	buf_release(&q->prefixes);
	q->since[0] = q->until[0] = '\0';
	q->nphrases = 0;
}
