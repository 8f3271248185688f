/*
 * output.h - the printer (notmuch's sprinter) and terminal text.
 *
 * A command chooses its printer once (printer_new() with the format of
 * --format) and describes each record to it: maps, lists, keys and
 * values, or whole records through the pr_article(), pr_hit() and
 * pr_stats() writers below. It never formats records itself. One record
 * is one top-level value; pr_record() ends it. The backends:
 *
 *   PR_JSON  JSON Lines: one compact JSON value a line, strings escaped
 *            as notmuch's sprinter-json.c does.
 *   PR_TSV   the top-level map's scalars named by the printer's columns,
 *            in that order, tab-separated (out_tsv_field()); a missing
 *            or null value is an empty field.
 *   PR_CSV   the same columns as RFC 4180 CSV: a header line of the
 *            column names, fields quoted when they hold '"', ',' or a
 *            line break, lines ended by CRLF (out_csv_field()).
 *   PR_IDS   the "id" of each record, one a line.
 *   PR_TEXT  for people: the record writers lay their records out for
 *            reading; other records are the top-level scalars separated
 *            by spaces, control characters shown as U+FFFD.
 *
 * newsctl-formats(5) documents the keys and columns of every record.
 */
#ifndef NEWSCTL_OUTPUT_H
#define NEWSCTL_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "opt.h"

enum pr_format { PR_TEXT, PR_JSON, PR_TSV, PR_IDS, PR_CSV };

/* The --format keywords, for opt.h's OPT_KEYWORD. */
extern const struct opt_keyword pr_formats[];
/* The same without "ids", for commands whose records have no id. */
extern const struct opt_keyword pr_formats_no_ids[];

struct printer;

/*
 * A printer of fmt to fp. columns (NULL-terminated key names) are the TSV
 * and CSV fields; the other formats ignore them. color: text may use ANSI
 * colour. A CSV printer writes its header line here.
 */
struct printer *printer_new(enum pr_format fmt, FILE *fp,
			    const char *const *columns, int color);
void printer_free(struct printer *p);
enum pr_format pr_format(const struct printer *p);

void pr_begin_map(struct printer *p);
void pr_begin_list(struct printer *p);
void pr_end(struct printer *p);
/* A map key; the next call gives its value. */
void pr_key(struct printer *p, const char *key);
void pr_str(struct printer *p, const char *s);
void pr_strn(struct printer *p, const char *s, size_t len);
/* A string, or null when s is NULL. */
void pr_str_or_null(struct printer *p, const char *s);
void pr_int(struct printer *p, long long v);
void pr_double(struct printer *p, double v);
void pr_null(struct printer *p);
/* End one top-level record (a newline in JSON Lines). */
void pr_record(struct printer *p);

/*
 * Records (output-record.c). An article's keys come in one order
 * wherever it is written (show, search, the export manifest):
 *   id hash source origin url external_id section title lead published
 *   byline encoding captions views ingested body
 * pr_article_keys() writes those of what inside an open map, so that the
 * caller can add its own keys after them.
 */
struct article;
struct store_hit;
struct store_stats;
enum {
	PR_ART_HIT = 0,		/* id source origin url external_id section
				 * title published byline */
	PR_ART_FIELDS = 1,	/* and hash lead encoding captions views
				 * ingested */
	PR_ART_BODY = 2,	/* and body */
};
void pr_article_keys(struct printer *p, const struct article *a, int what);
/* show: one article, every field and its body. */
void pr_article(struct printer *p, const struct article *a);
/* The same with the ids of its near-duplicate copies (a list, maybe
 * empty; none when copies is NULL). */
void pr_article_copies(struct printer *p, const struct article *a,
		       const int64_t *copies, size_t ncopies);
/* search: one hit with its score and snippet. */
void pr_hit(struct printer *p, const struct store_hit *h);
/* watch run: a hit and the name of the watch it is new to. */
void pr_watch_hit(struct printer *p, const struct store_hit *h,
		  const char *watch);
/*
 * The facet keywords (search --facet, stats --by), in the order of
 * store.h's enum store_facet, so that pr_facets[by].name names facet by.
 */
extern const struct opt_keyword pr_facets[];
/* search --facet, stats --by: the articles of one value of a facet. */
void pr_facet(struct printer *p, const char *facet, const char *value,
	      long long articles);
/* stats: what the database at path holds. */
void pr_stats(struct printer *p, const struct store_stats *s,
	      const char *path);
/* dups: one cluster of copies, its canonical member's fields and the ids
 * of its members. */
struct store_cluster;
void pr_cluster(struct printer *p, const struct store_cluster *c);
/* The TSV and CSV columns of the records. */
extern const char *const pr_hit_columns[];
extern const char *const pr_article_columns[];
extern const char *const pr_stats_columns[];
extern const char *const pr_watch_hit_columns[];
extern const char *const pr_facet_columns[];
extern const char *const pr_cluster_columns[];

/*
 * Terminal text.
 *
 * out_color_wanted() answers whether to colour fp for a --color mode
 * (0 never, 1 always, 2 auto: a terminal and NO_COLOR unset).
 * out_text() writes UTF-8 text to fp with control characters (but for
 * newline and tab when keep_lines is set) replaced by U+FFFD, so that
 * stored text cannot move the cursor or change the terminal.
 */
enum { COLOR_NEVER, COLOR_ALWAYS, COLOR_AUTO };
int out_color_wanted(FILE *fp, int mode);
void out_text(FILE *fp, const char *s, size_t len, int keep_lines);

/* How JSON shows the marks the store puts around matches (store.h). */
#define MARK_OPEN_HTML "<mark>"
#define MARK_CLOSE_HTML "</mark>"

/*
 * Write a snippet holding MARK_OPEN/MARK_CLOSE pairs to fp, with the
 * marked words in bold when bold is set and unmarked otherwise.
 */
void out_snippet(FILE *fp, const char *s, int bold);

/*
 * Append snippet s to out with the marks as MARK_OPEN_HTML and
 * MARK_CLOSE_HTML (the text itself is not escaped); out_snippet_plain()
 * drops the marks.
 */
struct buf;
void out_snippet_marked(struct buf *out, const char *s);
void out_snippet_plain(struct buf *out, const char *s);

/*
 * Write len bytes of s as one TSV field: tab, newline, carriage return and
 * backslash become \t, \n, \r and \\.
 */
void out_tsv_field(FILE *fp, const char *s, size_t len);

/*
 * Write len bytes of s as one CSV field (RFC 4180): quoted, with '"'
 * doubled, when it holds '"', ',', CR or LF.
 */
void out_csv_field(FILE *fp, const char *s, size_t len);

/* The text layouts of the record writers (output-text.c). */
void out_text_hit(FILE *fp, const struct store_hit *h, int color);
void out_text_article(FILE *fp, const struct article *a,
		      const int64_t *copies, size_t ncopies);
void out_text_stats(FILE *fp, const struct store_stats *s,
		    const char *path);
/* One count: "      12  value", "(none)" for NULL. */
void out_text_facet(FILE *fp, const char *value, long long articles);
void out_text_cluster(FILE *fp, const struct store_cluster *c);

#endif
