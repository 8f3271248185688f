/*
 * records.h - crawler exports: CSV and JSON Lines files that hold one
 * article per row, and the mapping from their columns or keys to the
 * fields of an article.
 *
 * A reader walks the bytes of one export and hands out one record at a
 * time. A row that cannot be read (an unbalanced quote, a wrong number of
 * fields, invalid JSON) is reported as an error for that row and the
 * reader goes on with the next one, so one bad row never costs the rest of
 * the file. Lines are counted from 1; a record's line is the line its row
 * starts on.
 *
 * CSV follows RFC 4180: fields separated by ',', quoted with '"' (a quote
 * inside a quoted field written '""'; commas, CR and LF allowed inside),
 * the first row naming the columns. Rows may end with LF, CRLF or a lone
 * CR, mixed in one file; blank lines between rows are skipped; a UTF-8 BOM
 * is skipped. JSON Lines is one JSON object per line (blank lines
 * skipped), read with jansson.
 *
 * The export must be UTF-8 or an encoding that keeps ASCII bytes as they
 * are (the decoders turn each field into normalised text later).
 */
#ifndef NEWSCTL_RECORDS_H
#define NEWSCTL_RECORDS_H

#include <stddef.h>

#include "buf.h"
#include "err.h"
#include "stream.h"

enum records_format {
	RECORDS_TEXT,		/* not an export: one article per file */
	RECORDS_CSV,
	RECORDS_JSONL,
};

/*
 * The format of an input named name (NULL or "-" for standard input)
 * whose first len bytes are data: from the name's extension (".csv";
 * ".jsonl", ".ndjson"; ".txt" is text), else from the content (a first
 * line that is a JSON object; a first line of comma-separated column names
 * among which a known title or body name stands), else text.
 */
enum records_format records_detect(const char *name,
				   const unsigned char *data, size_t len);

/* The fields of an article that an export can give. */
enum record_field {
	RF_ID,			/* the export's id: external_id */
	RF_URL,
	RF_SOURCE,
	RF_SECTION,
	RF_TITLE,
	RF_LEAD,
	RF_DATE,
	RF_AUTHOR,
	RF_BODY,
	RF_COUNT
};

/* The name of a field as --field takes it ("title", "body"...). */
const char *record_field_name(enum record_field f);

#define RECORDS_MAP_MAX 8

/*
 * Where each field is read from: up to RECORDS_MAP_MAX column names or key
 * paths per field, tried in order; the first that holds a non-empty value
 * wins. A path "a.b" names a column "a.b", or else key "b" of the object
 * under key "a" (JSON). Names compare case-insensitively when no exact
 * match exists. The strings are not copied: they must outlive the map.
 */
struct records_map {
	const char *paths[RF_COUNT][RECORDS_MAP_MAX];
	int overridden[RF_COUNT];
};

/* The default mapping (see the table in records.c). */
void records_map_init(struct records_map *m);

/*
 * Apply one --field spec "FIELD=PATH" (FIELD a name from
 * record_field_name() or an alias such as "content", "published",
 * "byline", "category", "external_id"). The first spec for a field
 * replaces its defaults, later ones add fallbacks; "FIELD=" maps nothing.
 * The spec string must outlive the map (the path points into it).
 * NC_EUSAGE for an unknown field or a spec without '='.
 */
enum nc_status records_map_set(struct records_map *m, const char *spec,
			       struct nc_error *err);

/* One row of an export; valid until the next records_next() call. */
struct record {
	long line;		/* the line the row starts on, from 1 */
	const char *raw;	/* the row's bytes in the export */
	size_t raw_len;
	/* private */
	const struct records_reader *r;
	size_t nvals;		/* CSV: values, one per column */
	void *json;		/* JSONL: the object (json_t *) */
};

struct records_reader;

/*
 * Start reading len bytes of an export in format fmt (CSV or JSONL). The
 * data is not copied: it must outlive the reader. For CSV the header row
 * is read here: NC_EDATA when it is missing or cannot be read.
 */
enum nc_status records_open(struct records_reader **out,
			    enum records_format fmt,
			    const unsigned char *data, size_t len,
			    struct nc_error *err);
/*
 * The same for an export too large to hold: its first len bytes at data
 * (copied), the rest read from rest as rows are asked for. The reader
 * then holds one row at a time; a row over max_row bytes is skipped as
 * it is read (NC_ETOOBIG from records_next()). A failed read of rest is
 * the last row error: the reading then ends.
 */
enum nc_status records_open_stream(struct records_reader **out,
				   enum records_format fmt,
				   const unsigned char *data, size_t len,
				   struct stream *rest, size_t max_row,
				   struct nc_error *err);
void records_close(struct records_reader *r);

/*
 * Read the next row into *rec. Returns NC_OK with a record, NC_NOMATCH at
 * the end, or an error for a row that could not be read (NC_EDATA; from a
 * stream also NC_ETOOBIG or the stream's error): err then says why
 * (without file or line) and *bad_line is the line it starts on; the next
 * call goes on after it.
 */
enum nc_status records_next(struct records_reader *r, struct record *rec,
			    long *bad_line, struct nc_error *err);

/*
 * The value of path in rec, appended to out, as the export wrote it
 * (JSON strings unescaped; numbers and booleans as JSON writes them;
 * an array of strings joined by sep). Returns 1 when the value is
 * present and not empty, else 0 (out unchanged).
 */
int record_get(const struct record *rec, const char *path, const char *sep,
	       struct buf *out);

/*
 * The value of field f of rec under map m: the first of m's paths for f
 * that is present and not empty (see record_get(); arrays joined by "\n\n"
 * for the body and lead, ", " otherwise). Returns 1 if found.
 */
int record_field(const struct record *rec, const struct records_map *m,
		 enum record_field f, struct buf *out);

#endif
