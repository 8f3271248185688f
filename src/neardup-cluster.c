/*
 * neardup-cluster.c - clusters of near-duplicate articles: union-find
 * over confirmed pairs and the canonical member rule; see neardup.h.
 */
#include "neardup.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

struct node {
	struct neardup_member m;	/* strings owned */
	size_t parent;
	size_t size;			/* members, valid at a root */
	size_t best;			/* canonical member, valid at a root */
};

struct neardup_clusters {
	struct node *v;
	size_t n, cap;
};

/* Compare two optional strings, NULL after every string. */
static int cmp_opt(const char *a, const char *b)
{
	if (!a || !b)
		return (a == NULL) - (b == NULL);
	return strcmp(a, b);
}

int neardup_member_cmp(const struct neardup_member *a,
		       const struct neardup_member *b)
{
	int d = cmp_opt(a->published, b->published);

	if (d)
		return d;
	if (a->syllables != b->syllables)
		return a->syllables > b->syllables ? -1 : 1;
	if (!a->original != !b->original)
		return a->original ? -1 : 1;
	return cmp_opt(a->hash, b->hash);
}

struct neardup_clusters *neardup_clusters_new(void)
{
	return xcalloc(1, sizeof(struct neardup_clusters));
}

void neardup_clusters_free(struct neardup_clusters *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free((char *)c->v[i].m.published);
		free((char *)c->v[i].m.hash);
	}
	free(c->v);
	free(c);
}

size_t neardup_clusters_add(struct neardup_clusters *c,
			    const struct neardup_member *m)
{
	struct node *x;

	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->v = xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	x = &c->v[c->n];
	x->m = *m;
	x->m.published = m->published ? xstrdup(m->published) : NULL;
	x->m.hash = m->hash ? xstrdup(m->hash) : NULL;
	x->parent = c->n;
	x->size = 1;
	x->best = c->n;
	return c->n++;
}

/* The root of i, halving the path on the way. */
static size_t find(struct neardup_clusters *c, size_t i)
{
	while (c->v[i].parent != i) {
		c->v[i].parent = c->v[c->v[i].parent].parent;
		i = c->v[i].parent;
	}
	return i;
}

void neardup_clusters_join(struct neardup_clusters *c, size_t a, size_t b)
{
	size_t ra = find(c, a), rb = find(c, b), t;

	if (ra == rb)
		return;
	if (c->v[ra].size < c->v[rb].size) {
		t = ra;
		ra = rb;
		rb = t;
	}
	c->v[rb].parent = ra;
	c->v[ra].size += c->v[rb].size;
	if (neardup_member_cmp(&c->v[c->v[rb].best].m,
			       &c->v[c->v[ra].best].m) < 0)
		c->v[ra].best = c->v[rb].best;
}

int64_t neardup_clusters_canonical(struct neardup_clusters *c, size_t i)
{
	return c->v[c->v[find(c, i)].best].m.id;
}

size_t neardup_clusters_size(struct neardup_clusters *c, size_t i)
{
	return c->v[find(c, i)].size;
}
