/*
 * icu_regions.c: prints ICU's Arabic display names of every ISO 3166 region
 * as "ISO3<TAB>ISO2<TAB>long name<TAB>short name" lines, the raw material of
 * data/gazetteer/countries.tsv (which is curated by hand from it).
 * Build and run: make -f mk/entities.mk gazetteer-icu
 */
#include <stdio.h>
#include <string.h>
#include <unicode/uldnames.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

static void print_name(ULocaleDisplayNames *names, const char *region)
{
	UChar name[128];
	char utf8[512];
	UErrorCode status = U_ZERO_ERROR;
	int32_t len = uldn_regionDisplayName(names, region, name, 128, &status);
	if (U_FAILURE(status)) {
		fputs("?", stdout);
		return;
	}
	u_strToUTF8(utf8, sizeof utf8, NULL, name, len, &status);
	fputs(U_SUCCESS(status) ? utf8 : "?", stdout);
}

int main(void)
{
	UErrorCode status = U_ZERO_ERROR;
	UDisplayContext longer[] = { UDISPCTX_LENGTH_FULL };
	UDisplayContext shorter[] = { UDISPCTX_LENGTH_SHORT };
	ULocaleDisplayNames *full = uldn_openForContext("ar", longer, 1, &status);
	ULocaleDisplayNames *brief = uldn_openForContext("ar", shorter, 1, &status);
	const char *const *codes = uloc_getISOCountries();
	if (U_FAILURE(status))
		return 1;
	for (; *codes; codes++) {
		char locale[8];
		snprintf(locale, sizeof locale, "_%s", *codes);
		printf("%s\t%s\t", uloc_getISO3Country(locale), *codes);
		print_name(full, *codes);
		putchar('\t');
		print_name(brief, *codes);
		putchar('\n');
	}
	uldn_close(full);
	uldn_close(brief);
	return 0;
}
