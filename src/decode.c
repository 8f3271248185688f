/*
 * decode.c - from the bytes of an input to normalised text.
 *
 * Two passes over the input at most: the encoding's decoder (none for
 * UTF-8, whose bytes are validated with our own loop and used in place),
 * then one normalising pass that copies runs of ordinary text with a single
 * buf_add and stops only at what it has to change. ICU's NFC runs only when
 * that pass met a code point outside the ranges known to be NFC-stable
 * (ASCII, Latin-1, Latin Extended-A/B, Latin Extended Additional, general
 * punctuation, CJK ideographs...), so clean Vietnamese text never leaves
 * UTF-8.
 *
 * Ð and ð (U+00D0, U+00F0) become Đ and đ when the same input also holds a
 * letter only Vietnamese uses (ă ơ ư đ or one of U+1EA0-U+1EF9): old font
 * converters wrote Ð for Đ, and Icelandic text, the only real user of eth,
 * has none of those letters.
 */
#include "decode.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "charsets.h"
#include "mojibake.h"
#include "vietnamese.h"

enum enc {
	ENC_UTF8, ENC_UTF16LE, ENC_UTF16BE, ENC_CP1258, ENC_VNI, ENC_TCVN3,
	ENC_VISCII, ENC_COUNT
};

static const char *const enc_names[ENC_COUNT] = {
	"UTF-8", "UTF-16LE", "UTF-16BE", "windows-1258", "VNI", "TCVN3",
	"VISCII",
};

static const struct {
	const char *key;	/* lower case, letters and digits only */
	enum enc enc;
} enc_aliases[] = {
	{ "utf8", ENC_UTF8 }, { "utf16le", ENC_UTF16LE },
	{ "utf16be", ENC_UTF16BE }, { "utf16", ENC_UTF16LE },
	{ "windows1258", ENC_CP1258 }, { "cp1258", ENC_CP1258 },
	{ "win1258", ENC_CP1258 }, { "vni", ENC_VNI },
	{ "vniwindows", ENC_VNI }, { "vniwin", ENC_VNI },
	{ "tcvn3", ENC_TCVN3 }, { "tcvn", ENC_TCVN3 }, { "abc", ENC_TCVN3 },
	{ "vn3", ENC_TCVN3 }, { "tcvn5712", ENC_TCVN3 }, { "viscii", ENC_VISCII },
};

static int enc_lookup(const char *name)
{
	char key[32];
	size_t n = 0;

	for (; *name; name++) {
		char c = *name;

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			continue;
		if (n + 1 == sizeof(key))
			return -1;
		key[n++] = c;
	}
	key[n] = '\0';
	for (size_t i = 0; i < sizeof(enc_aliases) / sizeof(*enc_aliases); i++)
		if (!strcmp(key, enc_aliases[i].key))
			return (int)enc_aliases[i].enc;
	return -1;
}

const char *decode_encoding_name(const char *name)
{
	int e = enc_lookup(name);

	return e < 0 ? NULL : enc_names[e];
}

/*
 * The length in bytes of the longest valid UTF-8 prefix of s: len when all
 * of s is valid. Overlong forms, surrogates and code points past U+10FFFF
 * are invalid.
 */
static size_t utf8_valid_prefix(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];

		if (c < 0x80) {
			/* eight ASCII bytes at a time */
			while (i + 8 <= len) {
				uint64_t w;

				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ull)
					break;
				i += 8;
			}
			while (i < len && s[i] < 0x80)
				i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			if (i + 1 >= len || (s[i + 1] & 0xC0) != 0x80)
				return i;
			i += 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
			unsigned char hi = c == 0xED ? 0x9F : 0xBF;

			if (i + 2 >= len || s[i + 1] < lo || s[i + 1] > hi ||
			    (s[i + 2] & 0xC0) != 0x80)
				return i;
			i += 3;
		} else if (c >= 0xF0 && c <= 0xF4) {
			unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
			unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;

			if (i + 3 >= len || s[i + 1] < lo || s[i + 1] > hi ||
			    (s[i + 2] & 0xC0) != 0x80 ||
			    (s[i + 3] & 0xC0) != 0x80)
				return i;
			i += 4;
		} else {
			return i;
		}
	}
	return len;
}

/* Decode the code point at s (valid UTF-8); *n gets its length in bytes. */
static uint32_t utf8_get(const unsigned char *s, size_t *n)
{
	if (s[0] < 0x80) {
		*n = 1;
		return s[0];
	}
	if (s[0] < 0xE0) {
		*n = 2;
		return (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	}
	if (s[0] < 0xF0) {
		*n = 3;
		return (uint32_t)(s[0] & 0x0F) << 12 |
			(uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	}
	*n = 4;
	return (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
		(uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
}

/*
 * Is a string of such code points NFC whatever surrounds them: NFC quick
 * check "yes" and combining class 0 (the unit test checks every one of
 * them against ICU)?
 */
int decode_nfc_stable(uint32_t cp)
{
	return cp < 0x300 ||
		(cp >= 0x1E00 && cp <= 0x1EFF) ||
		(cp >= 0x2002 && cp <= 0x206F) ||
		(cp >= 0x20A0 && cp <= 0x20C0) ||
		(cp >= 0x3001 && cp <= 0x3029) ||
		(cp >= 0x3041 && cp <= 0x3096) ||
		(cp >= 0x30A0 && cp <= 0x30FF) ||
		(cp >= 0x4E00 && cp <= 0x9FFF);
}

/* What the normalising pass does with a code point. */
enum {
	CP_KEEP, CP_SPACE, CP_DROP, CP_NEWLINE,
	CP_JOIN,	/* zero-width: a space or nothing, vn_zero_width() */
};


static int classify(uint32_t cp)
{
	if (cp < 0x20)
		return cp == '\n' || cp == '\t' ? CP_KEEP :
			cp == '\r' ? CP_NEWLINE : CP_DROP;
	if (cp < 0x7F)
		return CP_KEEP;
	if (cp <= 0x9F || cp == 0xAD)	/* DEL, C1 controls, soft hyphen */
		return CP_DROP;
	if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	    cp == 0x202F || cp == 0x205F || cp == 0x3000)
		return CP_SPACE;
	if (vn_is_zero_width(cp))
		return CP_JOIN;
	if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x2064))
		return CP_DROP;	/* direction marks, invisible operators */
	if (cp == 0x2028 || cp == 0x2029)
		return CP_NEWLINE;
	return CP_KEEP;
}

static int is_vietnamese_only(uint32_t cp)
{
	return (cp >= 0x1EA0 && cp <= 0x1EF9) || cp == 0x102 || cp == 0x103 ||
		cp == 0x110 || cp == 0x111 || cp == 0x1A0 || cp == 0x1A1 ||
		cp == 0x1AF || cp == 0x1B0;
}

struct norm {
	struct buf *out;
	int need_nfc;
	int eth;
	int vietnamese;
	int zero_width;		/* CP_JOIN code points were kept */
};

static void emit(struct norm *n, uint32_t cp)
{
	switch (classify(cp)) {
	case CP_DROP:
		return;
	case CP_SPACE:
		buf_addc(n->out, ' ');
		return;
	case CP_NEWLINE:
		buf_addc(n->out, '\n');
		return;
	case CP_JOIN:
		n->zero_width = 1;
		break;
	}
	if (cp >= 0x300 && !decode_nfc_stable(cp))
		n->need_nfc = 1;
	if (cp == 0xD0 || cp == 0xF0)
		n->eth = 1;
	if (is_vietnamese_only(cp))
		n->vietnamese = 1;
	utf8_put(n->out, cp);
}

static const struct entity {
	const char *name;
	uint32_t cp;
} entities[] = {
	{ "AElig", 0x00C6 }, { "Aacute", 0x00C1 }, { "Abreve", 0x0102 },
	{ "Acirc", 0x00C2 }, { "Agrave", 0x00C0 }, { "Alpha", 0x0391 },
	{ "Aring", 0x00C5 }, { "Atilde", 0x00C3 }, { "Auml", 0x00C4 },
	{ "Beta", 0x0392 }, { "Ccedil", 0x00C7 }, { "Chi", 0x03A7 },
	{ "Dagger", 0x2021 }, { "Delta", 0x0394 }, { "Dstrok", 0x0110 },
	{ "ETH", 0x00D0 }, { "Eacute", 0x00C9 }, { "Ecirc", 0x00CA },
	{ "Egrave", 0x00C8 }, { "Epsilon", 0x0395 }, { "Eta", 0x0397 },
	{ "Euml", 0x00CB }, { "Gamma", 0x0393 }, { "Iacute", 0x00CD },
	{ "Icirc", 0x00CE }, { "Igrave", 0x00CC }, { "Iota", 0x0399 },
	{ "Itilde", 0x0128 }, { "Iuml", 0x00CF }, { "Kappa", 0x039A },
	{ "Lambda", 0x039B }, { "Mu", 0x039C }, { "Ntilde", 0x00D1 },
	{ "Nu", 0x039D }, { "OElig", 0x0152 }, { "Oacute", 0x00D3 },
	{ "Ocirc", 0x00D4 }, { "Ograve", 0x00D2 }, { "Omega", 0x03A9 },
	{ "Omicron", 0x039F }, { "Oslash", 0x00D8 }, { "Otilde", 0x00D5 },
	{ "Ouml", 0x00D6 }, { "Phi", 0x03A6 }, { "Pi", 0x03A0 },
	{ "Prime", 0x2033 }, { "Psi", 0x03A8 }, { "Rho", 0x03A1 },
	{ "Scaron", 0x0160 }, { "Sigma", 0x03A3 }, { "THORN", 0x00DE },
	{ "Tau", 0x03A4 }, { "Theta", 0x0398 }, { "Uacute", 0x00DA },
	{ "Ucirc", 0x00DB }, { "Ugrave", 0x00D9 }, { "Upsilon", 0x03A5 },
	{ "Utilde", 0x0168 }, { "Uuml", 0x00DC }, { "Xi", 0x039E },
	{ "Yacute", 0x00DD }, { "Yuml", 0x0178 }, { "Zeta", 0x0396 },
	{ "aacute", 0x00E1 }, { "abreve", 0x0103 }, { "acirc", 0x00E2 },
	{ "acute", 0x00B4 }, { "aelig", 0x00E6 }, { "agrave", 0x00E0 },
	{ "alefsym", 0x2135 }, { "alpha", 0x03B1 }, { "amp", 0x0026 },
	{ "and", 0x2227 }, { "ang", 0x2220 }, { "apos", 0x0027 },
	{ "aring", 0x00E5 }, { "asymp", 0x2248 }, { "atilde", 0x00E3 },
	{ "auml", 0x00E4 }, { "bdquo", 0x201E }, { "beta", 0x03B2 },
	{ "brvbar", 0x00A6 }, { "bull", 0x2022 }, { "cap", 0x2229 },
	{ "ccedil", 0x00E7 }, { "cedil", 0x00B8 }, { "cent", 0x00A2 },
	{ "chi", 0x03C7 }, { "circ", 0x02C6 }, { "clubs", 0x2663 },
	{ "cong", 0x2245 }, { "copy", 0x00A9 }, { "crarr", 0x21B5 },
	{ "cup", 0x222A }, { "curren", 0x00A4 }, { "dArr", 0x21D3 },
	{ "dagger", 0x2020 }, { "darr", 0x2193 }, { "deg", 0x00B0 },
	{ "delta", 0x03B4 }, { "diams", 0x2666 }, { "divide", 0x00F7 },
	{ "dstrok", 0x0111 }, { "eacute", 0x00E9 }, { "ecirc", 0x00EA },
	{ "egrave", 0x00E8 }, { "empty", 0x2205 }, { "emsp", 0x2003 },
	{ "ensp", 0x2002 }, { "epsilon", 0x03B5 }, { "equiv", 0x2261 },
	{ "eta", 0x03B7 }, { "eth", 0x00F0 }, { "euml", 0x00EB },
	{ "euro", 0x20AC }, { "exist", 0x2203 }, { "fnof", 0x0192 },
	{ "forall", 0x2200 }, { "frac12", 0x00BD }, { "frac14", 0x00BC },
	{ "frac34", 0x00BE }, { "frasl", 0x2044 }, { "gamma", 0x03B3 },
	{ "ge", 0x2265 }, { "gt", 0x003E }, { "hArr", 0x21D4 },
	{ "harr", 0x2194 }, { "hearts", 0x2665 }, { "hellip", 0x2026 },
	{ "iacute", 0x00ED }, { "icirc", 0x00EE }, { "iexcl", 0x00A1 },
	{ "igrave", 0x00EC }, { "image", 0x2111 }, { "infin", 0x221E },
	{ "int", 0x222B }, { "iota", 0x03B9 }, { "iquest", 0x00BF },
	{ "isin", 0x2208 }, { "itilde", 0x0129 }, { "iuml", 0x00EF },
	{ "kappa", 0x03BA }, { "lArr", 0x21D0 }, { "lambda", 0x03BB },
	{ "lang", 0x2329 }, { "laquo", 0x00AB }, { "larr", 0x2190 },
	{ "lceil", 0x2308 }, { "ldquo", 0x201C }, { "le", 0x2264 },
	{ "lfloor", 0x230A }, { "lowast", 0x2217 }, { "loz", 0x25CA },
	{ "lrm", 0x200E }, { "lsaquo", 0x2039 }, { "lsquo", 0x2018 },
	{ "lt", 0x003C }, { "macr", 0x00AF }, { "mdash", 0x2014 },
	{ "micro", 0x00B5 }, { "middot", 0x00B7 }, { "minus", 0x2212 },
	{ "mu", 0x03BC }, { "nabla", 0x2207 }, { "nbsp", 0x00A0 },
	{ "ndash", 0x2013 }, { "ne", 0x2260 }, { "ni", 0x220B },
	{ "not", 0x00AC }, { "notin", 0x2209 }, { "nsub", 0x2284 },
	{ "ntilde", 0x00F1 }, { "nu", 0x03BD }, { "oacute", 0x00F3 },
	{ "ocirc", 0x00F4 }, { "oelig", 0x0153 }, { "ograve", 0x00F2 },
	{ "oline", 0x203E }, { "omega", 0x03C9 }, { "omicron", 0x03BF },
	{ "oplus", 0x2295 }, { "or", 0x2228 }, { "ordf", 0x00AA },
	{ "ordm", 0x00BA }, { "oslash", 0x00F8 }, { "otilde", 0x00F5 },
	{ "otimes", 0x2297 }, { "ouml", 0x00F6 }, { "para", 0x00B6 },
	{ "part", 0x2202 }, { "permil", 0x2030 }, { "perp", 0x22A5 },
	{ "phi", 0x03C6 }, { "pi", 0x03C0 }, { "piv", 0x03D6 },
	{ "plusmn", 0x00B1 }, { "pound", 0x00A3 }, { "prime", 0x2032 },
	{ "prod", 0x220F }, { "prop", 0x221D }, { "psi", 0x03C8 },
	{ "quot", 0x0022 }, { "rArr", 0x21D2 }, { "radic", 0x221A },
	{ "rang", 0x232A }, { "raquo", 0x00BB }, { "rarr", 0x2192 },
	{ "rceil", 0x2309 }, { "rdquo", 0x201D }, { "real", 0x211C },
	{ "reg", 0x00AE }, { "rfloor", 0x230B }, { "rho", 0x03C1 },
	{ "rlm", 0x200F }, { "rsaquo", 0x203A }, { "rsquo", 0x2019 },
	{ "sbquo", 0x201A }, { "scaron", 0x0161 }, { "sdot", 0x22C5 },
	{ "sect", 0x00A7 }, { "shy", 0x00AD }, { "sigma", 0x03C3 },
	{ "sigmaf", 0x03C2 }, { "sim", 0x223C }, { "spades", 0x2660 },
	{ "sub", 0x2282 }, { "sube", 0x2286 }, { "sum", 0x2211 },
	{ "sup", 0x2283 }, { "sup1", 0x00B9 }, { "sup2", 0x00B2 },
	{ "sup3", 0x00B3 }, { "supe", 0x2287 }, { "szlig", 0x00DF },
	{ "tau", 0x03C4 }, { "there4", 0x2234 }, { "theta", 0x03B8 },
	{ "thetasym", 0x03D1 }, { "thinsp", 0x2009 }, { "thorn", 0x00FE },
	{ "tilde", 0x02DC }, { "times", 0x00D7 }, { "trade", 0x2122 },
	{ "uArr", 0x21D1 }, { "uacute", 0x00FA }, { "uarr", 0x2191 },
	{ "ucirc", 0x00FB }, { "ugrave", 0x00F9 }, { "uml", 0x00A8 },
	{ "upsih", 0x03D2 }, { "upsilon", 0x03C5 }, { "utilde", 0x0169 },
	{ "uuml", 0x00FC }, { "weierp", 0x2118 }, { "xi", 0x03BE },
	{ "yacute", 0x00FD }, { "yen", 0x00A5 }, { "yuml", 0x00FF },
	{ "zeta", 0x03B6 }, { "zwj", 0x200D }, { "zwnj", 0x200C },
};

static int entity_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct entity *)elem)->name);
}

/*
 * The character reference at s[0] == '&' (len bytes available): its code
 * point, with *n set to its length in bytes, or 0 when it is not one we
 * know (GD&TT; and NN&PTNT; are abbreviations: they stay as they are).
 */
static uint32_t entity(const unsigned char *s, size_t len, size_t *n)
{
	char name[12];
	size_t k = 1;
	uint32_t cp = 0;

	if (len > 1 && s[1] == '#') {
		int hex = len > 2 && (s[2] == 'x' || s[2] == 'X');
		size_t d = k = hex ? 3 : 2;

		for (; k < len && k < d + 8; k++) {
			unsigned char c = s[k];
			unsigned v;

			if (c >= '0' && c <= '9')
				v = c - '0';
			else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				v = (c | 0x20) - 'a' + 10;
			else
				break;
			cp = cp * (hex ? 16 : 10) + v;
		}
		if (k == d || k >= len || s[k] != ';' || cp == 0 ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		*n = k + 1;
		return cp;
	}
	for (; k < len && k <= sizeof(name); k++) {
		unsigned char c = s[k];

		if (c == ';')
			break;
		if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
		    !(c >= '0' && c <= '9'))
			return 0;
		name[k - 1] = (char)c;
	}
	if (k == 1 || k >= len || s[k] != ';' || k > sizeof(name))
		return 0;
	name[k - 1] = '\0';
	{
		const struct entity *e = bsearch(name, entities,
			sizeof(entities) / sizeof(*entities),
			sizeof(*entities), entity_cmp);

		if (!e)
			return 0;
		*n = k + 1;
		return e->cp;
	}
}

/*
 * NFC for out from byte start on, in place. Only called when the
 * normalising pass met a code point that may need it.
 */
static enum nc_status nfc_tail(struct buf *out, size_t start,
			       struct nc_error *err)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	UChar *src = NULL, *dst = NULL;
	int32_t ulen = 0, span, dlen, cap, blen;
	size_t len = out->len - start;
	enum nc_status ret = NC_OK;

	if (U_FAILURE(st))
		goto icu;
	if (len > INT32_MAX / 4)
		return nc_fail(err, NC_ETOOBIG, "text too long to normalise");
	src = xmalloc((len + 1) * sizeof(UChar));
	st = U_ZERO_ERROR;
	u_strFromUTF8(src, (int32_t)len + 1, &ulen, out->s + start,
		      (int32_t)len, &st);
	if (U_FAILURE(st))
		goto icu;
	span = unorm2_spanQuickCheckYes(nfc, src, ulen, &st);
	if (U_FAILURE(st))
		goto icu;
	if (span == ulen)
		goto out;
	cap = ulen * 3 + 16;
	dst = xmalloc((size_t)cap * sizeof(UChar));
	u_memcpy(dst, src, span);
	dlen = unorm2_normalizeSecondAndAppend(nfc, dst, span, cap, src + span,
					       ulen - span, &st);
	if (U_FAILURE(st))
		goto icu;
	u_strToUTF8(NULL, 0, &blen, dst, dlen, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		goto icu;
	st = U_ZERO_ERROR;
	buf_setlen(out, start);
	buf_grow(out, (size_t)blen);
	u_strToUTF8(out->s + start, blen + 1, &blen, dst, dlen, &st);
	if (U_FAILURE(st))
		goto icu;
	buf_setlen(out, start + (size_t)blen);
	goto out;
icu:
	ret = nc_fail(err, NC_ESOFTWARE, "unicode normalisation failed: %s",
		      u_errorName(st));
out:
	free(src);
	free(dst);
	return ret;
}

/*
 * Append the normalised form of len bytes of valid UTF-8 at s to out (see
 * decode.h for what normalised means).
 */
static enum nc_status normalise(const unsigned char *s, size_t len,
				struct buf *out, struct nc_error *err)
{
	struct norm n = { out, 0, 0, 0, 0 };
	size_t start = out->len, i = 0, run = 0;

	buf_grow(out, len);
	while (i < len) {
		unsigned char c = s[i];
		uint32_t cp;
		size_t k;

		if (c >= 0x20 && c < 0x7F) {
			if (c == '&' && (cp = entity(s + i, len - i, &k))) {
				buf_add(out, s + run, i - run);
				emit(&n, cp);
				i += k;
				run = i;
			} else {
				i++;
			}
			continue;
		}
		if (c < 0x80) {
			if (c == '\n' || c == '\t') {
				i++;
				continue;
			}
			buf_add(out, s + run, i - run);
			if (c == '\r') {
				buf_addc(out, '\n');
				if (i + 1 < len && s[i + 1] == '\n')
					i++;
			}
			run = ++i;
			continue;
		}
		cp = utf8_get(s + i, &k);
		if (classify(cp) != CP_KEEP) {
			buf_add(out, s + run, i - run);
			emit(&n, cp);
			i += k;
			run = i;
			continue;
		}
		if (cp >= 0x300 && !decode_nfc_stable(cp))
			n.need_nfc = 1;
		else if (cp == 0xD0 || cp == 0xF0)
			n.eth = 1;
		else if (!n.vietnamese && is_vietnamese_only(cp))
			n.vietnamese = 1;
		i += k;
	}
	buf_add(out, s + run, i - run);
	if (n.need_nfc) {
		enum nc_status st = nfc_tail(out, start, err);

		if (st)
			return st;
	}
	if (n.zero_width)
		vn_zero_width(out, start);
	if (n.eth && n.vietnamese) {
		unsigned char *p = (unsigned char *)out->s;

		for (size_t j = start; j + 1 < out->len; j++)
			if (p[j] == 0xC3 && (p[j + 1] == 0x90 ||
					     p[j + 1] == 0xB0)) {
				p[j] = 0xC4;
				p[j + 1] = p[j + 1] == 0x90 ? 0x90 : 0x91;
			}
	}
	return NC_OK;
}

/* UTF-16 (be: big-endian) to UTF-8, appended to out. */
static enum nc_status utf16_to_utf8(const unsigned char *s, size_t len,
				    int be, struct buf *out,
				    struct nc_error *err)
{
	size_t i;

	if (len % 2)
		return nc_fail(err, NC_EDATA,
			       "invalid UTF-16: odd number of bytes");
	buf_grow(out, len + len / 2);
	for (i = 0; i < len; i += 2) {
		uint32_t u = be ? (uint32_t)s[i] << 8 | s[i + 1] :
			(uint32_t)s[i + 1] << 8 | s[i];

		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
			uint32_t lo = be ? (uint32_t)s[i + 2] << 8 | s[i + 3] :
				(uint32_t)s[i + 3] << 8 | s[i + 2];

			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) +
					(lo - 0xDC00);
				i += 2;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF)
			return nc_fail(err, NC_EDATA,
				       "invalid UTF-16: lone surrogate at "
				       "byte %zu", i);
		utf8_put(out, u);
	}
	return NC_OK;
}

/* Windows-1258 to UTF-8 (combining tone marks kept), appended to out. */
static enum nc_status cp1258_to_utf8(const unsigned char *s, size_t len,
				     struct buf *out, struct nc_error *err)
{
	UErrorCode st = U_ZERO_ERROR;
	UConverter *cv = ucnv_open("windows-1258", &st);
	UChar *u;
	int32_t n, blen;

	if (U_FAILURE(st))	/* U_AMBIGUOUS_ALIAS_WARNING is no failure */
		return nc_fail(err, NC_ESOFTWARE,
			       "cannot open windows-1258 converter: %s",
			       u_errorName(st));
	if (len > INT32_MAX / 4) {
		ucnv_close(cv);
		return nc_fail(err, NC_ETOOBIG, "text too long to convert");
	}
	u = xmalloc((len + 1) * sizeof(UChar));
	st = U_ZERO_ERROR;
	n = ucnv_toUChars(cv, u, (int32_t)len + 1, (const char *)s,
			  (int32_t)len, &st);
	ucnv_close(cv);
	if (U_SUCCESS(st)) {
		st = U_ZERO_ERROR;
		buf_grow(out, (size_t)n * 3);
		u_strToUTF8(out->s + out->len, (int32_t)(out->cap - out->len),
			    &blen, u, n, &st);
		if (U_SUCCESS(st))
			buf_setlen(out, out->len + (size_t)blen);
	}
	free(u);
	if (U_FAILURE(st))
		return nc_fail(err, NC_ESOFTWARE,
			       "windows-1258 conversion failed: %s",
			       u_errorName(st));
	return NC_OK;
}

/* Decode len bytes of s in legacy encoding e to UTF-8 (not normalised). */
static enum nc_status legacy_to_utf8(enum enc e, const unsigned char *s,
				     size_t len, struct buf *out,
				     struct nc_error *err)
{
	switch (e) {
	case ENC_CP1258:
		return cp1258_to_utf8(s, len, out, err);
	case ENC_VNI:
		charset_decode(CHARSET_VNI, s, len, out);
		break;
	case ENC_TCVN3:
		charset_decode(CHARSET_TCVN3, s, len, out);
		break;
	case ENC_VISCII:
		charset_decode(CHARSET_VISCII, s, len, out);
		break;
	default:
		return nc_fail(err, NC_ESOFTWARE, "not a legacy encoding");
	}
	return NC_OK;
}

/*
 * Non-ASCII code points that end a word when scoring: spaces and the
 * punctuation real Vietnamese text holds. Other symbols (¶ µ ¦ ...) are
 * what a wrong decoding leaves, and count against it.
 */
static int score_punct(uint32_t cp)
{
	return (cp >= 0x2000 && cp <= 0x206F) || cp == 0xAB || cp == 0xBB ||
		cp == 0xB0 || cp == 0xB7 || cp == 0xA9 || cp == 0xAE ||
		cp == 0x20AB || cp == 0x20AC || cp == 0xD7;
}

/*
 * Score normalised text s: *total gets the number of words holding a
 * non-ASCII letter plus stray Latin-1 symbols, *good the number of those
 * words that are Vietnamese syllables.
 */
static void score_text(const unsigned char *s, size_t len, long *good,
		       long *total)
{
	size_t i = 0;

	*good = *total = 0;
	while (i < len) {
		size_t w = i, k;
		int wide = 0;

		while (i < len) {
			uint32_t cp = utf8_get(s + i, &k);

			if (cp < 0x80 ? !((cp | 0x20) >= 'a' &&
					  (cp | 0x20) <= 'z') :
			    score_punct(cp))
				break;
			if (cp >= 0xA1 && cp <= 0xBF) {
				(*total)++;	/* stray symbol */
				break;
			}
			if (cp >= 0x80)
				wide = 1;
			i += k;
		}
		if (wide) {
			(*total)++;
			*good += vn_is_syllable((const char *)s + w, i - w);
		}
		if (i == w)
			utf8_get(s + i, &k), i += k;
	}
}

#define SAMPLE (64 * 1024)

/*
 * Pick the legacy encoding whose decoding of s reads best, or -1 when none
 * reads as Vietnamese.
 */
static int detect_legacy(const unsigned char *s, size_t len)
{
	static const enum enc cand[] = {
		ENC_CP1258, ENC_VNI, ENC_TCVN3, ENC_VISCII
	};
	long best_good = -1, best_total = 1;
	int best = -1;

	if (len > SAMPLE) {
		len = SAMPLE;
		while (len > SAMPLE / 2 && s[len - 1] != ' ' &&
		       s[len - 1] != '\n')
			len--;
	}
	for (size_t c = 0; c < sizeof(cand) / sizeof(*cand); c++) {
		struct buf raw = BUF_INIT, text = BUF_INIT;
		long good = 0, total = 0;

		if (!legacy_to_utf8(cand[c], s, len, &raw, NULL) &&
		    !normalise((unsigned char *)raw.s, raw.len, &text, NULL))
			score_text((unsigned char *)text.s, text.len, &good,
				   &total);
		buf_release(&raw);
		buf_release(&text);
		if (!total)
			total = 1, good = 1;	/* only punctuation */
		if (best < 0 || good * best_total > best_good * total ||
		    (good * best_total == best_good * total &&
		     good > best_good)) {
			best = (int)cand[c];
			best_good = good;
			best_total = total;
		}
	}
	return best_good * 2 >= best_total ? best : -1;
}

/*
 * Repair UTF-8 read as a Western encoding and written again (mojibake.h)
 * into fixed, when the repaired text reads as Vietnamese: it holds a
 * letter only Vietnamese uses and half its words with letters beyond ASCII
 * are syllables. (s itself holds no such letter: mojibake_undo() reads
 * only text a Western encoding can write.) Returns
 * the value of the encoding field for it, or NULL.
 */
static const char *repair(const unsigned char *s, size_t len,
			  struct buf *fixed)
{
	static const char *const labels[][2] = {
		{ "windows-1252", DECODE_REPAIRED "windows-1252 mojibake" },
		{ "windows-1258", DECODE_REPAIRED "windows-1258 mojibake" },
		{ "ISO-8859-1", DECODE_REPAIRED "ISO-8859-1 mojibake" },
	};
	const char *from = mojibake_undo(s, len, fixed);
	long good, total;
	int vietnamese = 0;

	if (!from)
		return NULL;
	score_text((unsigned char *)fixed->s, fixed->len, &good, &total);
	for (size_t i = 0, k; i < fixed->len && !vietnamese; i += k)
		vietnamese = is_vietnamese_only(
			utf8_get((unsigned char *)fixed->s + i, &k));
	if (!vietnamese || good * 2 < total)
		return NULL;
	for (size_t i = 0; i < sizeof(labels) / sizeof(*labels); i++)
		if (!strcmp(from, labels[i][0]))
			return labels[i][1];
	return NULL;
}

/*
 * UTF-16 without a BOM: most of the text is ASCII or Latin, so one byte of
 * each pair is NUL. Returns ENC_UTF16LE, ENC_UTF16BE or -1.
 */
static int detect_utf16(const unsigned char *s, size_t len)
{
	size_t n = len < 4096 ? len : 4096, zero[2] = { 0, 0 };

	if (len % 2)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!s[i])
			zero[i % 2]++;
	if (zero[1] * 4 >= n / 2 && zero[0] * 20 <= zero[1])
		return ENC_UTF16LE;
	if (zero[0] * 4 >= n / 2 && zero[1] * 20 <= zero[0])
		return ENC_UTF16BE;
	return -1;
}

enum nc_status decode_text(const unsigned char *bytes, size_t len,
			   const char *encoding, struct buf *out,
			   const char **used, struct nc_error *err)
{
	struct buf tmp = BUF_INIT;
	const char *repaired = NULL;
	enum nc_status ret;
	int e = -1;
	size_t valid;

	if (encoding) {
		e = enc_lookup(encoding);
		if (e < 0)
			return nc_fail(err, NC_EUSAGE, "unknown encoding '%s'",
				       encoding);
	} else if (len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3)) {
		e = ENC_UTF8;
	} else if (len >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) {
		e = ENC_UTF16LE;
	} else if (len >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) {
		e = ENC_UTF16BE;
	}
	if (e != ENC_UTF16LE && e != ENC_UTF16BE && memchr(bytes, 0, len)) {
		if (e < 0)
			e = detect_utf16(bytes, len);
		if (e < 0 || e == ENC_UTF8 || e > ENC_UTF16BE)
			return nc_fail(err, NC_EDATA,
				       "binary data (NUL bytes)");
	}
	*used = NULL;
	switch (e) {
	case ENC_UTF16LE:
	case ENC_UTF16BE:
		if (len >= 2 && ((e == ENC_UTF16LE && bytes[0] == 0xFF &&
				  bytes[1] == 0xFE) ||
				 (e == ENC_UTF16BE && bytes[0] == 0xFE &&
				  bytes[1] == 0xFF))) {
			bytes += 2;
			len -= 2;
		}
		ret = utf16_to_utf8(bytes, len, e == ENC_UTF16BE, &tmp, err);
		if (!ret)
			ret = normalise((unsigned char *)tmp.s, tmp.len, out,
					err);
		break;
	case ENC_UTF8:
	case -1:
		if (len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3)) {
			bytes += 3;
			len -= 3;
			e = ENC_UTF8;
		}
		valid = utf8_valid_prefix(bytes, len);
		if (valid == len && !encoding && mojibake_suspect(bytes, len) &&
		    (repaired = repair(bytes, len, &tmp))) {
			ret = normalise((unsigned char *)tmp.s, tmp.len, out,
					err);
			break;
		}
		if (valid == len) {
			e = ENC_UTF8;
			ret = normalise(bytes, len, out, err);
			break;
		}
		if (e == ENC_UTF8)
			return nc_fail(err, NC_EDATA,
				       "invalid UTF-8 at byte %zu", valid);
		e = detect_legacy(bytes, len);
		if (e < 0)
			return nc_fail(err, NC_EDATA,
				       "not valid UTF-8 and not a known "
				       "Vietnamese encoding");
		/* fall through */
	default:
		ret = legacy_to_utf8((enum enc)e, bytes, len, &tmp, err);
		if (!ret)
			ret = normalise((unsigned char *)tmp.s, tmp.len, out,
					err);
	}
	buf_release(&tmp);
	if (!ret)
		*used = repaired ? repaired : enc_names[e];
	return ret;
}
