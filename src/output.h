/*
 * output.h - structured output (notmuch's sprinter) and terminal text.
 *
 * Commands describe their data to a printer (maps, lists, keys, values)
 * and never format JSON themselves. The JSON printer writes one JSON value
 * per record: call pr_record() after each top-level value to end the line
 * (JSON Lines).
 */
#ifndef NEWSCTL_OUTPUT_H
#define NEWSCTL_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

struct printer;

struct printer *printer_json_new(FILE *fp);
/*
 * TSV: each scalar value inside a top-level map is one field, in the order
 * written; keys are dropped, null is an empty field, values nested deeper
 * are left out; pr_record() ends the line. Fields are escaped with
 * out_tsv_field().
 */
struct printer *printer_tsv_new(FILE *fp);
void printer_free(struct printer *p);

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
void pr_bool(struct printer *p, int v);
void pr_null(struct printer *p);
/* End one top-level record (a newline in JSON Lines). */
void pr_record(struct printer *p);

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

/* Snippet markers that the store puts around matched words. */
#define MARK_OPEN "\x02"
#define MARK_CLOSE "\x03"

/*
 * Write a snippet holding MARK_OPEN/MARK_CLOSE pairs to fp, with the
 * marked words in bold when bold is set and unmarked otherwise.
 */
void out_snippet(FILE *fp, const char *s, int bold);

/*
 * Append snippet s to out with the marks as "<mark>" and "</mark>" (the
 * text itself is not escaped); out_snippet_plain() drops the marks.
 */
struct buf;
void out_snippet_marked(struct buf *out, const char *s);
void out_snippet_plain(struct buf *out, const char *s);

/*
 * Write len bytes of s as one TSV field: tab, newline, carriage return and
 * backslash become \t, \n, \r and \\.
 */
void out_tsv_field(FILE *fp, const char *s, size_t len);

#endif
