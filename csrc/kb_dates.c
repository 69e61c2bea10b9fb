/*
 * kb_dates.c: dates and times in Arabic news, resolved against the article's
 * date with ICU's calendars (Gregorian for arithmetic and ISO weeks, Umm
 * al-Qura for Hijri months). Calendars are opened per call, on first need.
 *
 * Values: a day "2020-12-28", a month "2020-12", an ISO week "2020-W53",
 * a year "2014", or an interval "2020-12-15/2020-12-21"; times "14:30".
 */
#include "kb_entities_internal.h"

#include <stdio.h>
#include <string.h>

#include <unicode/ucal.h>

/* ==================================================================== */
/* Word tables (folded keys)                                             */
/* ==================================================================== */

typedef struct {
	const char *key;
	int value;
} named;

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* ICU's UCAL_SUNDAY = 1 ... UCAL_SATURDAY = 7 */
static const named weekdays[] = {
	{"الاحد", 1}, {"الاثنين", 2}, {"الثلاثاء", 3}, {"الاربعاء", 4}, {"الخميس", 5},
	{"الجمعه", 6}, {"السبت", 7},
};

/* Gregorian months: Egyptian/Gulf, Maghrebi and Levantine names. */
static const named months[] = {
	{"يناير", 1}, {"جانفي", 1}, {"فبراير", 2}, {"فيفري", 2}, {"شباط", 2}, {"مارس", 3},
	{"اذار", 3}, {"ابريل", 4}, {"افريل", 4}, {"نيسان", 4}, {"مايو", 5}, {"ماي", 5},
	{"ايار", 5}, {"يونيو", 6}, {"يونيه", 6}, {"جوان", 6}, {"حزيران", 6}, {"يوليو", 7},
	{"يوليه", 7}, {"جويليه", 7}, {"تموز", 7}, {"اغسطس", 8}, {"اوت", 8}, {"اب", 8},
	{"سبتمبر", 9}, {"ايلول", 9}, {"اكتوبر", 10}, {"نوفمبر", 11}, {"ديسمبر", 12},
	{"كانون الثاني", 1}, {"كانون الاول", 12}, {"تشرين الاول", 10}, {"تشرين الثاني", 11},
};

static const named hijri_months[] = {
	{"محرم", 1}, {"صفر", 2}, {"ربيع الاول", 3}, {"ربيع الثاني", 4}, {"ربيع الاخر", 4},
	{"جمادي الاولي", 5}, {"جمادي الاول", 5}, {"جمادي الاخره", 6}, {"جمادي الثانيه", 6},
	{"جمادي الثاني", 6}, {"جمادي الاخر", 6}, {"رجب", 7}, {"شعبان", 8}, {"رمضان", 9},
	{"شوال", 10}, {"ذو القعده", 11}, {"ذي القعده", 11}, {"ذو الحجه", 12}, {"ذي الحجه", 12},
};

/* Month names that are also common words: they need a day, a year or شهر. */
static const char *const ambiguous_months[] = {
	"مارس", "ماي", "اب", "صفر", "رجب", "شعبان", "محرم", "اوت", "رمضان",
};

static const named number_words[] = {
	{"واحد", 1}, {"واحده", 1}, {"اثنين", 2}, {"اثنان", 2}, {"اثنتين", 2}, {"ثلاث", 3},
	{"ثلاثه", 3}, {"اربع", 4}, {"اربعه", 4}, {"خمس", 5}, {"خمسه", 5}, {"ست", 6},
	{"سته", 6}, {"سبع", 7}, {"سبعه", 7}, {"ثماني", 8}, {"ثمانيه", 8}, {"ثمان", 8},
	{"تسع", 9}, {"تسعه", 9}, {"عشر", 10}, {"عشره", 10}, {"عشرين", 20}, {"عشرون", 20},
	{"ثلاثين", 30}, {"ثلاثون", 30}, {"اربعين", 40}, {"اربعون", 40}, {"خمسين", 50},
	{"خمسون", 50}, {"ستين", 60}, {"سبعين", 70}, {"ثمانين", 80}, {"تسعين", 90},
	{"مائه", 100}, {"مئه", 100}, {"ماءه", 100}, {"الف", 1000},
};

enum { UNIT_DAY = 1, UNIT_WEEK, UNIT_MONTH, UNIT_YEAR };

/* Unit nouns; value = unit * 10 + count implied (1 singular, 2 dual, 0 plural). */
static const named unit_words[] = {
	{"يوم", 11}, {"يوما", 11}, {"ايام", 10}, {"يومين", 12},
	{"اسبوع", 21}, {"اسبوعا", 21}, {"اسابيع", 20}, {"اسبوعين", 22},
	{"شهر", 31}, {"شهرا", 31}, {"اشهر", 30}, {"شهور", 30}, {"شهرين", 32},
	{"عام", 41}, {"عاما", 41}, {"اعوام", 40}, {"سنه", 41}, {"سنوات", 40}, {"سنين", 40},
	{"عامين", 42}, {"سنتين", 42},
};

static const char *const past_words[] = {
	"الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "السابق", "السابقه",
};
static const char *const next_words[] = {
	"المقبل", "المقبله", "القادم", "القادمه",
};
static const char *const current_words[] = {
	"الجاري", "الجاريه", "الحالي", "الحاليه",
};

static int find_named(const named *table, size_t count, const char *key, size_t n)
{
	size_t i;
	for (i = 0; i < count; i++)
		if (strlen(table[i].key) == n && memcmp(table[i].key, key, n) == 0)
			return table[i].value;
	return 0;
}

static int in_list(const char *const *list, size_t count, const char *key, size_t n)
{
	size_t i;
	for (i = 0; i < count; i++)
		if (strlen(list[i]) == n && memcmp(list[i], key, n) == 0)
			return 1;
	return 0;
}

long kb_number_word(const char *key, size_t n)
{
	int v = find_named(number_words, COUNT(number_words), key, n);
	return v ? v : -1;
}

/* ==================================================================== */
/* Calendar arithmetic (ICU)                                             */
/* ==================================================================== */

static const UChar utc_zone[] = { 'U', 'T', 'C', 0 };

static UCalendar *gregorian(kb_calendar *cal)
{
	if (!cal->gregorian) {
		UErrorCode st = U_ZERO_ERROR;
		UCalendar *c = ucal_open(utc_zone, 3, "en_US@calendar=gregorian", UCAL_GREGORIAN, &st);
		if (U_FAILURE(st)) {
			if (c)
				ucal_close(c);
			return NULL;
		}
		/* ISO 8601 weeks */
		ucal_setAttribute(c, UCAL_FIRST_DAY_OF_WEEK, UCAL_MONDAY);
		ucal_setAttribute(c, UCAL_MINIMAL_DAYS_IN_FIRST_WEEK, 4);
		cal->gregorian = c;
	}
	return cal->gregorian;
}

static UCalendar *islamic(kb_calendar *cal)
{
	if (!cal->islamic) {
		UErrorCode st = U_ZERO_ERROR;
		UCalendar *c = ucal_open(utc_zone, 3, "ar@calendar=islamic-umalqura", UCAL_DEFAULT, &st);
		if (U_FAILURE(st)) {
			if (c)
				ucal_close(c);
			return NULL;
		}
		cal->islamic = c;
	}
	return cal->islamic;
}

void kb_calendar_close(kb_calendar *cal)
{
	if (cal->gregorian)
		ucal_close(cal->gregorian);
	if (cal->islamic)
		ucal_close(cal->islamic);
	cal->gregorian = cal->islamic = NULL;
}

static void set_day(UCalendar *c, const kb_date *d)
{
	UErrorCode st = U_ZERO_ERROR;
	ucal_clear(c);
	ucal_setDate(c, d->year, d->month - 1, d->day, &st);
}

static void get_day(UCalendar *c, kb_date *d)
{
	UErrorCode st = U_ZERO_ERROR;
	d->year = ucal_get(c, UCAL_YEAR, &st);
	d->month = ucal_get(c, UCAL_MONTH, &st) + 1;
	d->day = ucal_get(c, UCAL_DATE, &st);
}

/* d + amount of a field (UCAL_DATE, UCAL_MONTH, UCAL_YEAR); 0 on failure. */
static int shift(kb_calendar *cal, const kb_date *d, UCalendarDateFields field, int32_t amount,
                 kb_date *out)
{
	UCalendar *c = gregorian(cal);
	UErrorCode st = U_ZERO_ERROR;
	if (!c)
		return 0;
	set_day(c, d);
	ucal_add(c, field, amount, &st);
	if (U_FAILURE(st))
		return 0;
	get_day(c, out);
	return 1;
}

static int day_of_week(kb_calendar *cal, const kb_date *d)
{
	UCalendar *c = gregorian(cal);
	UErrorCode st = U_ZERO_ERROR;
	if (!c)
		return 0;
	set_day(c, d);
	return ucal_get(c, UCAL_DAY_OF_WEEK, &st);
}

static void format_day(const kb_date *d, char out[32])
{
	snprintf(out, 32, "%04d-%02d-%02d", (int)d->year, (int)d->month, (int)d->day);
}

static void format_interval(const kb_date *a, const kb_date *b, char out[32])
{
	char x[32], y[32];
	format_day(a, x);
	format_day(b, y);
	snprintf(out, 32, "%.10s/%.10s", x, y);
}

static int iso_week(kb_calendar *cal, const kb_date *d, char out[32])
{
	UCalendar *c = gregorian(cal);
	UErrorCode st = U_ZERO_ERROR;
	int32_t week, year;
	if (!c)
		return 0;
	set_day(c, d);
	week = ucal_get(c, UCAL_WEEK_OF_YEAR, &st);
	year = ucal_get(c, UCAL_YEAR_WOY, &st);
	if (U_FAILURE(st))
		return 0;
	snprintf(out, 32, "%04d-W%02d", (int)year, (int)week);
	return 1;
}

/* The Gregorian day of a Hijri (Umm al-Qura) date; 0 on failure. */
static int from_hijri(kb_calendar *cal, int32_t y, int32_t m, int32_t d, kb_date *out)
{
	UCalendar *h = islamic(cal), *g = gregorian(cal);
	UErrorCode st = U_ZERO_ERROR;
	UDate when;
	if (!h || !g)
		return 0;
	ucal_clear(h);
	ucal_set(h, UCAL_EXTENDED_YEAR, y);
	ucal_set(h, UCAL_MONTH, m - 1);
	ucal_set(h, UCAL_DATE, d);
	when = ucal_getMillis(h, &st);
	ucal_setMillis(g, when, &st);
	if (U_FAILURE(st))
		return 0;
	get_day(g, out);
	return 1;
}

/* The Hijri year and month of a Gregorian day. */
static int to_hijri(kb_calendar *cal, const kb_date *d, int32_t *y, int32_t *m)
{
	UCalendar *h = islamic(cal), *g = gregorian(cal);
	UErrorCode st = U_ZERO_ERROR;
	if (!h || !g)
		return 0;
	set_day(g, d);
	ucal_setMillis(h, ucal_getMillis(g, &st), &st);
	*y = ucal_get(h, UCAL_EXTENDED_YEAR, &st);
	*m = ucal_get(h, UCAL_MONTH, &st) + 1;
	return U_SUCCESS(st);
}

/* "a/b" for Hijri month m of year y, or one day when day > 0. */
static int hijri_value(kb_calendar *cal, int32_t y, int32_t m, int32_t day, char out[32])
{
	kb_date first, next, last;
	if (day > 0) {
		if (!from_hijri(cal, y, m, day, &first))
			return 0;
		format_day(&first, out);
		return 1;
	}
	if (!from_hijri(cal, y, m, 1, &first) ||
	    !from_hijri(cal, m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1, &next) ||
	    !shift(cal, &next, UCAL_DATE, -1, &last))
		return 0;
	format_interval(&first, &last, out);
	return 1;
}

/* ==================================================================== */
/* Parsing helpers                                                       */
/* ==================================================================== */

kb_status kb_date_parse(const char *iso, size_t n, kb_date *date)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;
	size_t i;
	if (!iso || n != 10 || iso[4] != '-' || iso[7] != '-')
		return KB_EINVAL;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
			return KB_EINVAL;
	y = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
	m = (iso[5] - '0') * 10 + (iso[6] - '0');
	d = (iso[8] - '0') * 10 + (iso[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return KB_EINVAL;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return KB_EINVAL;
	date->year = y;
	date->month = m;
	date->day = d;
	return KB_OK;
}

typedef struct {
	const kb_words *w;
	const kb_date *ref;
	kb_calendar *cal;
	size_t first;            /* the first word is read as first_key */
	const char *first_key;
	size_t first_len;
} ctx;

static const char *key(const ctx *c, size_t i)
{
	return i == c->first ? c->first_key : kb_word_key(c->w, i);
}

static size_t key_len(const ctx *c, size_t i)
{
	return i == c->first ? c->first_len : c->w->items[i].key_len;
}

static int key_is(const ctx *c, size_t i, const char *lit)
{
	return i < c->w->count && key_len(c, i) == strlen(lit) && memcmp(key(c, i), lit, key_len(c, i)) == 0;
}

static int key_in(const ctx *c, size_t i, const char *const *list, size_t count)
{
	return i < c->w->count && in_list(list, count, key(c, i), key_len(c, i));
}

/* Word i is joined to word i-1 (no punctuation between). */
static int joined(const ctx *c, size_t i)
{
	return i < c->w->count && !(c->w->items[i].gap & KB_GAP_ANY);
}

/* The integer of a digit word (no separators), or -1. */
static long digits_value(const ctx *c, size_t i)
{
	long v = 0;
	size_t k;
	if (i >= c->w->count || c->w->items[i].shape != KB_SHAPE_DIGITS || key_len(c, i) > 9)
		return -1;
	for (k = 0; k < key_len(c, i); k++) {
		char ch = key(c, i)[k];
		if (ch < '0' || ch > '9')
			return -1;
		v = v * 10 + (ch - '0');
	}
	return v;
}

/* A month name at word i (one or two words); returns the month and sets
 * *words, or 0. Hijri months set *hijri. */
static int month_at(const ctx *c, size_t i, size_t *words, int *hijri)
{
	char phrase[96];
	int m;
	size_t n = key_len(c, i);
	if (i + 1 < c->w->count && joined(c, i + 1) && n + 1 + key_len(c, i + 1) < sizeof phrase) {
		memcpy(phrase, key(c, i), n);
		phrase[n] = ' ';
		memcpy(phrase + n + 1, key(c, i + 1), key_len(c, i + 1));
		n += 1 + key_len(c, i + 1);
		if ((m = find_named(months, COUNT(months), phrase, n)) != 0) {
			*words = 2, *hijri = 0;
			return m;
		}
		if ((m = find_named(hijri_months, COUNT(hijri_months), phrase, n)) != 0) {
			*words = 2, *hijri = 1;
			return m;
		}
	}
	if ((m = find_named(months, COUNT(months), key(c, i), key_len(c, i))) != 0) {
		*words = 1, *hijri = 0;
		return m;
	}
	if ((m = find_named(hijri_months, COUNT(hijri_months), key(c, i), key_len(c, i))) != 0) {
		*words = 1, *hijri = 1;
		return m;
	}
	return 0;
}

/* ==================================================================== */
/* Expressions                                                           */
/* ==================================================================== */

static void set_match(const ctx *c, size_t first, size_t last, uint32_t start, kb_date_match *m)
{
	m->words = last - first + 1;
	m->start = start;
	m->stop = c->w->items[last].stop;
	m->type = KB_ENT_DATE;
}

/* The year of a month (and day) given without one: news speaks of the
 * months just past more than of those ahead, so the window runs from nine
 * months before ref to two after. */
static int32_t closest_year(const ctx *c, int month)
{
	int diff = month - (int)c->ref->month;
	if (diff > 2)
		return c->ref->year - 1;
	if (diff < -9)
		return c->ref->year + 1;
	return c->ref->year;
}

/* A year after a month: "2020", "2020م", "1441 هـ"; returns words used. */
static size_t year_after(const ctx *c, size_t i, long *year)
{
	long y = digits_value(c, i);
	if (y < 1000 || y > 2200 || (c->w->items[i].gap & ~(KB_GAP_COMMA | KB_GAP_PAREN)))
		return 0;
	*year = y;
	if (joined(c, i + 1) && (key_is(c, i + 1, "م") || key_is(c, i + 1, "ه") || key_is(c, i + 1, "هـ")))
		return 2;
	return 1;
}

/* [day] MONTH [/ or ( ALT )] [year]; day given as `day` (0: none). */
static int days_in_month(long year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return days[month - 1] + (month == 2 && leap);
}

static int month_expression(const ctx *c, size_t first, size_t i, uint32_t start, long day,
                            kb_date_match *m)
{
	size_t words, alt_words, last, used;
	int hijri, alt_hijri, alt, paren = 0;
	long year = 0;
	int month = month_at(c, i, &words, &hijri);
	if (!month || (day && (day < 1 || day > 31)))
		return 0;
	last = i + words - 1;
	/* ديسمبر/كانون الأول, ديسمبر (كانون الأول) */
	if (last + 1 < c->w->count && (c->w->items[last + 1].gap & (KB_GAP_SLASH | KB_GAP_PAREN)) &&
	    (alt = month_at(c, last + 1, &alt_words, &alt_hijri)) == month && !alt_hijri) {
		paren = (c->w->items[last + 1].gap & KB_GAP_PAREN) != 0;
		last += alt_words;
	}
	used = last + 1 < c->w->count ? year_after(c, last + 1, &year) : 0;
	if (!day && !used && words == 1 && first == i &&
	    in_list(ambiguous_months, COUNT(ambiguous_months), key(c, i), key_len(c, i)) &&
	    !(i > 0 && (key_is(c, i - 1, "شهر") || key_is(c, i - 1, "الشهر"))))
		return 0;
	last += used;
	set_match(c, first, last, start, m);
	/* ديسمبر (كانون الأول): the closing parenthesis belongs to it */
	if (paren && !used && m->stop < c->w->n && c->w->s[m->stop] == ')')
		m->stop++;
	if (!c->ref && !year)
		return 1;
	if (hijri || (year >= 1300 && year <= 1500)) {
		int32_t hy = (int32_t)year, hm;
		if (!year && !to_hijri(c->cal, c->ref, &hy, &hm))
			return 1;
		if (!year && month > hm)
			hy--;
		hijri_value(c->cal, hy, month, (int32_t)day, m->value);
		return 1;
	}
	if (!year)
		year = closest_year(c, month);
	/* A day the month does not have (31 فبراير) resolves to the month alone. */
	if (day && day <= days_in_month(year, month))
		snprintf(m->value, sizeof m->value, "%04ld-%02d-%02ld", year, month, day);
	else
		snprintf(m->value, sizeof m->value, "%04ld-%02d", year, month);
	return 1;
}

/* A weekday: the most recent such day on or before ref (الماضي: before,
 * المقبل: after); or the explicit date that follows it. */
static int weekday_expression(const ctx *c, size_t first, size_t i, uint32_t start,
                              kb_date_match *m)
{
	int wd = find_named(weekdays, COUNT(weekdays), key(c, i), key_len(c, i));
	int direction = 0, delta;
	kb_date d;
	long day;
	if (!wd)
		return 0;
	day = digits_value(c, i + 1);
	if (day >= 1 && day <= 31 && i + 2 < c->w->count &&
	    month_expression(c, first, i + 2, start, day, m))
		return 1;
	set_match(c, first, i, start, m);
	if (joined(c, i + 1) && key_in(c, i + 1, past_words, COUNT(past_words)))
		direction = -1;
	else if (joined(c, i + 1) && key_in(c, i + 1, next_words, COUNT(next_words)))
		direction = 1;
	if (direction)
		set_match(c, first, i + 1, start, m);
	if (!c->ref)
		return 1;
	delta = wd - day_of_week(c->cal, c->ref);
	if (direction > 0) {
		if (delta <= 0)
			delta += 7;
	} else if (delta > 0 || (delta == 0 && direction < 0)) {
		delta -= 7;
	}
	if (shift(c->cal, c->ref, UCAL_DATE, delta, &d))
		format_day(&d, m->value);
	return 1;
}

/* Value of a period (week, month, year) shifted by `by` from ref. */
static void period_value(const ctx *c, int unit, int by, char out[32])
{
	kb_date a, b;
	if (unit == UNIT_WEEK) {
		if (by == 0)
			iso_week(c->cal, c->ref, out);
		else if (shift(c->cal, c->ref, UCAL_DATE, by < 0 ? -13 : 7, &a) &&
		         shift(c->cal, c->ref, UCAL_DATE, by < 0 ? -7 : 13, &b))
			format_interval(&a, &b, out);
	} else if (unit == UNIT_MONTH) {
		if (shift(c->cal, c->ref, UCAL_MONTH, by, &a))
			snprintf(out, 32, "%04d-%02d", (int)a.year, (int)a.month);
	} else {
		snprintf(out, 32, "%04d", (int)(c->ref->year + by));
	}
}

static int period_unit(const ctx *c, size_t i)
{
	if (key_is(c, i, "الاسبوع"))
		return UNIT_WEEK;
	if (key_is(c, i, "الشهر"))
		return UNIT_MONTH;
	if (key_is(c, i, "العام") || key_is(c, i, "السنه"))
		return UNIT_YEAR;
	return 0;
}

/* الأسبوع الماضي, الشهر المقبل, العام الجاري, هذا الأسبوع, هذه السنة */
static int period_expression(const ctx *c, size_t first, size_t i, uint32_t start,
                             kb_date_match *m)
{
	int unit, by;
	if ((key_is(c, i, "هذا") || key_is(c, i, "هذه")) && joined(c, i + 1) &&
	    (unit = period_unit(c, i + 1)) != 0) {
		set_match(c, first, i + 1, start, m);
		if (c->ref)
			period_value(c, unit, 0, m->value);
		return 1;
	}
	unit = period_unit(c, i);
	if (!unit || !joined(c, i + 1))
		return 0;
	if (key_in(c, i + 1, past_words, COUNT(past_words)))
		by = -1;
	else if (key_in(c, i + 1, next_words, COUNT(next_words)))
		by = 1;
	else if (key_in(c, i + 1, current_words, COUNT(current_words)))
		by = 0;
	else
		return 0;
	set_match(c, first, i + 1, start, m);
	if (c->ref)
		period_value(c, unit, by, m->value);
	return 1;
}

/* منذ ثلاثة أيام, قبل يومين, بعد أسبوعين, منذ 5 سنوات */
static int span_expression(const ctx *c, size_t first, size_t i, uint32_t start, kb_date_match *m)
{
	int sign, unit;
	long count = 0;
	size_t u = i + 1;
	kb_date d;
	if (key_is(c, i, "منذ") || key_is(c, i, "قبل"))
		sign = -1;
	else if (key_is(c, i, "بعد"))
		sign = 1;
	else
		return 0;
	if (!joined(c, u))
		return 0;
	count = digits_value(c, u);
	if (count < 0)
		count = kb_number_word(key(c, u), key_len(c, u));
	if (count > 0)
		u++;
	if (!joined(c, u) || !(unit = find_named(unit_words, COUNT(unit_words), key(c, u), key_len(c, u))))
		return 0;
	if (digits_value(c, u + 1) >= 1000 && joined(c, u + 1))
		return 0; /* منذ سنة 1990: a year, read from سنة on */
	if (count <= 0)
		count = unit % 10;
	if (count <= 0 || count > 10000)
		return 0;
	unit /= 10;
	set_match(c, first, u, start, m);
	if (!c->ref)
		return 1;
	if (unit == UNIT_DAY || unit == UNIT_WEEK) {
		if (shift(c->cal, c->ref, UCAL_DATE, (int32_t)(sign * count * (unit == UNIT_WEEK ? 7 : 1)), &d))
			format_day(&d, m->value);
	} else if (unit == UNIT_MONTH) {
		if (shift(c->cal, c->ref, UCAL_MONTH, (int32_t)(sign * count), &d))
			snprintf(m->value, sizeof m->value, "%04d-%02d", (int)d.year, (int)d.month);
	} else {
		snprintf(m->value, sizeof m->value, "%04ld", (long)c->ref->year + sign * count);
	}
	return 1;
}

/* اليوم, أمس, أول أمس, أمس الأول, غدا, الغد, بعد غد */
static int relative_day(const ctx *c, size_t first, size_t i, uint32_t start, kb_date_match *m)
{
	int delta;
	size_t last = i;
	kb_date d;
	if (key_is(c, i, "اليوم"))
		delta = 0;
	else if (key_is(c, i, "امس") || key_is(c, i, "الامس")) {
		delta = -1;
		if (joined(c, i + 1) && key_is(c, i + 1, "الاول"))
			delta = -2, last = i + 1;
	} else if (key_is(c, i, "اول") && joined(c, i + 1) && key_is(c, i + 1, "امس"))
		delta = -2, last = i + 1;
	else if (key_is(c, i, "اول") && joined(c, i + 1) && key_is(c, i + 1, "من") &&
	         joined(c, i + 2) && key_is(c, i + 2, "امس"))
		delta = -2, last = i + 2;
	else if (key_is(c, i, "غدا") || key_is(c, i, "الغد"))
		delta = 1;
	else if (key_is(c, i, "بعد") && joined(c, i + 1) && key_is(c, i + 1, "غد"))
		delta = 2, last = i + 1;
	else
		return 0;
	set_match(c, first, last, start, m);
	if (c->ref && shift(c->cal, c->ref, UCAL_DATE, delta, &d))
		format_day(&d, m->value);
	return 1;
}

/* عام 2014, العام 2014, سنة 2014 */
static int year_expression(const ctx *c, size_t first, size_t i, uint32_t start, kb_date_match *m)
{
	long year;
	size_t used;
	if (!(key_is(c, i, "عام") || key_is(c, i, "العام") || key_is(c, i, "سنه") ||
	      key_is(c, i, "السنه") || key_is(c, i, "عامي")) || i + 1 >= c->w->count ||
	    c->w->items[i + 1].gap)
		return 0;
	used = year_after(c, i + 1, &year);
	if (!used)
		return 0;
	set_match(c, first, i + used, start, m);
	snprintf(m->value, sizeof m->value, "%04ld", year);
	return 1;
}

/* Reads up to 4 ASCII digits from a folded key at *p. */
static int read_number(const char *s, size_t n, size_t *p, int max_digits, long *v)
{
	int k = 0;
	*v = 0;
	while (*p < n && k < max_digits && s[*p] >= '0' && s[*p] <= '9') {
		*v = *v * 10 + (s[*p] - '0');
		(*p)++, k++;
	}
	return k;
}

/* 28/12/2020, 28-12-2020, 2020-12-28, 28.12.2020 (any digits). The digit
 * word and its separators are read from the input, folded on the fly. */
static int numeric_date(const ctx *c, size_t first, size_t i, uint32_t start, kb_date_match *m)
{
	char buf[32];
	size_t n, p = 0, last = i, k;
	long a, b, y;
	int da, db, dy;
	const kb_word *w = &c->w->items[i];
	if (w->shape != KB_SHAPE_DIGITS)
		return 0;
	/* gather the text from this word to a few words on, separators folded */
	n = kb_fold(c->w->s + w->start, (c->w->n - w->start) < 24 ? c->w->n - w->start : 24,
	            buf, sizeof buf);
	da = read_number(buf, n, &p, 4, &a);
	if (p >= n || (buf[p] != '/' && buf[p] != '-' && buf[p] != '.'))
		return 0;
	p++;
	db = read_number(buf, n, &p, 2, &b);
	if (p >= n || (buf[p] != '/' && buf[p] != '-' && buf[p] != '.') || !db)
		return 0;
	p++;
	dy = read_number(buf, n, &p, 4, &y);
	if (da == 4 && dy <= 2 && dy > 0) {
		long t = a;
		a = y, y = t;
		dy = 4;
	} else if (da > 2 || dy != 4)
		return 0;
	if (a < 1 || a > 31 || b < 1 || b > 12 || y < 1000 || y > 2200)
		return 0;
	/* p is a length in folded bytes; find the words inside the input span */
	for (k = i; k < c->w->count && c->w->items[k].stop - w->start <= p + 16; k++) {
		size_t folded = kb_fold(c->w->s + w->start, c->w->items[k].stop - w->start, buf, sizeof buf);
		if (folded > p)
			break;
		last = k;
		if (folded == p)
			break;
	}
	set_match(c, first, last, start, m);
	snprintf(m->value, sizeof m->value, "%04ld-%02ld-%02ld", y, b, a);
	return 1;
}

/* 10:30, الساعة 10, الساعة العاشرة? (digits only) [صباحا|مساء] */
static int time_expression(const ctx *c, size_t first, size_t i, uint32_t start, kb_date_match *m)
{
	size_t h = i, last;
	long hour, minute = 0;
	if (key_is(c, i, "الساعه"))
		h = i + 1;
	hour = digits_value(c, h);
	if (hour < 0 || hour > 24 || (h != i && !joined(c, h)))
		return 0;
	last = h;
	if (h + 1 < c->w->count && c->w->items[h + 1].gap == KB_GAP_COMMA &&
	    c->w->s[c->w->items[h + 1].start - 1] == ':' && (minute = digits_value(c, h + 1)) >= 0 &&
	    minute < 60)
		last = h + 1;
	else if (h == i)
		return 0;
	else
		minute = 0;
	if (joined(c, last + 1) && (key_is(c, last + 1, "مساء") || key_is(c, last + 1, "مساءا") ||
	                            key_is(c, last + 1, "ليلا"))) {
		if (hour < 12)
			hour += 12;
		last++;
	} else if (joined(c, last + 1) && (key_is(c, last + 1, "صباحا") || key_is(c, last + 1, "صباح") ||
	                                   key_is(c, last + 1, "ظهرا") || key_is(c, last + 1, "فجرا"))) {
		last++;
	}
	set_match(c, first, last, start, m);
	m->type = KB_ENT_TIME;
	snprintf(m->value, sizeof m->value, "%02ld:%02ld", hour % 24, minute);
	return 1;
}

/* Tries each expression on word i read as `form` (the word's own key or
 * its key without proclitics). */
static int expression_at(const ctx *c, size_t i, uint32_t start, kb_date_match *m)
{
	size_t j = i;
	long day;
	if (key_is(c, i, "يوم") && joined(c, i + 1))
		j = i + 1;
	if (weekday_expression(c, i, j, start, m))
		return 1;
	if (numeric_date(c, i, i, start, m) || time_expression(c, i, i, start, m))
		return 1;
	day = digits_value(c, j);
	if (day >= 1 && day <= 31 && j + 1 < c->w->count && joined(c, j + 1) &&
	    month_expression(c, i, j + 1, start, day, m))
		return 1;
	if (key_is(c, i, "شهر") && joined(c, i + 1) && month_expression(c, i, i + 1, start, 0, m))
		return 1;
	return month_expression(c, i, i, start, 0, m) || year_expression(c, i, i, start, m) ||
	       period_expression(c, i, i, start, m) || span_expression(c, i, i, start, m) ||
	       relative_day(c, i, i, start, m);
}

kb_status kb_date_match_at(const kb_words *w, size_t i, unsigned kinds, const kb_date *ref,
                           kb_calendar *cal, kb_date_match *match)
{
	ctx c;
	kb_clitic_form forms[3];
	size_t count, f;
	memset(match, 0, sizeof *match);
	c.w = w;
	c.ref = ref;
	c.cal = cal;
	c.first = i;
	if (w->items[i].shape == KB_SHAPE_ARABIC && !(kinds & KB_GZ_DATE))
		return KB_OK;
	if (w->items[i].shape != KB_SHAPE_ARABIC) {
		c.first_key = kb_word_key(w, i);
		c.first_len = w->items[i].key_len;
		expression_at(&c, i, w->items[i].start, match);
		return KB_OK;
	}
	/* the word as written, then without its proclitics (والأسبوع الماضي) */
	count = kb_clitic_forms(kb_word_key(w, i), w->items[i].key_len, forms);
	for (f = 0; f < count; f++) {
		uint32_t start = f ? kb_word_offset_after(w, i, forms[f].letters) : w->items[i].start;
		c.first_key = forms[f].text;
		c.first_len = forms[f].len;
		memset(match, 0, sizeof *match);
		if (expression_at(&c, i, start, match))
			return KB_OK;
	}
	memset(match, 0, sizeof *match);
	return KB_OK;
}

kb_status kb_date_resolve(const char *s, size_t n, const char *ref_date, char value[32],
                          size_t *consumed)
{
	kb_words words;
	kb_calendar cal = { NULL, NULL };
	kb_date ref;
	kb_date_match m;
	kb_status st;
	value[0] = 0;
	*consumed = 0;
	if (ref_date && kb_date_parse(ref_date, strlen(ref_date), &ref) != KB_OK)
		return KB_EINVAL;
	memset(&words, 0, sizeof words);
	st = kb_words_scan(s, n, &words);
	if (st == KB_OK && words.count == 0)
		st = KB_EINVAL;
	if (st == KB_OK)
		st = kb_date_match_at(&words, 0, kb_gazetteer_kinds(&words, 0, NULL),
		                      ref_date ? &ref : NULL, &cal, &m);
	if (st == KB_OK && m.words == 0)
		st = KB_EINVAL;
	if (st == KB_OK) {
		memcpy(value, m.value, 32);
		*consumed = m.stop;
	}
	kb_calendar_close(&cal);
	kb_words_free(&words);
	return st;
}

kb_status kb_date_add_days(const kb_date *ref, int32_t days, char out[11])
{
	kb_calendar cal = { NULL, NULL };
	kb_date d;
	char buf[32];
	int ok = shift(&cal, ref, UCAL_DATE, days, &d);
	kb_calendar_close(&cal);
	if (!ok)
		return KB_EICU;
	format_day(&d, buf);
	memcpy(out, buf, 11);
	return KB_OK;
}
