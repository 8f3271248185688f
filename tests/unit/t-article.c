/*
 * t-article.c - article_parse() on the sample page dump in seeds/, on the
 * fixtures in fixtures/articles/ and on inline texts. Run from the top of
 * the repository.
 */
#include "article.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#define SEED "seeds/000_24022134b924370a.txt"

/* The whole file as a NUL-terminated string, or NULL. */
static char *slurp(const char *path, size_t *len)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, len);
}

static int starts(const char *s, const char *prefix)
{
	return s && !strncmp(s, prefix, strlen(prefix));
}

static int ends(const char *s, const char *suffix)
{
	size_t n = s ? strlen(s) : 0, m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* Parse a fixture; 0 when it cannot be read or parsed. */
static int parse_file(const char *path, struct article *a)
{
	struct nc_error err = { 0 };
	size_t len;
	char *text = slurp(path, &len);
	int rc;

	article_init(a);
	if (!ok(text != NULL, "read %s", path))
		return 0;
	rc = article_parse(a, text, len, &err);
	if (!ok(rc == NC_OK, "parse %s", path))
		printf("#   %s\n", err.msg);
	free(text);
	return rc == NC_OK;
}

static int parse_str(const char *text, struct article *a,
		     struct nc_error *err)
{
	article_init(a);
	nc_clear(err);
	return article_parse(a, text, strlen(text), err);
}

static void test_seed(void)
{
	struct article a;
	struct buf want = BUF_INIT;
	char *text, *line, *save = NULL;
	size_t len;
	int in = 0;
	const char *caption = NULL;

	if (!parse_file(SEED, &a))
		return;
	is_str(a.section, "Các đơn vị thuộc thành phố", "seed: section");
	is_str(a.title, "Đẩy mạnh phong trào thi đua dân vận khéo sâu rộng "
	       "và thiết thực hơn", "seed: headline");
	is_str(a.published, "2017-10-12T04:18:00+07:00", "seed: published");
	is_str(a.byline, "Minh Hải", "seed: byline");
	is_int(a.views, 1728, "seed: views");
	ok(starts(a.lead, "Sáng 12-10-2017, Ban Dân vận") &&
	   ends(a.lead, "“Dân vận khéo” năm 2017."),
	   "seed: the opening paragraph is the lead");
	is_int(a.ncaptions, 1, "seed: one caption");

	/*
	 * Expected body and caption straight from the file: every non-empty
	 * line after the lead up to the byline, but the caption.
	 */
	text = slurp(SEED, &len);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(line);

		if (starts(line, "Nguyên Bí thư Thành ủy"))
			in = 1;
		if (!strcmp(line, "Minh Hải"))
			break;
		if (!in || !n)
			continue;
		if (ends(line, ". Ảnh: Long Hồ")) {
			caption = line;
			continue;
		}
		if (want.len)
			buf_adds(&want, "\n\n");
		buf_adds(&want, line);
	}
	ok(starts(caption, "Nguyên Bí thư"),
	   "seed: the caption line is found in the file");
	if (a.ncaptions == 1)
		is_str(a.captions[0], caption, "seed: caption and credit");
	is_str(a.body, want.s, "seed: body is the paragraphs without chrome");
	ok(starts(a.body, "Đến dự"),
	   "seed: body starts after the lead");
	ok(ends(a.body, "87 cá nhân điển hình “Dân vận khéo” năm 2017."),
	   "seed: body ends with the last paragraph");
	ok(a.body && !strstr(a.body, "Ảnh: Long Hồ") &&
	   !strstr(a.body, "Cỡ chữ") && !strstr(a.body, "lượt xem") &&
	   !strstr(a.body, "Bình chọn") && !strstr(a.body, "Tin mới hơn") &&
	   !strstr(a.body, "Tin đã đưa") && !strstr(a.body, "Minh Hải"),
	   "seed: no caption, chrome or byline in the body");
	free(text);
	buf_release(&want);
	article_release(&a);
}

static void test_dump(void)
{
	struct article a;

	if (!parse_file("fixtures/articles/dump.txt", &a))
		return;
	is_str(a.section, "Giáo dục", "dump: section");
	is_str(a.title, "Trường làng mở thêm lớp học buổi chiều cho học sinh "
	       "vùng cao", "dump: headline");
	is_str(a.published, "2017-10-16T09:30:00+07:00", "dump: published");
	is_str(a.byline, "Ngọc Lan", "dump: byline");
	is_int(a.views, 532, "dump: views");
	is_str(a.lead, "Từ tuần này, trường tiểu học xã Nậm Cang mở thêm ba "
	       "lớp học buổi chiều để các em nhỏ ở bản xa có chỗ ôn bài "
	       "trước khi về nhà.", "dump: the opening paragraph is the lead");
	is_int(a.ncaptions, 1, "dump: one caption");
	if (a.ncaptions)
		is_str(a.captions[0], "Thầy hiệu trưởng cho biết phòng học "
		       "được sửa lại từ kho cũ của xã, bàn ghế do phụ huynh "
		       "góp công đóng mới. Ảnh: Thu Hà", "dump: caption");
	is_str(a.body, "Mỗi lớp có một giáo viên trực, các em được ăn nhẹ lúc "
	       "ba giờ chiều. Nhà trường dự kiến duy trì lớp đến hết năm "
	       "học.", "dump: body");
	is_str(a.url, NULL, "dump: no url");
	article_release(&a);
}

static void test_pm(void)
{
	struct article a;

	if (!parse_file("fixtures/articles/pm-wrong-weekday.txt", &a))
		return;
	is_str(a.section, "Thời sự", "pm: section");
	is_str(a.title, "Cầu mới nối hai bờ sông chính thức thông xe",
	       "pm: headline");
	is_str(a.published, "2017-10-12T15:45:00+07:00",
	       "pm: 03:45 CH is 15:45, the wrong weekday does not change it");
	is_str(a.warning, "the weekday in 'Thứ sáu, 12/10/2017, 03:45 CH' is "
	       "not that of 2017-10-12 (the date is kept)",
	       "pm: the wrong weekday is reported");
	is_str(a.byline, "HOÀNG MAI", "pm: byline in capitals");
	is_int(a.views, 2045, "pm: views with a thousands separator");
	is_int(a.ncaptions, 0, "pm: no caption");
	is_str(a.lead, "Chiều nay, cây cầu mới nối hai bờ sông đã chính thức "
	       "thông xe sau hai năm thi công.", "pm: lead");
	is_str(a.body, "Người dân hai bên bờ không "
	       "còn phải chờ phà như trước, thời gian đi lại rút ngắn hơn "
	       "nửa giờ.", "pm: body");
	article_release(&a);
}

static void test_plain(void)
{
	struct article a;

	if (!parse_file("fixtures/articles/plain.txt", &a))
		return;
	is_str(a.title, "Hợp tác xã rau sạch ký hợp đồng với chợ đầu mối",
	       "plain: title");
	is_str(a.published, "2018-03-05T14:20:00+07:00", "plain: date");
	is_str(a.source, "Báo Làng Quê", "plain: source");
	is_str(a.url, "https://example.vn/rau-sach-123.html", "plain: url");
	is_str(a.byline, "Trần Văn Bình", "plain: author");
	is_str(a.section, "Kinh tế", "plain: section");
	is_str(a.lead, "Hơn hai mươi hộ trồng rau đã có đầu ra ổn định cho "
	       "cả năm.", "plain: lead");
	is_str(a.external_id, NULL, "plain: no id");
	is_int(a.views, ARTICLE_NO_VIEWS, "plain: no views");
	is_int(a.ncaptions, 0, "plain: no caption");
	is_str(a.body, "Sáng 5-3, hợp tác xã rau an toàn thôn Đông ký hợp "
	       "đồng cung cấp rau cho chợ đầu mối của huyện.\n\nTheo hợp "
	       "đồng, mỗi ngày hợp tác xã giao ít nhất một tấn rau các "
	       "loại, giá được điều chỉnh theo tháng.", "plain: body");
	article_release(&a);
}

static void test_hash(void)
{
	struct article a;

	if (!parse_file("fixtures/articles/hash.txt", &a))
		return;
	is_str(a.external_id, "news_sport_042", "hash: doc_id");
	is_str(a.url, "https://example.vn/the-thao/giai-chay-ven-ho-"
	       "20201001.htm", "hash: url");
	is_str(a.published, "2020-10-01", "hash: date");
	is_str(a.title, "Giải chạy ven hồ thu hút hơn nghìn người tham gia",
	       "hash: headline is the first line");
	is_str(a.lead, "Sáng nay, giải chạy thường niên quanh hồ lớn của "
	       "thành phố đã diễn ra trong không khí vui tươi.",
	       "hash: lead is the second line");
	is_str(a.section, NULL, "hash: no section");
	is_str(a.byline, NULL, "hash: no byline");
	is_str(a.body, "Người về nhất cự ly mười cây số là một sinh viên năm "
	       "hai, hoàn thành đường chạy sau chưa đầy bốn mươi phút.\n\nBan "
	       "tổ chức cho biết năm sau sẽ mở thêm cự ly dành cho trẻ em.",
	       "hash: body");
	article_release(&a);
}

static void test_bare(void)
{
	struct article a;

	if (!parse_file("fixtures/articles/bare.txt", &a))
		return;
	is_str(a.title, "Mưa lớn kéo dài, nhiều tuyến đường nội thành ngập "
	       "sâu", "bare: headline");
	is_str(a.lead, NULL, "bare: no lead guessed");
	is_str(a.published, NULL, "bare: no date");
	is_str(a.byline, NULL, "bare: no byline");
	is_str(a.section, NULL, "bare: no section");
	is_int(a.views, ARTICLE_NO_VIEWS, "bare: no views");
	is_str(a.body, "Chiều qua, mưa lớn kéo dài hơn hai giờ khiến nhiều "
	       "tuyến đường ở trung tâm ngập sâu.\n\nNhiều người phải dắt xe "
	       "qua các đoạn ngập, giao thông ùn ứ đến tối.\n\nCơ quan khí "
	       "tượng dự báo mưa còn kéo dài đến cuối tuần.", "bare: body");
	article_release(&a);
}

static void test_minh_hoa(void)
{
	struct article a;

	if (!parse_file("fixtures/articles/caption-minh-hoa.txt", &a))
		return;
	is_str(a.title, "Giá rau xanh tăng mạnh sau đợt rét",
	       "minh họa: headline");
	is_int(a.ncaptions, 1, "minh họa: one caption");
	if (a.ncaptions)
		is_str(a.captions[0], "Người bán rau tại một chợ trong quận. "
		       "(Ảnh minh họa)", "minh họa: caption");
	is_str(a.body, "Sau đợt rét đậm kéo dài, giá nhiều loại rau xanh ở "
	       "các chợ dân sinh tăng gần gấp đôi.\n\nCác tiểu thương cho "
	       "rằng giá sẽ giảm dần khi thời tiết ấm lên.",
	       "minh họa: body without the caption");
	article_release(&a);
}

static void test_errors(void)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "", "empty article" },
		{ "  \n\t\n\n", "empty article" },
		{ "Date: 12/10/2017\n\n", "no headline" },
		{ "Tin mới hơn\nTin đã đưa\n", "no headline" },
	};
	struct article a;
	struct nc_error err;

	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		int rc = parse_str(bad[i].text, &a, &err);

		ok(rc == NC_EDATA && err.code == NC_EDATA &&
		   !strcmp(err.msg, bad[i].msg), "error %zu: \"%s\"", i,
		   bad[i].msg);
		article_release(&a);
	}

	/* a failed parse leaves the article alone */
	article_init(&a);
	article_set(&a.title, "cũ", strlen("cũ"));
	nc_clear(&err);
	ok(article_parse(&a, "Tin mới hơn", strlen("Tin mới hơn"), &err) ==
	   NC_EDATA, "chrome only fails");
	is_str(a.title, "cũ", "failed parse keeps the old title");
	is_str(a.body, NULL, "failed parse sets no body");
	article_release(&a);

	/* a headline alone is an article with an empty body */
	{
		static const struct {
			const char *text, *title;
		} alone[] = {
			{ "Chỉ có tiêu đề\n", "Chỉ có tiêu đề" },
			{ "Chỉ có tiêu đề\n\nTin mới hơn\n", "Chỉ có tiêu đề" },
			{ "Title: Tiêu đề trong phần đầu\n\n",
			  "Tiêu đề trong phần đầu" },
		};

		for (size_t i = 0; i < sizeof(alone) / sizeof(*alone); i++) {
			ok(parse_str(alone[i].text, &a, &err) == NC_OK,
			   "headline alone %zu parses", i);
			is_str(a.title, alone[i].title, "headline alone: title");
			is_str(a.body, "", "headline alone: empty body");
			article_release(&a);
		}
	}
}

static void test_inline(void)
{
	struct article a;
	struct nc_error err;

	/* Vietnamese header keys, any case */
	ok(parse_str("TIÊU ĐỀ: Đường mới về xã\nngày: Thứ hai, 16/10/2017\n"
		     "Tác giả: Lê An\nChuyên mục: Giao thông\n"
		     "Nguồn: Báo Xã\n\n"
		     "Con đường mới dài năm cây số đã thông xe.\n", &a,
		     &err) == NC_OK, "vietnamese keys: parsed");
	is_str(a.title, "Đường mới về xã", "vietnamese keys: title");
	is_str(a.published, "2017-10-16", "vietnamese keys: date");
	is_str(a.byline, "Lê An", "vietnamese keys: author");
	is_str(a.section, "Giao thông", "vietnamese keys: section");
	is_str(a.source, "Báo Xã", "vietnamese keys: source");
	is_str(a.body, "Con đường mới dài năm cây số đã thông xe.",
	       "vietnamese keys: body");
	article_release(&a);

	/* bare text without blank lines: the second line is not a lead */
	ok(parse_str("Tiêu đề ngắn\nĐoạn thứ hai ngắn.\nĐoạn ba.\nĐoạn bốn.\n",
		     &a, &err) == NC_OK, "bare lines: parsed");
	is_str(a.lead, NULL, "bare lines: no lead");
	is_str(a.body, "Đoạn thứ hai ngắn.\n\nĐoạn ba.\n\nĐoạn bốn.",
	       "bare lines: every line a paragraph");
	article_release(&a);

	/* chrome is dropped, prose that mentions the same words is kept */
	ok(parse_str("Tiêu đề\nChia sẻ với báo chí, ông cho biết sẽ bình luận "
		     "sau.\nBình luận\nIn bài | Chia sẻ\nLượt xem: 1.728\n"
		     "Trung bình\n", &a, &err) == NC_OK, "chrome: parsed");
	is_str(a.body, "Chia sẻ với báo chí, ông cho biết sẽ bình luận sau."
	       "\n\nTrung bình", "chrome: prose and weak words kept");
	is_int(a.views, 1728, "chrome: views");
	article_release(&a);

	/* captions: TTXVN credit; long paragraphs and long credits stay */
	ok(parse_str("Tiêu đề\nĐoàn đại biểu thăm nhà máy. (Ảnh: TTXVN)\n"
		     "Nội dung chính của bài.\n"
		     "Ông nói về nhiều việc. Ảnh: sau đó ông kể tiếp rằng "
		     "mọi người đều đã đến đông đủ từ sáng sớm\n", &a,
		     &err) == NC_OK, "captions: parsed");
	is_int(a.ncaptions, 1, "captions: one");
	if (a.ncaptions)
		is_str(a.captions[0], "Đoàn đại biểu thăm nhà máy. (Ảnh: "
		       "TTXVN)", "captions: credit in parentheses");
	is_str(a.body, "Nội dung chính của bài.\n\nÔng nói về nhiều việc. "
	       "Ảnh: sau đó ông kể tiếp rằng mọi người đều đã đến đông đủ "
	       "từ sáng sớm", "captions: a long credit is prose");
	article_release(&a);

	/* a date line with "Cập nhật" and a zone; a weekday sentence stays */
	ok(parse_str("Tiêu đề\nCập nhật: 12/10/2017 16:18 (GMT+7)\n"
		     "Thứ năm, 12/10/2017, trời mưa to.\n", &a, &err) == NC_OK,
	   "date line: parsed");
	is_str(a.published, "2017-10-12T16:18:00+07:00", "date line: read");
	is_str(a.body, "Thứ năm, 12/10/2017, trời mưa to.",
	       "date line: a sentence with a date stays in the body");
	article_release(&a);

	/* a name line is no byline when it is the only paragraph */
	ok(parse_str("Tiêu đề\nMinh Hải\n", &a, &err) == NC_OK,
	   "lone name: parsed");
	is_str(a.byline, NULL, "lone name: no byline");
	is_str(a.body, "Minh Hải", "lone name: kept as body");
	article_release(&a);

	/* bylines: two names, initials; a short sentence is no byline */
	ok(parse_str("Tiêu đề\nĐoạn một.\nNguyễn Văn A - Trần B\n", &a,
		     &err) == NC_OK && a.byline &&
	   !strcmp(a.byline, "Nguyễn Văn A - Trần B"), "byline: two names");
	article_release(&a);
	ok(parse_str("Tiêu đề\nĐoạn một.\nM. Hà\n", &a, &err) == NC_OK &&
	   a.byline && !strcmp(a.byline, "M. Hà"), "byline: initial");
	article_release(&a);
	ok(parse_str("Tiêu đề\nĐoạn một.\nMọi người đều vui.\n", &a,
		     &err) == NC_OK && !a.byline, "byline: not a sentence");
	article_release(&a);
	ok(parse_str("Tiêu đề\nĐoạn một.\nKết quả năm nay\n", &a,
		     &err) == NC_OK && !a.byline,
	   "byline: not a lower-case phrase");
	article_release(&a);

	/* the "# key = value" shape: no lead when nothing follows it */
	ok(parse_str("# doc_id = a1\n# date = 20201001\nTiêu đề\n"
		     "Đoạn duy nhất.\n", &a, &err) == NC_OK,
	   "hash short: parsed");
	is_str(a.lead, NULL, "hash short: no lead");
	is_str(a.body, "Đoạn duy nhất.", "hash short: body");
	article_release(&a);
}

/* The end of an article: byline, source credit, both glued together. */
static void test_credit(void)
{
	static const struct {
		const char *end;	/* the lines after two paragraphs */
		const char *byline, *credit;
	} cases[] = {
		{ "Nhật Linh\nTheo Reuters", "Nhật Linh", "Theo Reuters" },
		{ "Nhật Linh\n\nTheo Sputnik, AFP", "Nhật Linh",
		  "Theo Sputnik, AFP" },
		{ "Theo TTXVN", NULL, "Theo TTXVN" },
		{ "(Theo VnExpress)", NULL, "Theo VnExpress" },
		{ "Thanh Hà\n(Theo VnExpress)", "Thanh Hà", "Theo VnExpress" },
		{ "Ngọc Sơn (theo AP)", "Ngọc Sơn", "theo AP" },
		{ "P.V (Theo Bộ Ngoại giao và Thông tấn xã Việt Nam)", "P.V",
		  "Theo Bộ Ngoại giao và Thông tấn xã Việt Nam" },
		{ "Nguồn: Reuters", NULL, "Nguồn: Reuters" },
		{ "Thanh Hà\nNguồn: Sputnik", "Thanh Hà", "Nguồn: Sputnik" },
		{ "Tổng hợp", NULL, "Tổng hợp" },
		{ "Mi Vân (tổng hợp)", "Mi Vân", "tổng hợp" },
		/* two lines the source joined: split at the seam */
		{ "Nhật LinhTheo CNBC", "Nhật Linh", "Theo CNBC" },
		{ "Minh PhươngTổng hợp", "Minh Phương", "Tổng hợp" },
		{ "T.ThủyTheo M.T", "T.Thủy", "Theo M.T" },
		{ "Theo Ngọc HàVietNamNet", NULL,
		  "Theo Ngọc Hà - VietNamNet" },
		/* a name written with inner capitals is not cut */
		{ "Theo VietNamNet", NULL, "Theo VietNamNet" },
		{ "Minh Hải\nTheo VietNamNet", "Minh Hải", "Theo VietNamNet" },
		/* a credit over two lines: a person at "Theo", the outlet */
		{ "Theo Hoài An\nBáo Làng Quê", NULL,
		  "Theo Hoài An - Báo Làng Quê" },
		{ "Theo Hoài An, Lê Bình\nVOV", NULL,
		  "Theo Hoài An, Lê Bình - VOV" },
		/* an agency's credit, then the byline */
		{ "Theo AFP\nMinh Hải", "Minh Hải", "Theo AFP" },
		{ "Theo Khoa học.com\nMinh Hải", "Minh Hải",
		  "Theo Khoa học.com" },
		/* a byline alone, and lines that are neither */
		{ "Mi Vân (biên dịch)", "Mi Vân (biên dịch)", NULL },
		{ "Nhật Linh", "Nhật Linh", NULL },
		{ "Theo số liệu mới, giá tăng", NULL, NULL },
		{ "Đoạn ba.\nTheo Reuters", NULL, "Theo Reuters" },
	};
	struct article a;
	struct nc_error err;
	struct buf text = BUF_INIT;
	char name[160];

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		buf_reset(&text);
		buf_addf(&text, "Tiêu đề\nĐoạn một.\nĐoạn hai.\n%s\n",
			 cases[i].end);
		if (!ok(parse_str(text.s, &a, &err) == NC_OK, "credit %zu: "
			"parsed", i))
			continue;
		snprintf(name, sizeof(name), "\"%s\": byline", cases[i].end);
		is_str(a.byline, cases[i].byline, name);
		snprintf(name, sizeof(name), "\"%s\": credit", cases[i].end);
		is_str(a.credit, cases[i].credit, name);
		ok(cases[i].credit || cases[i].byline ||
		   ends(a.body, cases[i].end), "\"%s\": left in the body",
		   cases[i].end);
		ok(!cases[i].credit || ends(a.body, "Đoạn hai.") ||
		   ends(a.body, "Đoạn ba."), "\"%s\": not in the body",
		   cases[i].end);
		article_release(&a);
	}
	buf_release(&text);

	/* a header's author stays; the credit is still taken */
	ok(parse_str("Title: Tiêu đề\nAuthor: Lê An\n\nĐoạn một.\nĐoạn hai."
		     "\nTheo TTXVN\n", &a, &err) == NC_OK, "header: parsed");
	is_str(a.byline, "Lê An", "header: the author");
	is_str(a.credit, "Theo TTXVN", "header: the credit");
	is_str(a.body, "Đoạn một.\n\nĐoạn hai.", "header: the body");
	article_release(&a);

	/* one paragraph is always left for the body */
	ok(parse_str("Tiêu đề\nNhật Linh\nTheo AFP\n", &a, &err) == NC_OK,
	   "short: parsed");
	is_str(a.credit, "Theo AFP", "short: the credit");
	is_str(a.byline, NULL, "short: no byline");
	is_str(a.body, "Nhật Linh", "short: the name is the body");
	article_release(&a);
	ok(parse_str("Tiêu đề\nĐoạn một.\nNhật Linh\nTheo AFP\n", &a,
		     &err) == NC_OK && a.byline && a.credit &&
	   !strcmp(a.body, "Đoạn một."), "one paragraph, a byline, a credit");
	article_release(&a);
}

/* Leads: the first paragraph of a page dump; a lead with no headline. */
static void test_lead(void)
{
	struct article a;
	struct nc_error err;

	ok(parse_str("title Xã hội\n\nTiêu đề\n24-01-2006 00:46:33 GMT +7\n"
		     "Đoạn mở đầu.\nĐoạn một.\nĐoạn hai.\n", &a, &err) ==
	   NC_OK, "dump: parsed");
	is_str(a.published, "2006-01-24T00:46:33+07:00",
	       "dump: a date line with \"GMT +7\"");
	is_str(a.lead, "Đoạn mở đầu.",
	       "dump: the first paragraph is the lead");
	is_str(a.body, "Đoạn một.\n\nĐoạn hai.", "dump: the body follows");
	article_release(&a);

	ok(parse_str("title Xã hội\n\nTiêu đề\n12/10/2017\nCầu mới thông xe."
		     " Ảnh: Minh Hải\nĐoạn một.\nĐoạn hai.\n", &a, &err) ==
	   NC_OK, "dump with a caption first: parsed");
	is_str(a.lead, NULL, "dump: a caption is no lead");
	is_int(a.ncaptions, 1, "dump: it is a caption");
	article_release(&a);

	ok(parse_str("Title: Tiêu đề\nDate: 24-01-2006 00:46:33 GMT +7\n\n"
		     "Đoạn một.\n", &a, &err) == NC_OK, "header date: parsed");
	is_str(a.published, "2006-01-24T00:46:33+07:00",
	       "header: a date with \"GMT +7\"");
	is_str(a.warning, NULL, "header: no warning");
	article_release(&a);
	ok(parse_str("Title: Tiêu đề\nDate: Thứ hai, 12/10/2017\n\n"
		     "Đoạn một.\n", &a, &err) == NC_OK,
	   "header weekday: parsed");
	is_str(a.warning, "the weekday in 'Thứ hai, 12/10/2017' is not that "
	       "of 2017-10-12 (the date is kept)", "header: wrong weekday");
	article_release(&a);

	/* a "# key = value" export whose first line is a lead */
	ok(parse_str("# doc_id = a2\n# date = 20201001\nSáng nay, hội chợ "
		     "nông sản đã khai mạc tại quảng trường. Hơn trăm gian "
		     "hàng tham gia.\nĐoạn một.\nĐoạn hai.\n", &a, &err) ==
	   NC_OK, "lead first: parsed");
	is_str(a.title, "Sáng nay, hội chợ nông sản đã khai mạc tại quảng "
	       "trường", "lead first: the title is its first sentence");
	is_str(a.lead, "Sáng nay, hội chợ nông sản đã khai mạc tại quảng "
	       "trường. Hơn trăm gian hàng tham gia.",
	       "lead first: the lead is the whole paragraph");
	is_str(a.body, "Đoạn một.\n\nĐoạn hai.", "lead first: the body");
	article_release(&a);
	/* a headline holding a question is still a headline */
	ok(parse_str("# doc_id = a3\nVì sao giá vàng tăng mạnh trong tuần "
		     "qua? Chuyên gia giải thích\nĐoạn mở đầu.\nĐoạn một.\n",
		     &a, &err) == NC_OK, "question headline: parsed");
	is_str(a.title, "Vì sao giá vàng tăng mạnh trong tuần qua? Chuyên "
	       "gia giải thích", "question headline: whole");
	is_str(a.lead, "Đoạn mở đầu.", "question headline: the lead follows");
	article_release(&a);
}

static void test_lone(void)
{
	static const char q[] =
		"Học sinh lớp 12 được thi mấy trường? Em muốn thi khối A "
		"vào hai trường đại học ở TPHCM, nếu đậu một trường thì có "
		"được thi lại năm sau không? Ông Trần Văn Bình, trưởng phòng "
		"đào tạo, trả lời: thí sinh được dự thi tối đa ba trường.";
	static const char run[] =
		"Thêm 30 trường học mới cho vùng lũ (PV)- Sau bốn tháng thi "
		"công, các trường học ở huyện Tân Phước đã được bàn giao cho "
		"địa phương trước năm học mới với tổng kinh phí 12 tỉ đồng";
	static const char nospace[] =
		"Mãsốđơnhàngdàikhôngcódấucáchnàođểcắtmộtcáchtựnhiênchotiêuđề"
		"Mãsốđơnhàngdàikhôngcódấucáchnàođểcắtmộtcáchtựnhiênchotiêuđề"
		"Mãsốđơnhàngdàikhôngcódấucáchnàođểcắtmộtcáchtựnhiên";
	struct article a;
	struct nc_error err;

	/* one long paragraph: the body, titled by its first sentence */
	ok(parse_str(q, &a, &err) == NC_OK, "lone paragraph parses");
	is_str(a.title, "Học sinh lớp 12 được thi mấy trường?",
	       "lone paragraph: title is the first sentence");
	is_str(a.body, q, "lone paragraph: the whole of it is the body");
	article_release(&a);

	/* no sentence end near the start: cut at a space, with an ellipsis */
	ok(parse_str(run, &a, &err) == NC_OK, "run-on paragraph parses");
	is_str(a.title, "Thêm 30 trường học mới cho vùng lũ (PV)- Sau bốn "
	       "tháng thi công, các trường học ở huyện Tân Phước đã được "
	       "bàn giao cho\xE2\x80\xA6",
	       "run-on paragraph: title cut at the last space in 160 bytes");
	is_str(a.body, run, "run-on paragraph: body");
	article_release(&a);

	/* no space at all: cut on a character boundary */
	ok(parse_str(nospace, &a, &err) == NC_OK, "spaceless paragraph parses");
	{
		size_t tl = a.title ? strlen(a.title) : 0, cut = tl - 3;

		ok(tl > 3 && tl <= 163 &&
		   !strcmp(a.title + cut, "\xE2\x80\xA6") &&
		   !memcmp(a.title, nospace, cut) &&
		   (nospace[cut] & 0xC0) != 0x80,
		   "spaceless paragraph: title cut between characters");
	}
	article_release(&a);

	/* an abbreviation or an ellipsis near the start ends no sentence */
	{
		static const char abbr[] =
			"GS. Trần An nói về kỳ thi năm nay. Thí sinh cần mang "
			"theo giấy tờ tùy thân, bút và thước kẻ; phòng thi mở "
			"cửa lúc 6 giờ 30 và đóng cửa sau khi tính giờ làm bài.";
		static const char dots[] =
			"Chuyện lạ... ở một xã vùng cao: cả làng góp tiền mở "
			"lớp học tiếng Anh cho trẻ em. Lớp học mở vào buổi tối "
			"trong nhà văn hóa, do hai giáo viên tình nguyện dạy.";

		ok(parse_str(abbr, &a, &err) == NC_OK, "abbreviation parses");
		is_str(a.title, "GS. Trần An nói về kỳ thi năm nay",
		       "a short abbreviation does not end the title");
		article_release(&a);
		ok(parse_str(dots, &a, &err) == NC_OK, "ellipsis parses");
		is_str(a.title, "Chuyện lạ... ở một xã vùng cao: cả làng góp "
		       "tiền mở lớp học tiếng Anh cho trẻ em",
		       "an ellipsis does not end the title");
		article_release(&a);
	}

	/* a short lone line is still a headline without a body */
	ok(parse_str("Một dòng ngắn, chỉ là tiêu đề của bài.", &a, &err) ==
	   NC_OK && !strcmp(a.body, "") &&
	   !strcmp(a.title, "Một dòng ngắn, chỉ là tiêu đề của bài."),
	   "a short lone line is a headline with an empty body");
	article_release(&a);

	/* a long headline line whose next line is a caption: the body */
	{
		struct buf t = BUF_INIT;

		buf_adds(&t, run);
		buf_adds(&t, "\nCô dâu trong bộ áo dài mới. (Ảnh: Minh An)\n");
		ok(parse_str(t.s, &a, &err) == NC_OK, "long line and caption parse");
		is_str(a.body, run, "long line and caption: the line is the body");
		is_int(a.ncaptions, 1, "long line and caption: one caption");
		ok(a.title && strlen(a.title) < strlen(run),
		   "long line and caption: title from the line's start");
		article_release(&a);
		buf_release(&t);
	}
}

int main(void)
{
	test_seed();
	test_dump();
	test_pm();
	test_plain();
	test_hash();
	test_bare();
	test_minh_hoa();
	test_errors();
	test_inline();
	test_credit();
	test_lead();
	test_lone();
	return done_testing();
}
