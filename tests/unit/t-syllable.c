/*
 * t-syllable.c - vn_is_syllable(): real words accepted, the garbage that
 * wrong decodings make rejected.
 */
#include <string.h>

#include "tap.h"
#include "vietnamese.h"

static const char *const accept[] = {
	"a", "ăn", "ấy", "ốc", "uyên", "yêu", "Yên", "ở", "ý",
	"nghiêng", "người", "khuya", "khuỷu", "quốc", "quý", "quả", "quên",
	"giữa", "gì", "gìn", "giếng", "thuở", "ngoằn", "ngoèo", "xoong",
	"soóc", "Đảng", "đang", "VIỆT", "Việt", "Hà", "Nội", "thực", "học",
	"tắt", "ạch", "bịch", "nhà", "trường", "phường", "ghế", "nghỉ",
	"khuấy", "hoài", "xoáy", "toán", "thuyết", "khoét", "huệ", "hòa",
	"hoà", "thủy", "thuỷ", "ủy", "kìa", "mía", "mua",
	"muốn", "cười", "rượu", "hươu", "bưu", "giặc", "oái", "khoăn",
	"tuần", "chuẩn", "Kạn", "vẫn", "giản", "dị", "ếch", "ồm", "ộp",
};

static const char *const reject[] = {
	"thöïc", "thưïc", "Ñaûng", "Vieät", "naêm", "cac", "mat", "dap",
	"ă", "â", "tiê", "thươ", "hoàá", "zalo", "film", "q", "ng", "tphcm",
	"123", "Đảngg", "ảnhh", "gh", "aaa", "ươ", "uô", "xyz",
	"A¶nh", "Aảnh", "ViÖt", "nguoiwf", "đ", "café",
};

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(accept) / sizeof(*accept); i++) {
		if (!*accept[i])
			continue;
		ok(vn_is_syllable(accept[i], strlen(accept[i])),
		   "accept '%s'", accept[i]);
	}
	for (i = 0; i < sizeof(reject) / sizeof(*reject); i++) {
		if (!*reject[i])
			continue;
		ok(!vn_is_syllable(reject[i], strlen(reject[i])),
		   "reject '%s'", reject[i]);
	}
	ok(!vn_is_syllable("", 0), "reject the empty word");
	ok(!vn_is_syllable("vi\xe1\xbb", 5), "reject truncated UTF-8");
	ok(vn_is_syllable("nghiêngx", strlen("nghiêng")),
	   "only len bytes are read");
	return done_testing();
}
