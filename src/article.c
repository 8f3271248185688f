/* article.c - placeholder until the parser lands. */
#include "article.h"

#include <stdlib.h>
#include <string.h>

void article_init(struct article *a)
{
	memset(a, 0, sizeof(*a));
	a->views = ARTICLE_NO_VIEWS;
}

void article_set(char **field, const char *s, size_t len)
{
	free(*field);
	*field = s ? xstrndup(s, len) : NULL;
}

void article_add_caption(struct article *a, const char *caption, size_t len)
{
	a->captions = xrealloc(a->captions, (a->ncaptions + 1) * sizeof(char *));
	a->captions[a->ncaptions++] = xstrndup(caption, len);
}

void article_release(struct article *a)
{
	char **fields[] = { &a->source, &a->origin, &a->url, &a->external_id,
		&a->section, &a->title, &a->lead, &a->published, &a->byline,
		&a->body, &a->encoding };

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		free(*fields[i]);
	for (size_t i = 0; i < a->ncaptions; i++)
		free(a->captions[i]);
	free(a->captions);
	free(a->raw);
	article_init(a);
}

enum nc_status article_parse(struct article *a, const char *text, size_t len,
			     struct nc_error *err)
{
	const char *nl = memchr(text, '\n', len);
	size_t tl = nl ? (size_t)(nl - text) : len;

	if (!len)
		return nc_fail(err, NC_EDATA, "empty article");
	article_set(&a->title, text, tl);
	article_set(&a->body, nl ? nl + 1 : "", nl ? len - tl - 1 : 0);
	return NC_OK;
}
