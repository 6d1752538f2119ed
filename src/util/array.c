/* Growable arrays (array.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"
#include "util/error.h"

int scd_array__reserve(void *pp, size_t *cap, size_t need, size_t size)
{
	void *p, *q;
	size_t nc = *cap ? *cap : 16;

	if (need <= *cap)
		return 0;
	while (nc < need) {
		if (nc > SIZE_MAX / 2 / size)
			return scd_error__nomem();
		nc *= 2;
	}
	/* pp is a T **: read and write the pointer as bytes, which every
	 * platform scodiff runs on lays out like a void * */
	memcpy(&p, pp, sizeof(p));
	if (!(q = realloc(p, nc * size)))
		return scd_error__nomem();
	memcpy(pp, &q, sizeof(q));
	*cap = nc;
	return 0;
}
