/*
 * web-extract.c - what newsctl's extractor takes from each page, as the
 * article-extraction benchmark's JSON.
 *
 *	web-extract PAGE... > predictions.json
 *
 * Prints {"ID": {"articleBody": ..., "title": ..., "datePublished": ...,
 * "skipped": reason}} where ID is the page's file name without ".html",
 * with the fields as `newsctl ingest` stores them (web.h), the body with
 * the lead a site rule finds before it. The URL for the site rules is
 * the page's own canonical link. On stderr: pages, bytes and seconds of extraction.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract.h"
#include "web.h"

/* The whole file at path into *data (malloc'd); 0 when it cannot be read. */
static int read_all(const char *path, unsigned char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 20, n;

	if (!f)
		return 0;
	*data = malloc(cap);
	*len = 0;
	while ((n = fread(*data + *len, 1, cap - *len, f)) > 0) {
		*len += n;
		if (*len == cap)
			*data = realloc(*data, cap *= 2);
	}
	fclose(f);
	return 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* jansson's json_string() is shadowed by the library's JSON printer of
 * the same name: json_stringn() it is. */
static json_t *str(const char *s)
{
	return json_stringn(s, strlen(s));
}

static json_t *page_json(const struct web_page *p, const char *skipped)
{
	json_t *o = json_object();
	struct article a;
	struct buf body = BUF_INIT;

	article_init(&a);
	web_fields(&a, p, NULL, NULL);
	/* the lead a site rule found on the page (a description from the
	 * meta tags is no part of the page's text) */
	if (a.lead && p->body_from && !strcmp(p->body_from, "site"))
		buf_addf(&body, "%s\n", a.lead);
	buf_adds(&body, a.body ? a.body : "");
	json_object_set_new(o, "articleBody", str(body.s));
	json_object_set_new(o, "title", str(a.title ? a.title : ""));
	json_object_set_new(o, "datePublished",
			    str(a.published ? a.published : ""));
	json_object_set_new(o, "from", str(p->body_from ? p->body_from :
						   ""));
	if (skipped)
		json_object_set_new(o, "skipped", str(skipped));
	buf_release(&body);
	article_release(&a);
	return o;
}

int main(int argc, char **argv)
{
	json_t *all = json_object();
	double t = 0;
	size_t bytes = 0;

	for (int i = 1; i < argc; i++) {
		struct nc_error err = { 0 };
		struct web_page p;
		unsigned char *data;
		size_t len;
		char id[512], *dot;
		const char *base = strrchr(argv[i], '/');
		double t0;
		enum nc_status s;

		if (!read_all(argv[i], &data, &len)) {
			perror(argv[i]);
			continue;
		}
		snprintf(id, sizeof(id), "%s", base ? base + 1 : argv[i]);
		if ((dot = strstr(id, ".html")))
			*dot = 0;
		web_page_init(&p);
		t0 = now();
		s = extract_page(data, len, NULL, NULL, &p, &err);
		t += now() - t0;
		bytes += len;
		json_object_set_new(all, id, page_json(&p, s ? err.msg : NULL));
		web_page_release(&p);
		free(data);
	}
	json_dumpf(all, stdout, JSON_INDENT(1) | JSON_ENSURE_ASCII * 0);
	putchar('\n');
	fprintf(stderr, "%d\t%zu\t%.3f\n", argc - 1, bytes, t);
	json_decref(all);
	return 0;
}
