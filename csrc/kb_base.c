/*
 * kb_base.c: status messages, versions, the growable buffer and UTF-8.
 */
#include "kb.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <unicode/uversion.h>
#include <unicode/uchar.h>

/* ==================================================================== */
/* Status and versions                                                   */
/* ==================================================================== */

const char *kb_status_message(kb_status status)
{
	switch (status) {
	case KB_OK: return "ok";
	case KB_ENOMEM: return "not enough memory";
	case KB_EUTF8: return "invalid UTF-8";
	case KB_EINVAL: return "invalid argument";
	case KB_ETOOBIG: return "input too large";
	case KB_EICU: return "ICU error";
	}
	return "unknown error";
}

static void format_version(const UVersionInfo info, char out[32])
{
	char text[U_MAX_VERSION_STRING_LENGTH];
	u_versionToString(info, text);
	snprintf(out, 32, "%s", text);
}

void kb_versions(char icu[32], char unicode[32], char pcre2[32])
{
	UVersionInfo info;
	u_getVersion(info);
	format_version(info, icu);
	u_getUnicodeVersion(info);
	format_version(info, unicode);
	if (pcre2_config(PCRE2_CONFIG_VERSION, NULL) <= 32)
		pcre2_config(PCRE2_CONFIG_VERSION, pcre2);
	else
		snprintf(pcre2, 32, "?");
}

/* ==================================================================== */
/* Growable buffer                                                       */
/* ==================================================================== */

kb_status kb_buf_reserve(kb_buf *buf, size_t extra)
{
	size_t need, cap;
	char *data;
	if (extra > SIZE_MAX - buf->len)
		return KB_ENOMEM;
	need = buf->len + extra;
	if (need <= buf->cap)
		return KB_OK;
	cap = buf->cap ? buf->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	data = realloc(buf->data, cap);
	if (!data)
		return KB_ENOMEM;
	buf->data = data;
	buf->cap = cap;
	return KB_OK;
}

kb_status kb_buf_append(kb_buf *buf, const char *bytes, size_t n)
{
	if (kb_buf_reserve(buf, n) != KB_OK)
		return KB_ENOMEM;
	if (n)
		memcpy(buf->data + buf->len, bytes, n);
	buf->len += n;
	return KB_OK;
}

void kb_buf_free(kb_buf *buf)
{
	free(buf->data);
	buf->data = NULL;
	buf->len = buf->cap = 0;
}

/* ==================================================================== */
/* UTF-8                                                                 */
/* ==================================================================== */

/* Bounds of the second byte for each lead byte, which rule out overlongs,
 * surrogates and code points above U+10FFFF (Unicode Table 3-7). */
static int second_byte_ok(unsigned char lead, unsigned char b)
{
	if (lead == 0xE0) return b >= 0xA0 && b <= 0xBF;
	if (lead == 0xED) return b >= 0x80 && b <= 0x9F;
	if (lead == 0xF0) return b >= 0x90 && b <= 0xBF;
	if (lead == 0xF4) return b >= 0x80 && b <= 0x8F;
	return b >= 0x80 && b <= 0xBF;
}

size_t kb_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
	unsigned char c = s[0];
	size_t len, i;
	int32_t value;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) { len = 2; value = c & 0x1F; }
	else if (c >= 0xE0 && c <= 0xEF) { len = 3; value = c & 0x0F; }
	else if (c >= 0xF0 && c <= 0xF4) { len = 4; value = c & 0x07; }
	else { *cp = -1; return 1; }
	/* A maximal invalid subsequence is the longest valid prefix. */
	for (i = 1; i < len; i++) {
		unsigned char b;
		if (i >= n) { *cp = -1; return i; }
		b = s[i];
		if (i == 1 ? !second_byte_ok(c, b) : (b < 0x80 || b > 0xBF)) {
			*cp = -1;
			return i;
		}
		value = (value << 6) | (b & 0x3F);
	}
	*cp = value;
	return len;
}

size_t kb_utf8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t kb_utf8_validate(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		int32_t cp;
		size_t len;
		if (u[i] < 0x80) { i++; continue; }
		len = kb_utf8_decode(u + i, n - i, &cp);
		if (cp < 0)
			return i;
		i += len;
	}
	return n;
}
