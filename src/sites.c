/*
 * sites.c - the site rules of data/sites.tsv; see sites.h.
 *
 * The build turns data/sites.tsv into a C string (sites.inc), read once
 * into the rule table on first use.
 */
#include "sites.h"

#include <ctype.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "chrome.h"
#include "extract.h"
#include "html.h"

static const char sites_tsv[] =
#include "sites.inc"
	;

#define MAX_RULES 128
#define SEL_MAX 128

static struct site_rule rules[MAX_RULES];
static size_t nrules;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char *table;

/* Split the table into rules: one a line, columns split by tabs, '#'
 * lines and blank lines skipped, "-" for an empty column. */
static void load(void)
{
	char *line, *save = NULL;

	table = xstrdup(sites_tsv);
	for (line = strtok_r(table, "\n", &save); line && nrules < MAX_RULES;
	     line = strtok_r(NULL, "\n", &save)) {
		char *col[6] = { 0 }, *p = line;
		int n = 0;

		if (*line == '#' || !*line)
			continue;
		while (n < 6) {
			col[n++] = p;
			p = strchr(p, '\t');
			if (!p)
				break;
			*p++ = 0;
			while (*p == '\t')
				p++;
		}
		if (n < 2)
			continue;
		for (int i = 0; i < 6; i++)
			if (!col[i] || !strcmp(col[i], "-"))
				col[i] = "";
		rules[nrules++] = (struct site_rule){ col[0], col[1], col[2],
						      col[3], col[4], col[5] };
	}
}

const struct site_rule *sites_find(const char *url)
{
	char host[256];
	size_t hl;

	if (!url || !chrome_site_of_url(url, host, sizeof(host)))
		return NULL;
	pthread_once(&once, load);
	hl = strlen(host);
	for (size_t i = 0; i < nrules; i++) {
		size_t rl = strlen(rules[i].host);

		if (hl >= rl && !strcasecmp(host + hl - rl, rules[i].host) &&
		    (hl == rl || host[hl - rl - 1] == '.'))
			return &rules[i];
	}
	return NULL;
}

/* Whether n matches one selector of len bytes at s. */
static int match_one(xmlNodePtr n, const char *s, size_t len)
{
	char sel[SEL_MAX], *p, *q;
	const char *tag = html_tag(n);
	size_t tl;

	if (len >= sizeof(sel))
		return 0;
	memcpy(sel, s, len);
	sel[len] = 0;
	tl = strcspn(sel, ".#[");
	if (tl && (strlen(tag) != tl || strncasecmp(tag, sel, tl)))
		return 0;
	for (p = sel + tl; *p;) {
		char kind = *p++;
		size_t wl = strcspn(p, ".#[");

		q = p + wl;
		if (kind == '[') {
			char *eq = memchr(p, '=', wl), *close;
			const char *v;

			close = memchr(p, ']', wl);
			if (!eq || !close)
				return 0;
			*eq = 0;
			*close = 0;
			v = html_attr(n, p);
			if (!v || strcmp(v, eq + 1))
				return 0;
			p = close + 1;
			continue;
		}
		{
			char save = *q;

			*q = 0;
			if (kind == '.' && !html_has_class(n, p))
				return 0;
			if (kind == '#' && (!html_attr(n, "id") ||
					    strcmp(html_attr(n, "id"), p)))
				return 0;
			*q = save;
		}
		p = q;
	}
	return 1;
}

int sites_match(xmlNodePtr n, const char *list)
{
	if (!n || n->type != XML_ELEMENT_NODE || !list)
		return 0;
	while (*list) {
		size_t len;

		while (*list == ',' || isspace((unsigned char)*list))
			list++;
		len = strcspn(list, ",");
		while (len && isspace((unsigned char)list[len - 1]))
			len--;
		if (len && match_one(n, list, len))
			return 1;
		list += strcspn(list, ",");
	}
	return 0;
}

static xmlNodePtr select_walk(xmlNodePtr n, const char *list, int depth)
{
	if (sites_match(n, list))
		return n;
	if (depth >= EXTRACT_MAX_DEPTH)
		return NULL;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		xmlNodePtr f;

		if (c->type == XML_ELEMENT_NODE &&
		    (f = select_walk(c, list, depth + 1)))
			return f;
	}
	return NULL;
}

xmlNodePtr sites_select(xmlNodePtr n, const char *list)
{
	/* each alternative in turn: the first is the one the site uses
	 * now, the later ones its older layouts */
	char one[SEL_MAX];

	while (n && list && *list) {
		size_t len;
		xmlNodePtr f;

		while (*list == ',' || isspace((unsigned char)*list))
			list++;
		len = strcspn(list, ",");
		if (len && len < sizeof(one)) {
			memcpy(one, list, len);
			one[len] = 0;
			if ((f = select_walk(n, one, 0)))
				return f;
		}
		list += len;
	}
	return NULL;
}
