/* t-chrome.c - per-site page chrome removed from the start and end of bodies. */
#include "chrome.h"
#include "tap.h"

#include <string.h>

static const char *site(const char *url)
{
	static char out[64];

	return chrome_site_of_url(url, out, sizeof(out));
}

static void strip(const char *s, const char *src, const char *body,
		  const char *want, int nwant, const char *name)
{
	char b[512];
	int n;

	snprintf(b, sizeof(b), "%s", body);
	n = chrome_strip(s, src, b);
	is_str(b, want, name);
	is_int(n, nwant, "  patterns removed");
}

int main(void)
{
	is_str(site("https://www.24h.com.vn/tin-tuc/a-c46a1.html"),
	       "24h.com.vn", "host without www.");
	is_str(site("HTTP://User@Tin.Bao-Mau.VN:8080/x?y#z"), "tin.bao-mau.vn",
	       "host lower case, without user and port");
	is_str(site("//bao-mau.vn/a"), "bao-mau.vn", "scheme-relative URL");
	ok(site("không phải địa chỉ") == NULL, "text without a host");
	ok(site("https:///x") == NULL, "a URL with an empty host");

	strip("24h.com.vn", NULL, "Lưu bài viết thành công Bạn có thể xem "
	      "lại bài viết đã lưu ở trangTin bài đã lưu Mưa lớn ở miền "
	      "Trung.", "Mưa lớn ở miền Trung.", 1,
	      "the 24h save notice goes, glued words and all");
	strip("m.24h.com.vn", NULL, "Lưu bài viết thành công Bạn có thể xem "
	      "lại bài viết đã lưu ở trang Tin bài đã lưu\n\nĐoạn đầu.",
	      "Đoạn đầu.", 1, "a subdomain of the site, the phrase spaced");
	strip(NULL, "24h", "Lưu bài viết thành công Bạn có thể xem lại bài "
	      "viết đã lưu ở trangTin bài đã lưu Tin ngắn. Nguồn: [Link "
	      "nguồn]Nguồn: [Link nguồn]", "Tin ngắn.", 3,
	      "the source name alone names the site; a repeated tail goes");
	strip("bao-mau.vn", "Minh An", "Lưu bài viết thành công Bạn có thể "
	      "xem lại bài viết đã lưu ở trangTin bài đã lưu Tin.",
	      "Lưu bài viết thành công Bạn có thể xem lại bài viết đã lưu ở "
	      "trangTin bài đã lưu Tin.", 0,
	      "another site keeps the text");
	strip("not24h.com.vn", NULL, "Tin. Nguồn: [Link nguồn]",
	      "Tin. Nguồn: [Link nguồn]", 0,
	      "a host that merely ends with the name is another site");
	strip("24h.com.vn", NULL, "Bạn đọc Lưu bài viết thành công Bạn có thể "
	      "xem lại bài viết đã lưu ở trangTin bài đã lưu",
	      "Bạn đọc Lưu bài viết thành công Bạn có thể xem lại bài viết "
	      "đã lưu ở trangTin bài đã lưu", 0,
	      "the notice in the middle or at the end is left alone");
	return done_testing();
}
