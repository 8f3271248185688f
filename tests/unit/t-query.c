/*
 * t-query.c - the query language: FTS5 expressions, dates, errors.
 */
#include <stdio.h>
#include <string.h>

#include "query.h"
#include "tap.h"

#define TXT "{title lead body captions} : "

/* The match expression for text, or "ERROR: message". */
static const char *parse(const char *text, int flags)
{
	static char out[4096];
	struct query q = QUERY_INIT;
	struct nc_error err = { 0 };

	if (query_parse_flags(&q, text, flags, &err))
		snprintf(out, sizeof(out), "ERROR: %s", err.msg);
	else
		snprintf(out, sizeof(out), "%s", q.match.s);
	query_release(&q);
	return out;
}

static void expr(const char *text, const char *want)
{
	is_str(parse(text, 0), want, text);
}

/* The same with the abbreviations left as typed (search --no-expand). */
static void expr_plain(const char *text, const char *want)
{
	is_str(parse(text, QUERY_NO_EXPAND), want, text);
}

/* The query's sequence (query.h: seq), or "" when it has none. */
static void seq(const char *text, const char *want)
{
	struct query q = QUERY_INIT;
	struct nc_error err = { 0 };

	if (!ok(!query_parse(&q, text, &err), "'%s' parses", text))
		printf("#   %s\n", err.msg);
	is_str(q.seq.len ? q.seq.s : "", want, "the sequence");
	query_release(&q);
}

/* An error whose message holds want. */
static void error(const char *text, const char *want)
{
	const char *got = parse(text, 0);

	if (!ok(!strncmp(got, "ERROR: ", 7) && strstr(got, want),
		"'%s' is an error mentioning '%s'", text, want))
		printf("#   got: %s\n", got);
}

/* Parses without error, and no FTS5 operator comes from the user. */
static void literal(const char *text)
{
	const char *got = parse(text, 0);

	ok(strncmp(got, "ERROR: ", 7) != 0, "'%.30s' is accepted", text);
}

static void dates(const char *text, const char *since, const char *until,
		  const char *match)
{
	struct query q = QUERY_INIT;
	struct nc_error err = { 0 };

	if (!ok(!query_parse(&q, text, &err), "'%s' parses", text))
		printf("#   %s\n", err.msg);
	is_str(q.since, since, "since");
	is_str(q.until, until, "until");
	is_str(q.match.s, match, "match");
	query_release(&q);
}

/* Abbreviations and their long forms: every family of the list. */
static void abbreviations(void)
{
	static const struct {
		const char *typed, *want;
	} cases[] = {
		{ "UBND", "((@'UBND' OR @'ủy ban nhân dân'))" },
		{ "ubnd", "((@'ubnd' OR @'ủy ban nhân dân'))" },
		{ "\"Ủy ban nhân dân\"", "((@'Ủy ban nhân dân' OR @'ubnd'))" },
		{ "\"uỷ ban nhân dân\"", "((@'uỷ ban nhân dân' OR @'ubnd'))" },
		{ "HĐND", "((@'HĐND' OR @'hội đồng nhân dân'))" },
		{ "HDND", "((@'HDND' OR @'hoi dong nhan dan'))" },
		{ "THPT", "((@'THPT' OR @'trung học phổ thông'))" },
		{ "CSGT", "((@'CSGT' OR @'cảnh sát giao thông'))" },
		{ "ĐBQH", "((@'ĐBQH' OR @'đại biểu quốc hội'))" },
		{ "TTXVN",
		  "((@'TTXVN' OR @'thông tấn xã việt nam'))" },
		{ "TPHCM", "((@'TPHCM' OR @'tp hcm' OR "
		  "@'tp hồ chí minh' OR @'thành phố hồ chí minh'))" },
		{ "TP.HCM", "((@'TP.HCM' OR @'tphcm' OR @'tp hồ chí minh' OR "
		  "@'thành phố hồ chí minh'))" },
		{ "\"TP HCM\"", "((@'TP HCM' OR @'tphcm' OR @'tp hồ chí minh' "
		  "OR @'thành phố hồ chí minh'))" },
		{ "\"Tp. HCM\"", "((@'Tp. HCM' OR @'tphcm' OR "
		  "@'tp hồ chí minh' OR @'thành phố hồ chí minh'))" },
		{ "\"TP Hồ Chí Minh\"", "((@'TP Hồ Chí Minh' OR @'tphcm' OR "
		  "@'tp hcm' OR @'thành phố hồ chí minh'))" },
		{ "\"Thành phố Hồ Chí Minh\"",
		  "((@'Thành phố Hồ Chí Minh' OR @'tphcm' OR @'tp hcm' OR "
		  "@'tp hồ chí minh'))" },
		{ "Covid-19", "((@'Covid-19' OR @'covid19'))" },
		{ "covid19", "((@'covid19' OR @'covid 19'))" },
		{ "\"COVID 19\"", "((@'COVID 19' OR @'covid19'))" },
		/* not on the list, or a prefix: as typed */
		{ "UBN", "(@'UBN')" },
		{ "UBND*", "(@'UBND' *)" },
	};
	char want[1024];

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		size_t n = 0;

		/* @ stands for the text columns, ' for a double quote */
		for (const char *w = cases[i].want; *w && n + 40 < sizeof(want);
		     w++)
			if (*w == '@')
				n += (size_t)snprintf(want + n, sizeof(want) - n,
						      "%s", TXT);
			else
				want[n++] = *w == '\'' ? '"' : *w;
		want[n] = '\0';
		expr(cases[i].typed, want);
	}
	expr_plain("UBND", "(" TXT "\"UBND\")");
	expr("title:UBND", "(({title} : \"UBND\" OR "
	     "{title} : \"ủy ban nhân dân\"))");
}

/* Curly quotes and guillemets make a phrase, as straight quotes do. */
static void curly_quotes(void)
{
	const char *want = "(" TXT "\"dân vận khéo\")";

	expr("\"dân vận khéo\"", want);
	expr("\u201Cdân vận khéo\u201D", want);
	expr("\u201Cdân vận khéo\u201C", want);
	expr("\u201Ddân vận khéo\u201D", want);
	expr("\u201Edân vận khéo\u201D", want);
	expr("\u2018dân vận khéo\u2019", want);
	expr("\u00ABdân vận khéo\u00BB", want);
	expr("\u00AB dân vận khéo \u00BB", "(" TXT "\" dân vận khéo \")");
	expr("\u201Cdân vận\u201D khéo",
	     "(" TXT "\"dân vận\" AND " TXT "\"khéo\")");
	expr("\u201Cdân vận\u201D*", "(" TXT "\"dân vận\" *)");
	error("\u201Cdân vận", "unbalanced quote at column 1");
	error("\u00ABdân vận", "unbalanced quote at column 1");
	/* zero-width characters, as in decoded text */
	expr("Vi\u1EC7t\u200BNam",
	     "(" TXT "\"Vi\u1EC7t\" AND " TXT "\"Nam\")");
	expr("\"Vi\u1EC7t\u200BNam\"", "(" TXT "\"Vi\u1EC7t Nam\")");
	expr("h\u200Boa", "(" TXT "\"hoa\")");
	/* an apostrophe inside a word is not a quote */
	expr("Xuân\u2019s", "(" TXT "\"Xuân\u2019s\")");
}

/* Every recursive rule is bounded: chains of a million levels. */
static void deep_chains(void)
{
	static const char *const links[] = { "NOT ", "title: ", "(" };
	struct buf chain = BUF_INIT;

	for (size_t k = 0; k < ARRAY_SIZE(links); k++) {
		buf_reset(&chain);
		for (int i = 0; i < 1000000; i++)
			buf_adds(&chain, links[k]);
		buf_adds(&chain, "x");
		ok(strstr(parse(chain.s, 0), "nested too deep at column") !=
		   NULL, "a million '%s' in a chain are refused", links[k]);
	}
	buf_release(&chain);
	error("a NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT "
	      "NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT NOT "
	      "NOT NOT NOT b", "NOT nested too deep at column 131");
	expr("title: title: dân", "({title} : \"dân\")");
}

int main(void)
{
	struct query q = QUERY_INIT;
	struct nc_error err = { 0 };
	char big[12000];

	expr("dân", "(" TXT "\"dân\")");
	expr("dân vận khéo", "(" TXT "\"dân\" AND " TXT "\"vận\" AND "
	     TXT "\"khéo\")");
	expr("\"dân vận\" khéo", "(" TXT "\"dân vận\" AND " TXT "\"khéo\")");
	expr("thành*", "(" TXT "\"thành\" *)");
	expr("\"thành phố\"*", "(" TXT "\"thành phố\" *)");
	expr("vàng OR bạc", "((" TXT "\"vàng\" OR " TXT "\"bạc\"))");
	expr("giá vàng OR bạc", "(" TXT "\"giá\" AND (" TXT "\"vàng\" OR "
	     TXT "\"bạc\"))");
	expr("a AND b", "(" TXT "\"a\" AND " TXT "\"b\")");
	expr("bão -lũ", "(" TXT "\"bão\") NOT (" TXT "\"lũ\")");
	expr("bão NOT lũ", "(" TXT "\"bão\") NOT (" TXT "\"lũ\")");
	expr("bão -lũ -lụt", "(" TXT "\"bão\") NOT (" TXT "\"lũ\" OR "
	     TXT "\"lụt\")");
	expr("(a OR b) c", "((" TXT "\"a\" OR " TXT "\"b\") AND " TXT "\"c\")");
	expr("(a b) OR c", "((((" TXT "\"a\" AND " TXT "\"b\")) OR " TXT "\"c\"))");
	expr("(a -b) OR c", "((((" TXT "\"a\") NOT (" TXT "\"b\")) OR "
	     TXT "\"c\"))");
	expr("title:bão", "({title} : \"bão\")");
	expr("TITLE:bão", "({title} : \"bão\")");
	expr("title:\"cơn bão\"", "({title} : \"cơn bão\")");
	expr("title:(a OR b)", "(({title} : \"a\" OR {title} : \"b\"))");
	expr("title: bão", "({title} : \"bão\")");
	expr("author:Hải", "({byline} : \"Hải\")");
	expr("section:\"thể thao\"", "({section} : \"thể thao\")");
	expr("source:baomoi", "({source} : \"baomoi\")");
	expr("lead:a body:b caption:c", "({lead} : \"a\" AND {body} : \"b\" AND"
	     " {captions} : \"c\")");
	expr("title:(a author:b)", "({title} : \"a\" AND {byline} : \"b\")");
	expr("-title:x y", "(" TXT "\"y\") NOT ({title} : \"x\")");

	/* punctuation and FTS5 keywords stay literal */
	expr_plain("COVID-19", "(" TXT "\"COVID-19\")");
	expr_plain("TP.HCM", "(" TXT "\"TP.HCM\")");
	expr("5,5%", "(" TXT "\"5,5%\")");
	expr("AND", "(" TXT "\"AND\")");
	expr("OR", "(" TXT "\"OR\")");
	expr("a OR", "(" TXT "\"a\" AND " TXT "\"OR\")");
	expr("or and not near", "(" TXT "\"or\" AND " TXT "\"and\" AND " TXT
	     "\"not\" AND " TXT "\"near\")");
	expr("NOT", "(" TXT "\"NOT\")");
	expr("NEAR", "(" TXT "\"NEAR\")");
	expr("^a", "(" TXT "\"^a\")");
	expr("a:b", "(" TXT "\"a:b\")");
	expr("10:30", "(" TXT "\"10:30\")");
	expr("say \"\"hi\"\"", "(" TXT "\"say\" AND " TXT "\"hi\")");
	expr("a - b", "(" TXT "\"a\" AND " TXT "\"b\")");
	expr("a * b", "(" TXT "\"a\" AND " TXT "\"b\")");
	expr("a 😀", "(" TXT "\"a\")");
	expr("a OR 😀", "(" TXT "\"a\")");
	expr("{title}:x", "(" TXT "\"{title}:x\")");
	expr("a\xc2\xa0" "b", "(" TXT "\"a\" AND " TXT "\"b\")");

	/* errors name the problem and its column */
	error("", "empty query");
	error("   ", "empty query");
	error("\"unbalanced", "unbalanced quote at column 1");
	error("dân \"vận", "unbalanced quote at column 5");
	error("(", "unbalanced parenthesis at column 1");
	error("a (b", "unbalanced parenthesis at column 3");
	error("a b)", "unbalanced parenthesis at column 4");
	error("NEAR(", "unbalanced parenthesis at column 5");
	error("ẩm (b", "unbalanced parenthesis at column 4");
	error("title:", "'title:' needs a word after it at column 1");
	error("x title:", "'title:' needs a word after it at column 3");
	error("-", "no letter or digit");
	error("*", "no letter or digit");
	error("^", "no letter or digit");
	error("\"", "unbalanced quote");
	error("😀", "no letter or digit");
	error("a OR -b", "cannot be one side of OR at column 6");
	expr("a (-b)", "(" TXT "\"a\") NOT (" TXT "\"b\")");
	error("(-a -b) OR c", "nothing left to search for");
	error("a OR (-b)", "cannot be one side of OR");
	error("date:", "needs a date");
	error("date:soon", "'date:soon' is not a date");
	error("date:..", "is not a date");
	error("a OR date:2017", "'date:' cannot be one side of OR");
	error("(a date:2017) OR c", "'date:' cannot stand inside");
	error("title: date:2017", "a field cannot hold 'date:'");
	expr("title:date:2017", "({title} : \"date:2017\")");
	error("((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))"
	      "))))))", "nested too deep");

	/* dates */
	dates("date:2017-10 bão", "2017-10", "2017-10", "(" TXT "\"bão\")");
	dates("date:2017-10-01..2017-10-15", "2017-10-01", "2017-10-15", "");
	dates("date:2017-10-01.. a", "2017-10-01", "", "(" TXT "\"a\")");
	dates("date:..2017-10 a", "", "2017-10", "(" TXT "\"a\")");
	dates("date:12/10/2017 a", "2017-10-12", "2017-10-12",
	      "(" TXT "\"a\")");
	dates("date:2017 date:2017-10-05..2018", "2017-10-05", "2017", "");

	/* a query of exclusions only */
	ok(!query_parse(&q, "-bão -lũ", &err), "exclusions alone parse");
	is_str(q.match.s, "", "they leave no match");
	is_str(q.exclude.s, TXT "\"bão\" OR " TXT "\"lũ\"",
	       "and an exclude expression");
	query_narrow(&q, "2017-09", "2017-10-20");
	is_str(q.since, "2017-09", "query_narrow sets since");
	is_str(q.until, "2017-10-20", "query_narrow sets until");
	query_narrow(&q, "2017-08", "2017-10");
	is_str(q.since, "2017-09", "a wider since does not widen");
	is_str(q.until, "2017-10-20", "a wider until does not widen");
	query_release(&q);

	/* size limits */
	memset(big, 'a', 10000);
	big[10000] = '\0';
	literal(big);
	for (int i = 0; i < 10000; i += 2) {
		big[i] = 'a';
		big[i + 1] = ' ';
	}
	error(big, "query too long");
	for (int i = 0; i < 10000; i++)
		big[i] = "(\"-*)^"[i % 6];
	error("(\"-*)^", "unbalanced quote at column 2");
	ok(!strncmp(parse(big, 0), "ERROR: ", 7),
	   "a 10,000-character run of operators is refused with a message");

	/* the query as typed, for ranking */
	seq("dân vận khéo", TXT "\"dân vận khéo\"");
	seq("dan van kheo date:2017", TXT "\"dan van kheo\"");
	seq("\"dân vận\" khéo", TXT "\"dân vận khéo\"");
	seq("dân", "");
	seq("dân vận*", "");
	seq("dân OR vận", "");
	seq("dân -vận khéo", "");
	seq("title:dân vận", "");
	seq("(dân vận) khéo", TXT "\"dân vận khéo\"");
	abbreviations();
	curly_quotes();
	deep_chains();
	return done_testing();
}
