/*
 * chrome.h - page chrome that crawlers leave in the body of an article
 * ("Lưu bài viết thành công..." at the start of every 24h.com.vn body),
 * removed before the article reaches the index.
 *
 * The patterns are a table per site in chrome.c; see the comment there
 * for how to add one. The line-based chrome of page dumps (font size
 * widgets, "Tin mới hơn"...) is the article parser's (article.h).
 */
#ifndef NEWSCTL_CHROME_H
#define NEWSCTL_CHROME_H

#include <stddef.h>

/*
 * The site of an article: the host of url (lower case, without port,
 * user or a leading "www."), written into out (size bytes) and returned;
 * NULL (out unchanged) when url has no host or out is too small.
 */
const char *chrome_site_of_url(const char *url, char *out, size_t size);

/*
 * Remove the chrome of an article's site from the start and the end of
 * body (NUL-terminated normalised text), in place, with the white space
 * around it. site is a host from chrome_site_of_url() and source the
 * source name the export gives (such as "24h"); either may be NULL.
 * Returns the number of patterns removed (0: body unchanged).
 */
int chrome_strip(const char *site, const char *source, char *body);

#endif
