/*
 * sites.h - per-site extraction rules, read from data/sites.tsv (compiled
 * into the binary; the file documents its own columns).
 *
 * A rule names, by simple selectors, the element that holds the article
 * body of a site, what to drop inside it, its caption blocks and its lead.
 * Selectors: "tag", ".class", "#id", "tag.class", "tag#id", "[attr=value]"
 * and "tag[attr=value]", combined with ',' as alternatives; ".a.b" needs
 * both classes.
 */
#ifndef NEWSCTL_SITES_H
#define NEWSCTL_SITES_H

#include <libxml/tree.h>

struct site_rule {
	const char *host;	/* "vnexpress.net": the host or a subdomain */
	const char *body;
	const char *drop;	/* "" when none */
	const char *captions;
	const char *lead;
	const char *title;	/* the headline as the page shows it */
};

/* The rule for the host of url, or NULL. */
const struct site_rule *sites_find(const char *url);
/* Whether element n matches one of the selectors in list. */
int sites_match(xmlNodePtr n, const char *list);
/* The first element under n (n included) that matches list, or NULL. */
xmlNodePtr sites_select(xmlNodePtr n, const char *list);

#endif
