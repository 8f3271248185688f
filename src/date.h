/*
 * date.h - reading the dates that Vietnamese news pages print.
 */
#ifndef NEWSCTL_DATE_H
#define NEWSCTL_DATE_H

#include <stddef.h>

/* Vietnam's offset from UTC in seconds: the zone of times given without
 * one. (A number, so that SQL can take it through NC_STR().) */
#define DATE_VN_OFFSET 25200

/* Room for "2017-10-12T04:18:00+07:00" and its NUL. */
#define DATE_ISO_MAX 32

/*
 * Find and read a date in s (len bytes of UTF-8). Day first, as Vietnamese
 * sites write it: "12/10/2017", "12-10-2017", "12.10.2017", and ISO
 * "2017-10-12", each with an optional time "04:18" or "04:18:30", "SA"
 * (a.m.) or "CH" (p.m.), a zone ("(GMT+7)", "GMT +7", "UTC+7"), and an
 * optional weekday ("Thứ năm,", "T5", "Chủ nhật"), which never changes
 * the date (see date_parse_checked()). ISO 8601 with a zone
 * ("2026-01-28T03:00:00Z") is converted to UTC+7; "YYYYMMDD" is read when
 * it stands alone.
 *
 * Writes "YYYY-MM-DDTHH:MM:SS+07:00" (with a time) or "YYYY-MM-DD" (without)
 * into out and returns 1, or returns 0 when s holds no valid date. When
 * whole is non-zero, s must be nothing but the date (and weekday, time, zone
 * and spaces); otherwise the first date found anywhere in s is taken.
 */
int date_parse(const char *s, size_t len, int whole, char out[DATE_ISO_MAX]);

/*
 * As date_parse(), and *wrong_weekday (when not NULL) is set to 1 when a
 * weekday printed before the date is not the weekday of that date (the
 * date is still read from its digits), else to 0.
 */
int date_parse_checked(const char *s, size_t len, int whole,
		       char out[DATE_ISO_MAX], int *wrong_weekday);

/*
 * Read a date bound typed by a user for --since/--until: "2017", "2017-10",
 * "2017-10-12" or any form date_parse() reads. Writes the ISO prefix that
 * compares as the bound ("2017", "2017-10", "2017-10-12...") and returns 1,
 * or returns 0 when s is not a date.
 */
int date_parse_bound(const char *s, char out[DATE_ISO_MAX]);

#endif
