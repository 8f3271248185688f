/*
 * byline.h - the lines that end a news article: the author's name (the
 * byline) and the source credit ("Theo TTXVN", "(Theo VnExpress)",
 * "Nguồn: Reuters", "Tổng hợp").
 */
#ifndef NEWSCTL_BYLINE_H
#define NEWSCTL_BYLINE_H

#include <stddef.h>

/*
 * What one line holds; each part points into the line (length in bytes),
 * or is NULL. A credit written in parentheses is given without them.
 * outlet is the second half of a credit that the source glued to its first
 * ("Theo Ngọc Hà" and "VietNamNet" in "Theo Ngọc HàVietNamNet").
 */
struct byline_parts {
	const char *name;
	size_t name_len;
	const char *credit;
	size_t credit_len;
	const char *outlet;
	size_t outlet_len;
};

/*
 * A byline: a short line (at most 5 words, 60 bytes) with no digits and
 * no sentence punctuation, whose first word is capitalised and at least
 * two thirds of whose words are: "Minh Hải", "Nguyễn Văn A - Trần B",
 * "THANH HÀ", "M. Hà", "Mi Vân (biên dịch)".
 */
int byline_is_name(const char *s, size_t len);

/*
 * Read line s (len bytes, trimmed) as the end of an article: a byline, a
 * credit, a byline followed by a credit in parentheses ("Ngọc Sơn (theo
 * AP)"), or a byline and a credit that the source joined into one line
 * without a space ("Nhật LinhTheo CNBC", "Minh PhươngTổng hợp"; the seam is
 * a lower-case letter followed by an upper-case one). Returns 1 and fills
 * p when the line is any of these, else 0.
 */
int byline_read(const char *s, size_t len, struct byline_parts *p);

/*
 * Is the credit c (clen bytes, as byline_read() gives it) "Theo" and a
 * person's name: two or more words, each a capital and then small letters
 * ("Theo Đăng Nguyễn", "Theo Văn Đỗ, Tâm Hiếu"), unlike an agency
 * ("Theo AFP, Reuters", "Theo Nature.com", "Theo Sức khỏe")?
 */
int byline_is_person_credit(const char *c, size_t clen);

#endif
