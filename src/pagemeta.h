/*
 * pagemeta.h - what a page says about itself, in order of trust (see
 * extract.h): JSON-LD, then meta tags, then <h1>, <title> and <time>.
 */
#ifndef NEWSCTL_PAGEMETA_H
#define NEWSCTL_PAGEMETA_H

#include "extract.h"
#include "html.h"

/*
 * Fill the fields of p that are still NULL (all but body and captions).
 * *ld_body gets a copy of JSON-LD's articleBody, if any (the caller
 * frees it). *list_hint is set when the page names no article in JSON-LD
 * and no og:type "article" (as collection, list and search pages). A broken
 * JSON-LD block is skipped and noted in p->note.
 */
void pagemeta_read(xmlDocPtr doc, struct web_page *p, char **ld_body,
		   int *list_hint);

#endif
