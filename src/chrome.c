/*
 * chrome.c - per-site page chrome in article bodies; see chrome.h.
 *
 * All lengths are in bytes of UTF-8.
 */
#include "chrome.h"

#include <string.h>
#include <strings.h>

/*
 * The table. Each row names a site by its host (matching the host and its
 * subdomains) and, optionally, the source name its exports use, then where
 * the text stands (at the start or at the end of the body) and the text
 * itself. In the text a space matches any run of white space or none, so
 * "trang Tin" matches "trangTin" as the crawler glued it; every other
 * character must match exactly (the body is NFC already). Rows are tried
 * again and again until none matches, so chrome printed twice goes too.
 *
 * To extend: find a phrase that begins (or ends) most bodies of one site
 * and is never article text, and add a row. A row with site NULL applies
 * to every site: use it only for text that cannot be an article's.
 */
enum chrome_where { AT_START, AT_END };

static const struct chrome_rule {
	const char *site;	/* host, or NULL for every site */
	const char *source;	/* source name of the site's exports, or NULL */
	enum chrome_where where;
	const char *text;
} rules[] = {
	{ "24h.com.vn", "24h", AT_START,
	  "Lưu bài viết thành công Bạn có thể xem lại bài viết đã lưu ở "
	  "trang Tin bài đã lưu" },
	{ "24h.com.vn", "24h", AT_END, "Nguồn: [Link nguồn]" },
};

const char *chrome_site_of_url(const char *url, char *out, size_t size)
{
	const char *p = strstr(url, "://"), *e;
	size_t n;

	p = p ? p + 3 : url;
	if (p == url && strncmp(url, "//", 2) && !strchr(url, '.'))
		return NULL;
	if (!strncmp(p, "//", 2))
		p += 2;
	e = p + strcspn(p, "/?#");
	for (const char *at = p; at < e; at++)
		if (*at == '@')
			p = at + 1;
	n = strcspn(p, ":/?#");
	if (p + n > e)
		n = (size_t)(e - p);
	if (n >= 4 && !strncasecmp(p, "www.", 4)) {
		p += 4;
		n -= 4;
	}
	while (n && p[n - 1] == '.')
		n--;
	if (!n || n >= size)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];

		out[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[n] = '\0';
	return out;
}

/* Does rule apply to an article of site (a host) or source? */
static int applies(const struct chrome_rule *rule, const char *site,
		   const char *source)
{
	size_t n, m;

	if (!rule->site)
		return 1;
	if (source && rule->source && !strcasecmp(source, rule->source))
		return 1;
	if (!site)
		return 0;
	n = strlen(site);
	m = strlen(rule->site);
	if (n < m || strcasecmp(site + n - m, rule->site))
		return 0;
	return n == m || site[n - m - 1] == '.';
}

static int is_space(const char *s)
{
	return *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
}

/* Bytes of s (len) that pattern pat matches from the start, or 0. */
static size_t match_fwd(const char *s, size_t len, const char *pat)
{
	size_t i = 0;

	for (; *pat; pat++) {
		if (*pat == ' ') {
			while (i < len && is_space(s + i))
				i++;
			continue;
		}
		if (i >= len || s[i] != *pat)
			return 0;
		i++;
	}
	return i;
}

/* Bytes at the end of s (len) that pattern pat matches, or 0. */
static size_t match_back(const char *s, size_t len, const char *pat)
{
	size_t i = len, k = strlen(pat);

	while (k) {
		k--;
		if (pat[k] == ' ') {
			while (i && is_space(s + i - 1))
				i--;
			continue;
		}
		if (!i || s[i - 1] != pat[k])
			return 0;
		i--;
	}
	return len - i;
}

int chrome_strip(const char *site, const char *source, char *body)
{
	size_t len = strlen(body), b = 0, e = len;
	int removed = 0, again = 1;

	while (again) {
		again = 0;
		while (b < e && is_space(body + b))
			b++;
		while (e > b && is_space(body + e - 1))
			e--;
		for (size_t i = 0; i < sizeof(rules) / sizeof(*rules); i++) {
			size_t m;

			if (!applies(&rules[i], site, source))
				continue;
			if (rules[i].where == AT_START)
				m = match_fwd(body + b, e - b, rules[i].text);
			else
				m = match_back(body + b, e - b, rules[i].text);
			if (!m)
				continue;
			if (rules[i].where == AT_START)
				b += m;
			else
				e -= m;
			removed++;
			again = 1;
		}
	}
	if (!removed)
		return 0;
	memmove(body, body + b, e - b);
	body[e - b] = '\0';
	return removed;
}
