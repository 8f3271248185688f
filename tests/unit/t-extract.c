/*
 * t-extract.c - the article of a web page: JSON-LD over meta tags over
 * the page, the site rules, the general scorer on pages written here,
 * pages that are no articles, charsets, and hostile pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "charsets.h"
#include "decode.h"
#include "extract.h"
#include "tap.h"

/* fixtures/DIR/NAME, found from this file's own path; NULL if none. */
static char *slurp(const char *name, size_t *len)
{
	char path[4096];
	const char *slash = strrchr(__FILE__, '/');
	int dir = slash ? (int)(slash - __FILE__) : 0;
	FILE *f;
	char *s;
	long n;

	snprintf(path, sizeof(path), "%.*s%s../../fixtures/%s", dir, __FILE__,
		 slash ? "/" : "", name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	*len = fread(s, 1, (size_t)n, f);
	s[*len] = '\0';
	fclose(f);
	return s;
}

static enum nc_status extract(const char *html, size_t len,
			      const char *charset, const char *url,
			      struct web_page *p, struct nc_error *err)
{
	web_page_release(p);
	return extract_page((const unsigned char *)html, len, charset, url, p,
			    err);
}

static enum nc_status extract_file(const char *name, struct web_page *p,
				   struct nc_error *err)
{
	size_t len = 0;
	char *s = slurp(name, &len);
	enum nc_status st;

	if (!s) {
		ok(0, "fixture %s", name);
		return NC_ENOENT;
	}
	st = extract(s, len, NULL, NULL, p, err);
	free(s);
	return st;
}

static int has(const char *s, const char *part)
{
	return s && strstr(s, part);
}

static void test_precedence(void)
{
	struct web_page p;
	struct nc_error err;

	web_page_init(&p);
	is_int(extract_file("web/jsonld.html", &p, &err), NC_OK,
	       "JSON-LD page");
	is_str(p.title, "Mưa lớn kéo dài ở Hà Nội, nhiều tuyến phố ngập sâu",
	       "  headline from JSON-LD over og:title, <h1> and <title>");
	is_str(p.published, "2024-05-01T06:30:00+07:00",
	       "  datePublished over article:published_time");
	is_str(p.byline, "Nguyễn Văn An, Trần Thị Bình",
	       "  the authors of JSON-LD over the author meta tag");
	is_str(p.section, "Xã hội", "  the first articleSection");
	is_str(p.canonical, "https://baothu.example/xa-hoi/"
	       "mua-lon-ha-noi-123.html", "  link rel=canonical");
	is_str(p.body_from, "scorer", "  the body from the scorer");
	ok(has(p.body, "Trận mưa lớn") && has(p.body, "trạm bơm Yên Sở"),
	   "  the paragraphs are the body");
	ok(!has(p.body, "Chia sẻ") && !has(p.body, "Tin liên quan") &&
	   !has(p.body, "Bình luận") && !has(p.body, "Trang chủ") &&
	   !has(p.body, "Giấy phép"),
	   "  share bar, related box, comments, nav and footer dropped");
	ok(p.ncaptions == 1 && has(p.captions[0], "Người dân dắt xe"),
	   "  the figcaption is a caption");
	ok(!has(p.body, "dắt xe"), "  and not in the body");

	is_int(extract_file("web/meta.html", &p, &err), NC_OK,
	       "meta-tag page with broken JSON-LD");
	is_str(p.title, "Giá lúa tăng mạnh đầu vụ hè thu ở Đồng bằng sông "
	       "Cửu Long", "  og:title over <h1> and <title>");
	is_str(p.published, "2023-07-15T14:20:00+07:00",
	       "  article:published_time");
	is_str(p.byline, "Lê Văn Cường", "  the author meta tag");
	is_str(p.section, "Thị trường", "  article:section");
	is_str(p.site_name, "Nông Nghiệp Thử", "  og:site_name");
	ok(has(p.note, "broken JSON-LD"), "  the broken JSON-LD is noted: %s",
	   p.note);
	ok(!has(p.body, "Quảng cáo") && !has(p.body, "Đọc nhiều") &&
	   !has(p.body, "Kỹ thuật"), "  ad, sidebar and menu dropped");
	ok(has(p.body, "An Giang"), "  the body is there");
	/* a meta tag to the second beats JSON-LD to the minute; a
	 * publisher written as a URL is no site name */
	{
		static const char page[] = "<html><head>"
			"<meta property=\"article:published_time\" "
			"content=\"2024-05-01T06:30:42+07:00\">"
			"<script type=\"application/ld+json\">{\"@type\": "
			"\"NewsArticle\", \"headline\": \"Tin thử\", "
			"\"datePublished\": \"2024-05-01T06:30:00+07:00\", "
			"\"publisher\": {\"name\": \"https://baothu.example\"}}"
			"</script></head><body><article><p>";
		struct buf b = BUF_INIT;

		buf_adds(&b, page);
		for (int i = 0; i < 8; i++)
			buf_adds(&b, "Câu văn của bài báo thử, đủ dài để là "
				 "một đoạn văn. ");
		buf_adds(&b, "</p></article></body></html>");
		is_int(extract(b.s, b.len, NULL, NULL, &p, &err), NC_OK,
		       "JSON-LD to the minute, meta to the second");
		is_str(p.published, "2024-05-01T06:30:42+07:00",
		       "  the finer time of the same minute");
		is_str(p.site_name, NULL, "  no site name from a URL");
		buf_release(&b);
	}
	web_page_release(&p);
}

static void test_site_rule(void)
{
	struct web_page p;
	struct nc_error err;

	web_page_init(&p);
	is_int(extract_file("web/vnexpress.html", &p, &err), NC_OK,
	       "a page of a site with a rule");
	is_str(p.body_from, "site", "  the body from the site's rule");
	is_str(p.lead, "Cây cầu dài 2,2 km nối hai bờ sông Hồng chính thức "
	       "thông xe sáng nay, sau ba năm thi công.",
	       "  the lead from the rule's element");
	ok(has(p.body, "Lễ thông xe") && has(p.body, "rút ngắn"),
	   "  the body");
	ok(!has(p.body, "Võ Hải"), "  the rule drops the byline");
	ok(!has(p.body, "khởi công cầu Tứ Liên"),
	   "  the rule drops the related box");
	ok(p.ncaptions == 1 && has(p.captions[0], "Giang Huy"),
	   "  the caption");
	web_page_release(&p);
}

static void test_not_articles(void)
{
	struct web_page p;
	struct nc_error err;
	struct buf b = BUF_INIT;

	web_page_init(&p);
	is_int(extract_file("web/list.html", &p, &err), NC_NOMATCH,
	       "a section page is no article");
	is_str(err.msg, "list page", "  a list page");
	buf_adds(&b, "<html><head><title>404 Not Found</title></head><body>"
		 "<h1>Không tìm thấy trang</h1><p>Trang bạn tìm không tồn "
		 "tại.</p></body></html>");
	is_int(extract(b.s, b.len, NULL, NULL, &p, &err), NC_NOMATCH,
	       "an error page is no article");
	is_str(err.msg, "error page", "  an error page");
	buf_reset(&b);
	buf_adds(&b, "<html><body><p>Ngắn.</p></body></html>");
	is_int(extract(b.s, b.len, NULL, NULL, &p, &err), NC_NOMATCH,
	       "a page with little text is no article");
	is_str(err.msg, "no article text", "  no article text");
	buf_release(&b);
	web_page_release(&p);
}

/* A page whose body is the paragraph fixture in one encoding. */
static void page_of(struct buf *b, const char *meta, const char *file)
{
	size_t len = 0;
	char *s = slurp(file, &len);

	buf_reset(b);
	buf_addf(b, "<html><head>%s<title>Bài thử</title></head><body>"
		 "<h1>Bài thử</h1><div><p>", meta);
	if (s)
		buf_add(b, s, len);
	buf_adds(b, "</p></div></body></html>");
	free(s);
}

/* The body normalised as ingest stores it (decode.h). */
static void normal(const char *s, struct buf *out)
{
	struct nc_error err;
	const char *used;

	buf_reset(out);
	decode_text((const unsigned char *)s, strlen(s), "UTF-8", out, &used,
		    &err);
}

static void test_charsets(void)
{
	static const struct {
		const char *file, *meta, *http, *want;
	} cases[] = {
		{ "encodings/paragraph.utf8.txt", "", NULL, "UTF-8" },
		{ "encodings/paragraph.vni.txt", "", NULL, "VNI" },
		{ "encodings/paragraph.tcvn3.txt", "", NULL, "TCVN3" },
		{ "encodings/paragraph.viscii.txt",
		  "<meta charset=\"viscii\">", NULL, "VISCII" },
		{ "encodings/paragraph.cp1258.txt", "", "windows-1258",
		  "windows-1258" },
		{ "encodings/paragraph.cp1258.txt",
		  "<meta http-equiv=\"Content-Type\" content=\"text/html; "
		  "charset=windows-1258\">", NULL, "windows-1258" },
		{ "encodings/paragraph.utf8.txt",
		  "<meta charset=\"x-klingon\">", NULL, "UTF-8" },
	};
	struct buf page = BUF_INIT, want = BUF_INIT, got = BUF_INIT;
	struct web_page p;
	struct nc_error err;
	size_t len;
	char *utf8 = slurp("encodings/paragraph.utf8.txt", &len);

	web_page_init(&p);
	normal(utf8 ? utf8 : "", &want);
	buf_trim(&want);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		page_of(&page, cases[i].meta, cases[i].file);
		is_int(extract(page.s, page.len, cases[i].http, NULL, &p, &err),
		       NC_OK, cases[i].file);
		is_str(p.encoding, cases[i].want, "  read as its charset");
		normal(p.body ? p.body : "", &got);
		/* the page joins the fixture's lines into one paragraph */
		for (size_t k = 0; k < want.len; k++)
			if (want.s[k] == '\n')
				want.s[k] = ' ';
		is_str(got.s, want.s, "  the text decoded");
	}
	ok(has(p.note, "unknown charset"), "an unknown charset is noted: %s",
	   p.note);

	/* a BOM beats a wrong declaration */
	page_of(&page, "<meta charset=\"iso-8859-1\">",
		"encodings/paragraph.utf8.txt");
	buf_setlen(&got, 0);
	buf_adds(&got, "\xEF\xBB\xBF");
	buf_add(&got, page.s, page.len);
	is_int(extract(got.s, got.len, NULL, NULL, &p, &err), NC_OK,
	       "a UTF-8 page with a BOM");
	is_str(p.encoding, "UTF-8", "  read as UTF-8 whatever <meta> says");
	free(utf8);
	buf_release(&page);
	buf_release(&want);
	buf_release(&got);
	web_page_release(&p);
}

static void test_hostile(void)
{
	struct buf b = BUF_INIT;
	struct web_page p;
	struct nc_error err;
	enum nc_status s;

	web_page_init(&p);
	buf_adds(&b, "<html><body>");
	for (int i = 0; i < 100000; i++)
		buf_adds(&b, "<div>");
	buf_adds(&b, "<p>Đoạn văn nằm rất sâu trong trang.</p>");
	for (int i = 0; i < 100000; i++)
		buf_adds(&b, "</div>");
	buf_adds(&b, "</body></html>");
	s = extract(b.s, b.len, NULL, NULL, &p, &err);
	ok(s == NC_OK || s == NC_NOMATCH,
	   "HTML nested 100,000 deep is read without harm (%d)", (int)s);

	buf_reset(&b);
	buf_adds(&b, "<html><head><script type=\"application/ld+json\">");
	for (int i = 0; i < 10000; i++)
		buf_adds(&b, "[");
	buf_adds(&b, "</script></head><body></body></html>");
	s = extract(b.s, b.len, NULL, NULL, &p, &err);
	is_int(s, NC_NOMATCH, "JSON-LD nested 10,000 deep is refused, "
	       "the page read");

	buf_reset(&b);
	buf_add(&b, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
	is_int(extract(b.s, b.len, NULL, NULL, &p, &err), NC_EDATA,
	       "binary data is no page");
	buf_release(&b);
	web_page_release(&p);
}

int main(void)
{
	test_precedence();
	test_site_rule();
	test_not_articles();
	test_charsets();
	test_hostile();
	return done_testing();
}
