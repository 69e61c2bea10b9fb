/*
 * kb.h: the public interface of the khabar engine.
 *
 * Plain C99; knows nothing of Lua. Every function is reentrant: there is
 * no mutable global state, only immutable compiled-in tables. Offsets are
 * 0-based byte positions into the caller's input with an exclusive end
 * (the Lua binding turns them into 1-based inclusive ones).
 *
 * Memory: every function that allocates reports KB_ENOMEM on failure and
 * leaves its outputs freeable with their *_free function; nothing leaks.
 */
#ifndef KB_H
#define KB_H

#include <stddef.h>
#include <stdint.h>

#define KB_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* Status codes                                                        */
/* ------------------------------------------------------------------ */

typedef enum {
	KB_OK = 0,
	KB_ENOMEM,          /* an allocation failed */
	KB_EUTF8,           /* invalid UTF-8 and the caller asked for an error */
	KB_EINVAL,          /* a bad argument (unknown profile, scheme, date) */
	KB_ETOOBIG,         /* input larger than the engine's 4 GiB offset range */
	KB_EICU             /* ICU reported a failure */
} kb_status;

/* A short English description of a status, for error messages. */
const char *kb_status_message(kb_status status);

/* ------------------------------------------------------------------ */
/* Versions                                                            */
/* ------------------------------------------------------------------ */

/* Writes the linked library versions ("72.1", "15.0", "10.42 2022-12-11")
 * into the caller's buffers, each at least 32 bytes. */
void kb_versions(char icu[32], char unicode[32], char pcre2[32]);

/* ------------------------------------------------------------------ */
/* Growable byte buffer                                                */
/* ------------------------------------------------------------------ */

typedef struct {
	char *data;
	size_t len, cap;
} kb_buf;

/* Makes room for `extra` more bytes; KB_ENOMEM leaves the buffer intact. */
kb_status kb_buf_reserve(kb_buf *buf, size_t extra);
kb_status kb_buf_append(kb_buf *buf, const char *bytes, size_t n);
void kb_buf_free(kb_buf *buf);

/* ------------------------------------------------------------------ */
/* UTF-8                                                               */
/* ------------------------------------------------------------------ */

/* Decodes one code point at s[0..n). Returns its length in bytes (>= 1);
 * *cp is the code point, or -1 for a maximal invalid subsequence (the
 * returned length then covers that subsequence, per Unicode 15 §3.9). */
size_t kb_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);
/* Encodes cp into out (at least 4 bytes); returns the byte count. */
size_t kb_utf8_encode(int32_t cp, char *out);
/* Byte offset of the first invalid sequence, or n when s is valid. */
size_t kb_utf8_validate(const char *s, size_t n);

#endif
