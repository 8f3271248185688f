/*
 * date.c - reading the dates that Vietnamese news pages print.
 *
 * A small hand-written scanner, no locale and no strptime(): the date is
 * found first (day first "12/10/2017", "12-10-2017", "12.10.2017", or ISO
 * "2017-10-12"), then a time is looked for right after it ("04:18",
 * "16h18", "04:18:30", optionally "SA"/"CH"/"AM"/"PM" and a zone) or, failing
 * that, right before it ("16:18 12/10/2017"). Everything else a date line
 * holds (weekday, "ngày", "Cập nhật", "lúc", punctuation) is "noise": it is
 * allowed around the date when the whole string must be a date, and ignored
 * otherwise. A weekday never changes the result: the digits are trusted, so
 * a weekday that disagrees with the date is ignored, and only reported to
 * the caller that asks (date_parse_checked()).
 *
 * All offsets and lengths are in bytes of UTF-8.
 */
#include "date.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "text.h"

#define VN_ZONE_MINUTES (7 * 60)

struct dt {
	int y, mo, d;
	int has_time, h, mi, sec;
	int has_zone, zone;	/* minutes east of UTC */
};

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int t[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				   30, 31 };

	return m == 2 && leap(y) ? 29 : t[m - 1];
}

static int valid_date(int y, int m, int d)
{
	return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= month_days(y, m);
}

/* Days since 1970-01-01 (H. Hinnant's days_from_civil). */
static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/*
 * Read a run of digits at s[*i]; it must be between min and max digits
 * long and not followed by another digit. Advances *i on success.
 */
static int read_num(const char *s, size_t len, size_t *i, int min, int max,
		    int *val)
{
	size_t p = *i;
	int v = 0, n = 0;

	while (p < len && is_digit(s[p])) {
		if (++n > max)
			return 0;
		v = v * 10 + (s[p++] - '0');
	}
	if (n < min)
		return 0;
	*val = v;
	*i = p;
	return 1;
}

static int parse_time_at(const char *s, size_t len, size_t i, struct dt *t,
			 size_t *end);

/*
 * A date starting at s[i]: "D/M/YYYY", "D-M-YYYY", "D.M.YYYY" (one or two
 * digits for day and month, the same separator twice) or "YYYY-MM-DD".
 * It must not be glued to other digits ("1.12.10.2017", "1930/2017").
 */
static int parse_date_at(const char *s, size_t len, size_t i, struct dt *t,
			 size_t *end)
{
	size_t p = i, run = 0;
	int a = 0, b = 0, c = 0;
	char sep;

	if (i > 0 && is_digit(s[i - 1]))
		return 0;
	if (i > 1 && (s[i - 1] == '/' || s[i - 1] == '.') &&
	    is_digit(s[i - 2]))
		return 0;
	while (i + run < len && is_digit(s[i + run]))
		run++;
	if (run == 4) {
		read_num(s, len, &p, 4, 4, &a);
		if (p >= len || s[p] != '-')
			return 0;
		p++;
		if (!read_num(s, len, &p, 1, 2, &b) || p >= len ||
		    s[p] != '-')
			return 0;
		p++;
		if (!read_num(s, len, &p, 1, 2, &c))
			return 0;
		t->y = a, t->mo = b, t->d = c;
	} else if (run == 1 || run == 2) {
		read_num(s, len, &p, 1, 2, &a);
		if (p >= len || !s[p] || !strchr("/-.", s[p]))
			return 0;
		sep = s[p++];
		if (!read_num(s, len, &p, 1, 2, &b) || p >= len ||
		    s[p] != sep)
			return 0;
		p++;
		if (!read_num(s, len, &p, 4, 4, &c))
			return 0;
		t->d = a, t->mo = b, t->y = c;
	} else {
		return 0;
	}
	if (p + 1 < len && (s[p] == '/' || s[p] == '.') && is_digit(s[p + 1]))
		return 0;
	if (p + 1 < len && s[p] == '-' && is_digit(s[p + 1])) {
		struct dt tmp = *t;
		size_t e;

		if (!parse_time_at(s, len, p + 1, &tmp, &e))
			return 0;
	}
	if (!valid_date(t->y, t->mo, t->d))
		return 0;
	*end = p;
	return 1;
}

/* Skip spaces (ASCII and U+00A0). */
static size_t skip_space(const char *s, size_t len, size_t i)
{
	for (;;) {
		if (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		else if (i + 1 < len && (unsigned char)s[i] == 0xc2 &&
			 (unsigned char)s[i + 1] == 0xa0)
			i += 2;
		else
			return i;
	}
}

/*
 * A time at s[i]: "H:MM", "HH:MM:SS" (a fraction of a second is skipped),
 * "16h30", then optionally "SA"/"AM" (12 SA is 00) or "CH"/"PM" (12 CH is
 * 12, 4 CH is 16). Sets the time fields of t.
 */
static int parse_time_at(const char *s, size_t len, size_t i, struct dt *t,
			 size_t *end)
{
	size_t p = i, q, m;
	int h, mi, sec = 0;

	if (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == ':'))
		return 0;
	if (!read_num(s, len, &p, 1, 2, &h) || p >= len)
		return 0;
	if (s[p] != ':' && s[p] != 'h' && s[p] != 'H')
		return 0;
	p++;
	if (!read_num(s, len, &p, 2, 2, &mi))
		return 0;
	if (p + 1 < len && s[p] == ':' && is_digit(s[p + 1])) {
		p++;
		if (!read_num(s, len, &p, 2, 2, &sec))
			return 0;
		if (p + 1 < len && s[p] == '.' && is_digit(s[p + 1]))
			for (p++; p < len && is_digit(s[p]); p++)
				;
	}
	if (h > 23 || mi > 59 || sec > 59)
		return 0;
	q = skip_space(s, len, p);
	if ((m = text_ci_word(s + q, len - q, "SA")) ||
	    (m = text_ci_word(s + q, len - q, "AM"))) {
		if (h < 1 || h > 12)
			return 0;
		h %= 12;
		p = q + m;
	} else if ((m = text_ci_word(s + q, len - q, "CH")) ||
		   (m = text_ci_word(s + q, len - q, "PM"))) {
		if (h < 1 || h > 12)
			return 0;
		h = h % 12 + 12;
		p = q + m;
	}
	t->has_time = 1, t->h = h, t->mi = mi, t->sec = sec;
	*end = p;
	return 1;
}

/*
 * A zone at s[i]: "(GMT+7)", "GMT+07:00", "GMT +7", "UTC", "GMT-5", or,
 * glued to the time as in ISO 8601, "Z", "+07:00", "+0700".
 */
static int parse_zone_at(const char *s, size_t len, size_t i, struct dt *t,
			 size_t *end)
{
	size_t p = i, m;
	int paren = 0, sign = 1, hh = 0, mm = 0;

	if (p < len && (s[p] == 'Z' || s[p] == 'z') &&
	    !text_alnum_at(s + p + 1, len - p - 1)) {
		t->has_zone = 1, t->zone = 0;
		*end = p + 1;
		return 1;
	}
	if (p < len && (s[p] == '+' || s[p] == '-')) {
		sign = s[p++] == '-' ? -1 : 1;
		if (!read_num(s, len, &p, 2, 4, &hh))
			return 0;
		if (p - i == 5) {
			mm = hh % 100, hh /= 100;
		} else if (p - i == 3 && p + 2 < len && s[p] == ':') {
			p++;
			if (!read_num(s, len, &p, 2, 2, &mm))
				return 0;
		} else {
			return 0;
		}
		goto done;
	}
	p = skip_space(s, len, p);
	if (p < len && s[p] == '(')
		paren = 1, p++;
	if (!(m = text_ci_prefix(s + p, len - p, "GMT")) &&
	    !(m = text_ci_prefix(s + p, len - p, "UTC")))
		return 0;
	p += m;
	/* "GMT +7": some pages put a space before the offset */
	{
		size_t q = skip_space(s, len, p);

		if (q + 1 < len && (s[q] == '+' || s[q] == '-') &&
		    is_digit(s[q + 1]))
			p = q;
	}
	if (p < len && (s[p] == '+' || s[p] == '-')) {
		sign = s[p++] == '-' ? -1 : 1;
		if (!read_num(s, len, &p, 1, 2, &hh))
			return 0;
		if (p + 2 < len && s[p] == ':' && is_digit(s[p + 1])) {
			p++;
			if (!read_num(s, len, &p, 2, 2, &mm))
				return 0;
		}
	}
	if (text_alnum_at(s + p, len - p))
		return 0;
	if (paren && p < len && s[p] == ')')
		p++;
done:
	if (hh > 14 || mm > 59)
		return 0;
	t->has_zone = 1;
	t->zone = sign * (hh * 60 + mm);
	*end = p;
	return 1;
}

/* Weekdays as printed, in the order tried (longer forms first), with
 * their day: 0 Monday ... 6 Sunday. */
static const struct weekday {
	const char *name;
	int day;
} weekdays[] = {
	{ "thứ hai", 0 }, { "thứ ba", 1 }, { "thứ tư", 2 }, { "thứ năm", 3 },
	{ "thứ sáu", 4 }, { "thứ bảy", 5 }, { "thứ bẩy", 5 },
	{ "chủ nhật", 6 }, { "thứ 2", 0 }, { "thứ 3", 1 }, { "thứ 4", 2 },
	{ "thứ 5", 3 }, { "thứ 6", 4 }, { "thứ 7", 5 }, { "t2", 0 },
	{ "t3", 1 }, { "t4", 2 }, { "t5", 3 }, { "t6", 4 }, { "t7", 5 },
	{ "cn", 6 },
};

/* Words allowed around a date on a date line. */
static const char *const noise_words[] = {
	"cập nhật", "ngày đăng", "đăng ngày", "đăng lúc", "đăng", "ngày",
	"lúc", "vào", "hôm",
};

/* Separators allowed around a date: ASCII ones, NBSP, en and em dash. */
static size_t punct_at(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (!len)
		return 0;
	if (strchr(" \t,;-|/:().[]", u[0]) && u[0])
		return 1;
	if (len >= 2 && u[0] == 0xc2 && (u[1] == 0xa0 || u[1] == 0xb7))
		return 2;
	if (len >= 3 && u[0] == 0xe2 && u[1] == 0x80 &&
	    (u[2] == 0x93 || u[2] == 0x94))
		return 3;
	return 0;
}

/* Length of the weekday at s, or 0; its day goes to *day when not NULL. */
static size_t weekday_at(const char *s, size_t len, int *day)
{
	for (size_t k = 0; k < sizeof(weekdays) / sizeof(*weekdays); k++) {
		size_t m = text_ci_word(s, len, weekdays[k].name);

		if (m) {
			if (day)
				*day = weekdays[k].day;
			return m;
		}
	}
	return 0;
}

/* Does s[from, to) hold nothing but punctuation, weekdays and noise words? */
static int noise_only(const char *s, size_t from, size_t to)
{
	size_t i = from;

	while (i < to) {
		size_t m = punct_at(s + i, to - i);

		if (!m)
			m = weekday_at(s + i, to - i, NULL);
		for (size_t k = 0; !m && k < sizeof(noise_words) /
		     sizeof(*noise_words); k++)
			m = text_ci_word(s + i, to - i, noise_words[k]);
		if (!m)
			return 0;
		i += m;
	}
	return 1;
}

/*
 * Skip what may sit between a date and its time: ", ", " - ", " lúc ",
 * "16:18 ngày 12/10/2017".
 */
static size_t skip_seps(const char *s, size_t len, size_t i)
{
	size_t m;

	for (;;) {
		if ((m = punct_at(s + i, len - i)) && s[i] != '(' &&
		    s[i] != '[')
			i += m;
		else if ((m = text_ci_word(s + i, len - i, "lúc")) ||
			 (m = text_ci_word(s + i, len - i, "vào")) ||
			 (m = text_ci_word(s + i, len - i, "ngày")))
			i += m;
		else
			return i;
	}
}

static void format(const struct dt *t, char out[DATE_ISO_MAX])
{
	if (t->has_time)
		snprintf(out, DATE_ISO_MAX,
			 "%04d-%02d-%02dT%02d:%02d:%02d+07:00", t->y, t->mo,
			 t->d, t->h, t->mi, t->sec);
	else
		snprintf(out, DATE_ISO_MAX, "%04d-%02d-%02d", t->y, t->mo,
			 t->d);
}

/* Move a time with a zone to UTC+7; 0 when it leaves 1900-2100. */
static int to_vn_zone(struct dt *t)
{
	long min, day;

	if (!t->has_time || !t->has_zone || t->zone == VN_ZONE_MINUTES)
		return 1;
	min = days_from_civil(t->y, t->mo, t->d) * 1440L + t->h * 60L +
	      t->mi - t->zone + VN_ZONE_MINUTES;
	day = min >= 0 ? min / 1440 : -((-min + 1439) / 1440);
	min -= day * 1440;
	civil_from_days(day, &t->y, &t->mo, &t->d);
	t->h = (int)(min / 60), t->mi = (int)(min % 60);
	return t->y >= 1900 && t->y <= 2100;
}

/* "YYYYMMDD" and nothing else but spaces around it. */
static int parse_compact(const char *s, size_t len, struct dt *t)
{
	size_t i = skip_space(s, len, 0), e = len;
	int v;

	while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	if (e - i != 8 || !read_num(s, e, &i, 8, 8, &v))
		return 0;
	t->y = v / 10000, t->mo = v / 100 % 100, t->d = v % 100;
	return valid_date(t->y, t->mo, t->d);
}

/*
 * The day (0 Monday ... 6 Sunday) of a weekday printed in s[0, to) and
 * separated from `to` by noise only ("Thứ năm, ngày "), or -1. A weekday
 * is at most this far before the date.
 */
#define WEEKDAY_REACH 40

static int printed_weekday(const char *s, size_t to)
{
	for (size_t p = to > WEEKDAY_REACH ? to - WEEKDAY_REACH : 0; p < to;
	     p++) {
		size_t m;
		int day;

		if (p && !punct_at(s + p - 1, 1))
			continue;
		m = weekday_at(s + p, to - p, &day);
		if (m && noise_only(s, p + m, to))
			return day;
	}
	return -1;
}

/* The day of the week of t's date: 0 Monday ... 6 Sunday. */
static int day_of_week(const struct dt *t)
{
	long d = days_from_civil(t->y, t->mo, t->d) + 3;	/* 1970: Thu */

	return (int)(((d % 7) + 7) % 7);
}

int date_parse(const char *s, size_t len, int whole, char out[DATE_ISO_MAX])
{
	return date_parse_checked(s, len, whole, out, NULL);
}

int date_parse_checked(const char *s, size_t len, int whole,
		       char out[DATE_ISO_MAX], int *wrong_weekday)
{
	struct dt t = { 0 };
	size_t ds, de, end, ts = 0, te = 0, q, e;
	int day;

	out[0] = '\0';
	if (wrong_weekday)
		*wrong_weekday = 0;
	if (parse_compact(s, len, &t)) {
		format(&t, out);
		return 1;
	}
	for (ds = 0; ds < len; ds++)
		if (is_digit(s[ds]) && parse_date_at(s, len, ds, &t, &de))
			break;
	if (ds >= len)
		return 0;
	end = de;
	/* time after the date, ISO "T" or after separators */
	q = de;
	if (q < len && (s[q] == 'T' || s[q] == 't') && s[ds + 4] == '-')
		q++;
	else
		q = skip_seps(s, len, de);
	if (parse_time_at(s, len, q, &t, &e)) {
		end = e;
	} else {
		/* or a time just before it, "16:18 12/10/2017" */
		for (size_t p = ds > 40 ? ds - 40 : 0; p < ds; p++) {
			struct dt tmp = t;

			if (is_digit(s[p]) &&
			    parse_time_at(s, ds, p, &tmp, &e) &&
			    skip_seps(s, ds, e) == ds) {
				t = tmp, ts = p, te = e;
				break;
			}
		}
	}
	if (parse_zone_at(s, len, end, &t, &e))
		end = e;
	if (whole) {
		if (te ? !noise_only(s, 0, ts) || !noise_only(s, te, ds) :
			 !noise_only(s, 0, ds))
			return 0;
		if (!noise_only(s, end, len))
			return 0;
	}
	/* the weekday names the date as printed, before any zone change */
	day = printed_weekday(s, te ? ts : ds);
	if (wrong_weekday && day >= 0 && day != day_of_week(&t))
		*wrong_weekday = 1;
	if (!to_vn_zone(&t))
		return 0;
	format(&t, out);
	return 1;
}

int date_parse_bound(const char *s, char out[DATE_ISO_MAX])
{
	size_t len = strlen(s), i, e;
	int y, m;

	i = skip_space(s, len, 0);
	for (e = len; e > i && (s[e - 1] == ' ' || s[e - 1] == '\t'); e--)
		;
	out[0] = '\0';
	/* "2017" */
	if (e - i == 4 && read_num(s, e, &i, 4, 4, &y))
		goto year;
	/* "2017-10" */
	if (e - i == 7 && read_num(s, e, &i, 4, 4, &y) && s[i] == '-' &&
	    (i++, read_num(s, e, &i, 2, 2, &m)) && i == e)
		goto month;
	i = skip_space(s, len, 0);
	/* "10/2017", "10-2017", "10.2017" (day first, so month first here) */
	if (read_num(s, e, &i, 1, 2, &m) && i < e && s[i] &&
	    strchr("/-.", s[i]) &&
	    (i++, read_num(s, e, &i, 4, 4, &y)) && i == e)
		goto month;
	return date_parse(s, len, 1, out);
year:
	if (y < 1900 || y > 2100)
		return 0;
	snprintf(out, DATE_ISO_MAX, "%04d", y);
	return 1;
month:
	if (y < 1900 || y > 2100 || m < 1 || m > 12)
		return 0;
	snprintf(out, DATE_ISO_MAX, "%04d-%02d", y, m);
	return 1;
}
