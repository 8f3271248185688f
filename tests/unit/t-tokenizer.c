/*
 * t-tokenizer.c - the FTS5 tokenizer "vietnamese": the token table in
 * tests/data/tokens.tsv, offsets, limits, and MATCH queries on an
 * in-memory database.
 */
#include "tokenizer.h"
#include "tap.h"
#include "testdata.h"

#include <stdlib.h>

#include <sqlite3.h>

#include "buf.h"

/* Collects tokens as "a +b c" plus their offsets. */
struct got {
	struct buf s;
	int n, starts[64], ends[64];
	int stop_after;		/* return SQLITE_ABORT at this token */
};

static int collect(void *ctx, int tflags, const char *tok, int ntok,
		   int start, int end)
{
	struct got *g = ctx;

	if (g->s.len)
		buf_addc(&g->s, ' ');
	if (tflags & FTS5_TOKEN_COLOCATED)
		buf_addc(&g->s, '+');
	buf_add(&g->s, tok, (size_t)ntok);
	if (g->n < 64) {
		g->starts[g->n] = start;
		g->ends[g->n] = end;
	}
	g->n++;
	if (g->stop_after && g->n == g->stop_after)
		return SQLITE_ABORT;
	return SQLITE_OK;
}

static int run(int flags, const char *text, struct got *g)
{
	buf_reset(&g->s);
	g->n = 0;
	return tokenizer_run(flags, text, (int)strlen(text), g, collect);
}

static void table_tests(void)
{
	FILE *f = open_data("tokens.tsv");
	struct got g = { BUF_INIT, 0, { 0 }, { 0 }, 0 };
	char line[1024];
	int n = 0;

	if (!ok(f != NULL, "tests/data/tokens.tsv opens"))
		return;
	while (fgets(line, sizeof(line), f)) {
		char *in, *want, name[1200];
		int flags;

		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		in = strchr(line, '\t');
		want = in ? strchr(in + 1, '\t') : NULL;
		if (!want) {
			ok(0, "tokens.tsv: '%s' has three columns", line);
			continue;
		}
		*in++ = '\0';
		*want++ = '\0';
		unescape(in);
		if (!strcmp(line, "doc"))
			flags = FTS5_TOKENIZE_DOCUMENT;
		else if (!strcmp(line, "aux"))
			flags = FTS5_TOKENIZE_AUX;
		else if (!strcmp(line, "query"))
			flags = FTS5_TOKENIZE_QUERY;
		else
			flags = FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX;
		run(flags, in, &g);
		snprintf(name, sizeof(name), "%s '%s'", line, in);
		is_str(g.s.s, want, name);
		n++;
	}
	fclose(f);
	ok(n >= 40, "tokens.tsv has %d cases", n);
	buf_release(&g.s);
}

static void offset_tests(void)
{
	struct got g = { BUF_INIT, 0, { 0 }, { 0 }, 0 };
	char big[2000];
	int rc;

	run(FTS5_TOKENIZE_DOCUMENT, "Đảng ủy", &g);
	ok(g.n == 4 && g.starts[0] == 0 && g.ends[0] == 7 &&
	   g.starts[1] == 0 && g.ends[1] == 7 && g.starts[2] == 8 &&
	   g.ends[2] == 12, "offsets are UTF-8 bytes of the input");
	/* "Da" U+0323 U+0302 "n": dận, 7 bytes in NFD */
	run(FTS5_TOKENIZE_DOCUMENT, " Da\xcc\xa3\xcc\x82n.", &g);
	ok(g.n == 2 && g.starts[0] == 1 && g.ends[0] == 8,
	   "offsets of an NFD token are those of the original bytes");
	run(FTS5_TOKENIZE_DOCUMENT, "TP.HCM x", &g);
	ok(g.n == 4 && g.starts[2] == 0 && g.ends[2] == 6 &&
	   g.starts[1] == 3, "a joined form spans all its parts");

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	run(FTS5_TOKENIZE_DOCUMENT, big, &g);
	ok(g.n == 1 && g.s.len == TOKENIZER_MAX_TOKEN &&
	   g.ends[0] == (int)sizeof(big) - 1,
	   "a long word is cut to TOKENIZER_MAX_TOKEN bytes");
	for (int i = 0; i + 2 < (int)sizeof(big); i += 2)
		memcpy(big + i, "\xc3\xa0", 2);		/* à */
	big[sizeof(big) - 2] = 'x';
	run(FTS5_TOKENIZE_QUERY, big, &g);
	ok(g.n == 1 && g.s.len <= TOKENIZER_MAX_TOKEN &&
	   g.s.len % 2 == 0, "the cut falls on a code point boundary");

	g.stop_after = 2;
	rc = run(FTS5_TOKENIZE_DOCUMENT, "một hai ba bốn", &g);
	ok(rc == SQLITE_ABORT && g.n == 2,
	   "xToken's error stops the tokenizer and is returned");
	g.stop_after = 0;

	run(FTS5_TOKENIZE_DOCUMENT, "ab\xff" "cd \xe1\xba", &g);
	is_str(g.s.s, "ab cd", "invalid UTF-8 separates tokens");
	run(FTS5_TOKENIZE_DOCUMENT, "", &g);
	is_int(g.n, 0, "empty text has no tokens");
	buf_release(&g.s);
}

/* The docs the MATCH tests search; rowid = index + 1. */
static const char *const docs[] = {
	"Ban Chấp hành Đảng bộ tỉnh họp phiên thường kỳ.",	/* 1 */
	"Chúng tôi đang chờ kết quả.",				/* 2 */
	"Loại hình dạng sóng mới.",				/* 3 */
	"Hai bên cam kết giữ hoà bình lâu dài.",		/* 4 */
	"Phong trào dân vận khéo ở cơ sở.",			/* 5 */
	"Anh ấy dẫn đoàn đi tham quan.",			/* 6 */
	"Giá vàng hôm nay tăng mạnh.",				/* 7 */
	"Ký kết hiệp ước hòa bình.",				/* 8 */
	"TP.HCM ngày 12/10/2017: số ca COVID-19 giảm 5,5%",	/* 9 */
	"Xe buýt TPHCM chạy đêm.",				/* 10 */
	"Đoàn công tác đến TP HCM.",				/* 11 */
	"Tha\xcc\x80nh uy\xcc\x89 ho\xcc\xa3p.",	/* 12, NFD */
	"Vietnam signs a trade deal.",				/* 13 */
	"中国人民",						/* 14 */
	"Uỷ ban xã Thuỷ Xuân lo sức khoẻ cho trẻ em.",		/* 15 */
	"Nhà máy thủy điện báo cáo ủy ban: sức khỏe tốt.",	/* 16 */
	"100 + 2017 = 2117",					/* 17 */
};

/* The rowids matching query, as "1 2 3", or "error". */
static void matches(sqlite3 *db, const char *query, struct buf *out)
{
	sqlite3_stmt *st;

	buf_reset(out);
	if (sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1 "
			       "ORDER BY rowid", -1, &st, NULL)) {
		buf_adds(out, "error");
		return;
	}
	sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		buf_addf(out, "%s%lld", out->len ? " " : "",
			 sqlite3_column_int64(st, 0));
	if (sqlite3_finalize(st))
		buf_adds(out, "error");
}

static void highlight_is(sqlite3 *db, const char *query, int rowid,
			 const char *want)
{
	sqlite3_stmt *st;
	char name[256];
	const char *got = NULL;

	snprintf(name, sizeof(name), "highlight of '%s' in doc %d", query,
		 rowid);
	if (sqlite3_prepare_v2(db, "SELECT highlight(t, 0, '[', ']') FROM t"
			       " WHERE t MATCH ?1 AND rowid = ?2", -1, &st,
			       NULL)) {
		ok(0, "%s", name);
		return;
	}
	sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, rowid);
	if (sqlite3_step(st) == SQLITE_ROW)
		got = (const char *)sqlite3_column_text(st, 0);
	is_str(got, want, name);
	sqlite3_finalize(st);
}

static void match_tests(void)
{
	static const struct {
		const char *query, *want;
	} cases[] = {
		{ "dang", "1 2 3" },
		{ "Đảng", "1" },
		{ "ĐẢNG", "1" },
		{ "\xc3\x90\xe1\xba\xa2NG", "1" },		/* ÐẢNG */
		{ "Đa\xcc\x89ng", "1" },			/* NFD */
		{ "đang", "2" },
		{ "hoà bình", "4 8" },
		{ "hòa bình", "4 8" },
		{ "\"hoa binh\"", "4 8" },
		{ "\"dan van\"", "5" },
		{ "DÂN VẬN", "5" },
		{ "da\xcc\x82n", "5" },				/* NFD dân */
		{ "dân", "5" },
		{ "dẫn", "6" },
		{ "dan", "5 6" },
		{ "gia vang", "7" },
		{ "\"giá vàng\"", "7" },
		{ "tphcm", "9 10 11" },	/* 11: TP HCM, a variant */
		{ "\"TP.HCM\"", "9 11" },
		{ "\"COVID-19\"", "9" },
		{ "covid19", "9" },
		{ "12102017", "9" },
		{ "\"12/10/2017\"", "9" },
		{ "55", "9" },
		{ "thành ủy", "12" },
		{ "\"thanh uy hop\"", "12" },
		{ "VIETNAM", "13" },
		{ "中", "14" },
		{ "\"中国\"", "14" },
		{ "dâ*", "5" },
		{ "dan*", "1 2 3 5 6" },
		{ "quan", "6" },
		/* new (15) and old (16) tone placement match alike */
		{ "khoẻ", "15 16" },
		{ "khỏe", "15 16" },
		{ "KHOẺ", "15 16" },
		{ "kho\xcc\x89" "e", "15 16" },			/* NFD khỏe */
		{ "khoe", "15 16" },
		{ "thuỷ", "15 16" },
		{ "THỦY", "15 16" },
		{ "\"uỷ ban\"", "15 16" },
		{ "\"ủy ban\"", "15 16" },
		{ "uỷ", "12 15 16" },
		{ "uy", "12 15 16" },
		{ "\"thuy xuan\"", "15" },
		/* numbers only */
		{ "2017", "9 17" },
		{ "\"100 2017\"", "17" },
		{ "2117", "17" },
	};
	struct buf got = BUF_INIT;
	sqlite3 *db;
	sqlite3_stmt *ins;
	int rc;

	rc = sqlite3_open(":memory:", &db);
	is_int(rc, SQLITE_OK, "open an in-memory database");
	is_int(tokenizer_register(db, NULL), SQLITE_OK, "tokenizer_register");
	rc = sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(body,"
			  " tokenize='vietnamese')", NULL, NULL, NULL);
	is_int(rc, SQLITE_OK, "create an fts5 table on it");
	rc = sqlite3_exec(db, "CREATE VIRTUAL TABLE u USING fts5(body,"
			  " tokenize='vietnamese remove_diacritics 1')",
			  NULL, NULL, NULL);
	ok(rc != SQLITE_OK, "an argument to the tokenizer is an error");

	sqlite3_prepare_v2(db, "INSERT INTO t(rowid, body) VALUES(?1, ?2)",
			   -1, &ins, NULL);
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		sqlite3_bind_int(ins, 1, (int)i + 1);
		sqlite3_bind_text(ins, 2, docs[i], -1, SQLITE_STATIC);
		rc = sqlite3_step(ins);
		sqlite3_reset(ins);
		if (rc != SQLITE_DONE)
			break;
	}
	sqlite3_finalize(ins);
	is_int(rc, SQLITE_DONE, "insert the documents");

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char name[256];

		matches(db, cases[i].query, &got);
		snprintf(name, sizeof(name), "MATCH '%s'", cases[i].query);
		is_str(got.s, cases[i].want, name);
	}

	highlight_is(db, "dang", 1,
		     "Ban Chấp hành [Đảng] bộ tỉnh họp phiên thường kỳ.");
	highlight_is(db, "\"hoa binh\"", 4,
		     "Hai bên cam kết giữ [hoà bình] lâu dài.");
	/* the joined form sits at its last part, so that part is marked */
	highlight_is(db, "tphcm", 9,
		     "TP.[HCM] ngày 12/10/2017: số ca COVID-19 giảm 5,5%");
	highlight_is(db, "thanh", 12,
		     "[Tha\xcc\x80nh] uy\xcc\x89 ho\xcc\xa3p.");

	buf_release(&got);
	sqlite3_close(db);
}

/* The rows of the fts5vocab table named vocab, as "term col doc off;". */
static void vocab_rows(sqlite3 *db, const char *vocab, struct buf *out)
{
	char sql[128];
	sqlite3_stmt *st;

	buf_reset(out);
	snprintf(sql, sizeof(sql), "SELECT term, doc, col, offset FROM %s"
		 " ORDER BY 1, 2, 3, 4", vocab);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW)
		buf_addf(out, "%s %d %d %d;", sqlite3_column_text(st, 0),
			 sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
			 sqlite3_column_int(st, 3));
	sqlite3_finalize(st);
}

/* A tape replays exactly the tokens the tokenizer would give. */
static void tape_tests(void)
{
	static const char *cols[][2] = {
		{ "Hoà bình ở TP.HCM", "Đảng bộ COVID-19 12/10/2017 khoẻ" },
		{ "Tiêu đề khác", "Nội dung không được ghi trước" },
	};
	struct tokenizer_tape *slot = NULL, *tape = tokenizer_tape_new();
	struct buf a = BUF_INIT, b = BUF_INIT;
	sqlite3 *db;
	sqlite3_stmt *ins;
	int rc;

	sqlite3_open(":memory:", &db);
	is_int(tokenizer_register(db, &slot), SQLITE_OK,
	       "tokenizer_register with a slot");
	sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, body,"
		     " tokenize='vietnamese');"
		     "CREATE VIRTUAL TABLE u USING fts5(title, body,"
		     " tokenize='vietnamese');"
		     "CREATE VIRTUAL TABLE tv USING fts5vocab(t, instance);"
		     "CREATE VIRTUAL TABLE uv USING fts5vocab(u, instance);",
		     NULL, NULL, NULL);
	/* the first row's columns recorded: t is filled with the tape in
	 * the slot, u without */
	tokenizer_tape_record(tape, cols[0][0], (int)strlen(cols[0][0]));
	tokenizer_tape_record(tape, cols[0][1], (int)strlen(cols[0][1]));
	for (int tbl = 0; tbl < 2; tbl++) {
		sqlite3_prepare_v2(db, tbl ? "INSERT INTO u VALUES (?, ?)"
				   : "INSERT INTO t VALUES (?, ?)", -1, &ins,
				   NULL);
		slot = tbl ? NULL : tape;
		for (int r = 0; r < 2; r++) {
			sqlite3_bind_text(ins, 1, cols[r][0], -1, SQLITE_STATIC);
			sqlite3_bind_text(ins, 2, cols[r][1], -1, SQLITE_STATIC);
			rc = sqlite3_step(ins);
			sqlite3_reset(ins);
			is_int(rc, SQLITE_DONE, tbl ? "insert into u"
			       : "insert into t, with the tape");
		}
		sqlite3_finalize(ins);
		slot = NULL;
	}
	is_int(tokenizer_tape_replayed(tape), 2,
	       "the two recorded texts were replayed, the others not");
	vocab_rows(db, "tv", &a);
	vocab_rows(db, "uv", &b);
	ok(a.len > 0, "the index holds tokens");
	is_str(a.s, b.s, "with or without the tape, the same index");

	/* a query is never replayed */
	slot = tape;
	rc = sqlite3_exec(db, "SELECT * FROM t WHERE t MATCH 'hoà'", NULL,
			  NULL, NULL);
	slot = NULL;
	is_int(tokenizer_tape_replayed(tape), 2, "queries are tokenized anew");
	tokenizer_tape_reset(tape);
	is_int(tokenizer_tape_replayed(tape), 0, "reset empties the tape");
	tokenizer_tape_free(tape);
	buf_release(&a);
	buf_release(&b);
	sqlite3_close(db);
}

int main(void)
{
	table_tests();
	offset_tests();
	match_tests();
	tape_tests();
	return done_testing();
}
