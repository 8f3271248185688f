/*
 * extract.c - the article of a web page; see extract.h.
 *
 * After the metadata (pagemeta.c), the body comes from the site's rule
 * (sites.h) or from the general content scorer (scorer.c). Either way
 * the chosen elements are rendered here: block elements become
 * paragraphs, captions are set apart, and link lists, headings of the
 * page and furniture left inside the body are dropped.
 */
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "html.h"
#include "pagemeta.h"
#include "scorer.h"
#include "sites.h"

/* A body shorter than this (bytes of text) is no article. */
#define MIN_BODY 200
/* A body with this many or more teaser headlines is a list of articles. */
#define LIST_TEASERS 6
/* Strong candidates that are items of one list, besides one, in a list
 * page: when the page names an article, and when it does not. */
#define LIST_ITEMS_ALL 3
#define LIST_ITEMS 2
/* A caption shorter than this is a widget's button. */
#define MIN_CAPTION 12
/* Bytes of text a teaser headline comes with, at most, in a list. */
#define TEASER_TEXT 400

void web_page_init(struct web_page *p)
{
	memset(p, 0, sizeof(*p));
}

void web_page_release(struct web_page *p)
{
	free(p->title);
	free(p->published);
	free(p->modified);
	free(p->byline);
	free(p->section);
	free(p->site_name);
	free(p->canonical);
	free(p->lead);
	free(p->body);
	for (size_t i = 0; i < p->ncaptions; i++)
		free(p->captions[i]);
	free(p->captions);
	web_page_init(p);
}

struct render {
	struct web_page *p;
	const struct site_rule *rule;	/* or NULL: the scorer's body */
	struct scorer *sc;
	struct buf body;
	struct buf para;
	int teasers;		/* headings that are links: list items */
};

/* End the paragraph being gathered. */
static void flush(struct render *r)
{
	buf_trim(&r->para);
	if (r->para.len) {
		if (r->body.len)
			buf_adds(&r->body, "\n\n");
		buf_add(&r->body, r->para.s, r->para.len);
	}
	buf_reset(&r->para);
}

static void add_caption(struct render *r, xmlNodePtr n)
{
	struct buf b = BUF_INIT;
	struct web_page *p = r->p;

	html_text(n, &b, 0);
	buf_trim(&b);
	/* galleries repeat a caption (cut short and in full), and caption
	 * widgets hold buttons ("Caption", "Close", "more") */
	for (size_t i = 0; i < p->ncaptions && b.len; i++)
		if (strstr(p->captions[i], b.s))
			buf_reset(&b);
	if (b.len >= MIN_CAPTION) {
		p->captions = xrealloc(p->captions, (p->ncaptions + 1) *
				       sizeof(*p->captions));
		p->captions[p->ncaptions++] = buf_detach(&b, NULL);
	}
	buf_release(&b);
}

static int is_heading(const char *tag)
{
	return tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' && !tag[2];
}

/* Whether element n is left out of the body. */
static int skipped(struct render *r, xmlNodePtr n, const char *tag)
{
	if (!strcmp(tag, "h1"))
		return 1;	/* the headline, stored apart */
	if (r->rule)
		return r->rule->drop[0] && sites_match(n, r->rule->drop);
	return scorer_is_furniture(r->sc, n, tag);
}

/* A caption: a figcaption, the site's caption blocks, or (pages without
 * a rule) an element whose class names a caption. */
static int is_caption(struct render *r, xmlNodePtr n, const char *tag)
{
	const char *c;

	if (!strcmp(tag, "figcaption"))
		return 1;
	if (r->rule)
		return r->rule->captions[0] &&
			sites_match(n, r->rule->captions);
	c = html_attr(n, "class");
	return c && (strstr(c, "caption") || strstr(c, "Caption"));
}

static void render(struct render *r, xmlNodePtr n, int depth)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		const char *tag;
		int block;

		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				html_add_text(&r->para,
					      (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || depth >= EXTRACT_MAX_DEPTH)
			continue;
		tag = html_tag(c);
		if (is_heading(tag) && html_find(c, "a"))
			r->teasers++;
		if (scorer_is_junk(c, tag) || skipped(r, c, tag))
			continue;
		if (is_caption(r, c, tag)) {
			flush(r);
			add_caption(r, c);
			continue;
		}
		if (!strcmp(tag, "br")) {
			flush(r);
			continue;
		}
		block = html_is_block(tag);
		if (block)
			flush(r);
		render(r, c, depth + 1);
		if (block)
			flush(r);
	}
}

/* Render the chosen elements, each a block of its own. */
static void render_nodes(struct render *r, xmlNodePtr *nodes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		flush(r);
		render(r, nodes[i], 0);
	}
	flush(r);
}

/* Replace *field by the text of the element sel finds, if any. */
static void replace_by(char **field, xmlNodePtr root, const char *sel)
{
	struct buf b = BUF_INIT;
	xmlNodePtr n = sel[0] ? sites_select(root, sel) : NULL;

	if (n)
		html_text(n, &b, 0);
	buf_trim(&b);
	if (b.len) {
		free(*field);
		*field = buf_detach(&b, NULL);
	}
	buf_release(&b);
}

/* The body by the site's rule; 0 when the rule finds no body. */
static int by_rule(struct render *r, xmlNodePtr root)
{
	xmlNodePtr body = sites_select(root, r->rule->body);

	if (!body)
		return 0;
	render_nodes(r, &body, 1);
	replace_by(&r->p->lead, root, r->rule->lead);
	replace_by(&r->p->title, root, r->rule->title);
	r->p->body_from = "site";
	return r->body.len > 0;
}

/* Whether s holds pat, ASCII letters compared without case. */
static int has_ci(const char *s, const char *pat)
{
	size_t n = strlen(pat);

	for (; *s; s++)
		if (!strncasecmp(s, pat, n))
			return 1;
	return 0;
}

/* Is the title one of an error page? */
static int error_title(const char *t)
{
	static const char *const pats[] = { "404", "not found",
		"page not found", "không tìm thấy", "không tồn tại",
		"error", "lỗi" };

	if (!t)
		return 0;
	for (size_t i = 0; i < sizeof(pats) / sizeof(*pats); i++)
		if (has_ci(t, pats[i]))
			return 1;
	return 0;
}

static enum nc_status not_article(struct render *r, int list_hint,
				  struct nc_error *err)
{
	/* teasers with a line or two each; a guide whose linked headings
	 * head long sections is an article */
	if (r->teasers >= LIST_TEASERS &&
	    r->body.len / (size_t)r->teasers < TEASER_TEXT)
		return nc_fail(err, NC_NOMATCH, "list page");
	/* a page whose best blocks are items of one list (scorer.h) */
	if (r->sc && scorer_repeated(r->sc) >= (list_hint ? LIST_ITEMS :
						 LIST_ITEMS_ALL))
		return nc_fail(err, NC_NOMATCH, "list page");
	if (r->body.len < MIN_BODY) {
		if (error_title(r->p->title))
			return nc_fail(err, NC_NOMATCH, "error page");
		return nc_fail(err, NC_NOMATCH, list_hint && r->teasers > 1 ?
			       "list page" : "no article text");
	}
	return NC_OK;
}

enum nc_status extract_page(const unsigned char *html, size_t len,
			    const char *charset, const char *url,
			    struct web_page *p, struct nc_error *err)
{
	struct render r = { p, NULL, NULL, BUF_INIT, BUF_INIT, 0 };
	xmlDocPtr doc;
	xmlNodePtr root, *nodes = NULL;
	char *ld_body = NULL;
	const char *note = NULL;
	enum nc_status s;
	int list_hint = 0;
	size_t n = 0;

	s = html_parse(html, len, charset, url, &doc, p->encoding,
		       sizeof(p->encoding), &note, err);
	if (s)
		return s;
	if (note)
		snprintf(p->note, sizeof(p->note), "%s", note);
	root = xmlDocGetRootElement(doc);
	pagemeta_read(doc, p, &ld_body, &list_hint);
	if (p->canonical && strncmp(p->canonical, "http", 4)) {
		free(p->canonical);	/* relative: not worth resolving */
		p->canonical = NULL;
	}
	r.rule = sites_find(p->canonical ? p->canonical : url);
	if (root && (!r.rule || !by_rule(&r, root))) {
		r.rule = NULL;
		buf_reset(&r.body);
		r.teasers = 0;
		r.sc = scorer_new(root);
		nodes = scorer_pick(r.sc, &n);
		render_nodes(&r, nodes, n);
		p->body_from = "scorer";
	}
	if (r.body.len < MIN_BODY && ld_body && strlen(ld_body) >= MIN_BODY) {
		buf_reset(&r.body);
		buf_adds(&r.body, ld_body);
		p->body_from = "json-ld";
	}
	s = not_article(&r, list_hint, err);
	if (!s)
		p->body = buf_detach(&r.body, NULL);
	free(nodes);
	scorer_free(r.sc);
	free(ld_body);
	buf_release(&r.body);
	buf_release(&r.para);
	xmlFreeDoc(doc);
	return s;
}
