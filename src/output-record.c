/*
 * output-record.c - the records newsctl prints, written once for every
 * backend: an article (one key order everywhere), a search hit, the
 * statistics. The text backend lays them out for reading
 * (output-text.c); the others take the keys.
 */
#include "output-int.h"

#include "article.h"
#include "store.h"

const char *const pr_hit_columns[] = {
	"id", "score", "published", "source", "section", "title", "byline",
	"snippet", "copies", NULL,
};

const char *const pr_article_columns[] = {
	"id", "hash", "source", "origin", "url", "external_id", "section",
	"title", "lead", "published", "fetched", "byline", "credit",
	"encoding", "views",
	"ingested", "body", NULL,
};

const char *const pr_watch_hit_columns[] = {
	"id", "score", "published", "source", "section", "title", "byline",
	"snippet", "watch", NULL,
};

const char *const pr_facet_columns[] = {
	"facet", "value", "articles", NULL,
};

const struct opt_keyword pr_facets[] = {
	{ "source", FACET_SOURCE }, { "section", FACET_SECTION },
	{ "byline", FACET_BYLINE }, { "year", FACET_YEAR },
	{ "month", FACET_MONTH }, { NULL, 0 },
};

const char *const pr_stats_columns[] = {
	"articles", "first", "last", "db_bytes", "clusters", "copies", NULL,
};

const char *const pr_cluster_columns[] = {
	"cluster", "size", "published", "source", "title", NULL,
};

void pr_article_keys(struct printer *p, const struct article *a, int what)
{
	const int all = what & (PR_ART_FIELDS | PR_ART_BODY);
	const struct {
		const char *key, *value;
		int all;	/* only with PR_ART_FIELDS */
	} fields[] = {
		{ "hash", a->hash, 1 }, { "source", a->source, 0 },
		{ "origin", a->origin, 0 }, { "url", a->url, 0 },
		{ "external_id", a->external_id, 0 },
		{ "section", a->section, 0 }, { "title", a->title, 0 },
		{ "lead", a->lead, 1 }, { "published", a->published, 0 },
		{ "fetched", a->fetched, 1 },
		{ "byline", a->byline, 0 }, { "credit", a->credit, 1 },
		{ "encoding", a->encoding, 1 },
	};

	pr_key(p, "id");
	pr_int(p, a->id);
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		if (fields[i].all && !all)
			continue;
		pr_key(p, fields[i].key);
		pr_str_or_null(p, fields[i].value);
	}
	if (!all)
		return;
	pr_key(p, "captions");
	pr_begin_list(p);
	for (size_t i = 0; i < a->ncaptions; i++)
		pr_str(p, a->captions[i]);
	pr_end(p);
	pr_key(p, "views");
	if (a->views >= 0)
		pr_int(p, a->views);
	else
		pr_null(p);
	pr_key(p, "ingested");
	pr_int(p, a->ingested);
	if (what & PR_ART_BODY) {
		pr_key(p, "body");
		pr_str(p, a->body ? a->body : "");
	}
}

void pr_article(struct printer *p, const struct article *a)
{
	pr_article_copies(p, a, NULL, 0);
}

void pr_article_copies(struct printer *p, const struct article *a,
		       const int64_t *copies, size_t ncopies)
{
	if (p->fmt == PR_TEXT) {
		out_text_article(p->fp, a, copies, ncopies);
		return;
	}
	pr_begin_map(p);
	pr_article_keys(p, a, PR_ART_FIELDS | PR_ART_BODY);
	if (copies) {
		pr_key(p, "copies");
		pr_begin_list(p);
		for (size_t i = 0; i < ncopies; i++)
			pr_int(p, copies[i]);
		pr_end(p);
	}
	pr_end(p);
	pr_record(p);
}

static void hit_keys(struct printer *p, const struct store_hit *h)
{
	struct buf snip = BUF_INIT;

	pr_article_keys(p, &h->a, PR_ART_HIT);
	pr_key(p, "score");
	pr_double(p, h->score);
	if (p->fmt == PR_JSON)
		out_snippet_marked(&snip, h->snippet ? h->snippet : "");
	else
		out_snippet_plain(&snip, h->snippet ? h->snippet : "");
	pr_key(p, "snippet");
	pr_str(p, snip.s);
	pr_key(p, "copies");
	pr_int(p, h->copies);
	buf_release(&snip);
}

void pr_hit(struct printer *p, const struct store_hit *h)
{
	if (p->fmt == PR_TEXT) {
		out_text_hit(p->fp, h, p->color);
		return;
	}
	pr_begin_map(p);
	hit_keys(p, h);
	pr_end(p);
	pr_record(p);
}

void pr_watch_hit(struct printer *p, const struct store_hit *h,
		  const char *watch)
{
	if (p->fmt == PR_TEXT) {
		out_text_hit(p->fp, h, p->color);
		return;
	}
	pr_begin_map(p);
	hit_keys(p, h);
	pr_key(p, "watch");
	pr_str(p, watch);
	pr_end(p);
	pr_record(p);
}

void pr_facet(struct printer *p, const char *facet, const char *value,
	      long long articles)
{
	if (p->fmt == PR_TEXT) {
		out_text_facet(p->fp, value, articles);
		return;
	}
	pr_begin_map(p);
	pr_key(p, "facet");
	pr_str(p, facet);
	pr_key(p, "value");
	pr_str_or_null(p, value);
	pr_key(p, "articles");
	pr_int(p, articles);
	pr_end(p);
	pr_record(p);
}

void pr_stats(struct printer *p, const struct store_stats *s,
	      const char *path)
{
	if (p->fmt == PR_TEXT) {
		out_text_stats(p->fp, s, path);
		return;
	}
	pr_begin_map(p);
	pr_key(p, "articles");
	pr_int(p, s->articles);
	pr_key(p, "first");
	pr_str_or_null(p, s->first);
	pr_key(p, "last");
	pr_str_or_null(p, s->last);
	pr_key(p, "sources");
	pr_begin_list(p);
	for (size_t i = 0; i < s->nsources; i++) {
		pr_begin_map(p);
		pr_key(p, "source");
		pr_str_or_null(p, s->sources[i].name);
		pr_key(p, "articles");
		pr_int(p, s->sources[i].articles);
		pr_end(p);
	}
	pr_end(p);
	pr_key(p, "db_bytes");
	pr_int(p, s->db_bytes);
	pr_key(p, "clusters");
	pr_int(p, s->clusters);
	pr_key(p, "copies");
	pr_int(p, s->copies);
	pr_end(p);
	pr_record(p);
}

void pr_cluster(struct printer *p, const struct store_cluster *c)
{
	if (p->fmt == PR_TEXT) {
		out_text_cluster(p->fp, c);
		return;
	}
	pr_begin_map(p);
	pr_key(p, "cluster");
	pr_int(p, c->a.id);
	pr_key(p, "size");
	pr_int(p, c->size);
	pr_article_keys(p, &c->a, PR_ART_HIT);
	pr_key(p, "members");
	pr_begin_list(p);
	for (long long i = 0; i < c->size; i++)
		pr_int(p, c->members[i]);
	pr_end(p);
	pr_end(p);
	pr_record(p);
}
