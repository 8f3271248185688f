/*
 * warc.h - WARC 1.0 records of an export (warc-write.c): one warcinfo
 * record, then one resource record per article holding its original
 * bytes.
 */
#ifndef NEWSCTL_WARC_H
#define NEWSCTL_WARC_H

#include <stdint.h>

#include "archive.h"
#include "article.h"
#include "err.h"

/* Room for "<urn:uuid:8-4-4-4-12>" and its NUL. */
#define WARC_ID_SIZE 64

/*
 * Write the warcinfo record of an export of the articles up to id upto,
 * dated date (Unix seconds); id gets its WARC-Record-ID.
 */
enum nc_status warc_write_info(struct arc_writer *w, int64_t upto,
			       int64_t date, char id[WARC_ID_SIZE],
			       struct nc_error *err);

/* Write a's resource record (a read with its raw bytes). */
enum nc_status warc_write_article(struct arc_writer *w,
				  const struct article *a,
				  const char *info_id, struct nc_error *err);

#endif
