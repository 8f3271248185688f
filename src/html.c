/*
 * html.c - charset, parse and tree helpers for web pages; see html.h.
 *
 * libxml2 reads UTF-8, UTF-16 and what iconv knows. The legacy Vietnamese
 * encodings (VNI, TCVN3, VISCII) are ours (charsets.h), so such a page is
 * turned into UTF-8 before it is parsed. Invalid UTF-8 bytes in a UTF-8
 * page are replaced by U+FFFD first: libxml2 would otherwise switch the
 * rest of the page to Latin-1.
 */
#include "html.h"

#include <ctype.h>
#include <stdint.h>
#include <libxml/encoding.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "charsets.h"
#include "decode.h"
#include "extract.h"

#define PRESCAN 8192
#define PARSE_OPTS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | \
		    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
		    HTML_PARSE_COMPACT)

/* Copy the charset named in the first <meta> tags that name one. */
static void meta_charset(const unsigned char *s, size_t len, char *out,
			 size_t size)
{
	size_t n = len < PRESCAN ? len : PRESCAN;

	out[0] = 0;
	for (size_t i = 0; i + 5 < n; i++) {
		size_t end, j, k = 0;

		if (s[i] != '<' || strncasecmp((const char *)s + i, "<meta", 5))
			continue;
		for (end = i; end < n && s[end] != '>'; end++)
			;
		for (j = i; j + 7 < end; j++)
			if (!strncasecmp((const char *)s + j, "charset", 7))
				break;
		if (j + 7 >= end)
			continue;
		j += 7;
		while (j < end && (s[j] == ' ' || s[j] == '='))
			j++;
		if (j < end && (s[j] == '"' || s[j] == '\''))
			j++;
		while (j < end && k + 1 < size && (isalnum(s[j]) ||
						   strchr("-_:.", s[j])))
			out[k++] = (char)s[j++];
		out[k] = 0;
		if (k)
			return;
	}
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	size_t n, i;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else
		return 0;
	if (len < n)
		return 0;
	cp = c & (0x7F >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/* Whether len bytes are valid UTF-8; *ascii when all are ASCII. */
static int utf8_valid(const unsigned char *s, size_t len, int *ascii)
{
	*ascii = 1;
	for (size_t i = 0; i < len;) {
		size_t n;
		uint64_t w;

		/* eight ASCII bytes at a time: most of a page is markup */
		if (len - i >= 8) {
			memcpy(&w, s + i, 8);
			if (!(w & 0x8080808080808080ULL)) {
				i += 8;
				continue;
			}
		}
		n = utf8_seq(s + i, len - i);

		if (!n)
			return 0;
		if (n > 1)
			*ascii = 0;
		i += n;
	}
	return 1;
}

/* Copy s to out with each invalid byte replaced by U+FFFD. */
static void utf8_repair(const unsigned char *s, size_t len, struct buf *out)
{
	for (size_t i = 0; i < len;) {
		size_t n = utf8_seq(s + i, len - i);

		if (n) {
			buf_add(out, s + i, n);
			i += n;
		} else {
			buf_adds(out, "\xEF\xBF\xBD");
			i++;
		}
	}
}

/* Whether libxml2 (iconv) can read the charset called name. */
static int libxml_knows(const char *name)
{
	xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(name);

	if (!h)
		return 0;
	xmlCharEncCloseFunc(h);
	return 1;
}

/* Where the bytes go: to libxml2 as they are in charset xml_enc, or
 * through our own decoder of legacy charset cs first. */
struct plan {
	char name[40];		/* what to report */
	const char *xml_enc;	/* the name for libxml2 */
	int legacy;		/* 0, or 1 + enum charset */
	int valid;		/* the bytes are valid UTF-8 */
};

static int legacy_of(const char *canon)
{
	if (!strcmp(canon, "VNI"))
		return 1 + CHARSET_VNI;
	if (!strcmp(canon, "TCVN3"))
		return 1 + CHARSET_TCVN3;
	if (!strcmp(canon, "VISCII"))
		return 1 + CHARSET_VISCII;
	return 0;
}

/* Use the charset called name when we can read it; 0 when not. */
static int plan_named(struct plan *p, const char *name, int valid, int ascii)
{
	const char *canon = decode_encoding_name(name);

	if (canon && legacy_of(canon)) {
		p->legacy = legacy_of(canon);
		snprintf(p->name, sizeof(p->name), "%s", canon);
		return 1;
	}
	if (canon && !strcmp(canon, "UTF-8"))
		return 0;	/* the caller's default */
	if (!canon && !libxml_knows(name))
		return 0;
	/* a page labelled Latin-1 or ASCII that is valid UTF-8 is UTF-8:
	 * the label is the server's default, not the author's */
	if (valid && !ascii && (!strncasecmp(name, "iso-8859-1", 10) ||
				!strcasecmp(name, "latin1") ||
				!strcasecmp(name, "us-ascii") ||
				!strcasecmp(name, "windows-1252")))
		return 0;
	snprintf(p->name, sizeof(p->name), "%s", canon ? canon : name);
	p->xml_enc = p->name;
	return 1;
}

static void choose(const unsigned char *s, size_t len, const char *http,
		   struct plan *p, const char **note)
{
	char meta[40];
	int ascii, valid = utf8_valid(s, len, &ascii);
	const char *used = NULL;
	struct buf tmp = BUF_INIT;
	struct nc_error e;

	p->valid = valid;
	*note = NULL;
	snprintf(p->name, sizeof(p->name), "UTF-8");
	p->xml_enc = "UTF-8";
	p->legacy = 0;
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
			 (s[0] == 0xFE && s[1] == 0xFF))) {
		snprintf(p->name, sizeof(p->name), "UTF-16%s",
			 s[0] == 0xFF ? "LE" : "BE");
		p->xml_enc = p->name;
		return;
	}
	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		return;
	meta_charset(s, len, meta, sizeof(meta));
	if (http && *http && plan_named(p, http, valid, ascii))
		return;
	if (*meta && plan_named(p, meta, valid, ascii))
		return;
	if ((http && *http && !decode_encoding_name(http) &&
	     !libxml_knows(http)) ||
	    (*meta && !decode_encoding_name(meta) && !libxml_knows(meta)))
		*note = "unknown charset name ignored";
	if (valid)
		return;
	if (!decode_text(s, len, NULL, &tmp, &used, &e) && used &&
	    legacy_of(used)) {
		p->legacy = legacy_of(used);
		snprintf(p->name, sizeof(p->name), "%s", used);
	} else if (used && !strcmp(used, "windows-1258")) {
		snprintf(p->name, sizeof(p->name), "windows-1258");
		p->xml_enc = p->name;
	}
	buf_release(&tmp);
}

enum nc_status html_parse(const unsigned char *html, size_t len,
			  const char *charset, const char *url,
			  xmlDocPtr *doc, char *encoding, size_t encsize,
			  const char **note, struct nc_error *err)
{
	struct buf conv = BUF_INIT;
	struct plan p;

	*doc = NULL;
	if (len > (size_t)INT32_MAX)
		return nc_fail(err, NC_ETOOBIG, "page too large to parse");
	if (len >= 4 && memchr(html, 0, len < 1024 ? len : 1024) &&
	    !(html[0] == 0xFF || html[0] == 0xFE))
		return nc_fail(err, NC_EDATA, "binary data, not HTML");
	choose(html, len, charset, &p, note);
	if (p.legacy) {
		charset_decode((enum charset)(p.legacy - 1), html, len, &conv);
		p.xml_enc = "UTF-8";
	} else if (!strcmp(p.xml_enc, "UTF-8") && !p.valid) {
		utf8_repair(html, len, &conv);
		*note = "invalid UTF-8 bytes replaced";
	}
	if (conv.cap) {
		html = (const unsigned char *)conv.s;
		len = conv.len;
	}
	*doc = htmlReadMemory((const char *)html, (int)len, url, p.xml_enc,
			      PARSE_OPTS);
	buf_release(&conv);
	snprintf(encoding, encsize, "%s", p.name);
	if (!*doc)
		return nc_fail(err, NC_EDATA, "cannot parse the page as HTML "
			       "in %s", p.name);
	return NC_OK;
}

const char *html_tag(xmlNodePtr n)
{
	if (!n || n->type != XML_ELEMENT_NODE || !n->name)
		return "";
	return (const char *)n->name;
}

const char *html_attr(xmlNodePtr n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (a->name && !strcasecmp((const char *)a->name, name))
			return a->children && a->children->content ?
				(const char *)a->children->content : "";
	return NULL;
}

int html_has_class(xmlNodePtr n, const char *cls)
{
	const char *c = html_attr(n, "class");
	size_t len = strlen(cls);

	while (c && *c) {
		while (*c && isspace((unsigned char)*c))
			c++;
		if (!strncmp(c, cls, len) &&
		    (!c[len] || isspace((unsigned char)c[len])))
			return 1;
		while (*c && !isspace((unsigned char)*c))
			c++;
	}
	return 0;
}

int html_is_block(const char *tag)
{
	static const char *const blocks[] = {
		"address", "article", "aside", "blockquote", "dd", "details",
		"div", "dl", "dt", "figcaption", "figure", "footer", "form",
		"h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
		"main", "nav", "ol", "p", "pre", "section", "table", "tbody",
		"td", "tfoot", "th", "thead", "tr", "ul", "center",
	};

	for (size_t i = 0; i < sizeof(blocks) / sizeof(*blocks); i++)
		if (!strcmp(tag, blocks[i]))
			return 1;
	return 0;
}

void html_add_text(struct buf *out, const char *t)
{
	for (; *t; t++) {
		unsigned char c = (unsigned char)*t;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f') {
			if (out->len && out->s[out->len - 1] != ' ' &&
			    out->s[out->len - 1] != '\n')
				buf_addc(out, ' ');
		} else {
			buf_addc(out, (char)c);
		}
	}
}

static void newline(struct buf *out)
{
	while (out->len && out->s[out->len - 1] == ' ')
		buf_setlen(out, out->len - 1);
	if (out->len && out->s[out->len - 1] != '\n')
		buf_addc(out, '\n');
}

static void text_walk(xmlNodePtr n, struct buf *out, int lines, int depth)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		const char *tag;

		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				html_add_text(out, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || depth >= EXTRACT_MAX_DEPTH)
			continue;
		tag = html_tag(c);
		if (!strcmp(tag, "script") || !strcmp(tag, "style") ||
		    !strcmp(tag, "noscript") || !strcmp(tag, "template"))
			continue;
		if (lines && !strcmp(tag, "br")) {
			newline(out);
			continue;
		}
		if (lines && html_is_block(tag))
			newline(out);
		text_walk(c, out, lines, depth + 1);
		if (lines && html_is_block(tag))
			newline(out);
	}
}

void html_text(xmlNodePtr n, struct buf *out, int lines)
{
	if (n)
		text_walk(n, out, lines, 0);
}

static xmlNodePtr find_walk(xmlNodePtr n, const char *tag, int depth)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		xmlNodePtr f;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp(html_tag(c), tag))
			return c;
		if (depth < EXTRACT_MAX_DEPTH &&
		    (f = find_walk(c, tag, depth + 1)))
			return f;
	}
	return NULL;
}

xmlNodePtr html_find(xmlNodePtr n, const char *tag)
{
	return n ? find_walk(n, tag, 0) : NULL;
}
