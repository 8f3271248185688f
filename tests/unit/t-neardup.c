/*
 * t-neardup.c - near-duplicate detection: each kind of change a copy
 * makes is confirmed, unrelated stories on one topic are not, short and
 * boilerplate articles never cluster, the canonical member rule, and the
 * clusters of an incremental ingest in several runs and orders are those
 * of one run. The stories are ours, made up for the test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charsets.h"
#include "decode.h"
#include "hash.h"
#include "neardup.h"
#include "tap.h"

#define TITLE_A "Quảng Hòa khởi công cầu vượt sông Thủy Lâm trị giá " \
	"1.200 tỷ đồng"
#define LEAD_A "Sáng 12/10, Ủy ban nhân dân tỉnh Quảng Hòa tổ chức lễ " \
	"khởi công cây cầu bắc qua sông Thủy Lâm, công trình được người dân " \
	"hai bờ chờ đợi suốt hơn hai mươi năm qua."
#define P1_A "Cây cầu dài gần một cây số, rộng hai mươi mốt mét với bốn " \
	"làn xe, được thiết kế để chịu được trận lũ lớn nhất trong một trăm " \
	"năm. Theo kế hoạch, công trình sẽ hoàn thành vào cuối năm 2019 và " \
	"giúp rút ngắn quãng đường từ huyện Đông Hòa lên trung tâm tỉnh " \
	"khoảng ba mươi cây số."
#define P2_A "Phát biểu tại buổi lễ, ông Nguyễn Văn Thủy, Chủ tịch Ủy ban " \
	"nhân dân tỉnh, cho biết vốn đầu tư được lấy từ ngân sách trung " \
	"ương và ngân sách địa phương. Ông yêu cầu nhà thầu bảo đảm chất " \
	"lượng, an toàn lao động và không để xảy ra tình trạng chậm tiến độ " \
	"như một số dự án trước đây."
#define P3_A "Hiện nay người dân hai xã ven sông vẫn phải đi lại bằng đò " \
	"ngang, nhất là vào mùa mưa lũ rất nguy hiểm. Bà Trần Thị Hoa, một " \
	"tiểu thương ở chợ Bến Đình, nói rằng mỗi sáng bà phải chờ đò gần " \
	"một giờ mới sang được bờ bên kia để bán hàng."
#define P4_A "Sở Giao thông vận tải tỉnh cho biết trong quá trình thi công " \
	"sẽ bố trí thêm hai bến đò tạm và lực lượng cứu hộ thường trực. Đơn " \
	"vị thi công cam kết giữ gìn vệ sinh môi trường, không làm ảnh " \
	"hưởng " \
	"đến sức khỏe của người dân sống gần công trường."

/* The same province, officials and bridge; another story. */
#define TITLE_B "Quảng Hòa kiểm tra tiến độ các dự án giao thông trọng điểm"
#define LEAD_B "Chiều 20/11, đoàn công tác do ông Nguyễn Văn Thủy, Chủ tịch " \
	"Ủy ban nhân dân tỉnh Quảng Hòa, dẫn đầu đã đi kiểm tra tình hình " \
	"thực hiện một loạt dự án giao thông trên địa bàn."
#define P1_B "Tại tuyến đường ven biển nối thị xã Tân An với khu công " \
	"nghiệp phía nam, nhiều đoạn vẫn chưa được bàn giao mặt bằng vì còn " \
	"vướng hơn bốn mươi hộ dân chưa đồng ý phương án bồi thường. Chủ " \
	"đầu " \
	"tư đề nghị tỉnh sớm có cơ chế hỗ trợ tái định cư cho người dân."
#define P2_B "Đoàn cũng đến thăm công trường cầu vượt sông Thủy Lâm, nơi " \
	"các mũi thi công đang làm việc cả ngày lẫn đêm để kịp đổ bê tông " \
	"trụ cầu trước mùa mưa. Kỹ sư trưởng của dự án báo cáo khối lượng " \
	"đã " \
	"đạt khoảng ba mươi phần trăm."
#define P3_B "Kết luận buổi kiểm tra, Chủ tịch tỉnh giao Sở Tài nguyên và " \
	"Môi trường phối hợp với chính quyền các huyện giải quyết dứt điểm " \
	"vướng mắc về đất đai trong tháng này. Những đơn vị để chậm tiến độ " \
	"kéo dài sẽ bị xem xét trách nhiệm người đứng đầu."

#define TITLE_C "Đội tuyển bóng đá nữ hội quân chuẩn bị cho vòng loại " \
	"châu Á"
#define LEAD_C "Ba mươi cầu thủ đã có mặt tại trung tâm đào tạo bóng đá trẻ " \
	"ở Hà Nội để bắt đầu đợt tập trung kéo dài gần một tháng."
#define P1_C "Huấn luyện viên trưởng cho biết đợt tập trung lần này chú " \
	"trọng thể lực và các bài tập chiến thuật phòng ngự, vì đối thủ ở " \
	"bảng đấu đều có lối chơi tốc độ và nhiều cầu thủ cao to. Ban huấn " \
	"luyện sẽ chọn ra hai mươi ba tuyển thủ chính thức trước khi lên " \
	"đường."
#define P2_C "Đội tuyển sẽ đá hai trận giao hữu với các câu lạc bộ nam trẻ " \
	"để thử nghiệm đội hình. Liên đoàn cũng đã bố trí bác sĩ và chuyên " \
	"gia dinh dưỡng theo sát để bảo đảm sức khỏe cho các cầu thủ trong " \
	"suốt quá trình chuẩn bị."

#define NOTICE "Mời bạn đọc theo dõi thêm nhiều tin tức nóng hổi về thời " \
	"sự, kinh tế, văn hóa và thể thao được cập nhật liên tục mỗi ngày " \
	"trên trang của chúng tôi. Mọi hình thức sao chép nội dung khi chưa " \
	"có sự đồng ý bằng văn bản của ban biên tập đều là vi phạm bản " \
	"quyền " \
	"và sẽ bị xử lý theo quy định của pháp luật hiện hành."

#define FURNITURE_TOP "Thứ năm, 12/10/2017, 04:18 SA\nCỡ chữ Màu chữ\n"
#define FURNITURE_END "\nIn bài | Chia sẻ\nTin mới hơn\nBình luận (0)\n"

#define A_BODY LEAD_A "\n" P1_A "\n" P2_A "\n" P3_A "\n" P4_A
#define A TITLE_A "\n" A_BODY "\nMinh Anh"
#define B TITLE_B "\n" LEAD_B "\n" P1_B "\n" P2_B "\n" P3_B
#define C TITLE_C "\n" LEAD_C "\n" P1_C "\n" P2_C

/* The new tone style in A (hoà, thuỷ, uỷ, khoẻ); nothing else changed. */
#define A_NEW_STYLE \
	"Quảng Hoà khởi công cầu vượt sông Thuỷ Lâm trị giá 1.200 tỷ " \
	"đồng\nSáng 12/10, Uỷ ban nhân dân tỉnh Quảng Hoà tổ chức lễ khởi " \
	"công cây cầu bắc qua sông Thuỷ Lâm, công trình được người dân hai " \
	"bờ chờ đợi suốt hơn hai mươi năm qua.\n" P1_A "\nPhát biểu tại " \
	"buổi lễ, ông Nguyễn Văn Thuỷ, Chủ tịch Uỷ ban nhân dân tỉnh, cho " \
	"biết vốn đầu tư được lấy từ ngân sách trung ương và ngân sách địa " \
	"phương. Ông yêu cầu nhà thầu bảo đảm chất lượng, an toàn lao động " \
	"và không để xảy ra tình trạng chậm tiến độ như một số dự án trước " \
	"đây.\n" P3_A "\nSở Giao thông vận tải tỉnh cho biết trong quá " \
	"trình thi công sẽ bố trí thêm hai bến đò tạm và lực lượng cứu hộ " \
	"thường trực. Đơn vị thi công cam kết giữ gìn vệ sinh môi trường, " \
	"không làm ảnh hưởng đến " \
	"sức khoẻ của người dân sống gần công trường.\nMinh Anh"

static void set_of(const char *text, struct neardup_set *s)
{
	neardup_shingle(text, strlen(text), s);
}

static double sim(const char *a, const char *b, int *confirmed)
{
	struct neardup_set x = NEARDUP_SET_INIT, y = NEARDUP_SET_INIT;
	double j;

	set_of(a, &x);
	set_of(b, &y);
	*confirmed = neardup_confirmed(&x, &y, NEARDUP_THRESHOLD, &j);
	if (neardup_confirmed(&y, &x, NEARDUP_THRESHOLD, NULL) != *confirmed)
		*confirmed = -1;	/* not symmetric */
	neardup_set_release(&x);
	neardup_set_release(&y);
	return j;
}

static void copy(const char *name, const char *a, const char *b, int same)
{
	int c;
	double j = sim(a, b, &c);

	ok(c == 1, "copy: %s (similarity %.3f)", name, j);
	if (same)
		ok(j == 1.0, "  %s changes no shingle", name);
}

static void not_copy(const char *name, const char *a, const char *b)
{
	int c;
	double j = sim(a, b, &c);

	ok(c == 0, "not a copy: %s (similarity %.3f)", name, j);
}

/* text decoded from bytes, as ingest does before signing */
static char *decoded(const unsigned char *bytes, size_t len,
		     const char **used)
{
	struct buf out = BUF_INIT;
	struct nc_error err;

	if (decode_text(bytes, len, NULL, &out, used, &err) != NC_OK)
		return NULL;
	return buf_detach(&out, NULL);
}

static void test_encodings(void)
{
	static const char nfd_a[] = "A\xcc\x80";	/* À in NFD */
	const unsigned char *p = (const unsigned char *)A;
	struct buf vni = BUF_INIT, nfd = BUF_INIT, u16 = BUF_INIT;
	struct buf bom = BUF_INIT;
	const char *used = NULL;
	char *text;

	/* VNI-Windows: our encoder, then the detecting decoder */
	for (size_t k = 0; p[k];) {
		uint32_t cp = p[k];
		size_t n = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;

		if (n == 2)
			cp = (cp & 0x1F) << 6 | (p[k + 1] & 0x3F);
		else if (n == 3)
			cp = (cp & 0x0F) << 12 | (p[k + 1] & 0x3F) << 6 |
			     (p[k + 2] & 0x3F);
		if (!charset_encode(CHARSET_VNI, cp, &vni))
			buf_addc(&vni, '?');
		/* UTF-16LE of the same code points (all in the BMP) */
		buf_addc(&u16, (int)(cp & 0xFF));
		buf_addc(&u16, (int)(cp >> 8));
		k += n;
	}
	text = decoded((const unsigned char *)vni.s, vni.len, &used);
	ok(text && !strcmp(used, "VNI"), "the VNI copy is read as VNI");
	if (text)
		copy("VNI-Windows bytes", A, text, 1);
	free(text);

	buf_add(&bom, "\xff\xfe", 2);
	buf_add(&bom, u16.s, u16.len);
	text = decoded((const unsigned char *)bom.s, bom.len, &used);
	ok(text && !strcmp(used, "UTF-16LE"), "the UTF-16 copy is read");
	if (text)
		copy("UTF-16LE bytes", A, text, 1);
	free(text);

	/* NFD: the headline's À decomposed and a marked title */
	buf_addf(&nfd, "%s %s\n%s", nfd_a, TITLE_A, A_BODY);
	text = decoded((const unsigned char *)nfd.s, nfd.len, &used);
	if (text) {
		struct buf nfc = BUF_INIT;

		buf_addf(&nfc, "À %s\n%s", TITLE_A, A_BODY);
		ok(!strncmp(text, "À ", 3), "NFD text is composed");
		copy("NFD text", nfc.s, text, 1);
		buf_release(&nfc);
	}
	free(text);
	buf_release(&vni);
	buf_release(&u16);
	buf_release(&bom);
	buf_release(&nfd);
}

static void test_copies(void)
{
	copy("the same text", A, A, 1);
	copy("page furniture added", A, FURNITURE_TOP A FURNITURE_END, 1);
	copy("page furniture removed", FURNITURE_TOP A FURNITURE_END, A, 1);
	copy("byline and date line changed",
	     "12/10/2017 - 04:18\n" A,
	     "Cập nhật: 13/10/2017 16:18 (GMT+7)\n" TITLE_A "\n" A_BODY
	     "\nTheo TTXVN", 0);
	copy("a paragraph dropped", A,
	     TITLE_A "\n" LEAD_A "\n" P1_A "\n" P3_A "\n" P4_A, 0);
	copy("a paragraph added", A,
	     TITLE_A "\n" LEAD_A "\n" P1_A "\n" P2_A "\n" P3_A "\n" P1_C
	     "\n" P4_A, 0);
	copy("headline reworded", A,
	     "Khởi công cây cầu hai bờ sông Thủy Lâm mong đợi hơn hai mươi "
	     "năm\n" A_BODY, 0);
	copy("the other tone-mark style", A, A_NEW_STYLE, 1);
	copy("the lead moved into the first paragraph", A,
	     TITLE_A "\n" P1_A "\n" LEAD_A " " P2_A "\n" P3_A "\n" P4_A, 0);
	copy("without diacritics at all (folded)", A,
	     "Quang Hoa khoi cong cau vuot song Thuy Lam tri gia 1.200 ty "
	     "dong\n" A_BODY, 0);
	copy("another headline and sapo over the same body (0.8 or more)",
	     A, "Khởi công cầu vượt sông Thủy Lâm cho người dân hai bờ\n"
	     "Người dân hai xã ven sông sắp thôi cảnh chờ đò.\n" P1_A "\n"
	     P2_A "\n" P3_A "\n" P4_A, 0);
}

static void test_negatives(void)
{
	int c;
	double j = sim(A, B, &c);

	ok(c == 0 && j < 0.1,
	   "one province, officials and bridge; another story (%.3f)", j);
	not_copy("another story quoting a paragraph", A,
		 TITLE_B "\n" LEAD_B "\n" P1_B "\n" P2_A "\n" P2_B "\n" P3_B);
	not_copy("another topic", A, C);
	/* half the text shared: a follow-up, not a copy */
	not_copy("a follow-up reusing half the story", A,
		 TITLE_B "\n" LEAD_B "\n" P1_A "\n" P2_A "\n" P1_B "\n" P2_B
		 "\n" P3_B);
}

static void test_short_and_boilerplate(void)
{
	static const char item1[] = "Mưa lớn ở miền Trung\nNhiều tuyến "
		"đường bị ngập sâu trong đêm qua.";
	struct neardup_set s = NEARDUP_SET_INIT;
	int32_t keys[NEARDUP_BANDS] = { 0 };

	set_of(item1, &s);
	ok(neardup_sign(&s, keys) == 0 && keys[0] == 0,
	   "a short item gets no band keys");
	not_copy("a short item and its exact copy", item1, item1);
	set_of(FURNITURE_TOP "In bài\nChia sẻ\nBình luận\nTin mới hơn\n"
	       "Số lượng lượt xem: 1728\nNguyễn Văn An", &s);
	ok(neardup_sign(&s, keys) == 0, "a page of furniture is not signed");
	not_copy("two short items in the same notice",
		 FURNITURE_TOP "Mưa lớn ở miền Trung\nNhiều tuyến đường bị "
		 "ngập sâu trong đêm qua.\n" NOTICE FURNITURE_END,
		 FURNITURE_TOP "Giá xăng giảm nhẹ từ chiều nay\nMỗi lít xăng "
		 "giảm khoảng ba trăm đồng.\n" NOTICE FURNITURE_END);
	not_copy("the notice alone and an item in it", NOTICE,
		 "Giá xăng giảm nhẹ từ chiều nay\nMỗi lít xăng giảm khoảng "
		 "ba trăm đồng.\n" NOTICE);
	not_copy("a story and another with the notice", A "\n" NOTICE,
		 C "\n" NOTICE);
	set_of(A, &s);
	ok(neardup_sign(&s, keys) == 1, "an article is signed");
	{
		struct neardup_set t = NEARDUP_SET_INIT;
		int32_t k2[NEARDUP_BANDS];

		set_of(A_NEW_STYLE, &t);
		neardup_sign(&t, k2);
		ok(!memcmp(keys, k2, sizeof(keys)),
		   "equal shingle sets give equal band keys");
		neardup_set_release(&t);
	}
	neardup_set_release(&s);
}

static void test_canonical(void)
{
	struct neardup_member early = { 1, "2017-10-12", 100, 0, "bb" };
	struct neardup_member late = { 2, "2017-10-13", 300, 1, "aa" };
	struct neardup_member undated = { 3, NULL, 500, 1, "00" };
	struct neardup_member longer = { 4, "2017-10-12", 200, 0, "cc" };
	struct neardup_member orig = { 5, "2017-10-12", 200, 1, "dd" };
	struct neardup_member twin = { 6, "2017-10-12", 200, 1, "ca" };
	struct neardup_clusters *c = neardup_clusters_new();
	size_t i[6];

	ok(neardup_member_cmp(&early, &late) < 0, "earliest published first");
	ok(neardup_member_cmp(&late, &undated) < 0,
	   "an undated article after every dated one");
	ok(neardup_member_cmp(&longer, &early) < 0, "then the longest");
	ok(neardup_member_cmp(&orig, &longer) < 0,
	   "then the one naming itself the original");
	ok(neardup_member_cmp(&twin, &orig) < 0, "then the smaller hash");
	i[0] = neardup_clusters_add(c, &early);
	i[1] = neardup_clusters_add(c, &late);
	i[2] = neardup_clusters_add(c, &undated);
	i[3] = neardup_clusters_add(c, &longer);
	i[4] = neardup_clusters_add(c, &orig);
	i[5] = neardup_clusters_add(c, &twin);
	neardup_clusters_join(c, i[1], i[2]);
	is_int(neardup_clusters_canonical(c, i[2]), 2, "cluster of two");
	neardup_clusters_join(c, i[0], i[2]);
	neardup_clusters_join(c, i[3], i[4]);
	neardup_clusters_join(c, i[5], i[1]);
	neardup_clusters_join(c, i[4], i[1]);
	is_int(neardup_clusters_size(c, i[0]), 6, "all joined");
	is_int(neardup_clusters_canonical(c, i[3]), 6,
	       "the canonical member of the whole cluster");
	neardup_clusters_free(c);

	ok(neardup_credits_other("Tựa\nThân bài\nTheo TTXVN", 28),
	   "a credit line names another source");
	ok(!neardup_credits_other(A, strlen(A)),
	   "an article without credit names itself");
}

/*
 * Incremental clustering as the store does it: each new article looks up
 * the earlier ones that share a band key, confirms them, and re-joins the
 * clusters it touches. Every run and order must end in the same clusters.
 */
static const char *const docs[] = {
	A, FURNITURE_TOP A FURNITURE_END, A_NEW_STYLE,
	TITLE_A "\n" LEAD_A "\n" P1_A "\n" P3_A "\n" P4_A,
	B, TITLE_B "\n" LEAD_B "\n" P1_B "\n" P2_B "\n" P3_B "\nTheo VOV",
	C, "Mưa lớn ở miền Trung\nNhiều tuyến đường bị ngập sâu.",
	"Mưa lớn ở miền Trung\nNhiều tuyến đường bị ngập sâu.",
	"Giá xăng giảm nhẹ từ chiều nay\nMỗi lít giảm ba trăm đồng.\n"
	NOTICE,
	"Giá vàng tăng mạnh trong phiên sáng\nMỗi lượng tăng năm trăm "
	"nghìn đồng.\n" NOTICE,
};
static const char *const dates[] = {
	"2017-10-12T08:00:00+07:00", "2017-10-12T07:00:00+07:00", NULL,
	"2017-10-12T07:00:00+07:00", "2017-11-20", "2017-11-20", NULL, NULL,
	NULL, NULL, NULL,
};
#define NDOCS (sizeof(docs) / sizeof(*docs))
#define NONE ((size_t)-1)

struct corpus {
	struct neardup_set s[NDOCS];
	int32_t keys[NDOCS][NEARDUP_BANDS];
	int sig[NDOCS], in[NDOCS];
	char hex[NDOCS][HASH_HEX_LEN + 1];
	int64_t *cluster;	/* canonical id of each document's cluster */
};

/* Is d a confirmed copy of e, found through a shared band key? */
static int found(const struct corpus *c, size_t d, size_t e)
{
	int share = 0;

	if (!c->in[e] || !c->sig[d] || !c->sig[e])
		return 0;
	for (int b = 0; b < NEARDUP_BANDS; b++)
		share |= c->keys[d][b] == c->keys[e][b];
	return share && neardup_confirmed(&c->s[d], &c->s[e],
					  NEARDUP_THRESHOLD, NULL);
}

/* Add document d: join it with the clusters of its confirmed copies. */
static void add_one(struct corpus *c, size_t d)
{
	struct neardup_clusters *cl = neardup_clusters_new();
	int touched[NDOCS + 1] = { 0 };
	size_t idx[NDOCS];

	for (size_t e = 0; e < NDOCS; e++)
		if (found(c, d, e))
			touched[c->cluster[e]] = 1;
	c->in[d] = 1;
	for (size_t e = 0; e < NDOCS; e++) {
		struct neardup_member m = {
			(int64_t)e + 1, dates[e], c->s[e].syllables,
			!neardup_credits_other(docs[e], strlen(docs[e])),
			c->hex[e]
		};

		idx[e] = NONE;
		if (e == d || (c->in[e] && touched[c->cluster[e]]))
			idx[e] = neardup_clusters_add(cl, &m);
	}
	for (size_t e = 0; e < NDOCS; e++)
		if (e != d && idx[e] != NONE)
			neardup_clusters_join(cl, idx[d], idx[e]);
	for (size_t e = 0; e < NDOCS; e++)
		if (idx[e] != NONE)
			c->cluster[e] = neardup_clusters_canonical(cl, idx[e]);
	neardup_clusters_free(cl);
}

/*
 * Cluster the documents in the given order, runs[] articles a run;
 * cluster[] gets each one's cluster id. Between articles only what the
 * store keeps (band keys, cluster ids) carries over, so a run boundary is
 * a point of the order like any other.
 */
static void cluster_run(const size_t *order, const size_t *runs,
			size_t nruns, int64_t *cluster)
{
	struct corpus c;
	size_t at = 0;

	memset(&c, 0, sizeof(c));
	c.cluster = cluster;
	for (size_t d = 0; d < NDOCS; d++) {
		c.s[d] = (struct neardup_set)NEARDUP_SET_INIT;
		set_of(docs[d], &c.s[d]);
		c.sig[d] = neardup_sign(&c.s[d], c.keys[d]);
		hash_hex(docs[d], strlen(docs[d]), c.hex[d]);
		cluster[d] = (int64_t)d + 1;
	}
	for (size_t r = 0; r < nruns; r++)
		for (size_t k = 0; k < runs[r]; k++)
			add_one(&c, order[at++]);
	for (size_t d = 0; d < NDOCS; d++)
		neardup_set_release(&c.s[d]);
}

static void test_order(void)
{
	static const size_t one[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	static const size_t rev[] = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 };
	static const size_t mix[] = { 5, 2, 9, 0, 7, 4, 10, 3, 6, 1, 8 };
	static const size_t all[] = { NDOCS }, three[] = { 4, 4, 3 };
	static const size_t each[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	/* 1-4 one story (the earliest dated, then longest: 2), 5-6, rest */
	static const int64_t want[NDOCS] = { 2, 2, 2, 2, 5, 5, 7, 8, 9, 10,
					     11 };
	int64_t got[NDOCS];
	int same;

	cluster_run(one, all, 1, got);
	ok(!memcmp(got, want, sizeof(want)), "one run: the expected clusters");
	for (size_t d = 0; d < NDOCS; d++)
		if (got[d] != want[d])
			printf("#   doc %zu: cluster %lld, want %lld\n", d + 1,
			       (long long)got[d], (long long)want[d]);
	cluster_run(rev, three, 3, got);
	same = !memcmp(got, want, sizeof(want));
	ok(same, "three runs in reverse order: the same clusters");
	cluster_run(mix, each, NDOCS, got);
	same = !memcmp(got, want, sizeof(want));
	ok(same, "one article a run, shuffled: the same clusters");
}

int main(void)
{
	test_copies();
	test_encodings();
	test_negatives();
	test_short_and_boilerplate();
	test_canonical();
	test_order();
	return done_testing();
}
