/*
 * article.c - one news article and the parser that recovers its fields.
 *
 * The parser works on lines: news dumps put one paragraph on one line, so
 * each non-empty line is a paragraph, and the body is the paragraphs left
 * once every other role is taken, joined by "\n\n". Roles are given in this
 * order, each only to lines that have none yet:
 *
 *   1. header: "# key = value" lines, or a block of "Key: value" lines
 *      ended by a blank line, or the "title SECTION" first line of a page
 *      dump (see parse_header());
 *   2. chrome: page furniture, see the chrome[] table below;
 *   3. headline: the first remaining line, unless a header gave the title
 *      (after a header, a line that reads as a lead is the lead, and its
 *      first sentence the title: see take_headline());
 *   4. date line: a short line near the headline that reads as a date
 *      (see is_date_line()), when no header gave the date;
 *   5. lead: in the "# key = value" shape and in page dumps, the first
 *      paragraph after the headline and date line when at least one more
 *      paragraph follows it and it is not a caption;
 *   6. captions: paragraphs ending with a photo credit (is_caption());
 *   7. byline and credit: the last paragraphs before the trailing chrome
 *      when they are a short name line and a source credit (byline.h),
 *      and a body paragraph precedes them; a header's author is kept.
 *
 * Text that is one long paragraph alone is the body, and its title is
 * taken from its start (see lone_title()); so is a long headline line left
 * without a body by the other roles. A short headline alone is an article
 * with an empty body (some archives hold such items). Errors: text with
 * nothing left for a headline ("no headline"), and text that is empty or
 * only white space ("empty article"). The article is changed only when
 * parsing succeeds.
 *
 * All lengths are in bytes of UTF-8.
 */
#include "article.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "byline.h"
#include "date.h"
#include "text.h"

void article_init(struct article *a)
{
	memset(a, 0, sizeof(*a));
	a->views = ARTICLE_NO_VIEWS;
}

void article_set(char **field, const char *s, size_t len)
{
	free(*field);
	*field = s ? xstrndup(s, len) : NULL;
}

void article_add_caption(struct article *a, const char *caption, size_t len)
{
	a->captions = xrealloc(a->captions,
			       (a->ncaptions + 1) * sizeof(char *));
	a->captions[a->ncaptions++] = xstrndup(caption, len);
}

void article_release(struct article *a)
{
	char **fields[] = { &a->source, &a->origin, &a->url, &a->external_id,
		&a->section, &a->title, &a->lead, &a->published, &a->byline,
		&a->credit, &a->fetched, &a->body, &a->encoding,
		&a->warning };

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		free(*fields[i]);
	for (size_t i = 0; i < a->ncaptions; i++)
		free(a->captions[i]);
	free(a->captions);
	free(a->raw);
	article_init(a);
}

/* ---- UTF-8 helpers ---- */

/* Does s (len bytes) end with pat, case-insensitively? */
static int ci_suffix(const char *s, size_t len, const char *pat)
{
	size_t m = strlen(pat);

	return len >= m && text_ci_prefix(s + len - m, m, pat) == m;
}

/* Number of space-separated words in s (len bytes). */
static size_t count_words(const char *s, size_t len)
{
	size_t n = 0, i = 0, m;
	int in = 0;

	while (i < len) {
		if ((m = text_space_at(s + i, len - i))) {
			in = 0;
			i += m;
			continue;
		}
		if (!in)
			n++;
		in = 1;
		i++;
	}
	return n;
}

/* ---- lines and roles ---- */

enum role {
	R_NONE,			/* not yet given: body unless taken */
	R_META,			/* header line */
	R_TITLE,
	R_DATE,
	R_LEAD,
	R_CHROME,
	R_CAPTION,
	R_BYLINE,
};

struct line {
	const char *s;		/* trimmed; len 0 for a blank line */
	size_t len;
	enum role role;
};

enum shape { SHAPE_BARE, SHAPE_PLAIN, SHAPE_HASH, SHAPE_DUMP };

/* ---- page chrome ---- */

/*
 * Page chrome: the furniture news sites print around the text. A line is
 * chrome when it is at most CHROME_MAX bytes and made of nothing but the
 * phrases below, numbers and separators (space , : ; | / ( ) [ ] - . > and
 * NBSP, en/em dash, bullets, guillemets), with at least one strong phrase.
 * Weak phrases are ordinary words as well ("Trung bình", "Email"): alone
 * they never make a line chrome. So "Cỡ chữ Màu chữ image", "In bài | Chia
 * sẻ", "Số lượng lượt xem: 1728" and "Trung bình (0 Bình chọn)" are chrome,
 * while a sentence that merely mentions "bình luận" is not. Matching is
 * case-insensitive; the longest phrase wins. To extend, add a row.
 */
#define CHROME_MAX 120

static const struct chrome {
	const char *text;
	int strong;
} chrome[] = {
	{ "Cỡ chữ", 1 },
	{ "Màu chữ", 1 },
	{ "In bài", 1 },
	{ "In bài viết", 1 },
	{ "Bản in", 1 },
	{ "Chia sẻ", 1 },
	{ "Bình luận", 1 },
	{ "Gửi bình luận", 1 },
	{ "Tin mới hơn", 1 },
	{ "Tin cũ hơn", 1 },
	{ "Tin đã đưa", 1 },
	{ "Tin liên quan", 1 },
	{ "Bài liên quan", 1 },
	{ "Tin khác", 1 },
	{ "Tin cùng chuyên mục", 1 },
	{ "Số lượng lượt xem", 1 },
	{ "Lượt xem", 1 },
	{ "Bình chọn", 1 },
	{ "Gửi bài viết", 1 },
	{ "Gửi cho bạn bè", 1 },
	{ "Lưu bài viết", 1 },
	{ "Về đầu trang", 1 },
	{ "Xem thêm", 1 },
	{ "Đọc thêm", 1 },
	{ "Trung bình", 0 },
	{ "image", 0 },
	{ "A+", 0 },
	{ "A-", 0 },
	{ "Facebook", 0 },
	{ "Twitter", 0 },
	{ "Zalo", 0 },
	{ "Email", 0 },
	{ "Tweet", 0 },
	{ "Like", 0 },
};

/* Separator bytes of chrome lines, beyond white space. */
static size_t chrome_sep_at(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t m = text_space_at(s, len);

	if (m)
		return m;
	if (u[0] && strchr(",:;|/()[]-.>", u[0]))
		return 1;
	/* middle dot, guillemets */
	if (len >= 2 && u[0] == 0xc2 && (u[1] == 0xb7 || u[1] == 0xab ||
					 u[1] == 0xbb))
		return 2;
	/* en dash, em dash, bullet */
	if (len >= 3 && u[0] == 0xe2 && u[1] == 0x80 &&
	    (u[2] == 0x93 || u[2] == 0x94 || u[2] == 0xa2))
		return 3;
	return 0;
}

static int is_chrome(const char *s, size_t len)
{
	size_t i = 0;
	int strong = 0;

	if (!len || len > CHROME_MAX)
		return 0;
	while (i < len) {
		size_t m = chrome_sep_at(s + i, len - i), best = 0;

		if (m) {
			i += m;
			continue;
		}
		if (s[i] >= '0' && s[i] <= '9') {
			while (i < len && s[i] >= '0' && s[i] <= '9')
				i++;
			continue;
		}
		for (size_t k = 0; k < sizeof(chrome) / sizeof(*chrome); k++) {
			m = text_ci_word(s + i, len - i, chrome[k].text);
			if (m > best) {
				best = m;
				strong |= chrome[k].strong;
			}
		}
		if (!best)
			return 0;
		i += best;
	}
	return strong;
}

/* A view counter in a chrome line: "Lượt xem: 1.728" gives 1728; or -1. */
static int64_t chrome_views(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		size_t m = text_ci_prefix(s + i, len - i, "lượt xem");
		int64_t v = 0;
		int any = 0;

		if (!m)
			continue;
		for (i += m; i < len && (s[i] == ':' || s[i] == ' '); i++)
			;
		for (; i < len; i++) {
			if (s[i] >= '0' && s[i] <= '9') {
				if (v < INT64_MAX / 10 - 10)
					v = v * 10 + (s[i] - '0');
				any = 1;
			} else if (!(any && (s[i] == '.' || s[i] == ',') &&
				     i + 1 < len && s[i + 1] >= '0' &&
				     s[i + 1] <= '9')) {
				break;
			}
		}
		return any ? v : -1;
	}
	return -1;
}

/* ---- captions, bylines, date lines ---- */

/*
 * A photo caption: a paragraph of at most CAPTION_MAX bytes that ends with
 * a short credit "Ảnh: NAME" (NAME of 1 to 6 words with no sentence inside,
 * optionally in parentheses, e.g. "Ảnh: Long Hồ", "(Ảnh: TTXVN)") or with
 * "(Ảnh minh họa)" / "(Ảnh minh hoạ)", and holds no other credit. The whole
 * paragraph, credit included, is the caption. The limits keep prose in the
 * body: aggregators flatten captions into long paragraphs ("... Ảnh: AP
 * Những đòn tấn công ..."), and galleries end long paragraphs of text with
 * a credit; 90% of real captions measured are under 260 bytes.
 */
#define CAPTION_MAX 320

static int is_caption(const char *s, size_t len)
{
	size_t e = len, at = len, credits = 0;

	if (len > CAPTION_MAX)
		return 0;
	while (e && s[e - 1] == '.')
		e--;
	if (ci_suffix(s, e, "(Ảnh minh họa)") ||
	    ci_suffix(s, e, "(Ảnh minh hoạ)"))
		return 1;
	/* the last "Ảnh:" that starts a word */
	for (size_t i = 0; i < len; i++) {
		if (i && !(s[i - 1] && strchr(" ([-.,", s[i - 1])) &&
		    !(i >= 2 && text_space_at(s + i - 2, 2) == 2))
			continue;
		if (text_ci_prefix(s + i, len - i, "Ảnh:") ||
		    text_ci_prefix(s + i, len - i, "Ảnh :"))
			at = i, credits++;
	}
	if (at == len || credits > 1)
		return 0;
	{
		const char *n = memchr(s + at, ':', len - at);
		size_t nl;

		n++;
		nl = (size_t)(s + e - n);

		if (nl && n[nl - 1] == ')' && at && s[at - 1] == '(')
			nl--;
		text_trim(&n, &nl);
		if (!nl || nl > 60 || count_words(n, nl) > 6)
			return 0;
		for (size_t k = 0; k < nl; k++)
			if (strchr("!?:;\"", n[k]) ||
			    (n[k] == '.' && k + 1 < nl && n[k + 1] == ' '))
				return 0;
	}
	return 1;
}

/*
 * A date line: at most 80 bytes, and either nothing but a date (with
 * weekday, time, zone, "Cập nhật"...: date_parse() with whole set), or a
 * line that starts with a weekday, "Cập nhật" or "Đăng", does not end
 * like a sentence, and holds a date with a time (or any date after
 * "Cập nhật"/"Đăng"). The ISO date goes to out; *wrong is set when the
 * weekday printed is not the date's (date_parse_checked()).
 */
static int is_date_line(const char *s, size_t len, char out[DATE_ISO_MAX],
			int *wrong)
{
	static const char *const starts[] = { "thứ", "chủ nhật", "t2", "t3",
		"t4", "t5", "t6", "t7", "cn" };
	static const char *const updated[] = { "cập nhật", "đăng",
		"ngày đăng" };

	if (!len || len > 80)
		return 0;
	if (date_parse_checked(s, len, 1, out, wrong))
		return 1;
	if (strchr(".!?", s[len - 1]))
		return 0;
	for (size_t k = 0; k < sizeof(updated) / sizeof(*updated); k++)
		if (text_ci_word(s, len, updated[k]))
			return date_parse_checked(s, len, 0, out, wrong);
	for (size_t k = 0; k < sizeof(starts) / sizeof(*starts); k++)
		if (text_ci_word(s, len, starts[k]))
			return date_parse_checked(s, len, 0, out, wrong) &&
			       strchr(out, 'T') != NULL;
	return 0;
}

/* ---- headers ---- */

enum field { F_NONE, F_TITLE, F_DATE, F_SOURCE, F_URL, F_AUTHOR, F_SECTION,
	     F_LEAD, F_ID, F_CREDIT };

static const struct key {
	const char *name;
	enum field field;
} keys[] = {
	{ "title", F_TITLE }, { "tiêu đề", F_TITLE },
	{ "date", F_DATE }, { "ngày", F_DATE }, { "published", F_DATE },
	{ "source", F_SOURCE }, { "nguồn", F_SOURCE },
	{ "url", F_URL }, { "link", F_URL },
	{ "author", F_AUTHOR }, { "tác giả", F_AUTHOR },
	{ "credit", F_CREDIT },
	{ "section", F_SECTION }, { "chuyên mục", F_SECTION },
	{ "category", F_SECTION },
	{ "lead", F_LEAD }, { "sapo", F_LEAD },
	{ "id", F_ID }, { "doc_id", F_ID },
};

/*
 * Read "KEY SEP value" at s (len bytes), SEP being ':' or '='; sets
 * *val, *vlen to the trimmed value and returns the field, F_NONE for an
 * unknown key, -1 when the line is not of that form.
 */
static int key_line(const char *s, size_t len, char sep, const char **val,
		    size_t *vlen)
{
	const char *p = memchr(s, sep, len);
	const char *k = s;
	size_t kl;

	if (!p || p == s)
		return -1;
	kl = (size_t)(p - s);
	text_trim(&k, &kl);
	*val = p + 1;
	*vlen = len - (size_t)(p + 1 - s);
	text_trim(val, vlen);
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (text_ci_prefix(k, kl, keys[i].name) == kl &&
		    strlen(keys[i].name) == kl)
			return keys[i].field;
	if (sep == ':')
		return -1;
	for (size_t i = 0; i < kl; i++)
		if (!(k[i] == '_' || (k[i] >= 'a' && k[i] <= 'z') ||
		      (k[i] >= 'A' && k[i] <= 'Z') ||
		      (k[i] >= '0' && k[i] <= '9')))
			return -1;
	return F_NONE;
}

/* Note in a->warning that the date line s (len bytes) names the wrong
 * weekday for iso, the date read from its digits. */
static void warn_weekday(struct article *a, const char *s, size_t len,
			 const char *iso)
{
	struct buf w = BUF_INIT;

	if (a->warning)
		return;
	buf_addf(&w, "the weekday in '%.*s' is not that of %.10s (the date "
		 "is kept)", (int)len, s, iso);
	a->warning = buf_detach(&w, NULL);
}

static void set_field(struct article *a, enum field f, const char *v,
		      size_t vl)
{
	char iso[DATE_ISO_MAX];
	int wrong = 0;

	if (!vl)
		return;
	switch (f) {
	case F_TITLE: article_set(&a->title, v, vl); break;
	case F_SOURCE: article_set(&a->source, v, vl); break;
	case F_URL: article_set(&a->url, v, vl); break;
	case F_AUTHOR: article_set(&a->byline, v, vl); break;
	case F_CREDIT: article_set(&a->credit, v, vl); break;
	case F_SECTION: article_set(&a->section, v, vl); break;
	case F_LEAD: article_set(&a->lead, v, vl); break;
	case F_ID: article_set(&a->external_id, v, vl); break;
	case F_DATE:
		/* a date that cannot be read is left out, not guessed */
		if (date_parse_checked(v, vl, 1, iso, &wrong) ||
		    date_parse_checked(v, vl, 0, iso, &wrong)) {
			article_set(&a->published, iso, strlen(iso));
			if (wrong)
				warn_weekday(a, v, vl, iso);
		}
		break;
	case F_NONE: break;
	}
}

/*
 * Recognise the header at lines[*first...] and fill a from it; *first is
 * moved past it. Returns the shape.
 */
static enum shape parse_header(struct article *a, struct line *l, size_t n,
			       size_t *first)
{
	size_t i = *first, j;
	const char *v;
	size_t vl;
	int f;

	while (i < n && !l[i].len)
		i++;
	if (i == n)
		return SHAPE_BARE;
	/* "# key = value" lines, possibly with blank lines between */
	if (l[i].s[0] == '#' &&
	    key_line(l[i].s + 1, l[i].len - 1, '=', &v, &vl) >= 0) {
		for (j = i; j < n; j++) {
			if (!l[j].len)
				continue;
			if (l[j].s[0] != '#' ||
			    (f = key_line(l[j].s + 1, l[j].len - 1, '=', &v,
					  &vl)) < 0)
				break;
			set_field(a, (enum field)f, v, vl);
			l[j].role = R_META;
		}
		*first = j;
		return SHAPE_HASH;
	}
	/* a block of known "Key: value" lines, then a blank line */
	for (j = i; j < n && l[j].len; j++)
		if (key_line(l[j].s, l[j].len, ':', &v, &vl) <= 0)
			break;
	if (j > i && (j == n || !l[j].len)) {
		for (j = i; j < n && l[j].len; j++) {
			f = key_line(l[j].s, l[j].len, ':', &v, &vl);
			set_field(a, (enum field)f, v, vl);
			l[j].role = R_META;
		}
		*first = j;
		return SHAPE_PLAIN;
	}
	/* page dump: "title SECTION" */
	if (l[i].len >= 5 && !memcmp(l[i].s, "title", 5) &&
	    (l[i].len == 5 || text_space_at(l[i].s + 5, l[i].len - 5))) {
		v = l[i].s + 5;
		vl = l[i].len - 5;
		text_trim(&v, &vl);
		if (vl)
			article_set(&a->section, v, vl);
		l[i].role = R_META;
		*first = i + 1;
		return SHAPE_DUMP;
	}
	*first = i;
	return SHAPE_BARE;
}

/* ---- the parser ---- */

/*
 * Text that is one long paragraph and nothing else (some dumps run the
 * headline, lead and body together on one line) is the body; its title is
 * the first sentence, or the first LONE_TITLE_MAX bytes cut at a space and
 * followed by an ellipsis. A shorter lone line is a headline alone.
 */
#define LONE_BODY_MIN 160
#define LONE_TITLE_MAX 160

/* A lead that opens an article without a headline gives its first
 * sentence as the title up to this long (about 200 letters): a lead's
 * first sentence is longer than a headline, and whole reads better. */
#define LEAD_TITLE_MAX 320

/* Text shorter than this before a full stop is not taken for a sentence
 * ("GS. Nguyễn Văn An", "TP. Huế"). */
#define LONE_SENTENCE_MIN 24

/* Is s[i] (of len bytes) the end of a sentence: . ? or ! then a space,
 * not an ellipsis nor the dot of a short abbreviation? */
static int sentence_end(const char *s, size_t len, size_t i)
{
	if (i + 1 >= len || s[i + 1] != ' ' || i < LONE_SENTENCE_MIN)
		return 0;
	if (s[i] == '?' || s[i] == '!')
		return 1;
	return s[i] == '.' && s[i - 1] != '.';
}

/*
 * A paragraph that opens with a lead rather than a headline: more than
 * one sentence, and a sentence's end at its end (headlines have no full
 * stop).
 */
static int is_lead_line(const char *s, size_t len)
{
	size_t e = len;
	int inner = 0;

	while (e && strchr("\"')", s[e - 1]))
		e--;
	if (!e || !strchr(".!?", s[e - 1]))
		return 0;
	for (size_t i = 0; i + 1 < e && !inner; i++)
		inner = sentence_end(s, len, i);
	return inner;
}

/* Set a's title from the lone paragraph s: its first sentence when it
 * ends within max bytes, else its first LONE_TITLE_MAX bytes cut at a
 * space. */
static void lone_title(struct article *a, const char *s, size_t len,
		       size_t max)
{
	struct buf t = BUF_INIT;
	size_t i, cut = 0;

	for (i = 0; i < max && i < len; i++)
		if (sentence_end(s, len, i)) {
			/* keep ? and !, drop a full stop */
			article_set(&a->title, s, s[i] == '.' ? i : i + 1);
			return;
		}
	if (len <= LONE_TITLE_MAX) {
		article_set(&a->title, s, len);
		return;
	}
	for (i = 0; i < LONE_TITLE_MAX; i++)
		if (s[i] == ' ')
			cut = i;
	if (!cut)	/* no space: cut before a UTF-8 lead byte */
		for (cut = LONE_TITLE_MAX; cut && (s[cut] & 0xC0) == 0x80;)
			cut--;
	buf_add(&t, s, cut);
	buf_adds(&t, "\xE2\x80\xA6");	/* U+2026 HORIZONTAL ELLIPSIS */
	free(a->title);
	a->title = buf_detach(&t, NULL);
}

/* Split text into trimmed lines; *n is set to their number. */
static struct line *split_lines(const char *text, size_t len, size_t *n)
{
	struct line *l = NULL;
	size_t cap = 0, cnt = 0, i = 0;

	while (i <= len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len;

		if (cnt == cap) {
			cap = cap ? 2 * cap : 64;
			l = xrealloc(l, cap * sizeof(*l));
		}
		l[cnt].s = text + i;
		l[cnt].len = e - i;
		l[cnt].role = R_NONE;
		text_trim(&l[cnt].s, &l[cnt].len);
		cnt++;
		if (!nl)
			break;
		i = e + 1;
	}
	*n = cnt;
	return l;
}

/*
 * The headline: the first line left after the header and the chrome,
 * unless a header gave the title. A lone long paragraph is the body and
 * titled from its start; after a header, a lead in place of the headline
 * gives its first sentence. Sets *head to the line after the headline
 * (where the date line and the lead are looked for) and *tline to the
 * headline's line (n when none). Returns -1 when no line is left.
 */
static int take_headline(struct article *t, struct line *l, size_t first,
			 size_t n, enum shape shape, size_t *head,
			 size_t *tline)
{
	size_t i, more = 0;

	*head = first;
	*tline = n;
	if (t->title)
		return 0;
	for (i = first; i < n; i++)
		if (l[i].len && l[i].role == R_NONE)
			break;
	if (i == n)
		return -1;
	for (size_t j = i + 1; j < n; j++)
		more += l[j].len && l[j].role == R_NONE;
	if (!more && l[i].len > LONE_BODY_MIN) {
		lone_title(t, l[i].s, l[i].len, LONE_TITLE_MAX);
	} else if (shape != SHAPE_BARE && shape != SHAPE_DUMP &&
		   is_lead_line(l[i].s, l[i].len)) {
		/* a header and no headline: the lead comes first */
		lone_title(t, l[i].s, l[i].len, LEAD_TITLE_MAX);
		l[i].role = R_LEAD;
		article_set(&t->lead, l[i].s, l[i].len);
	} else {
		l[i].role = R_TITLE;
		article_set(&t->title, l[i].s, l[i].len);
		*tline = i;
	}
	*head = i + 1;
	return 0;
}

/* The date line among the first lines after the headline, unless a
 * header gave the date. */
static void take_date_line(struct article *t, struct line *l, size_t head,
			   size_t n)
{
	char iso[DATE_ISO_MAX];
	int wrong = 0;

	for (size_t i = head, seen = 0; !t->published && i < n && seen < 6;
	     i++) {
		if (!l[i].len)
			continue;
		seen++;
		if (l[i].role == R_NONE &&
		    is_date_line(l[i].s, l[i].len, iso, &wrong)) {
			l[i].role = R_DATE;
			article_set(&t->published, iso, strlen(iso));
			if (wrong)
				warn_weekday(t, l[i].s, l[i].len, iso);
		}
	}
}

/*
 * The lead (sapo): the first paragraph left after the headline and the
 * date line, when another paragraph follows it and it is not a photo
 * caption.
 */
static void take_lead(struct article *t, struct line *l, size_t head,
		      size_t n)
{
	size_t lead = n, more = 0;

	for (size_t i = head; i < n; i++) {
		if (!l[i].len || l[i].role != R_NONE)
			continue;
		if (lead == n)
			lead = i;
		else
			more++;
	}
	if (lead < n && more && !is_caption(l[lead].s, l[lead].len)) {
		l[lead].role = R_LEAD;
		article_set(&t->lead, l[lead].s, l[lead].len);
	}
}

/*
 * The byline and the source credit (byline.h): the last paragraph before
 * the trailing chrome and captions, and the paragraph before it when the
 * last is a credit alone ("Nhật Linh", then "Theo Reuters") or when the
 * two are a credit split over two lines: a person's name after "Theo",
 * then the outlet that published it ("Theo Đăng Nguyễn", then "Dân
 * Việt"), kept as one credit "Theo Đăng Nguyễn - Dân Việt"; an agency's
 * credit may also come first ("Theo AFP", then "Minh Hải"). A header's
 * author is kept; the lines are taken either way. One paragraph is always
 * left for the body.
 */
static void take_byline(struct article *t, struct line *l, size_t first,
			size_t n)
{
	struct byline_parts p, q;
	size_t last, prev, nbody = 0;
	int take_prev = 0;

	for (last = n; last > first; last--)
		if (l[last - 1].len && l[last - 1].role != R_CHROME &&
		    l[last - 1].role != R_CAPTION)
			break;
	for (size_t i = first; i < n; i++)
		nbody += l[i].len && l[i].role == R_NONE;
	if (last == first || l[--last].role != R_NONE || nbody < 2 ||
	    !byline_read(l[last].s, l[last].len, &p))
		return;
	for (prev = last; prev > first && !l[prev - 1].len; prev--)
		;
	if (prev > first && l[prev - 1].role == R_NONE && nbody >= 3 &&
	    byline_read(l[prev - 1].s, l[prev - 1].len, &q)) {
		if (!p.name && q.name && !q.credit) {
			p.name = q.name, p.name_len = q.name_len;
			take_prev = 1;
		} else if (p.name && !p.credit && q.credit && !q.name &&
			   !q.outlet) {
			p.credit = q.credit, p.credit_len = q.credit_len;
			if (byline_is_person_credit(q.credit, q.credit_len)) {
				p.outlet = p.name, p.outlet_len = p.name_len;
				p.name = NULL;
			}
			take_prev = 1;
		}
	}
	if (p.name && !p.credit && t->byline)
		return;		/* the header named the author */
	l[last].role = R_BYLINE;
	if (take_prev)
		l[prev - 1].role = R_BYLINE;
	if (p.credit) {
		struct buf c = BUF_INIT;

		buf_add(&c, p.credit, p.credit_len);
		if (p.outlet) {
			buf_adds(&c, " - ");
			buf_add(&c, p.outlet, p.outlet_len);
		}
		free(t->credit);
		t->credit = buf_detach(&c, NULL);
	}
	if (p.name && !t->byline)
		article_set(&t->byline, p.name, p.name_len);
}

/* Move every field parsed into t over to a (only those t has). */
static void take_fields(struct article *a, struct article *t)
{
	char **from[] = { &t->source, &t->url, &t->external_id, &t->section,
		&t->title, &t->lead, &t->published, &t->byline, &t->credit,
		&t->body, &t->warning };
	char **to[] = { &a->source, &a->url, &a->external_id, &a->section,
		&a->title, &a->lead, &a->published, &a->byline, &a->credit,
		&a->body, &a->warning };

	for (size_t i = 0; i < sizeof(from) / sizeof(*from); i++) {
		if (!*from[i])
			continue;
		free(*to[i]);
		*to[i] = *from[i];
		*from[i] = NULL;
	}
	for (size_t i = 0; i < t->ncaptions; i++)
		article_add_caption(a, t->captions[i], strlen(t->captions[i]));
	if (t->views != ARTICLE_NO_VIEWS)
		a->views = t->views;
}

enum nc_status article_parse(struct article *a, const char *text, size_t len,
			     struct nc_error *err)
{
	struct article t;
	struct line *l;
	struct buf body = BUF_INIT;
	size_t n, first = 0, i, head, tline;
	enum shape shape;
	enum nc_status rc = NC_OK;

	article_init(&t);
	l = split_lines(text, len, &n);
	for (i = 0; i < n && !l[i].len; i++)
		;
	if (i == n) {
		rc = nc_fail(err, NC_EDATA, "empty article");
		goto out;
	}
	shape = parse_header(&t, l, n, &first);

	/* chrome anywhere after the header */
	for (i = first; i < n; i++) {
		if (!l[i].len || !is_chrome(l[i].s, l[i].len))
			continue;
		l[i].role = R_CHROME;
		if (t.views == ARTICLE_NO_VIEWS)
			t.views = chrome_views(l[i].s, l[i].len);
	}
	if (t.views < 0)
		t.views = ARTICLE_NO_VIEWS;

	/* headline, or a lone paragraph that is the body */
	if (take_headline(&t, l, first, n, shape, &head, &tline)) {
		rc = nc_fail(err, NC_EDATA, "no headline");
		goto out;
	}
	take_date_line(&t, l, head, n);

	/* lead: after a "# key = value" header or a page dump's headline */
	if ((shape == SHAPE_HASH || shape == SHAPE_DUMP) && !t.lead &&
	    head > first)
		take_lead(&t, l, head, n);

	/* captions */
	for (i = first; i < n; i++) {
		if (!l[i].len || l[i].role != R_NONE ||
		    !is_caption(l[i].s, l[i].len))
			continue;
		l[i].role = R_CAPTION;
		article_add_caption(&t, l[i].s, l[i].len);
	}

	take_byline(&t, l, first, n);

	/* body */
	for (i = first; i < n; i++) {
		if (!l[i].len || l[i].role != R_NONE)
			continue;
		if (body.len)
			buf_add(&body, "\n\n", 2);
		buf_add(&body, l[i].s, l[i].len);
	}
	if (!body.len && tline < n && l[tline].len > LONE_BODY_MIN) {
		/* a long headline line and nothing else for the body */
		lone_title(&t, l[tline].s, l[tline].len, LONE_TITLE_MAX);
		buf_add(&body, l[tline].s, l[tline].len);
	}
	t.body = body.len ? buf_detach(&body, NULL) : xstrdup("");
	take_fields(a, &t);
out:
	buf_release(&body);
	article_release(&t);
	free(l);
	return rc;
}
