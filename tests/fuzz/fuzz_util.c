/* Helpers shared by the fuzz harnesses; see fuzz_util.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "fuzz_util.h"

void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: failed: %s\n", file, line, what);
	abort();
}

size_t fuzz_split(const uint8_t **parts, size_t *lens, size_t max,
		  const uint8_t *data, size_t size)
{
	size_t n = 0, start = 0, i = 0;

	while (n + 1 < max && i + 1 < size) {
		if (data[i] == 0xFF && data[i + 1] == 0xFF) {
			parts[n] = data + start;
			lens[n++] = i - start;
			i += 2;
			start = i;
			continue;
		}
		i++;
	}
	parts[n] = data + start;
	lens[n++] = size - start;
	return n;
}

char *fuzz_utf8(const uint8_t *data, size_t size, size_t *len)
{
	/* each byte gives at most the 3 bytes of U+FFFD */
	char *out = malloc(3 * size + 1);
	size_t i = 0, o = 0;

	if (!out)
		abort();
	while (i < size) {
		int32_t j = 0, n = (int32_t)(size - i < 4 ? size - i : 4);
		UChar32 c;

		U8_NEXT(data + i, j, n, c);
		i += (size_t)j;
		if (c < 0)
			c = 0xFFFD;
		else if (c == 0)
			c = ' ';
		j = 0;
		U8_APPEND_UNSAFE(out + o, j, c);
		o += (size_t)j;
	}
	out[o] = '\0';
	*len = o;
	return out;
}

int fuzz_on_boundary(const char *text, size_t len, size_t off)
{
	return off == len || (off < len && ((unsigned char)text[off] & 0xC0) != 0x80);
}

static char *sink_buf;
static size_t sink_len;

FILE *fuzz_sink_open(void)
{
	FILE *f = open_memstream(&sink_buf, &sink_len);

	FUZZ_CHECK(f != NULL);
	return f;
}

void fuzz_sink_close(FILE *f)
{
	FUZZ_CHECK(fclose(f) == 0);
	free(sink_buf);
	sink_buf = NULL;
	sink_len = 0;
}
