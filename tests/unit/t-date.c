/* t-date.c - date_parse() and date_parse_bound() on news-page dates. */
#include "date.h"
#include "tap.h"

static const struct {
	const char *in;
	int whole;
	const char *want;	/* NULL: must be rejected */
} cases[] = {
	/* day first, three separators */
	{ "12/10/2017", 1, "2017-10-12" },
	{ "12-10-2017", 1, "2017-10-12" },
	{ "12.10.2017", 1, "2017-10-12" },
	{ "1/2/2018", 1, "2018-02-01" },
	{ "2017-10-12", 1, "2017-10-12" },
	/* times, 12-hour SA/CH */
	{ "Thứ năm, 12/10/2017, 04:18 SA", 1, "2017-10-12T04:18:00+07:00" },
	{ "Thứ năm, 12/10/2017, 04:18 CH", 1, "2017-10-12T16:18:00+07:00" },
	{ "12/10/2017 12:05 SA", 1, "2017-10-12T00:05:00+07:00" },
	{ "12/10/2017 12:05 CH", 1, "2017-10-12T12:05:00+07:00" },
	{ "12/10/2017 - 16:18", 1, "2017-10-12T16:18:00+07:00" },
	{ "12/10/2017 16:18:30", 1, "2017-10-12T16:18:30+07:00" },
	{ "12/10/2017 16h18", 1, "2017-10-12T16:18:00+07:00" },
	{ "16:18 12/10/2017", 1, "2017-10-12T16:18:00+07:00" },
	{ "12/10/2017 13:00 CH", 1, NULL },
	/* zones */
	{ "Cập nhật: 12/10/2017 16:18 (GMT+7)", 1,
	  "2017-10-12T16:18:00+07:00" },
	{ "12/10/2017 16:18 GMT+7", 1, "2017-10-12T16:18:00+07:00" },
	{ "2026-01-28T03:00:00Z", 1, "2026-01-28T10:00:00+07:00" },
	{ "2026-01-28T20:30:00Z", 1, "2026-01-29T03:30:00+07:00" },
	{ "2026-01-28T10:00:00+07:00", 1, "2026-01-28T10:00:00+07:00" },
	{ "2026-01-28T01:00:00+09:00", 1, "2026-01-27T23:00:00+07:00" },
	{ "2026-01-28T03:00:00.250Z", 1, "2026-01-28T10:00:00+07:00" },
	{ "2026-01-28 03:00:00", 1, "2026-01-28T03:00:00+07:00" },
	{ "31/12/2017 23:00 (GMT+0)", 1, "2018-01-01T06:00:00+07:00" },
	/* a space between the zone's name and its offset */
	{ "24-01-2006 00:46:33 GMT +7", 1, "2006-01-24T00:46:33+07:00" },
	{ "24-01-2006 00:46:33 GMT +7", 0, "2006-01-24T00:46:33+07:00" },
	{ "24-01-2006 00:46:33 (GMT +7)", 1, "2006-01-24T00:46:33+07:00" },
	{ "24-01-2006 00:46:33 GMT -5", 1, "2006-01-24T12:46:33+07:00" },
	{ "24-01-2006 00:46:33 GMT+07:00", 1, "2006-01-24T00:46:33+07:00" },
	{ "24-01-2006 00:46:33 UTC+7", 1, "2006-01-24T00:46:33+07:00" },
	{ "24-01-2006 00:46:33 (GMT+7)", 1, "2006-01-24T00:46:33+07:00" },
	{ "24-01-2006 00:46:33 GMT", 1, "2006-01-24T07:46:33+07:00" },
	{ "24-01-2006 00:46:33 GMT +", 1, NULL },
	/* weekdays in every spelling; a wrong one is ignored */
	{ "Thứ Năm, ngày 12/10/2017 - 16:18", 1,
	  "2017-10-12T16:18:00+07:00" },
	{ "THỨ HAI, 12/10/2017", 1, "2017-10-12" },
	{ "Chủ nhật, 15/10/2017", 1, "2017-10-15" },
	{ "T5, 12/10/2017", 1, "2017-10-12" },
	{ "CN 15/10/2017", 1, "2017-10-15" },
	{ "thứ 7, 14/10/2017 09:00", 1, "2017-10-14T09:00:00+07:00" },
	/* compact */
	{ "20201001", 1, "2020-10-01" },
	{ "20201001", 0, "2020-10-01" },
	{ "20201301", 1, NULL },
	/* validation */
	{ "31/02/2017", 1, NULL },
	{ "29/02/2017", 1, NULL },
	{ "29/02/2016", 1, "2016-02-29" },
	{ "29/02/2000", 1, "2000-02-29" },
	{ "29/02/1900", 1, NULL },
	{ "31/04/2017", 1, NULL },
	{ "12/13/2017", 1, NULL },
	{ "00/10/2017", 1, NULL },
	{ "12/10/1899", 1, NULL },
	{ "12/10/2101", 1, NULL },
	{ "12/10/2017 24:00", 1, NULL },
	{ "12/10/17", 1, NULL },
	{ "12/10-2017", 1, NULL },
	{ "", 1, NULL },
	{ "hôm nay", 0, NULL },
	/* whole rejects text around the date; not whole finds it */
	{ "Sáng 12-10-2017, Ban Dân vận tổ chức", 1, NULL },
	{ "Sáng 12-10-2017, Ban Dân vận tổ chức", 0, "2017-10-12" },
	{ "kỷ niệm ngày 15-10-1930/2017 và 12/10/2017", 0, "2017-10-12" },
	{ "phiên bản 1.12.10.2017 và ngày 3/4/2018", 0, "2018-04-03" },
	{ "Họp lúc 14:00 ngày 3/4/2018 tại Hà Nội", 0,
	  "2018-04-03T14:00:00+07:00" },
	{ "ngày 3/4/2018, 15 người dự", 0, "2018-04-03" },
	{ "số 20201001 trong hồ sơ", 0, NULL },
};

static const struct {
	const char *in;
	const char *want;
} bounds[] = {
	{ "2017", "2017" },
	{ "2017-10", "2017-10" },
	{ "10/2017", "2017-10" },
	{ "2017-10-12", "2017-10-12" },
	{ "12/10/2017", "2017-10-12" },
	{ " 2017 ", "2017" },
	{ "2017-13", NULL },
	{ "1800", NULL },
	{ "hôm qua", NULL },
	{ "12/10/2017 16:18", "2017-10-12T16:18:00+07:00" },
};

/* date_parse_checked(): the weekday printed against the date's. */
static const struct {
	const char *in;
	int wrong;
} weekday_cases[] = {
	{ "Thứ năm, 12/10/2017, 04:18 SA", 0 },
	{ "Thứ sáu, 12/10/2017, 04:18 SA", 1 },
	{ "Thứ Năm, ngày 12/10/2017 - 16:18", 0 },
	{ "Thứ hai, ngày 12/10/2017 - 16:18", 1 },
	{ "CN 15/10/2017", 0 },
	{ "T7, 15/10/2017", 1 },
	{ "thứ 7, 14/10/2017 09:00", 0 },
	{ "Chủ nhật, 16:18 12/10/2017", 1 },
	{ "12/10/2017 16:18", 0 },
	/* the weekday of the date as printed, before the zone moves it */
	{ "Thứ tư, 31/12/2025 23:00 (GMT+0)", 0 },
};

static void test_weekdays(void)
{
	char out[DATE_ISO_MAX];

	for (size_t i = 0; i < sizeof(weekday_cases) / sizeof(*weekday_cases);
	     i++) {
		const char *in = weekday_cases[i].in;
		int wrong = -1;

		ok(date_parse_checked(in, strlen(in), 1, out, &wrong) &&
		   wrong == weekday_cases[i].wrong,
		   "\"%s\": weekday %s", in,
		   weekday_cases[i].wrong ? "disagrees" : "agrees");
	}
	ok(date_parse_checked("Thứ sáu, 12/10/2017", 22, 1, out, NULL) &&
	   !strcmp(out, "2017-10-12"), "a wrong weekday keeps the date");
}

int main(void)
{
	char out[DATE_ISO_MAX];

	test_weekdays();

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int got = date_parse(cases[i].in, strlen(cases[i].in),
				     cases[i].whole, out);
		char name[160];

		snprintf(name, sizeof(name), "date_parse(\"%s\", whole=%d)",
			 cases[i].in, cases[i].whole);
		if (cases[i].want)
			is_str(got ? out : NULL, cases[i].want, name);
		else
			ok(!got && !out[0], "%s is rejected", name);
	}
	/* the length bounds the string: the time after it is not read */
	ok(date_parse("12/10/2017 16:18", 10, 1, out) &&
	   !strcmp(out, "2017-10-12"), "date_parse stops at len");
	for (size_t i = 0; i < sizeof(bounds) / sizeof(*bounds); i++) {
		int got = date_parse_bound(bounds[i].in, out);
		char name[160];

		snprintf(name, sizeof(name), "date_parse_bound(\"%s\")",
			 bounds[i].in);
		if (bounds[i].want)
			is_str(got ? out : NULL, bounds[i].want, name);
		else
			ok(!got, "%s is rejected", name);
	}
	return done_testing();
}
