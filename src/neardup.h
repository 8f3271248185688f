/*
 * neardup.h - near-duplicate articles (syndicated copies): a shingle set
 * per article, MinHash band keys to find candidates, the similarity that
 * confirms them, and clusters with a canonical member.
 *
 * Method: MinHash over word shingles with banded lookup (Broder 1997;
 * banding as in Leskovec, Rajaraman and Ullman, Mining of Massive
 * Datasets, ch. 3), then the exact Jaccard similarity of the two shingle
 * sets. Why not SimHash (Charikar 2002; Manku et al. 2007)? A 64-bit
 * SimHash with a Hamming radius of 3 finds pages that are almost
 * identical; its bits do not estimate a set overlap, so "shares 80% of its
 * text" (a paragraph dropped, a headline rewritten) has no radius that
 * means it, and looking up a radius of k bits takes k+1 permuted tables.
 * Henzinger (SIGIR 2006, 1.6B pages) found both methods precise across
 * sites and both poor within a site, where shared boilerplate makes
 * false pairs; her best precision came from confirming one method's pairs
 * with the other. We confirm every candidate with the exact Jaccard of
 * the two texts' shingle sets, so the lookup only has to be complete, and
 * banded MinHash gives a tunable recall curve: a pair of Jaccard
 * similarity s shares at least one of b bands of r rows with probability
 * 1 - (1 - s^r)^b. With b = 10, r = 2 that is 0.944 at s = 0.5, 0.988 at
 * 0.6 and 0.999 at 0.7, for 10 keys (about 120 bytes in SQLite) an
 * article.
 *
 * Shingles. The text (headline, lead and body, one paragraph a line) is
 * split into syllables as the tokenizer splits tokens (runs of letters,
 * digits and combining marks; an ideograph alone), each folded
 * (vietnamese.h: lower case, no diacritics, đ -> d), so tone-mark style,
 * NFD and the encoding of the source (decoded to NFC before this) do not
 * matter. A shingle is NEARDUP_K consecutive syllables of one line. The
 * first two lines of NEARDUP_MIN_OPENING syllables or more that are not
 * just a date are the opening (the headline and the lead; shorter lines
 * above them are widgets such as "Cỡ chữ Màu chữ", "In bài | Chia sẻ"
 * that the parser left); after them, lines of fewer than
 * NEARDUP_MIN_LINE syllables are furniture (bylines, date lines, photo
 * credits, "Theo TTXVN", "Chia sẻ") and give none, so that adding,
 * removing or changing them changes nothing. Four syllables are
 * about two Vietnamese words; 3, 4 and 5 gave the same recall and
 * precision on the labelled set of bench/neardup-eval, with median
 * similarities per kind of change within 0.03 of each other.
 *
 * Short and boilerplate articles: an article with fewer than
 * NEARDUP_MIN_SHINGLES distinct shingles once its furniture lines are gone
 * gets no band keys and is never confirmed, so short items and pages made
 * of furniture never cluster. Long boilerplate (a site's notice or
 * copyright paragraph) can still be most of a short article's text, so a
 * pair must also share the story's opening: at least NEARDUP_HEAD_SHARE of
 * the opening's shingles (at most NEARDUP_HEAD) of each must be in the
 * other. Copies keep the opening with a new headline (the lead stays) or
 * with the lead moved into the first paragraph; two items wrapped in one
 * notice share only the notice; a page that is nothing but the notice has
 * an opening the other lacks, so it cannot link every page that carries
 * the notice (with "the opening of either" it did, in the labelled set).
 * Outlets that reprint a story often write their own headline and sapo
 * over the same body: such a pair is joined when it shares NEARDUP_STRICT
 * of its shingles (the goal's "80% of the text") and some of each opening
 * is in the other (NEARDUP_HEAD_SOME: a rewritten headline still names the
 * story), which two items in a notice five times their size do not. On
 * baomoi, pairs between 0.6 and 0.8 with different openings were mostly
 * follow-ups and other outlets' rewrites of one event, not copies. What
 * these rules cannot tell from a copy is an item whose headline and lead
 * are both under NEARDUP_MIN_OPENING syllables in a notice (its opening is
 * then the notice), and pages filled in from one template, such as the
 * men's and the women's draw of a tennis tournament (on 1,616 crawled
 * pages of 2026, 3 of 11 clusters). The rules are per article and per
 * pair, so the clusters do not depend on the order in which articles
 * arrive; document frequencies ("ignore shingles in over N articles")
 * would, since a phrase becomes common only later.
 *
 * Intended schema (the store signs at ingest, in the reading thread):
 *
 *   CREATE TABLE dup_band (key INTEGER NOT NULL, article INTEGER NOT NULL,
 *       PRIMARY KEY (key, article)) WITHOUT ROWID;
 *   CREATE TABLE dup (article INTEGER PRIMARY KEY, cluster INTEGER NOT
 *       NULL, syllables INTEGER NOT NULL, original INTEGER NOT NULL)
 *       WITHOUT ROWID;      -- members of clusters of 2 or more only
 *   CREATE INDEX dup_cluster ON dup (cluster);
 *   -- meta: neardup_version = NEARDUP_VERSION, dup_threshold = t
 *
 * cluster is the id of the canonical member; syllables and original are
 * kept so that a cluster's canonical member can be chosen again without
 * reading its members' texts (published and hash are articles columns).
 * The text signed is the headline, the lead, the body and the byline, a
 * line each (pipeline.h fields; the byline is short and only feeds
 * neardup_credits_other()).
 *
 * Ingest of article A: neardup_shingle() its text, neardup_sign(); when it
 * has keys, SELECT DISTINCT article FROM dup_band WHERE key IN (A's keys);
 * shingle each candidate's text and keep those with neardup_jaccard() >=
 * threshold (neardup_confirmed()); insert A's keys; if any was confirmed,
 * load the members of the clusters touched (dup rows of those clusters,
 * or the candidates alone), join them in a struct neardup_clusters with
 * A, and rewrite their dup rows with cluster = the canonical member's id.
 * Re-clustering at a new threshold (dups --threshold) keeps dup_band:
 * SELECT key, article FROM dup_band ORDER BY key gives the candidate
 * pairs, which are confirmed again and joined. A change of
 * NEARDUP_VERSION means the keys must be recomputed (a migration).
 */
#ifndef NEWSCTL_NEARDUP_H
#define NEWSCTL_NEARDUP_H

#include <stddef.h>
#include <stdint.h>

#define NEARDUP_VERSION 1	/* of shingles and keys, stored with them */
#define NEARDUP_K 4		/* syllables a shingle */
#define NEARDUP_MIN_LINE 8	/* syllables: shorter lines are furniture */
#define NEARDUP_MIN_SHINGLES 40	/* distinct shingles to be signed */
#define NEARDUP_BANDS 10
#define NEARDUP_ROWS 2		/* MinHash values a band */
#define NEARDUP_THRESHOLD 0.6	/* Jaccard similarity of a copy */
#define NEARDUP_OPENING 2	/* lines: the headline and the lead */
#define NEARDUP_MIN_OPENING 5	/* syllables of an opening line */
#define NEARDUP_HEAD 40		/* shingles of the opening, at most */
#define NEARDUP_HEAD_SHARE 0.5	/* of one opening found in the other */
#define NEARDUP_STRICT 0.8	/* similarity joining different openings */
#define NEARDUP_HEAD_SOME 0.1	/* of an opening found in the other, then */

/*
 * The shingle set of one text: n distinct 64-bit shingle hashes in
 * ascending order, and the syllables of the lines they came from (the
 * content length used by the canonical rule).
 */
struct neardup_set {
	uint64_t *h;
	size_t n, cap;
	size_t syllables;
	uint64_t head[NEARDUP_HEAD];	/* the opening's first shingles */
	size_t nhead;
};

#define NEARDUP_SET_INIT { NULL, 0, 0, 0, { 0 }, 0 }

/*
 * Fill set (emptied first) with the shingles of text (len bytes of
 * normalised NFC UTF-8, paragraphs on lines of their own). Needs
 * vn_init() to have succeeded for the folding of Vietnamese letters.
 */
void neardup_shingle(const char *text, size_t len, struct neardup_set *set);
void neardup_set_release(struct neardup_set *set);

/*
 * The band keys of set: keys[] gets NEARDUP_BANDS values that the store
 * keeps as integers (32 bits, so SQLite stores them in 4 bytes). Returns
 * 1, or 0 (keys untouched) when the set is too small to be compared.
 */
int neardup_sign(const struct neardup_set *set,
		 int32_t keys[NEARDUP_BANDS]);

/* |a ∩ b| / |a ∪ b| (0 when both are empty). */
double neardup_jaccard(const struct neardup_set *a,
		       const struct neardup_set *b);

/*
 * Are a and b copies of one story at threshold: both big enough to be
 * signed, their Jaccard similarity at least threshold, and either at
 * least NEARDUP_HEAD_SHARE of the opening of each (the shingles of its
 * headline and lead) in the other, or a similarity of NEARDUP_STRICT and
 * NEARDUP_HEAD_SOME of each opening in the other? *sim (may be NULL)
 * gets the similarity.
 */
int neardup_confirmed(const struct neardup_set *a,
		      const struct neardup_set *b, double threshold,
		      double *sim);

/*
 * Does text (len bytes, one paragraph a line) credit another outlet: a
 * short first or last line "Theo X", "(Theo X)", "Nguồn: X"? An article
 * that does not is taken to name itself the original source.
 */
int neardup_credits_other(const char *text, size_t len);

/*
 * Clusters: union-find over the members of confirmed pairs.
 *
 * The canonical member of a cluster, the one search shows and export
 * --canonical keeps, is chosen by neardup_member_cmp(): the earliest
 * published (articles without a date after all dated ones), then the
 * longest (syllables of content), then the one that names itself the
 * original source, then the smallest content hash, so that the choice
 * depends on the articles only and not on the order of ingest.
 */
struct neardup_member {
	int64_t id;
	const char *published;	/* ISO 8601 (compared as text), or NULL */
	size_t syllables;	/* neardup_set.syllables */
	int original;		/* !neardup_credits_other() */
	const char *hash;	/* content hash (hex), or NULL */
};

/* < 0 when a is the better canonical member, > 0 when b is, 0: equal. */
int neardup_member_cmp(const struct neardup_member *a,
		       const struct neardup_member *b);

struct neardup_clusters;

struct neardup_clusters *neardup_clusters_new(void);
void neardup_clusters_free(struct neardup_clusters *c);
/* Add a member (its strings are copied); returns its index. */
size_t neardup_clusters_add(struct neardup_clusters *c,
			    const struct neardup_member *m);
/* Put the members of indices a and b in one cluster. */
void neardup_clusters_join(struct neardup_clusters *c, size_t a, size_t b);
/* The id of the canonical member of index i's cluster (the cluster id). */
int64_t neardup_clusters_canonical(struct neardup_clusters *c, size_t i);
/* The number of members of index i's cluster. */
size_t neardup_clusters_size(struct neardup_clusters *c, size_t i);

#endif
