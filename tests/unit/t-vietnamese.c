/*
 * t-vietnamese.c - canonical tone placement (the table in
 * tests/data/tones.tsv), folding and the per-word entry point.
 */
#include "vietnamese.h"
#include "tap.h"
#include "testdata.h"

#include <stdint.h>
#include <stdlib.h>

static void table_tests(void)
{
	FILE *f = open_data("tones.tsv");
	char line[1024];
	int n = 0;

	if (!ok(f != NULL, "tests/data/tones.tsv opens"))
		return;
	while (fgets(line, sizeof(line), f)) {
		char *tab, *want, name[1100];
		struct buf out = BUF_INIT;

		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		tab = strchr(line, '\t');
		if (!tab) {
			ok(0, "tones.tsv: '%s' has two columns", line);
			continue;
		}
		*tab = '\0';
		want = tab + 1;
		unescape(line);
		unescape(want);
		vn_canonical_tones(line, strlen(line), &out);
		snprintf(name, sizeof(name), "tones: '%s' -> '%s'", line,
			 want);
		is_str(out.s, want, name);
		buf_release(&out);
		n++;
	}
	fclose(f);
	ok(n >= 40, "tones.tsv has %d cases", n);
}

/* vn_canonical_tones appends and copies bytes it does not understand. */
static void bytes_tests(void)
{
	struct buf out = BUF_INIT;
	static const char bad[] = "ho\xff\xe0 hoà\xc3";

	buf_adds(&out, "x:");
	vn_canonical_tones("hoà", strlen("hoà"), &out);
	is_str(out.s, "x:hòa", "appends to what out holds");
	buf_reset(&out);
	vn_canonical_tones(bad, sizeof(bad) - 1, &out);
	ok(out.len == sizeof(bad) - 1 &&
	   !memcmp(out.s, "ho\xff\xe0 hòa\xc3", out.len),
	   "invalid UTF-8 is copied, valid words still move");
	buf_reset(&out);
	vn_canonical_tones("", 0, &out);
	is_int((long long)out.len, 0, "empty text");
	buf_release(&out);
}

static void fold_is(uint32_t c, uint32_t lower, uint32_t fold,
		    const char *name)
{
	uint32_t l = 1, f = 1;

	vn_lower_fold(c, &l, &f);
	ok(l == lower && f == fold, "fold %s: U+%04X -> U+%04X, U+%04X "
	   "(got U+%04X, U+%04X)", name, (unsigned)c, (unsigned)lower,
	   (unsigned)fold, (unsigned)l, (unsigned)f);
}

static void fold_tests(void)
{
	fold_is('A', 'a', 'a', "A");
	fold_is('7', '7', '7', "digit");
	fold_is(0x110, 0x111, 'd', "Đ");
	fold_is(0x111, 0x111, 'd', "đ");
	fold_is(0xD0, 0x111, 'd', "Ð U+00D0 as Đ");
	fold_is(0xF0, 0xF0, 'd', "ð");
	fold_is(0x1EAC, 0x1EAD, 'a', "Ậ (two marks)");
	fold_is(0x1EEE, 0x1EEF, 'u', "Ữ (two marks)");
	fold_is(0x1A0, 0x1A1, 'o', "Ơ");
	fold_is(0x1B0, 0x1B0, 'u', "ư");
	fold_is(0x103, 0x103, 'a', "ă");
	fold_is(0xF1, 0xF1, 'n', "ñ");
	fold_is(0xF8, 0xF8, 0xF8, "ø has no decomposition");
	fold_is(0x301, 0x301, 0, "combining acute is dropped");
	fold_is(0x419, 0x439, 0x438, "Cyrillic Й");
	fold_is(0x386, 0x3AC, 0x3B1, "Greek Ά");
	fold_is(0x4E2D, 0x4E2D, 0x4E2D, "ideograph");
}

static void word_tests(void)
{
	uint32_t hoa[] = { 'H', 'o', 0xE0 };		/* Hoà */
	uint32_t quy[] = { 'q', 'u', 0xFD };		/* quý */
	uint32_t uy[] = { 'U', 0x1EF6 };		/* UỶ */
	uint32_t hoan[] = { 'h', 'o', 0xE0, 'n' };	/* hoàn */

	ok(vn_canon_word(hoa, 3) == 1 && hoa[1] == 0xF2 && hoa[2] == 'a',
	   "vn_canon_word: Hoà -> Hòa");
	ok(vn_canon_word(quy, 3) == 0 && quy[2] == 0xFD,
	   "vn_canon_word: quý stays");
	ok(vn_canon_word(uy, 2) == 1 && uy[0] == 0x1EE6 &&
	   uy[1] == 'Y', "vn_canon_word: UỶ -> ỦY");
	ok(vn_canon_word(hoan, 4) == 0 && hoan[2] == 0xE0,
	   "vn_canon_word: hoàn stays");
	ok(vn_canon_word(hoa, 0) == 0, "vn_canon_word: empty word");
}

static void table_flag_tests(void)
{
	ok(vn_char_of(0x1EA1) && (vn_char_of(0x1EA1)->flags & VN_VOWEL) &&
	   vn_char_of(0x1EA1)->tone == VN_TONE_DOT &&
	   vn_char_of(0x1EA1)->untoned == 'a', "table: ạ is a with nặng");
	ok(vn_char_of(0x1EAD)->untoned == 0xE2 &&
	   vn_char_of(0x1EAD)->tone == VN_TONE_DOT,
	   "table: ậ is â with nặng");
	ok(vn_char_of(0x300) && (vn_char_of(0x300)->flags & VN_MARK) &&
	   (vn_char_of(0x300)->flags & VN_NFC_CHECK),
	   "table: U+0300 is a mark that needs NFC");
	ok(!(vn_char_of('-')->flags & VN_WORD) &&
	   (vn_char_of('9')->flags & VN_WORD), "table: word classes");
	ok(vn_char_of(0x2000) == NULL && vn_char_of(0x1F00) == NULL,
	   "table: ranges end where they should");
}

int main(void)
{
	ok(vn_init() == 0, "vn_init builds the table from ICU");
	table_tests();
	bytes_tests();
	fold_tests();
	word_tests();
	table_flag_tests();
	return done_testing();
}
