/*
 * t-decode.c - decode_text(): the paragraph in every encoding, detection,
 * forced encodings, the normalisation steps, failures; the letter tables
 * of charsets.c against iconv output and ICU.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "charsets.h"
#include "decode.h"
#include "tap.h"
#include "testdata.h"

/* fixtures/encodings/NAME, found from this file's own path; NULL if none. */
static char *slurp(const char *name, size_t *len)
{
	char path[4096];
	const char *slash = strrchr(__FILE__, '/');
	int dir = slash ? (int)(slash - __FILE__) : 0;
	FILE *f;
	char *s;
	long n;

	snprintf(path, sizeof(path), "%.*s%s../../fixtures/encodings/%s",
		 dir, __FILE__, slash ? "/" : "", name);
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

static struct nc_error err;
static const char *used;

/* Decode len bytes (encoding may be NULL); the text, or NULL on failure. */
static char *dec(const void *s, size_t len, const char *encoding)
{
	struct buf out = BUF_INIT;

	used = NULL;
	nc_clear(&err);
	if (decode_text(s, len, encoding, &out, &used, &err)) {
		buf_release(&out);
		return NULL;
	}
	return buf_detach(&out, NULL);
}

static void check(const char *in, const char *encoding, const char *want,
		  const char *name)
{
	char *got = dec(in, strlen(in), encoding);

	is_str(got, want, name);
	free(got);
}

static void test_paragraph(void)
{
	static const struct {
		const char *file, *used, *forced;
	} files[] = {
		{ "paragraph.utf8.txt", "UTF-8", "utf8" },
		{ "paragraph.nfd.txt", "UTF-8", "UTF-8" },
		{ "paragraph.utf16le.txt", "UTF-16LE", "utf-16le" },
		{ "paragraph.cp1258.txt", "windows-1258", "CP1258" },
		{ "paragraph.vni.txt", "VNI", "vni" },
		{ "paragraph.tcvn3.txt", "TCVN3", "ABC" },
		{ "paragraph.viscii.txt", "VISCII", "viscii" },
	};
	size_t wlen, len;
	char *want = slurp("paragraph.utf8.txt", &wlen), *in, *got;

	if (!ok(want != NULL, "fixture paragraph.utf8.txt found"))
		return;
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		in = slurp(files[i].file, &len);
		if (!in) {
			ok(0, "fixture %s found", files[i].file);
			continue;
		}
		got = dec(in, len, NULL);
		ok(got && !strcmp(got, want), "%s decodes to the paragraph",
		   files[i].file);
		is_str(used, files[i].used, "  detected as the right one");
		free(got);
		got = dec(in, len, files[i].forced);
		ok(got && !strcmp(got, want), "%s forced as '%s'",
		   files[i].file, files[i].forced);
		free(got);
		free(in);
	}
	free(want);
}

/* The iconv output committed as fixtures against our tables. */
static void test_iconv_fixtures(void)
{
	static const struct {
		const char *bytes, *utf8, *enc;
	} f[] = {
		{ "letters.viscii.txt", "letters.utf8.txt", "VISCII" },
		{ "letters-vn3.tcvn3.txt", "letters-vn3.utf8.txt", "TCVN3" },
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(*f); i++) {
		size_t blen = 0, ulen = 0;
		char *b = slurp(f[i].bytes, &blen), *u = slurp(f[i].utf8, &ulen);
		char *got = b ? dec(b, blen, f[i].enc) : NULL;
		struct buf enc = BUF_INIT;
		const unsigned char *p = (const unsigned char *)u;
		int all = u != NULL;

		is_str(got, u, f[i].bytes);
		/* and back: our encoder writes the bytes iconv wrote */
		for (size_t k = 0; u && k < ulen;) {
			uint32_t cp = p[k];
			size_t n = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : 3;

			if (n == 2)
				cp = (cp & 0x1F) << 6 | (p[k + 1] & 0x3F);
			else if (n == 3)
				cp = (cp & 0x0F) << 12 |
					(p[k + 1] & 0x3F) << 6 |
					(p[k + 2] & 0x3F);
			all &= charset_encode(!strcmp(f[i].enc, "VISCII") ?
					      CHARSET_VISCII : CHARSET_TCVN3,
					      cp, &enc);
			k += n;
		}
		ok(all && enc.len == blen && b && !memcmp(enc.s, b, blen),
		   "%s: encoding gives iconv's bytes", f[i].enc);
		buf_release(&enc);
		free(got);
		free(b);
		free(u);
	}
}

/* Every one of the 134 letters through each table, both ways. */
static void test_round_trip(void)
{
	static const struct {
		enum charset cs;
		const char *name;
	} cs[] = {
		{ CHARSET_VNI, "VNI" }, { CHARSET_TCVN3, "TCVN3" },
		{ CHARSET_VISCII, "VISCII" },
	};

	for (size_t c = 0; c < sizeof(cs) / sizeof(*cs); c++) {
		int n = 0, good = 0;

		for (int l = 0; l < CS_NLETTERS; l++)
			for (int t = 0; t < CS_NTONES; t++)
				for (int up = 0; up < 2; up++) {
					uint32_t cp = cs_letter(l, t, up);
					struct buf b = BUF_INIT, u = BUF_INIT;
					struct buf w = BUF_INIT;

					if (cp < 0x80 || (l == CS_D && t))
						continue;
					n++;
					utf8_put(&w, cp);
					if (charset_encode(cs[c].cs, cp, &b)) {
						charset_decode(cs[c].cs,
						    (unsigned char *)b.s,
						    b.len, &u);
						good += !strcmp(u.s, w.s);
					}
					buf_release(&b);
					buf_release(&u);
					buf_release(&w);
				}
		is_int(n, 134, "134 letters");
		is_int(good, 134, cs[c].name);
	}
}

/* The letter table against ICU's decompositions. */
static void test_letter_table(void)
{
	static const UChar mark[CS_NTONES] = {
		0, 0x300, 0x301, 0x309, 0x303, 0x323
	};
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	int bad = 0, info = 0;

	for (int l = 0; l < CS_D; l++)
		for (int t = 0; t < CS_NTONES; t++)
			for (int up = 0; up < 2; up++) {
				UChar s[1], d[8];
				int32_t n;
				int ll, tt, uu;

				s[0] = (UChar)cs_letter(l, t, up);
				st = U_ZERO_ERROR;
				n = unorm2_normalize(nfd, s, 1, d, 8, &st);
				if (U_FAILURE(st) ||
				    (t && !u_memchr(d + 1, mark[t], n - 1)) ||
				    (!t && n > 1 && (d[n - 1] == 0x300 ||
						     d[n - 1] == 0x301 ||
						     d[n - 1] == 0x303 ||
						     d[n - 1] == 0x309 ||
						     d[n - 1] == 0x323)) ||
				    (up && !(d[0] >= 'A' && d[0] <= 'Z')) ||
				    (!up && !(d[0] >= 'a' && d[0] <= 'z')))
					bad++;
				info += cs_letter_info(s[0], &ll, &tt, &uu) &&
					ll == l && tt == t && uu == up;
			}
	is_int(bad, 0, "every letter decomposes to its base and tone");
	is_int(info, 144, "cs_letter_info() reads every vowel back");
}

/* decode_nfc_stable() promises what ICU says. */
static void test_nfc_ranges(void)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	int bad = 0, n = 0;

	for (UChar32 c = 0x20; c < 0x10000; c++) {
		UChar s[1] = { (UChar)c };

		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		if (!decode_nfc_stable((uint32_t)c))
			continue;
		n++;
		st = U_ZERO_ERROR;
		if (unorm2_getCombiningClass(nfc, c) != 0 ||
		    unorm2_quickCheck(nfc, s, 1, &st) != UNORM_YES)
			bad++;
	}
	ok(n > 20000 && bad == 0, "%d fast-path code points, %d not stable",
	   n, bad);
}

static void test_normalise(void)
{
	char *got;

	check("a &amp; b &lt;i&gt; &quot;x&quot; &#39;y&#039; &apos;",
	      NULL, "a & b <i> \"x\" 'y' '", "basic entities");
	check("&ocirc;ng &aacute;o &Dstrok;&#7879;&#x1EC7;&#X1ec7;", NULL,
	      "ông áo Đệệệ", "named and numeric entities");
	check("GD&TT; NN&PTNT; &foo; AT&T & &amp &#; &#xZZ; &#1114112;",
	      NULL, "GD&TT; NN&PTNT; &foo; AT&T & &amp &#; &#xZZ; &#1114112;",
	      "abbreviations and unknown references stay");
	check("a&nbsp;b&#160;c&#8203;d&#8;e", NULL, "a b cde",
	      "entities normalised like the characters they stand for");
	check("m&#7897;t c&#7897;ng &#7897;", NULL, "một cộng ộ",
	      "&#7897; is ộ");
	check("e&#769; o&#x302;&#x301;", NULL, "é ố",
	      "combining marks from entities are composed");
	check("a\xc2\xa0" "b\xe2\x80\xaf" "c\xe2\x80\x87" "d\xe3\x80\x80" "e",
	      NULL, "a b c d e", "NBSP and other spaces become spaces");
	check("x\xe2\x80\x8by\xe2\x80\x8c" "z\xe2\x80\x8dw\xe2\x81\xa0v"
	      "\xef\xbb\xbfu\xc2\xad" "t", NULL, "xyzwvut",
	      "zero-width characters and soft hyphens dropped");
	check("Ông\b Ba\x01\x7f\xc2\x85 ăn\tcơm\n", NULL, "Ông Ba ăn\tcơm\n",
	      "controls other than TAB and LF dropped (U+0008 too)");
	check("a\r\nb\rc\n\r\nd\r", NULL, "a\nb\nc\n\nd\n",
	      "CRLF and lone CR become LF");
	check("\xc3\x90\xc3\xa0 N\xe1\xba\xb5ng, \xc3\xb0i \xc4\x91\xc6\xb0\xe1"
	      "\xbb\x9dng", NULL, "Đà Nẵng, đi đường",
	      "eth becomes Đ/đ in Vietnamese text");
	check("\xc3\x90 og \xc3\xb0 \xc3\xad Reykjav\xc3\xadk", NULL,
	      "\xc3\x90 og \xc3\xb0 \xc3\xad Reykjav\xc3\xadk",
	      "eth stays in text without Vietnamese letters");
	check("hoa\xcc\x80 bi\xcc\x80nh, thuy\xcc\x89", NULL,
	      "hoà bình, thuỷ", "NFD composed; tone placement untouched");
	check("Hello, world. Plain English text.\n", NULL,
	      "Hello, world. Plain English text.\n", "English text unchanged");
	is_str(used, "UTF-8", "  read as UTF-8");
	check("新闻报道: 日本語のテキスト 한국어", NULL,
	      "新闻报道: 日本語のテキスト 한국어", "CJK text unchanged");
	got = dec("\xef\xbb\xbfVi\xe1\xbb\x87t", 9, NULL);
	is_str(got, "Việt", "UTF-8 BOM dropped");
	free(got);
}

static void test_encodings(void)
{
	char *got;

	check("th\xf6\xef" "c \xd1" "a\xfbng Vie\xe4t Nam na\xeam ng\xf6\xf4"
	      "\xf8i VIE\xc4T", "vni", "thực Đảng Việt Nam năm người VIỆT",
	      "VNI letters, never thưïc");
	check("A\xb6nh \xae\xb8 Vi\xd6t VI\xd6T NAM H\xb5", "tcvn3",
	      "Ảnh đá Việt VIỆT NAM Hà",
	      "TCVN3 capital plus lowercase tone byte; H-font capitals");
	got = dec("\xfe\xff\x00V\x1e\xc7\x00t", 8, NULL);
	is_str(got, "Vệt", "UTF-16BE with BOM");
	is_str(used, "UTF-16BE", "  named UTF-16BE");
	free(got);
	got = dec("H\x00\xe0\x00 \x00N\x00\xd9\x1e" "i\x00", 12, NULL);
	is_str(got, "Hà Nội", "UTF-16LE without BOM found by its NULs");
	free(got);
	is_str(decode_encoding_name("Windows_1258"), "windows-1258",
	       "encoding names ignore case and punctuation");
	is_str(decode_encoding_name("TCVN-3"), "TCVN3", "TCVN-3");
	is_str(decode_encoding_name("klingon"), NULL, "unknown name");
	ok(!dec("abc", 3, "klingon") && err.code == NC_EUSAGE,
	   "an unknown forced encoding is a usage error");
}

static void test_failures(void)
{
	ok(!dec("Ti\xc3\xaa\0\x01\x02 nh", 10, NULL) && err.code == NC_EDATA &&
	   strstr(err.msg, "binary"), "NUL bytes are binary data");
	ok(!dec("Vi\xe1\xbb\x87t \xff", 8, "utf-8") && err.code == NC_EDATA &&
	   !strcmp(err.msg, "invalid UTF-8 at byte 7"),
	   "invalid UTF-8 in a forced UTF-8 decode names the byte");
	ok(!dec("Ti\xea\xff\xfe u \xc3( \xe2\x82 \xf0(\x8c(\n", 19, NULL) &&
	   err.code == NC_EDATA && strstr(err.msg, "not valid UTF-8"),
	   "garbage is neither UTF-8 nor Vietnamese");
	ok(!dec("caf\xe9 cr\xe8me br\xfbl\xe9" "e fa\xe7" "ade", 25, NULL) &&
	   err.code == NC_EDATA, "Latin-1 French is not taken for Vietnamese");
	ok(!dec("\xed\xa0\x80", 3, "utf8") && err.code == NC_EDATA,
	   "UTF-8 surrogates are invalid");
	ok(!dec("\xff\xfe\x00\xd8" "a\x00", 6, NULL) && err.code == NC_EDATA,
	   "a lone UTF-16 surrogate is invalid");
}

/* tests/data/repair.tsv: mojibake, look-alikes, zero-width characters. */
static void test_repairs(void)
{
	FILE *f = open_data("repair.tsv");
	char line[2048];

	if (!ok(f != NULL, "tests/data/repair.tsv opens"))
		return;
	while (fgets(line, sizeof(line), f)) {
		char *text, *enc, *got;

		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		text = strchr(line, '\t');
		enc = text ? strchr(text + 1, '\t') : NULL;
		if (!ok(enc != NULL, "repair.tsv: '%s' has three columns",
			line))
			continue;
		*text++ = '\0';
		*enc++ = '\0';
		unescape(line);
		unescape(text);
		got = dec(line, strlen(line), NULL);
		is_str(got, text, line);
		is_str(used, enc, "its encoding");
		free(got);
	}
	fclose(f);
	/* a forced encoding is read as it is */
	check("Vi\u00E1\u00BB\u2021t", "UTF-8", "Vi\u00E1\u00BB\u2021t",
	      "--encoding UTF-8 keeps mojibake");
}

int main(void)
{
	test_paragraph();
	test_iconv_fixtures();
	test_round_trip();
	test_letter_table();
	test_nfc_ranges();
	test_normalise();
	test_encodings();
	test_failures();
	test_repairs();
	return done_testing();
}
