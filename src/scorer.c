/*
 * scorer.c - the general content scorer; see scorer.h.
 */
#include "scorer.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "extract.h"
#include "html.h"

#define MIN_PARA 25		/* characters for a paragraph to score */
#define MIN_CANDIDATE 140	/* characters for an element to be the article */
#define TOP_N 5
#define TEASER_CHARS 400	/* characters of a list item's text, at most */
#define TITLE_LINK 20		/* characters of a headline link, at least */
#define PART_LEVELS 3		/* how far apart the parts of an article */

struct nstat {
	int all;		/* characters of text, white space left out */
	int text;		/* of which not in furniture */
	int link;		/* of which inside links */
	int commas;
	float score;
	unsigned char scored;
	unsigned char furniture;
};

struct scorer {
	int repeated;		/* strong candidates alike the best */
	struct nstat *st;
	size_t n, cap;
	xmlNodePtr root;
	int total;		/* characters of the whole page */
};

static struct nstat *stat_of(struct scorer *sc, xmlNodePtr n)
{
	uintptr_t i = (uintptr_t)n->_private;

	return i && i <= sc->n ? &sc->st[i - 1] : NULL;
}

int scorer_is_junk(xmlNodePtr n, const char *tag)
{
	static const char *const junk[] = {
		"script", "style", "noscript", "iframe", "nav", "aside",
		"button", "svg", "select", "textarea", "input", "template",
		"object", "embed", "canvas", "link", "meta", "video", "audio",
		"map", "dialog", "title", "label", "option",
	};
	const char *v;

	for (size_t i = 0; i < sizeof(junk) / sizeof(*junk); i++)
		if (!strcmp(tag, junk[i]))
			return 1;
	if (html_attr(n, "hidden") || html_has_class(n, "d-none") ||
	    html_has_class(n, "hidden"))
		return 1;
	v = html_attr(n, "style");
	if (v && (strstr(v, "display:none") || strstr(v, "display: none") ||
		  strstr(v, "visibility:hidden")))
		return 1;
	v = html_attr(n, "aria-hidden");
	return v && !strcmp(v, "true");
}

/* Words of class and id names that mark furniture, and those that mark
 * content; matched inside the lower-cased names. */
static const char *const strong_neg[] = {
	"comment", "share", "sharing", "social", "related", "sidebar",
	"advert", "sponsor", "promo", "newsletter", "subscri", "outbrain",
	"taboola", "disqus", "popup", "modal", "cookie", "banner",
	"breadcrumb", "byline", "author", "recommend", "most-read",
	"mostread", "trending", "read-more", "readmore", "signup", "login",
	"widget", "masthead", "paywall", "print", "rating", "hidden",
	"timestamp", "slideshow", "carousel",
};
static const char *const weak_neg[] = {
	"footer", "header", "menu", "nav", "pager", "paginat", "toolbar",
	"tags", "meta", "extra", "foot", "skip", "tool", "more",
};
static const char *const pos[] = {
	"article", "content", "entry", "main", "post", "story", "text",
	"body", "blog", "detail",
};

static int any_in(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(s, words[i]))
			return 1;
	return 0;
}

/* "ad", "ads" as a word of a class or id ("ad-slot", "top_ads"). */
static int ad_word(const char *s)
{
	for (const char *p = s; *p;) {
		size_t n;

		while (*p && !isalnum((unsigned char)*p))
			p++;
		n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789");
		if ((n == 2 && !strncmp(p, "ad", 2)) ||
		    (n == 3 && !strncmp(p, "ads", 3)))
			return 1;
		p += n ? n : (*p ? 1 : 0);
	}
	return 0;
}

/*
 * What the class and id names say, each name on its own: -2 furniture
 * (a strong word: comments, share, related...), -1 furniture (a weak
 * one: footer, menu...), 1 content, 0 both or nothing known. A name
 * with a content word and a furniture word is furniture
 * ("article__social-share"), but another name that is only content keeps
 * the element ("entry-content entry-content-read-more", "box article
 * modal-enabled").
 */
static int class_weight(xmlNodePtr n)
{
	const char *names[2] = { html_attr(n, "class"), html_attr(n, "id") };
	int strong = 0, weak = 0, content = 0;

	for (int k = 0; k < 2; k++) {
		const char *p = names[k];

		while (p && *p) {
			char w[128];
			size_t len = 0;

			while (*p && isspace((unsigned char)*p))
				p++;
			while (*p && !isspace((unsigned char)*p)) {
				if (len + 1 < sizeof(w))
					w[len++] = (char)tolower(
						(unsigned char)*p);
				p++;
			}
			w[len] = 0;
			if (!len)
				break;
			if (any_in(w, strong_neg, sizeof(strong_neg) /
				   sizeof(*strong_neg)) || ad_word(w))
				strong = 1;
			else if (any_in(w, weak_neg, sizeof(weak_neg) /
					sizeof(*weak_neg)))
				weak = 1;
			else if (any_in(w, pos, sizeof(pos) / sizeof(*pos)))
				content = 1;
		}
	}
	if (content)
		return strong || weak ? 0 : 1;
	return strong ? -2 : -weak;
}

/* Count the characters (code points other than white space) and the
 * commas of text t. */
static void count_text(const char *t, int *chars, int *commas)
{
	for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
		if ((*p & 0xC0) == 0x80 || isspace(*p))
			continue;
		(*chars)++;
		if (*p == ',' || (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C)
		    || (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x81))
			(*commas)++;
	}
}

static int protected_tag(const char *tag)
{
	return !strcmp(tag, "body") || !strcmp(tag, "article") ||
		!strcmp(tag, "main") || !strcmp(tag, "html");
}

/* Post-order: the text of each element, all of it (pass 0), or with
 * junk and furniture counted as nothing, links and commas too (pass 1).
 * Pass 0 makes the stats; pass 1 marks furniture from the totals. */
static void measure(struct scorer *sc, xmlNodePtr n, int depth, int pass)
{
	struct nstat st = { 0 }, *me;
	const char *tag = html_tag(n);
	size_t idx;

	for (xmlNodePtr c = n->children; c; c = c->next) {
		struct nstat *cs;

		if (c->type == XML_TEXT_NODE && c->content) {
			count_text((const char *)c->content, &st.text,
				   &st.commas);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || depth >= EXTRACT_MAX_DEPTH ||
		    scorer_is_junk(c, html_tag(c)))
			continue;
		measure(sc, c, depth + 1, pass);
		cs = stat_of(sc, c);
		if (!cs || (pass && cs->furniture))
			continue;
		st.text += pass ? cs->text : cs->all;
		st.link += cs->link;
		st.commas += cs->commas;
	}
	if (!strcmp(tag, "a"))
		st.link = st.text;
	if (!pass) {
		if (sc->n == sc->cap) {
			sc->cap = sc->cap ? sc->cap * 2 : 1024;
			sc->st = xrealloc(sc->st, sc->cap * sizeof(*sc->st));
		}
		idx = sc->n++;
		sc->st[idx] = (struct nstat){ .all = st.text };
		n->_private = (void *)(uintptr_t)(idx + 1);
		return;
	}
	me = stat_of(sc, n);
	st.all = me->all;
	/* a wrapper of most of the page is no furniture whatever its
	 * name says ("container penci_sidebar" around the article) */
	if (!protected_tag(tag) && me->all < sc->total * 2 / 5) {
		int w = class_weight(n);

		st.furniture = w < 0 ||
			!strcmp(tag, "footer") || !strcmp(tag, "header") ||
			!strcmp(tag, "form");
	}
	*me = st;
}

struct scorer *scorer_new(xmlNodePtr root)
{
	struct scorer *sc = xcalloc(1, sizeof(*sc));

	/* the whole page, not <body>: libxml2's recovery puts content that
	 * follows stray head elements into <head> */
	sc->root = root;
	measure(sc, sc->root, 0, 0);
	sc->total = stat_of(sc, sc->root)->all;
	measure(sc, sc->root, 0, 1);
	return sc;
}

void scorer_free(struct scorer *sc)
{
	if (!sc)
		return;
	free(sc->st);
	free(sc);
}

static float link_density(const struct nstat *s)
{
	return s->text ? (float)s->link / (float)s->text : 0;
}

/* The score an element starts with, by its tag and names. */
static float base_score(xmlNodePtr n)
{
	const char *tag = html_tag(n);
	float s = 0;

	if (!strcmp(tag, "div") || !strcmp(tag, "article") ||
	    !strcmp(tag, "section") || !strcmp(tag, "main"))
		s = 5;
	else if (!strcmp(tag, "pre") || !strcmp(tag, "td") ||
		 !strcmp(tag, "blockquote"))
		s = 3;
	else if (!strcmp(tag, "ol") || !strcmp(tag, "ul") ||
		 !strcmp(tag, "dl") || !strcmp(tag, "li") ||
		 !strcmp(tag, "form") || !strcmp(tag, "address"))
		s = -3;
	else if (tag[0] == 'h' && isdigit((unsigned char)tag[1]))
		s = -5;
	return s + 25 * (float)class_weight(n);
}

/* Does element n read as a paragraph: a p, or a container of text with
 * no block children? */
static int paragraph_like(xmlNodePtr n, const char *tag)
{
	if (!strcmp(tag, "p") || !strcmp(tag, "pre") || !strcmp(tag, "td") ||
	    !strcmp(tag, "blockquote"))
		return 1;
	if (strcmp(tag, "div") && strcmp(tag, "section") &&
	    strcmp(tag, "span") && strcmp(tag, "font"))
		return 0;
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && html_is_block(html_tag(c)))
			return 0;
	return 1;
}

static void add_score(struct scorer *sc, xmlNodePtr n, float s)
{
	struct nstat *st = stat_of(sc, n);

	if (!st)
		return;
	if (!st->scored) {
		st->scored = 1;
		st->score = base_score(n);
	}
	st->score += s;
}

/* Credit a paragraph of text characters (commas, link density ld) to
 * its container first and, less and less, to the containers above. */
static void credit(struct scorer *sc, xmlNodePtr first, int text, int commas,
		   float ld)
{
	float s;
	int level = 0;

	if (text < MIN_PARA)
		return;
	s = 1 + (float)commas + (text / 100 < 3 ? (float)(text / 100) : 3);
	s *= 1 - ld;
	for (xmlNodePtr a = first; a && level < 5 &&
	     a->type == XML_ELEMENT_NODE; a = a->parent, level++)
		add_score(sc, a, s / (level == 0 ? 1 : level == 1 ? 2 :
				      (float)level * 3));
}

/* The text a container holds itself, between its block children: a
 * paragraph of its own (pages that write text and <br> in a <div>). */
static void credit_loose_text(struct scorer *sc, xmlNodePtr n)
{
	int text = 0, link = 0, commas = 0;

	for (xmlNodePtr c = n->children; c; c = c->next) {
		struct nstat *st;

		if (c->type == XML_TEXT_NODE && c->content)
			count_text((const char *)c->content, &text, &commas);
		else if (c->type == XML_ELEMENT_NODE &&
			 !html_is_block(html_tag(c)) &&
			 (st = stat_of(sc, c)) && !st->furniture) {
			text += st->text;
			link += st->link;
			commas += st->commas;
		}
	}
	credit(sc, n, text, commas, text ? (float)link / (float)text : 0);
}

/* Score each paragraph into its ancestors. */
static void score_walk(struct scorer *sc, xmlNodePtr n, int depth)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		struct nstat *st;
		const char *tag;

		if (c->type != XML_ELEMENT_NODE || !(st = stat_of(sc, c)) ||
		    st->furniture)
			continue;
		tag = html_tag(c);
		if (paragraph_like(c, tag)) {
			credit(sc, c->parent, st->text, st->commas,
			       link_density(st));
			if (depth < EXTRACT_MAX_DEPTH && strcmp(tag, "p"))
				score_walk(sc, c, depth + 1);
			continue;
		}
		credit_loose_text(sc, c);
		if (depth < EXTRACT_MAX_DEPTH)
			score_walk(sc, c, depth + 1);
	}
}

/* The best scored elements (up to TOP_N), best first. */
static size_t top(struct scorer *sc, xmlNodePtr n, int depth,
		  xmlNodePtr *best, float *bs, size_t nb)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		struct nstat *st;

		if (c->type != XML_ELEMENT_NODE || !(st = stat_of(sc, c)) ||
		    st->furniture)
			continue;
		/* a name that says content does not make a headline and a
		 * byline an article */
		if (st->scored && st->text >= MIN_CANDIDATE) {
			float s = st->score * (1 - link_density(st));
			int room = nb < TOP_N;
			size_t i = room ? nb++ : TOP_N - 1;

			if (room || s > bs[i]) {
				for (; i > 0 && bs[i - 1] < s; i--) {
					best[i] = best[i - 1];
					bs[i] = bs[i - 1];
				}
				best[i] = c;
				bs[i] = s;
			}
		}
		if (depth < EXTRACT_MAX_DEPTH)
			nb = top(sc, c, depth + 1, best, bs, nb);
	}
	return nb;
}

static int contains(xmlNodePtr a, xmlNodePtr n)
{
	for (; n; n = n->parent)
		if (n == a)
			return 1;
	return 0;
}

static int same_class(xmlNodePtr a, xmlNodePtr b)
{
	const char *ca = html_attr(a, "class"), *cb = html_attr(b, "class");

	return !strcmp(html_tag(a), html_tag(b)) && ca && cb && *ca &&
		!strcmp(ca, cb) && !contains(a, b) && !contains(b, a);
}

/* Climb from the top candidate to an ancestor that holds most of the
 * other strong candidates (the article split in columns or parts). */
static xmlNodePtr climb(xmlNodePtr best, xmlNodePtr *cand, float *cs,
			size_t nc)
{
	int level = 0;

	for (xmlNodePtr a = best->parent; a && a->type == XML_ELEMENT_NODE &&
	     !protected_tag(html_tag(a)); a = a->parent, level++) {
		int held = 0;

		for (size_t i = 1; i < nc; i++) {
			if (cs[i] >= cs[0] * 0.75f && contains(a, cand[i]))
				held++;
			/* the article in parts with an ad or a box between,
			 * each part named alike */
			if (level < PART_LEVELS && cs[i] >= cs[0] * 0.2f &&
			    same_class(best, cand[i]) && contains(a, cand[i]))
				return a;
		}
		if (held >= 2)
			return a;
	}
	return best;
}

/* Whether sibling s of the article reads as part of it. */
static int sibling_joins(struct scorer *sc, xmlNodePtr s, float threshold)
{
	struct nstat *st = stat_of(sc, s);
	float ld;

	if (!st || st->furniture)
		return 0;
	ld = link_density(st);
	if (st->scored && st->score * (1 - ld) >= threshold)
		return 1;
	if (strcmp(html_tag(s), "p"))
		return 0;
	if (st->text > 80 && ld < 0.25f)
		return 1;
	return st->text > 0 && ld == 0 && st->commas + 1 > 0 &&
		st->text <= 80 && s->last && s->last->type == XML_TEXT_NODE &&
		s->last->content &&
		strchr((const char *)s->last->content, '.');
}

/* Same tag and same class, each in a wrapper of its own: items of one
 * list (the parts of one article share their parent). */
static int alike(xmlNodePtr a, xmlNodePtr b)
{
	return same_class(a, b) && a->parent != b->parent;
}

/* Whether element e is a headline link: its text (20 characters or
 * more) all inside a link. */
static int title_link(struct scorer *sc, xmlNodePtr e)
{
	struct nstat *st = e->type == XML_ELEMENT_NODE ? stat_of(sc, e) : NULL;

	return st && !st->furniture && st->link >= TITLE_LINK &&
		st->link * 10 >= st->text * 9;
}

/* Whether n is the text of a teaser: short, with a headline link first
 * in it or before it in its wrapper (the parts of an article are longer,
 * and link to nothing). */
static int short_item(struct scorer *sc, xmlNodePtr n)
{
	xmlNodePtr first = xmlFirstElementChild(n);

	if (stat_of(sc, n)->text >= TEASER_CHARS)
		return 0;
	if (first && title_link(sc, first))
		return 1;
	for (int up = 0; up < 2 && n; up++, n = n->parent)
		for (xmlNodePtr e = n->prev; e; e = e->prev)
			if (title_link(sc, e))
				return 1;
	return 0;
}

/*
 * How many strong candidates are items of one list: short blocks alike
 * (same tag and class, each in its own wrapper), either alike the best
 * one, or, when the best one is their container, alike each other.
 */
static int list_items(struct scorer *sc, xmlNodePtr *best, float *bs,
		      size_t nb)
{
	int with_best = 0, inside = 0;

	for (size_t i = 1; i < nb; i++) {
		if (bs[i] < bs[0] * 0.4f || !short_item(sc, best[i]))
			continue;
		if (alike(best[i], best[0]) && short_item(sc, best[0]))
			with_best++;
		if (contains(best[0], best[i]) && (i == 1 ||
		    alike(best[i], best[1])))
			inside++;
	}
	/* items inside the best one count as the best one does: one of
	 * them stands for it */
	return with_best > inside - 1 ? with_best : inside - 1;
}

int scorer_repeated(const struct scorer *sc)
{
	return sc->repeated;
}

xmlNodePtr *scorer_pick(struct scorer *sc, size_t *n)
{
	xmlNodePtr best[TOP_N], *out, parent, c;
	float bs[TOP_N], top_score, threshold;
	size_t nb, k = 0, cap = 16;

	*n = 0;
	score_walk(sc, sc->root, 0);
	nb = top(sc, sc->root, 0, best, bs, 0);
	out = xmalloc(cap * sizeof(*out));
	if (!nb) {
		out[(*n)++] = sc->root;
		return out;
	}
	sc->repeated = list_items(sc, best, bs, nb);
	c = climb(best[0], best, bs, nb);
	top_score = c == best[0] ? bs[0] :
		stat_of(sc, c)->score * (1 - link_density(stat_of(sc, c)));
	if (top_score < bs[0])
		top_score = bs[0];
	/* an only child stands for its parent */
	while (c->parent && c->parent->type == XML_ELEMENT_NODE &&
	       !protected_tag(html_tag(c->parent)) &&
	       xmlChildElementCount(c->parent) == 1)
		c = c->parent;
	parent = c->parent;
	threshold = top_score * 0.2f > 10 ? top_score * 0.2f : 10;
	for (xmlNodePtr s = parent ? parent->children : c; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE)
			continue;
		if (s != c && !sibling_joins(sc, s, threshold))
			continue;
		if (k == cap) {
			cap *= 2;
			out = xrealloc(out, cap * sizeof(*out));
		}
		out[k++] = s;
		if (!parent)
			break;
	}
	*n = k;
	return out;
}

int scorer_is_furniture(struct scorer *sc, xmlNodePtr n, const char *tag)
{
	struct nstat *st = stat_of(sc, n);
	float ld;

	if (!st)
		return 0;
	if (st->furniture)
		return 1;
	ld = link_density(st);
	if (!strcmp(tag, "p") || !strcmp(tag, "a") || !strcmp(tag, "span") ||
	    !strcmp(tag, "strong") || !strcmp(tag, "em") || !strcmp(tag, "b"))
		return 0;
	/* a list of links inside the article: related stories, tags */
	return st->text && ld > 0.5f;
}
