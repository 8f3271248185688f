/*
 * pagemeta.c - the fields a page states about itself: schema.org JSON-LD,
 * then OpenGraph and article meta tags, then <h1>, <title> and <time>.
 * See extract.h for the order of trust and pagemeta.h for the contract.
 */
#include "pagemeta.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "date.h"
#include "decode.h"

#define LD_MAX_DEPTH 16

static const char *const article_types[] = {
	"NewsArticle", "Article", "ReportageNews", "BlogPosting",
	"AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
	"ReviewNewsArticle", "Report", "LiveBlogPosting", "TechArticle",
};

static const char *const list_types[] = {
	"CollectionPage", "ItemList", "SearchResultsPage",
	"SiteNavigationElement",
};

static int type_in(json_t *o, const char *const *types, size_t n)
{
	json_t *t = json_object_get(o, "@type"), *v;
	size_t i;

	if (json_is_string(t)) {
		for (i = 0; i < n; i++)
			if (!strcmp(json_string_value(t), types[i]))
				return 1;
	} else if (json_is_array(t)) {
		json_array_foreach(t, i, v)
			if (json_is_string(v))
				for (size_t k = 0; k < n; k++)
					if (!strcmp(json_string_value(v),
						    types[k]))
						return 1;
	}
	return 0;
}

/* The first object of an article type in v (depth-first), or NULL;
 * *list is set when a list type is seen. */
static json_t *find_article(json_t *v, int depth, int *list)
{
	json_t *x, *f;
	const char *k;
	size_t i;

	if (depth > LD_MAX_DEPTH)
		return NULL;
	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			if ((f = find_article(x, depth + 1, list)))
				return f;
		return NULL;
	}
	if (!json_is_object(v))
		return NULL;
	if (type_in(v, article_types, sizeof(article_types) /
		    sizeof(*article_types)))
		return v;
	if (type_in(v, list_types, sizeof(list_types) / sizeof(*list_types)))
		*list = 1;
	json_object_foreach(v, k, x)
		if ((!strcmp(k, "@graph") || !strcmp(k, "mainEntity")) &&
		    (f = find_article(x, depth + 1, list)))
			return f;
	return NULL;
}

/* Set *field to a copy of s unless it is set or s is empty. */
static void set(char **field, const char *s)
{
	while (s && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r'))
		s++;
	if (!*field && s && *s)
		*field = xstrdup(s);
}

/* set() for a JSON-LD string: sites write HTML character references in
 * them, some twice ("&amp;#7871;"); this undoes one level, the
 * normalisation of the stored text the other. */
static void set_ld(char **field, const char *s)
{
	struct buf b = BUF_INIT;
	struct nc_error err;
	const char *used;

	if (s && !decode_text((const unsigned char *)s, strlen(s), "UTF-8",
			      &b, &used, &err))
		set(field, b.s);
	buf_release(&b);
}

/* A name from a string, an object with "name", or an array of those. */
static void add_names(json_t *v, struct buf *out, int depth)
{
	json_t *x;
	size_t i;

	if (depth > 3)
		return;
	if (json_is_string(v) && *json_string_value(v)) {
		if (out->len)
			buf_adds(out, ", ");
		buf_adds(out, json_string_value(v));
	} else if (json_is_object(v)) {
		add_names(json_object_get(v, "name"), out, depth + 1);
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			add_names(x, out, depth + 1);
	}
}

static const char *str_or_first(json_t *v)
{
	if (json_is_array(v))
		v = json_array_get(v, 0);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void read_article(json_t *a, struct web_page *p, char **ld_body)
{
	struct buf b = BUF_INIT;

	set_ld(&p->title, str_or_first(json_object_get(a, "headline")));
	set(&p->published, str_or_first(json_object_get(a, "datePublished")));
	set(&p->modified, str_or_first(json_object_get(a, "dateModified")));
	set_ld(&p->section, str_or_first(json_object_get(a, "articleSection")));
	set_ld(&p->lead, str_or_first(json_object_get(a, "description")));
	set_ld(ld_body, str_or_first(json_object_get(a, "articleBody")));
	add_names(json_object_get(a, "author"), &b, 0);
	set_ld(&p->byline, b.s);
	buf_reset(&b);
	add_names(json_object_get(a, "publisher"), &b, 0);
	set_ld(&p->site_name, b.s);
	buf_release(&b);
}

/* One <script type="application/ld+json">. */
static void json_ld(xmlNodePtr script, struct web_page *p, char **ld_body,
		    int *found, int *list)
{
	struct buf text = BUF_INIT;
	json_error_t je;
	json_t *root, *a;

	html_text(script, &text, 0);
	root = json_loadb(text.s, text.len, JSON_DECODE_ANY, &je);
	buf_release(&text);
	if (!root) {
		if (!*p->note)
			snprintf(p->note, sizeof(p->note), "broken JSON-LD "
				 "ignored (line %d: %.80s)", je.line,
				 je.text);
		return;
	}
	a = find_article(root, 0, list);
	if (a && !*found) {
		read_article(a, p, ld_body);
		*found = 1;
	}
	json_decref(root);
}

/* Meta names and properties, lower case, and the field each fills. */
enum meta_field { M_TITLE, M_PUB, M_MOD, M_BYLINE, M_SECTION, M_SITE,
	M_LEAD, M_URL, M_TYPE, M_NFIELDS };

static const struct {
	const char *name;
	enum meta_field f;
} metas[] = {
	{ "og:title", M_TITLE }, { "twitter:title", M_TITLE },
	{ "article:published_time", M_PUB }, { "datepublished", M_PUB },
	{ "og:article:published_time", M_PUB }, { "pubdate", M_PUB },
	{ "publishdate", M_PUB }, { "dc.date.issued", M_PUB },
	{ "dc.date", M_PUB }, { "article.published", M_PUB },
	{ "parsely-pub-date", M_PUB }, { "sailthru.date", M_PUB },
	{ "article:modified_time", M_MOD }, { "og:updated_time", M_MOD },
	{ "datemodified", M_MOD },
	{ "author", M_BYLINE }, { "article:author", M_BYLINE },
	{ "dc.creator", M_BYLINE }, { "parsely-author", M_BYLINE },
	{ "article:section", M_SECTION }, { "articlesection", M_SECTION },
	{ "og:site_name", M_SITE }, { "og:description", M_LEAD },
	{ "description", M_LEAD }, { "og:url", M_URL }, { "og:type", M_TYPE },
};

struct meta_walk {
	char *v[M_NFIELDS];
	char *canonical;
	char *title_tag;
	char *time_tag;
	char *date_text;	/* of the first element named like a date */
	xmlNodePtr h1;
	xmlNodePtr *scripts;
	size_t nscripts;
};

static void meta_tag(struct meta_walk *w, xmlNodePtr n)
{
	const char *key = html_attr(n, "property"), *content;

	if (!key)
		key = html_attr(n, "name");
	if (!key)
		key = html_attr(n, "itemprop");
	content = html_attr(n, "content");
	if (!key || !content)
		return;
	for (size_t i = 0; i < sizeof(metas) / sizeof(*metas); i++)
		if (!strcasecmp(key, metas[i].name)) {
			/* article:author is often a profile URL */
			if (metas[i].f == M_BYLINE &&
			    !strncmp(content, "http", 4))
				return;
			set(&w->v[metas[i].f], content);
			return;
		}
}

/* The date a page prints in an element whose class says date or time
 * ("post-time", "date-publish"), when it reads as one. */
static void date_element(struct meta_walk *w, xmlNodePtr n)
{
	const char *c = html_attr(n, "class");
	char iso[DATE_ISO_MAX];
	struct buf b = BUF_INIT;

	if (!c || (!strstr(c, "date") && !strstr(c, "time")))
		return;
	html_text(n, &b, 0);
	if (b.len < 80 && date_parse(b.s, b.len, 0, iso))
		set(&w->date_text, b.s);
	buf_release(&b);
}

static void walk(struct meta_walk *w, xmlNodePtr n, int depth)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		const char *tag = html_tag(c), *v;

		if (!*tag)
			continue;
		if (!strcmp(tag, "meta")) {
			meta_tag(w, c);
		} else if (!strcmp(tag, "link")) {
			v = html_attr(c, "rel");
			if (v && !strcasecmp(v, "canonical"))
				set(&w->canonical, html_attr(c, "href"));
		} else if (!strcmp(tag, "script")) {
			v = html_attr(c, "type");
			if (v && !strcasecmp(v, "application/ld+json")) {
				w->scripts = xrealloc(w->scripts,
						      (w->nscripts + 1) *
						      sizeof(*w->scripts));
				w->scripts[w->nscripts++] = c;
			}
		} else if (!strcmp(tag, "title") && !w->title_tag) {
			struct buf b = BUF_INIT;

			html_text(c, &b, 0);
			buf_trim(&b);
			w->title_tag = buf_detach(&b, NULL);
		} else if (!strcmp(tag, "h1") && !w->h1) {
			w->h1 = c;
		} else if (!strcmp(tag, "time") && !w->time_tag) {
			set(&w->time_tag, html_attr(c, "datetime"));
		} else if (!w->date_text) {
			date_element(w, c);
		}
		if (depth < EXTRACT_MAX_DEPTH && strcmp(tag, "script"))
			walk(w, c, depth + 1);
	}
}

/*
 * The same moment written to the second in a meta tag and to the minute
 * in JSON-LD ("08:01:53" and "08:01:00"): the finer one. Only then does a
 * meta tag beat JSON-LD.
 */
static void finer_date(char **published, const char *meta)
{
	char a[DATE_ISO_MAX], b[DATE_ISO_MAX];

	if (!*published || !meta ||
	    !date_parse(*published, strlen(*published), 0, a) ||
	    !date_parse(meta, strlen(meta), 0, b) ||
	    strlen(a) < 19 || strlen(b) < 19 || strncmp(a, b, 16) ||
	    strncmp(a + 16, ":00", 3) || !strncmp(b + 16, ":00", 3))
		return;
	free(*published);
	*published = xstrdup(meta);
}

/* <title> without a " - Site" or " | Site" tail. */
static void title_from_tag(struct web_page *p, const char *t)
{
	static const char *const seps[] = { " | ", " - ", " – ", " — ",
		" :: " };
	size_t cut = strlen(t);

	for (size_t i = 0; i < sizeof(seps) / sizeof(*seps); i++) {
		const char *s = strstr(t, seps[i]), *last = NULL;

		while (s) {
			last = s;
			s = strstr(s + 1, seps[i]);
		}
		/* the tail is the site when the head is long enough */
		if (last && (size_t)(last - t) < cut && last - t > 15)
			cut = (size_t)(last - t);
	}
	if (!p->title && cut)
		p->title = xstrndup(t, cut);
}

void pagemeta_read(xmlDocPtr doc, struct web_page *p, char **ld_body,
		   int *list_hint)
{
	struct meta_walk w = { 0 };
	int found = 0, list = 0;
	xmlNodePtr root = xmlDocGetRootElement(doc);

	*list_hint = 0;
	if (!root)
		return;
	walk(&w, root, 0);
	for (size_t i = 0; i < w.nscripts; i++)
		json_ld(w.scripts[i], p, ld_body, &found, &list);
	set(&p->title, w.v[M_TITLE]);
	if (w.h1 && !p->title) {
		struct buf b = BUF_INIT;

		html_text(w.h1, &b, 0);
		buf_trim(&b);
		set(&p->title, b.s);
		buf_release(&b);
	}
	if (w.title_tag)
		title_from_tag(p, w.title_tag);
	finer_date(&p->published, w.v[M_PUB]);
	set(&p->published, w.v[M_PUB]);
	set(&p->published, w.time_tag);
	set(&p->published, w.date_text);
	set(&p->modified, w.v[M_MOD]);
	set(&p->byline, w.v[M_BYLINE]);
	set(&p->section, w.v[M_SECTION]);
	/* the site's own name over JSON-LD's publisher, which some sites
	 * write as a URL */
	if (w.v[M_SITE] || (p->site_name && !strncmp(p->site_name, "http",
						     4))) {
		free(p->site_name);
		p->site_name = NULL;
	}
	set(&p->site_name, w.v[M_SITE]);
	set(&p->lead, w.v[M_LEAD]);
	set(&p->canonical, w.canonical);
	set(&p->canonical, w.v[M_URL]);
	/* a list page says so in JSON-LD, or calls itself a website and
	 * names no article type */
	if (!found && (list || !w.v[M_TYPE] ||
		       strcasecmp(w.v[M_TYPE], "article")))
		*list_hint = 1;
	for (int i = 0; i < M_NFIELDS; i++)
		free(w.v[i]);
	free(w.canonical);
	free(w.title_tag);
	free(w.time_tag);
	free(w.date_text);
	free(w.scripts);
}
