/* t-records.c - CSV and JSON Lines readers, detection, field mapping. */
#include "pieces.h"
#include "records.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#define U (const unsigned char *)

/* Read every row of s: values of FIELD f joined by '|', lines, errors. */
struct rows {
	char vals[1024];
	char lines[256];
	char bad[256];
	char msg[1100];
	int n;
};

/* read_all() in pieces of chunk bytes (0: whole). */
static size_t chunk;

static void read_rows(enum records_format fmt, const char *s,
		      const struct records_map *m, enum record_field f,
		      struct rows *out)
{
	struct records_reader *r;
	struct record rec;
	struct nc_error err = { 0 };
	enum nc_status st;
	long bad = 0;
	size_t len = strlen(s), head = chunk < len ? chunk : len;
	struct pieces pc = { { pieces_read }, U s, len, head, chunk };

	memset(out, 0, sizeof(*out));
	if (chunk ? records_open_stream(&r, fmt, U s, head, &pc.st,
					(size_t)-1 / 2, &err)
	    : records_open(&r, fmt, U s, len, &err)) {
		snprintf(out->msg, sizeof(out->msg), "open: %s", err.msg);
		return;
	}
	while ((st = records_next(r, &rec, &bad, &err)) != NC_NOMATCH) {
		struct buf b = BUF_INIT;
		char tmp[64];

		if (st) {
			snprintf(tmp, sizeof(tmp), "%s%ld", out->bad[0] ? "," :
				 "", bad);
			strcat(out->bad, tmp);
			snprintf(out->msg, sizeof(out->msg), "%s", err.msg);
			continue;
		}
		if (!record_field(&rec, m, f, &b))
			buf_adds(&b, "-");
		if (out->n)
			strcat(out->vals, "|");
		strncat(out->vals, b.s, sizeof(out->vals) -
			strlen(out->vals) - 1);
		snprintf(tmp, sizeof(tmp), "%s%ld", out->n ? "," : "",
			 rec.line);
		strcat(out->lines, tmp);
		out->n++;
		buf_release(&b);
	}
	records_close(r);
}

/* Streamed exports that read otherwise than whole, and those checked. */
static int stream_diffs, stream_checks;

/*
 * Read every row of s whole, then again streamed in pieces of 1, 3 and
 * 17 bytes, which must give the same rows, lines and errors.
 */
static void read_all(enum records_format fmt, const char *s,
		     const struct records_map *m, enum record_field f,
		     struct rows *out)
{
	static const size_t chunks[] = { 1, 3, 17 };
	struct rows again;

	chunk = 0;
	read_rows(fmt, s, m, f, out);
	for (size_t i = 0; i < ARRAY_SIZE(chunks); i++) {
		chunk = chunks[i];
		read_rows(fmt, s, m, f, &again);
		stream_checks++;
		if (memcmp(out, &again, sizeof(again))) {
			stream_diffs++;
			printf("# streamed by %zu: '%s' / '%s' lines '%s' / "
			       "'%s' bad '%s' / '%s' (%s / %s)\n", chunk,
			       out->vals, again.vals, out->lines, again.lines,
			       out->bad, again.bad, out->msg, again.msg);
		}
	}
}

static void test_detect(void)
{
	const char *csv = "id,title,content.text\n1,a,b\n";
	const char *jl = "{\"title\": \"Tin\", \"body\": \"Nội dung\"}\n";
	const char *txt = "Tiêu đề, một dòng\n\nNội dung bài.\n";

	is_int(records_detect("x.csv", U txt, strlen(txt)), RECORDS_CSV,
	       "a .csv name is CSV whatever it holds");
	is_int(records_detect("x.JSONL", U csv, strlen(csv)), RECORDS_JSONL,
	       "a .jsonl name is JSON Lines (case ignored)");
	is_int(records_detect("x.ndjson", U csv, strlen(csv)), RECORDS_JSONL,
	       "a .ndjson name is JSON Lines");
	is_int(records_detect("x.txt", U csv, strlen(csv)), RECORDS_TEXT,
	       "a .txt name is text whatever it holds");
	is_int(records_detect("-", U csv, strlen(csv)), RECORDS_CSV,
	       "standard input with a header row of known columns is CSV");
	is_int(records_detect("-", U jl, strlen(jl)), RECORDS_JSONL,
	       "standard input starting with a JSON object is JSON Lines");
	is_int(records_detect("noext", U txt, strlen(txt)), RECORDS_TEXT,
	       "a headline with a comma is not a CSV header");
	is_int(records_detect("-", U "{ không phải JSON\n", 20), RECORDS_TEXT,
	       "a brace that is not JSON is text");
}

static void test_csv(void)
{
	struct records_map m;
	struct rows r;

	records_map_init(&m);
	read_all(RECORDS_CSV,
		 "title,content\n"
		 "Một,\"có \"\"ngoặc\"\" và, dấu phẩy\"\n"
		 "Hai,\"dòng một\ndòng hai\"\r\n"
		 "\r\n"
		 "Ba,không ngoặc\r"
		 "Bốn,cuối tệp không xuống dòng", &m, RF_BODY, &r);
	is_int(r.n, 4, "four rows read");
	is_str(r.vals, "có \"ngoặc\" và, dấu phẩy|dòng một\ndòng hai|"
	       "không ngoặc|cuối tệp không xuống dòng",
	       "quotes, escaped quotes, commas and newlines inside fields");
	is_str(r.lines, "2,3,6,7", "rows start on lines 2, 3, 6 (after a "
	       "blank CRLF line) and a lone CR ends a row");
	is_str(r.bad, "", "no bad rows");

	read_all(RECORDS_CSV,
		 "\xef\xbb\xbfTitle,Body\n"
		 "Năm,\"\"\n"
		 "Sáu,nội dung\n", &m, RF_BODY, &r);
	is_str(r.vals, "-|nội dung", "a BOM is skipped, column names "
	       "match ignoring case, an empty quoted field is absent");

	read_all(RECORDS_CSV,
		 "title,body\n"
		 "Một,tốt\n"
		 "Hai,\"không đóng ngoặc\n"
		 "Ba,tốt nữa\n", &m, RF_TITLE, &r);
	is_str(r.bad, "3", "an unbalanced quote is reported on its line");
	ok(strstr(r.msg, "unbalanced quote") != NULL,
	   "the reason says unbalanced quote: %s", r.msg);
	is_str(r.vals, "Một|Ba", "the rows around it still come through");

	read_all(RECORDS_CSV,
		 "title,body\n"
		 "Một,\"đóng\"rồi lại viết\n"
		 "Hai,thừa,một cột\n"
		 "Ba,tốt\n", &m, RF_TITLE, &r);
	is_str(r.bad, "2,3", "text after a closing quote and a wrong number "
	       "of fields are bad rows");
	ok(strstr(r.msg, "3 fields, the header row has 2") != NULL,
	   "the reason gives the field counts: %s", r.msg);
	is_str(r.vals, "Ba", "the good row is read");

	read_all(RECORDS_CSV, "", &m, RF_TITLE, &r);
	is_str(r.msg, "open: no header row", "an empty CSV has no header");
	read_all(RECORDS_CSV, "\xff\xfet\0i\0", &m, RF_TITLE, &r);
	ok(strstr(r.msg, "UTF-16") != NULL, "UTF-16 CSV is refused: %s",
	   r.msg);
}

static void test_jsonl(void)
{
	struct records_map m;
	struct rows r;

	records_map_init(&m);
	read_all(RECORDS_JSONL,
		 "{\"title\":\"Một\",\"content\":{\"text\":\"thân bài\"}}\n"
		 "\n"
		 "{\"headline\":\"Hai\",\"body\":[\"đoạn một\",\"đoạn hai\"]}\r\n"
		 "{\"title\": \"Ba\", \"text\": \"\\u0111\\u00fang\"\n"
		 "[1, 2]\n"
		 "{\"title\":\"Bốn\",\"content.text\":\"khoá có dấu chấm\"}",
		 &m, RF_BODY, &r);
	is_int(r.n, 3, "three objects read");
	is_str(r.vals, "thân bài|đoạn một\n\nđoạn hai|khoá có dấu chấm",
	       "nested keys, arrays joined as paragraphs, dotted key names");
	is_str(r.lines, "1,3,6", "lines counted with blank lines");
	is_str(r.bad, "4,5", "invalid JSON and a non-object are bad rows");
	is_str(r.msg, "not a JSON object", "the reason for an array");

	read_all(RECORDS_JSONL,
		 "{\"title\":\"A\",\"source\":{\"name\":\"Báo Mẫu\"},"
		 "\"id\":42,\"category\":{\"primary\":\"xã hội\"}}\n",
		 &m, RF_SOURCE, &r);
	is_str(r.vals, "Báo Mẫu", "source.name under an object source");
	read_all(RECORDS_JSONL,
		 "{\"title\":\"A\",\"id\":42}\n", &m, RF_ID, &r);
	is_str(r.vals, "42", "a number is written as JSON writes it");
	read_all(RECORDS_JSONL,
		 "{\"title\":\"A\",\"category\":{\"primary\":\"xã hội\"}}\n",
		 &m, RF_SECTION, &r);
	is_str(r.vals, "xã hội", "category.primary reached through objects");
}

static void test_map(void)
{
	struct records_map m;
	struct nc_error err = { 0 };
	struct rows r;
	const char *csv = "tieu_de,noi_dung,body,title\n"
		"Tiêu đề riêng,Nội dung riêng,thân mặc định,tên mặc định\n";

	records_map_init(&m);
	read_all(RECORDS_CSV, csv, &m, RF_BODY, &r);
	is_str(r.vals, "thân mặc định", "the default body column");
	is_int(records_map_set(&m, "content=noi_dung", &err), NC_OK,
	       "--field content=noi_dung (an alias of body)");
	is_int(records_map_set(&m, "title=tieu_de", &err), NC_OK,
	       "--field title=tieu_de");
	read_all(RECORDS_CSV, csv, &m, RF_BODY, &r);
	is_str(r.vals, "Nội dung riêng", "the mapped body column wins");
	read_all(RECORDS_CSV, csv, &m, RF_TITLE, &r);
	is_str(r.vals, "Tiêu đề riêng", "the mapped title column wins");
	is_int(records_map_set(&m, "body=khong_co", &err), NC_OK,
	       "a second --field for a field adds a fallback");
	read_all(RECORDS_CSV, csv, &m, RF_BODY, &r);
	is_str(r.vals, "Nội dung riêng", "the first mapping still wins");
	is_int(records_map_set(&m, "lead=", &err), NC_OK, "FIELD= maps "
	       "nothing");
	ok(!m.paths[RF_LEAD][0], "the lead has no paths left");
	is_int(records_map_set(&m, "mood=x", &err), NC_EUSAGE,
	       "an unknown field is a usage error");
	ok(strstr(err.msg, "unknown field 'mood'") != NULL, "%s", err.msg);
	is_int(records_map_set(&m, "title", &err), NC_EUSAGE,
	       "a spec without '=' is a usage error");
	is_str(record_field_name(RF_AUTHOR), "author", "field names");
}

int main(void)
{
	test_detect();
	test_csv();
	test_jsonl();
	test_map();
	ok(stream_checks > 20 && !stream_diffs, "every export above reads "
	   "the same streamed in pieces of 1, 3 and 17 bytes (%d of %d "
	   "differ)", stream_diffs, stream_checks);
	return done_testing();
}
