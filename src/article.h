/*
 * article.h - one news article and the parser that recovers its fields
 * from normalised text.
 *
 * All strings are NUL-terminated UTF-8 (NFC) owned by the article and freed
 * by article_release(); a field that is unknown is NULL.
 */
#ifndef NEWSCTL_ARTICLE_H
#define NEWSCTL_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "hash.h"

#define ARTICLE_NO_VIEWS (-1)

struct article {
	int64_t id;		/* store row id; 0 before it is stored */
	char *source;		/* outlet or collection name */
	char *origin;		/* file path, "-" for stdin, archive!entry */
	char *url;
	char *external_id;	/* id given by an export (doc_id, id column) */
	char *section;
	char *title;		/* headline */
	char *lead;		/* sapo / standfirst */
	char *published;	/* ISO 8601: "2017-10-12T04:18:00+07:00" or "2017-10-12" */
	char *byline;		/* the author's name */
	char *credit;		/* the source credit: "Theo TTXVN" */
	char *fetched;		/* when a web archive fetched the page (its
				 * WARC-Date, as written), or NULL */
	char **captions;	/* ncaptions photo captions, each with its credit */
	size_t ncaptions;
	int64_t views;		/* ARTICLE_NO_VIEWS when unknown */
	char *body;		/* paragraphs separated by "\n\n" */
	char *encoding;		/* detected input encoding, e.g. "UTF-8" */
	char hash[HASH_HEX_LEN + 1];	/* hex SHA-256 of the normalised text */
	unsigned char *raw;	/* the original bytes, exactly as read */
	size_t raw_len;
	int64_t ingested;	/* Unix time of ingest */
	char *warning;		/* what the parser doubted, to report; not
				 * stored */
};

#define ARTICLE_INIT { .views = ARTICLE_NO_VIEWS }

void article_init(struct article *a);
void article_release(struct article *a);
/* Append a copy of caption (len bytes) to a->captions. */
void article_add_caption(struct article *a, const char *caption, size_t len);
/* Replace *field with a copy of s (len bytes), or NULL when s is NULL. */
void article_set(char **field, const char *s, size_t len);

/*
 * Recover the fields of a raw article from its normalised text (NFC UTF-8,
 * LF line ends, as decode_text() produces) of len bytes. Fills section,
 * title, lead, published, byline, captions, views, body, source and url where
 * the text has them, and leaves the other fields alone. Page chrome (font
 * size widgets, view counters, "Tin mới hơn"...) is dropped from the body.
 *
 * Recognised shapes: the news-site dump of the sample in seeds/ (a first line
 * "title SECTION", then the headline, a date line, chrome, paragraphs, a
 * byline, chrome), a plain format with "Key: value" header lines (Title,
 * Date, Source, URL, Author, Section, Lead, Id; also Tiêu đề, Ngày, Nguồn,
 * Tác giả, Chuyên mục) followed by a blank line and the body, "# key =
 * value" header lines (doc_id, url, date) followed by the headline and the
 * lead, and bare text whose first non-empty line is the headline. Each
 * non-empty line of the body is one paragraph.
 *
 * A doubt that does not stop the parse (a weekday that is not the date's)
 * is described in a->warning, which the caller reports.
 *
 * Fails with NC_EDATA ("empty article", "no headline", "no body") when the
 * text is empty or white space, has nothing left for a headline, or has a
 * headline but no body; a is then left unchanged.
 */
enum nc_status article_parse(struct article *a, const char *text, size_t len,
			     struct nc_error *err);

#endif
