/*
 * fuzz-query.c - libFuzzer target: query_parse() over arbitrary text, and
 * every expression it accepts run as MATCH against a small FTS5 table
 * with the store's columns and tokenizer. query.c quotes every word, so
 * FTS5 must never reject what the parser produced: a syntax error from
 * SQLite is a finding.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "buf.h"
#include "query.h"
#include "tokenizer.h"

#define FUZZ_QUERY_MAX (256 * 1024)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *db;
static sqlite3_stmt *match;

static void die(const char *what)
{
	fprintf(stderr, "fuzz-query: %s: %s\n", what,
		db ? sqlite3_errmsg(db) : "no database");
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char setup[] =
		"CREATE VIRTUAL TABLE t USING fts5(title, lead, body,"
		" captions, section, byline, source,"
		" tokenize='" TOKENIZER_NAME "');"
		"INSERT INTO t VALUES('Dân vận khéo', 'Hoà bình',"
		" 'Giá vàng tăng ở TP.HCM ngày 12/10/2017, COVID-19',"
		" 'Ảnh: TTXVN', 'Thời sự', 'Minh Anh', 'baomoi');"
		"INSERT INTO t VALUES('Đảng và đang', 'vùng lũ',"
		" 'dẫn đường, dân', '', 'Kinh tế', '', 'vnexpress');";

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		die("open");
	if (tokenizer_register(db, NULL) != SQLITE_OK)
		die("tokenizer");
	if (sqlite3_exec(db, setup, NULL, NULL, NULL) != SQLITE_OK)
		die("setup");
	if (sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1",
			       -1, &match, NULL) != SQLITE_OK)
		die("prepare");
	return 0;
}

/* Run expr as MATCH; abort if FTS5 cannot read it. */
static void run_match(const struct buf *expr)
{
	int rc;

	if (!expr->len)
		return;
	sqlite3_bind_text(match, 1, expr->s, (int)expr->len, SQLITE_STATIC);
	while ((rc = sqlite3_step(match)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "fuzz-query: FTS5 rejects <%s>: %s\n",
			expr->s, sqlite3_errmsg(db));
		abort();
	}
	sqlite3_reset(match);
	sqlite3_clear_bindings(match);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct query q = QUERY_INIT;
	struct nc_error err;
	char *text;

	/* large enough for chains of NOT, fields and parentheses deeper
	 * than the stack (run.sh raises libFuzzer's -max_len to match) */
	if (size > FUZZ_QUERY_MAX)
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (query_parse(&q, text, &err) == NC_OK) {
		run_match(&q.match);
		run_match(&q.exclude);
	} else if (q.match.len || q.exclude.len || !err.msg[0]) {
		abort();	/* on error q is left empty, err says why */
	}
	query_release(&q);
	free(text);
	return 0;
}
