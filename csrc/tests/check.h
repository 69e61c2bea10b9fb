/*
 * check.h: a tiny assertion kit for the engine's C tests. Each test program
 * counts its checks and exits non-zero if any failed.
 */
#ifndef KB_CHECK_H
#define KB_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_count, check_failures;

#define CHECK(cond) do { \
	check_count++; \
	if (!(cond)) { \
		check_failures++; \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *got_ = (got), *want_ = (want); \
	check_count++; \
	if (strcmp(got_, want_) != 0) { \
		check_failures++; \
		fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, got_, want_); \
	} \
} while (0)

static int check_report(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, check_count - check_failures, check_failures);
	return check_failures ? 1 : 0;
}

#endif
