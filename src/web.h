/*
 * web.h - web archives and saved pages into articles: .html and .htm
 * files, WARC files (.warc, .warc.gz) and the WARCs of a WACZ.
 *
 * Only successful (2xx) HTML and plain-text HTTP responses and resource
 * records become articles; every other record is skipped and counted by
 * reason (a request, a redirect, an image, a revisit...). A page that is
 * not an article (extract.h) is skipped too. A record that cannot be read
 * (damaged, truncated, over a cap) is a problem: reported, and the next
 * record is read.
 *
 * The article's original bytes are the page as the server sent it (HTTP
 * transfer and content encodings undone); its url is the page's canonical
 * link, else the WARC-Target-URI; its source the site's name, else the
 * host; its external id the WARC-Record-ID.
 */
#ifndef NEWSCTL_WEB_H
#define NEWSCTL_WEB_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "err.h"
#include "pipeline.h"

#define WEB_DEFAULT_MAX_RECORD (1ULL << 30)

enum web_kind { WEB_NONE, WEB_HTML, WEB_WARC };

/* What an input is, from its name and first bytes. */
enum web_kind web_kind(const char *name, const unsigned char *data,
		       size_t len);
/* Whether name is a WACZ (a zip of WARCs and indexes) by its suffix. */
int web_is_wacz(const char *name);
/* Whether a member of a WACZ is one of its WARCs. */
int web_wacz_member(const char *name);

struct web_sink {
	/* An article read from len bytes; it moves to the callee, which
	 * leaves *a empty. Another status than NC_OK stops the reading. */
	enum nc_status (*article)(void *ctx, struct article *a, size_t len);
	/* A record or page that failed (counted as failed). */
	void (*problem)(void *ctx, const struct nc_error *err);
	/* A record or page skipped for reason: a short phrase ("request",
	 * "redirect", "list page"...), valid during the call. */
	void (*skip)(void *ctx, const char *reason);
	/* Something worth a line that did not stop the article. */
	void (*note)(void *ctx, const struct nc_error *err);
	void *ctx;
	const struct pipeline_opts *popts;
	uint64_t max_record;	/* bytes of a WARC record's block */
	size_t max_page;	/* bytes of a page, decoded */
};

/*
 * Fill the fields of t (title, body, lead, byline, section, captions,
 * published, url, source) from page p, normalised as decode.h says; target
 * is the URL the page was fetched from (or NULL). The hash, origin and raw
 * bytes are the caller's.
 */
struct web_page;
void web_fields(struct article *t, const struct web_page *p,
		const char *target, const struct pipeline_opts *po);

/* One HTML file of len bytes. */
enum nc_status web_read_html(const char *name, const unsigned char *data,
			     size_t len, const struct web_sink *sink);
/* One WARC file (plain or gzip'd) of len bytes. */
enum nc_status web_read_warc(const char *name, const unsigned char *data,
			     size_t len, const struct web_sink *sink);

/* Skipped records and pages counted by reason, in order of first sight. */
struct web_skips {
	char **reason;
	long long *count;
	size_t n;
};

void web_skips_add(struct web_skips *k, const char *reason);
/* "3 request, 2 warcinfo, 1 list page" into out. */
void web_skips_format(const struct web_skips *k, struct buf *out);
void web_skips_release(struct web_skips *k);

#endif
