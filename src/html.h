/*
 * html.h - HTML pages as libxml2 trees: the charset, the parse, and the
 * small helpers the extractor walks the tree with.
 */
#ifndef NEWSCTL_HTML_H
#define NEWSCTL_HTML_H

#include <libxml/HTMLparser.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"

/*
 * Parse len bytes of HTML. charset is the HTTP header's (or NULL); the
 * order of trust is in extract.h. *encoding is set to the charset read
 * (encsize bytes). The tree is freed with xmlFreeDoc(). NC_EDATA when
 * the page is binary. *note is set to a static message when a declared
 * charset was not used, else NULL.
 */
enum nc_status html_parse(const unsigned char *html, size_t len,
			  const char *charset, const char *url,
			  xmlDocPtr *doc, char *encoding, size_t encsize,
			  const char **note, struct nc_error *err);

/* The element's lower-case tag name, or "" for other nodes. */
const char *html_tag(xmlNodePtr n);
/* The value of attribute name of n (owned by the tree), or NULL. */
const char *html_attr(xmlNodePtr n, const char *name);
/* Whether the class attribute of n holds the word cls. */
int html_has_class(xmlNodePtr n, const char *cls);
/*
 * Append the text of n's subtree to out, white space runs made one
 * space; <br> and block elements become a newline when lines is set.
 * Elements deeper than the extractor's depth limit are left out.
 */
void html_text(xmlNodePtr n, struct buf *out, int lines);

/* Append text t to out, white space runs made one space (none at the
 * start of out or of a line). */
void html_add_text(struct buf *out, const char *t);

/* The first element named tag in the subtree of n (document order). */
xmlNodePtr html_find(xmlNodePtr n, const char *tag);
/* Whether tag is a block-level element (p, div, li, h1...). */
int html_is_block(const char *tag);

#endif
