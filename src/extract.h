/*
 * extract.h - the article a web page holds.
 *
 * The page is parsed with libxml2's HTML parser (recovering, no network)
 * after its charset is found: the byte order mark, then the charset the
 * HTTP header names, then <meta charset> or <meta http-equiv>, then the
 * content itself (valid UTF-8, else the legacy Vietnamese encoding that
 * reads best, as decode.h detects). An unknown charset name is ignored.
 *
 * The fields come, in order of trust, from schema.org JSON-LD (a
 * NewsArticle, Article, BlogPosting or ReportageNews object: headline,
 * datePublished, dateModified, author, articleSection, articleBody), then
 * OpenGraph and article meta tags (og:title, article:published_time,
 * author, og:site_name, link rel=canonical), then the page itself (<h1>,
 * <title>). The body comes from the rule of the site when the site has
 * one (sites.h), else from the general content scorer (extract.c), else
 * from JSON-LD's articleBody. Captions (figcaption and the sites' caption
 * blocks) are kept apart; related-news boxes, share bars, comments, ads
 * and navigation are dropped.
 *
 * A page that is not an article is refused with NC_NOMATCH and the reason
 * in err: "list page" (a section, list or search page), "error page" or
 * "no article text".
 */
#ifndef NEWSCTL_EXTRACT_H
#define NEWSCTL_EXTRACT_H

#include <stddef.h>

#include "err.h"

/* Elements nested deeper than this are not looked into. */
#define EXTRACT_MAX_DEPTH 256

/* What extract_page() found; every string is NUL-terminated UTF-8 (not
 * yet normalised: see decode.h) or NULL. */
struct web_page {
	char *title;
	char *published;	/* as the page writes it */
	char *modified;
	char *byline;
	char *section;
	char *site_name;
	char *canonical;	/* the page's own URL, absolute */
	char *lead;		/* description / standfirst */
	char *body;		/* paragraphs separated by "\n\n" */
	char **captions;
	size_t ncaptions;
	char encoding[40];	/* the charset read */
	const char *body_from;	/* "site", "scorer" or "json-ld" */
	char note[160];		/* a problem that did not stop it, or "" */
};

void web_page_init(struct web_page *p);
void web_page_release(struct web_page *p);

/*
 * Extract the article of the len bytes of HTML at html. charset is the one
 * the HTTP header names (or NULL); url is where the page was fetched (or
 * NULL), used for the site rules and relative canonical URLs. Returns
 * NC_OK, NC_NOMATCH for a page that is not an article (err: the reason),
 * or NC_EDATA (err: why the page cannot be read).
 */
enum nc_status extract_page(const unsigned char *html, size_t len,
			    const char *charset, const char *url,
			    struct web_page *p, struct nc_error *err);

#endif
