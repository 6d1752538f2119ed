/*
 * Build-time generator of scodiff's OpenCC tables (src/text/opencc.c), from
 * OpenCC's own dictionaries and configurations as Debian's libopencc-data
 * installs them (nothing typed in):
 *
 *   gen_opencc DUMPDIR CONFIG... > opencc_tables.c
 *
 * DUMPDIR holds the dictionaries as text (`opencc_dict -f ocd2 -t text`
 * writes them: one entry per line, key, tab, candidates separated by
 * spaces).  Each CONFIG is one OpenCC configuration flattened by
 * tools/gen_opencc.sh from its JSON file:
 *
 *   NAME SEGDICTS STEP1 STEP2 ...
 *
 * where SEGDICTS is the segmentation's dictionary group and each STEP a
 * conversion's, dictionaries joined by '+' in the configuration's order
 * (`s2twp STPhrases STPhrases+STCharacters TWPhrases TWVariants`).
 *
 * Each dictionary becomes a trie over code points in compressed sparse
 * rows: the children of node i are edges first[i] .. first[i+1] - 1,
 * sorted by code point; value[i] is 0, or 1 + the offset in the value
 * pool of the key's first candidate (OpenCC's default), stored as its
 * length then its code points.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf16.h>
#include <unicode/utrans.h>

#define MAX_DICTS 32
#define MAX_CONFIGS 32
#define MAX_SPEC 32

typedef struct {
	uint32_t cp;
	uint32_t child;
} edge;

typedef struct {
	edge *e;
	size_t n, cap;
	uint32_t value; /* 0 or 1 + pool offset */
} node;

typedef struct {
	char name[64];
	node *nodes;
	size_t n, cap;
	size_t keys, maxlen;
} trie;

static trie dicts[MAX_DICTS];
static size_t ndicts;
static uint32_t roots[MAX_DICTS][2];
static uint32_t *pool;
static size_t npool, cappool;

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fprintf(stderr, "gen_opencc: out of memory\n");
		exit(1);
	}
	return q;
}

static void pool_push(uint32_t v)
{
	if (npool == cappool) {
		cappool = cappool ? 2 * cappool : 65536;
		pool = xrealloc(pool, cappool * sizeof(*pool));
	}
	pool[npool++] = v;
}

/* Decode UTF-8 s[0..len) into out (cap); returns the count, or -1. */
static long decode(uint32_t *out, size_t cap, const char *s, size_t len)
{
	size_t i = 0, n = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t v;
		int k;
		if (c < 0x80) { v = c; k = 0; }
		else if ((c & 0xE0) == 0xC0) { v = c & 0x1F; k = 1; }
		else if ((c & 0xF0) == 0xE0) { v = c & 0x0F; k = 2; }
		else if ((c & 0xF8) == 0xF0) { v = c & 0x07; k = 3; }
		else return -1;
		for (i++; k > 0; k--, i++) {
			if (i >= len || ((unsigned char)s[i] & 0xC0) != 0x80)
				return -1;
			v = v << 6 | ((unsigned char)s[i] & 0x3F);
		}
		if (n == cap)
			return -1;
		out[n++] = v;
	}
	return (long)n;
}

static uint32_t new_node(trie *t)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 4096;
		t->nodes = xrealloc(t->nodes, t->cap * sizeof(*t->nodes));
	}
	memset(&t->nodes[t->n], 0, sizeof(t->nodes[0]));
	return (uint32_t)t->n++;
}

static uint32_t child(trie *t, uint32_t at, uint32_t cp)
{
	node *x = &t->nodes[at];
	size_t i;
	uint32_t c;

	for (i = 0; i < x->n; i++)
		if (x->e[i].cp == cp)
			return x->e[i].child;
	c = new_node(t);
	x = &t->nodes[at]; /* new_node may have moved it */
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 4;
		x->e = xrealloc(x->e, x->cap * sizeof(*x->e));
	}
	x->e[x->n].cp = cp;
	x->e[x->n].child = c;
	x->n++;
	return c;
}

/* Add key[0..nk) → val[0..nv) to t; a key listed twice keeps its first. */
static void insert(trie *t, const uint32_t *key, size_t nk, const uint32_t *val,
		   size_t nv)
{
	uint32_t at = 0;
	size_t k;

	for (k = 0; k < nk; k++)
		at = child(t, at, key[k]);
	if (t->nodes[at].value)
		return;
	t->nodes[at].value = (uint32_t)npool + 1;
	pool_push((uint32_t)nv);
	for (k = 0; k < nv; k++)
		pool_push(val[k]);
	t->keys++;
	if (nk > t->maxlen)
		t->maxlen = nk;
}

/* Read DUMPDIR/NAME.txt into dicts[]; returns its index. */
static size_t load(const char *dir, const char *name)
{
	char path[4096], *line = NULL;
	size_t cap = 0, i, lineno = 0;
	ssize_t len;
	trie *t;
	FILE *f;

	for (i = 0; i < ndicts; i++)
		if (!strcmp(dicts[i].name, name))
			return i;
	if (ndicts == MAX_DICTS || strlen(name) >= sizeof(t->name)) {
		fprintf(stderr, "gen_opencc: too many dictionaries\n");
		exit(1);
	}
	t = &dicts[ndicts];
	snprintf(t->name, sizeof(t->name), "%s", name);
	new_node(t); /* the root */
	snprintf(path, sizeof(path), "%s/%s.txt", dir, name);
	if (!(f = fopen(path, "r"))) {
		perror(path);
		exit(1);
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		uint32_t key[64], val[64];
		char *tab, *sp;
		long nk, nv;

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		tab = strchr(line, '\t');
		if (!tab) {
			fprintf(stderr, "%s:%zu: no tab\n", path, lineno);
			exit(1);
		}
		sp = strchr(tab + 1, ' '); /* the first candidate is the default */
		nk = decode(key, 64, line, (size_t)(tab - line));
		nv = decode(val, 64, tab + 1, sp ? (size_t)(sp - tab - 1) : strlen(tab + 1));
		if (nk <= 0 || nv < 0) {
			fprintf(stderr, "%s:%zu: bad entry\n", path, lineno);
			exit(1);
		}
		insert(t, key, (size_t)nk, val, (size_t)nv);
	}
	free(line);
	if (ferror(f) || t->keys == 0) {
		fprintf(stderr, "gen_opencc: %s: %s\n", path, ferror(f) ? "read error" : "no entries");
		exit(1);
	}
	fclose(f);
	return ndicts++;
}

static int cmp_edge(const void *p, const void *q)
{
	const edge *x = p, *y = q;
	return (x->cp > y->cp) - (x->cp < y->cp);
}

static void print_array(const char *name, size_t index, const uint32_t *v, size_t n)
{
	size_t i;

	printf("static const uint32_t d%zu_%s[%zu] = {", index, name, n ? n : 1);
	for (i = 0; i < n; i++)
		printf("%s%u,", i % 12 ? "" : "\n", v[i]);
	printf("%s};\n", n ? "" : "0");
}

/* Emit trie t as CSR arrays, nodes renumbered breadth first. */
static void emit_trie(size_t index)
{
	trie *t = &dicts[index];
	uint32_t *order = xrealloc(NULL, t->n * sizeof(*order));
	uint32_t *renum = xrealloc(NULL, t->n * sizeof(*renum));
	uint32_t *first = xrealloc(NULL, (t->n + 1) * sizeof(*first));
	uint32_t *cps = xrealloc(NULL, t->n * sizeof(*cps));
	uint32_t *kids = xrealloc(NULL, t->n * sizeof(*kids));
	uint32_t *value = xrealloc(NULL, t->n * sizeof(*value));
	size_t head = 0, tail = 0, nedges = 0, i, j;

	order[tail++] = 0;
	while (head < tail) {
		node *x = &t->nodes[order[head++]];
		if (x->n)
			qsort(x->e, x->n, sizeof(*x->e), cmp_edge);
		for (j = 0; j < x->n; j++)
			order[tail++] = x->e[j].child;
	}
	for (i = 0; i < t->n; i++)
		renum[order[i]] = (uint32_t)i;
	for (i = 0; i < t->n; i++) {
		node *x = &t->nodes[order[i]];
		first[i] = (uint32_t)nedges;
		value[i] = x->value;
		for (j = 0; j < x->n; j++) {
			cps[nedges] = x->e[j].cp;
			kids[nedges] = renum[x->e[j].child];
			nedges++;
		}
	}
	first[t->n] = (uint32_t)nedges;
	printf("\n/* %s: %zu keys, %zu nodes */\n", t->name, t->keys, t->n);
	print_array("first", index, first, t->n + 1);
	print_array("cp", index, cps, nedges);
	print_array("child", index, kids, nedges);
	print_array("value", index, value, t->n);
	/* the root's BMP children as a dense range: one load instead of a
	 * binary search among thousands, at every position of the text */
	{
		uint32_t lo = 0, hi = 0, *dense;
		for (j = first[0]; j < first[1] && cps[j] < 0x10000; j++) {
			if (j == first[0])
				lo = cps[j];
			hi = cps[j] + 1;
		}
		if (first[1] - first[0] < 256) {
			/* a few hundred children: the binary search is cheap and
			 * the range would cost 80 KB for each small dictionary */
			lo = hi = 0;
		}
		dense = xrealloc(NULL, (hi - lo) * sizeof(*dense));
		memset(dense, 0, (hi - lo) * sizeof(*dense));
		for (j = first[0]; hi && j < first[1] && cps[j] < 0x10000; j++)
			dense[cps[j] - lo] = kids[j];
		roots[index][0] = lo;
		roots[index][1] = hi;
		print_array("root", index, dense, hi - lo);
		free(dense);
	}
	free(order);
	free(renum);
	free(first);
	free(cps);
	free(kids);
	free(value);
}

/* The single-character candidate of c in t, or c. */
static uint32_t lookup1(const trie *t, uint32_t c)
{
	const node *root = &t->nodes[0];
	size_t i;

	for (i = 0; i < root->n; i++) {
		const node *x;
		if (root->e[i].cp != c)
			continue;
		x = &t->nodes[root->e[i].child];
		if (x->value && pool[x->value - 1] == 1)
			return pool[x->value];
		break;
	}
	return c;
}

static const trie *find(const char *name)
{
	size_t i;
	for (i = 0; i < ndicts; i++)
		if (!strcmp(dicts[i].name, name))
			return &dicts[i];
	fprintf(stderr, "gen_opencc: the dictionary %s is needed (configurations hk2s, tw2s)\n", name);
	exit(1);
}

#define S_LO 0x3400
#define S_HI 0xA000

/*
 * One character's simplified form: OpenCC's traditional → simplified
 * characters (TSCharacters); a character OpenCC converts from simplified
 * (a key of STCharacters) is simplified already; any other goes from its
 * Hong Kong or Taiwan form back to OpenCC's standard (HKVariantsRev,
 * TWVariantsRev), then through TSCharacters — the character steps of
 * hk2s and tw2s, but without turning a simplified 么 into 幺 (TWVariants
 * has 幺 → 么, so TWVariantsRev has 么 → 幺).  Emitted dense over the CJK
 * Unified Ideographs of the BMP and as sorted pairs elsewhere.
 */
static uint32_t simplify1(uint32_t c)
{
	const trie *hk = find("HKVariantsRev"), *tw = find("TWVariantsRev"),
		   *ts = find("TSCharacters"), *st = find("STCharacters");
	uint32_t v = lookup1(ts, c);

	if (v != c || lookup1(st, c) != c)
		return v;
	return lookup1(ts, lookup1(tw, lookup1(hk, c)));
}

static void emit_simplified(void)
{
	const trie *hk = find("HKVariantsRev"), *tw = find("TWVariantsRev"),
		   *ts = find("TSCharacters");
	const trie *all[3];
	uint32_t *keys = NULL;
	size_t nkeys = 0, i, j, k, npairs = 0;

	all[0] = hk;
	all[1] = tw;
	all[2] = ts;
	for (k = 0; k < 3; k++)
		for (i = 0; i < all[k]->nodes[0].n; i++) {
			keys = xrealloc(keys, (nkeys + 1) * sizeof(*keys));
			keys[nkeys++] = all[k]->nodes[0].e[i].cp;
		}
	printf("\nconst uint32_t scd_opencc__simplified_lo = %u, scd_opencc__simplified_hi = %u;\n",
	       S_LO, S_HI);
	printf("const uint32_t scd_opencc__simplified_table[%u] = {", S_HI - S_LO);
	for (i = S_LO; i < S_HI; i++) {
		uint32_t c = simplify1((uint32_t)i);
		printf("%s%u,", (i - S_LO) % 12 ? "" : "\n", c == i ? 0 : c);
	}
	printf("};\n");
	/* the others, sorted and unique */
	for (i = 1; i < nkeys; i++)
		for (j = i; j > 0 && keys[j - 1] > keys[j]; j--) {
			uint32_t t = keys[j];
			keys[j] = keys[j - 1];
			keys[j - 1] = t;
		}
	printf("const uint32_t scd_opencc__simplified_pairs[][2] = {\n");
	for (i = 0; i < nkeys; i++) {
		uint32_t c = keys[i], v;
		if ((i && keys[i - 1] == c) || (c >= S_LO && c < S_HI))
			continue;
		v = simplify1(c);
		if (v != c) {
			printf("\t{ %u, %u },\n", c, v);
			npairs++;
		}
	}
	printf("\t{ 0, 0 }\n};\nconst size_t scd_opencc__simplified_npairs = %zu;\n", npairs);
	free(keys);
}

/* ---- the regional fold (text/normalize.c) ---------------------------- */

#define MAXW 16

typedef struct {
	uint32_t c[MAXW];
	size_t n, parent;
} word;

static word *words;
static size_t nwords;

static size_t word_id(const uint32_t *c, size_t n)
{
	size_t i;

	for (i = 0; i < nwords; i++)
		if (words[i].n == n && !memcmp(words[i].c, c, n * sizeof(*c)))
			return i;
	words = xrealloc(words, (nwords + 1) * sizeof(*words));
	memcpy(words[nwords].c, c, n * sizeof(*c));
	words[nwords].n = n;
	words[nwords].parent = nwords;
	return nwords++;
}

static size_t class_of(size_t i)
{
	while (words[i].parent != i)
		i = words[i].parent = words[words[i].parent].parent;
	return i;
}

/* Is word a a better representative than b: shorter, then smaller. */
static int better(const word *a, const word *b)
{
	size_t i;

	if (a->n != b->n)
		return a->n < b->n;
	for (i = 0; i < a->n; i++)
		if (a->c[i] != b->c[i])
			return a->c[i] < b->c[i];
	return 0;
}

static void simplify_word(uint32_t *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		c[i] = simplify1(c[i]);
}

/* Every key of t below node `at` (path[0..depth) leads there) with its
 * default candidate, in simplified characters, joined with it. */
static void join_keys(const trie *t, uint32_t at, uint32_t *path, size_t depth)
{
	const node *x = &t->nodes[at];
	size_t i;

	if (x->value && depth <= MAXW && pool[x->value - 1] <= MAXW) {
		uint32_t k[MAXW], v[MAXW];
		size_t nv = pool[x->value - 1];
		memcpy(k, path, depth * sizeof(*k));
		memcpy(v, &pool[x->value], nv * sizeof(*v));
		simplify_word(k, depth);
		simplify_word(v, nv);
		if (nv && (nv != depth || memcmp(k, v, nv * sizeof(*k)))) {
			size_t a = class_of(word_id(k, depth)), b = class_of(word_id(v, nv));
			if (a != b)
				words[a].parent = b;
		}
	}
	if (depth == MAXW)
		return;
	for (i = 0; i < x->n; i++) {
		path[depth] = x->e[i].cp;
		join_keys(t, x->e[i].child, path, depth + 1);
	}
}

/* ---- ICU's phrases ----------------------------------------------------- */

static UChar *ubuf;
static int32_t ulen_, ucap;

static void upush(UChar32 c)
{
	if (ulen_ + 2 >= ucap) {
		ucap = ucap ? 2 * ucap : 1 << 20;
		ubuf = xrealloc(ubuf, (size_t)ucap * sizeof(*ubuf));
	}
	U16_APPEND_UNSAFE(ubuf, ulen_, c);
}

/* Every key of t below node `at`, one per line, into ubuf. */
static void keys_to_lines(const trie *t, uint32_t at, uint32_t *path, size_t depth)
{
	const node *x = &t->nodes[at];
	size_t i;

	if (x->value && depth) {
		for (i = 0; i < depth; i++)
			upush((UChar32)path[i]);
		upush('\n');
	}
	if (depth == MAXW)
		return;
	for (i = 0; i < x->n; i++) {
		path[depth] = x->e[i].cp;
		keys_to_lines(t, x->e[i].child, path, depth + 1);
	}
}

/*
 * ICU's Simplified-Traditional transliterator over OpenCC's simplified
 * phrases (the keys of STPhrases), as a dictionary "ICUPhrases" of its
 * own: ICU writes some words otherwise (什么 → 甚麼, 荧屏 → 螢屏), and an
 * edition made with it must fold too.  Returns its index.
 */
static size_t icu_phrases(void)
{
	const trie *st = find("STPhrases");
	uint32_t path[MAXW];
	UChar id[] = u"Simplified-Traditional";
	UErrorCode err = U_ZERO_ERROR;
	UTransliterator *tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
	UChar *in;
	int32_t n, limit, cap, p = 0, q = 0, pairs = 0;
	trie *t;

	if (U_FAILURE(err)) {
		fprintf(stderr, "gen_opencc: cannot open ICU's Simplified-Traditional: %s\n",
			u_errorName(err));
		exit(1);
	}
	keys_to_lines(st, 0, path, 0);
	n = ulen_;
	in = xrealloc(NULL, (size_t)n * sizeof(*in));
	memcpy(in, ubuf, (size_t)n * sizeof(*in));
	cap = 4 * n;
	ubuf = xrealloc(ubuf, (size_t)cap * sizeof(*ubuf));
	limit = ulen_;
	utrans_transUChars(tr, ubuf, &ulen_, cap, 0, &limit, &err);
	if (U_FAILURE(err)) {
		fprintf(stderr, "gen_opencc: ICU's Simplified-Traditional failed: %s\n",
			u_errorName(err));
		exit(1);
	}
	if (ndicts == MAX_DICTS) {
		fprintf(stderr, "gen_opencc: too many dictionaries\n");
		exit(1);
	}
	t = &dicts[ndicts];
	snprintf(t->name, sizeof(t->name), "ICUPhrases");
	new_node(t);
	/* line by line: the key, and what ICU made of it */
	while (p < n && q < ulen_) {
		uint32_t key[MAXW + 1], val[4 * MAXW];
		size_t nk = 0, nv = 0;
		while (p < n && in[p] != '\n') {
			UChar32 c;
			U16_NEXT(in, p, n, c);
			if (nk <= MAXW)
				key[nk++] = (uint32_t)c;
		}
		while (q < ulen_ && ubuf[q] != '\n') {
			UChar32 c;
			U16_NEXT(ubuf, q, ulen_, c);
			if (nv < 4 * MAXW)
				val[nv++] = (uint32_t)c;
		}
		p++;
		q++;
		if (nk && nk <= MAXW && nv && nv <= MAXW) {
			insert(t, key, nk, val, nv);
			pairs++;
		}
	}
	if (p < n || q < ulen_ || pairs == 0) {
		fprintf(stderr, "gen_opencc: ICU's output is out of step with its input\n");
		exit(1);
	}
	utrans_close(tr);
	free(in);
	return ndicts++;
}

/*
 * A fold: OpenCC's phrase dictionaries `from` in simplified characters,
 * each key joined with its default candidate; every word of a class maps
 * to the class's shortest (then smallest) word.  "regional" joins the
 * Taiwan vocabulary both ways (TWPhrases, TWPhrasesRev) and the phrases
 * whose traditional form is not character by character (STPhrases,
 * TSPhrases: 仿佛 and 彷彿, 抵触 and 牴觸; and ICU's: 什么 and 甚麼); so
 * 文件, 档案 (檔案 simplified)
 * and their other renderings share one form, and folding is the same
 * whichever side a word comes from (s2twp alone is not: it takes 进程 to
 * 程序, and 程序 on to 程式).  "phrases" joins the last two only, to tell a
 * phrase's script from its vocabulary.  Returns the new dictionary's index.
 */
static size_t build_fold(const char *name, const char *const *from, size_t nfrom)
{
	uint32_t path[MAXW];
	size_t i, k, *best;
	trie *t;

	free(words);
	words = NULL;
	nwords = 0;
	for (k = 0; k < nfrom; k++)
		join_keys(find(from[k]), 0, path, 0);
	best = xrealloc(NULL, (nwords ? nwords : 1) * sizeof(*best));
	for (i = 0; i < nwords; i++)
		best[i] = (size_t)-1;
	for (i = 0; i < nwords; i++) {
		size_t c = class_of(i);
		if (best[c] == (size_t)-1 || better(&words[i], &words[best[c]]))
			best[c] = i;
	}
	if (ndicts == MAX_DICTS) {
		fprintf(stderr, "gen_opencc: too many dictionaries\n");
		exit(1);
	}
	t = &dicts[ndicts];
	snprintf(t->name, sizeof(t->name), "%s", name);
	new_node(t);
	/* the class's own form is a key too (of itself): the longest match
	 * must see the same words whichever form a text has, or 内建立 would
	 * fold as 内 + 建立 and 内置立 as 内置 + 立 */
	for (i = 0; i < nwords; i++) {
		const word *r = &words[best[class_of(i)]];
		insert(t, words[i].c, words[i].n, r->c, r->n);
	}
	free(best);
	return ndicts++;
}

int main(int argc, char **argv)
{
	static char specs[MAX_CONFIGS][MAX_SPEC * 4];
	static char names[MAX_CONFIGS][32];
	size_t nconfigs = 0, i;
	int a;

	if (argc < 3) {
		fprintf(stderr, "usage: gen_opencc DUMPDIR 'NAME SEGDICTS STEP...'...\n");
		return 2;
	}
	if (argc - 2 > MAX_CONFIGS - 2) {
		fprintf(stderr, "gen_opencc: at most %d configurations\n", MAX_CONFIGS - 2);
		return 1;
	}
	for (a = 2; a < argc; a++) {
		char *spec = strdup(argv[a]), *tok, *save = NULL;
		size_t n = 0;
		char *out = specs[nconfigs];

		if (!spec)
			return 1;
		tok = strtok_r(spec, " ", &save);
		if (!tok || strlen(tok) >= sizeof(names[0])) {
			fprintf(stderr, "gen_opencc: bad configuration '%s'\n", argv[a]);
			return 1;
		}
		snprintf(names[nconfigs], sizeof(names[0]), "%s", tok);
		out[0] = '\0';
		while ((tok = strtok_r(NULL, " ", &save))) {
			char *d, *save2 = NULL;
			for (d = strtok_r(tok, "+", &save2); d; d = strtok_r(NULL, "+", &save2)) {
				char num[16];
				snprintf(num, sizeof(num), "%zu,", load(argv[1], d));
				strcat(out, num);
				n++;
			}
			strcat(out, "-1,");
			n++;
			if (n + 8 >= MAX_SPEC) {
				fprintf(stderr, "gen_opencc: configuration '%s' too long\n", argv[a]);
				return 1;
			}
		}
		strcat(out, "-2");
		free(spec);
		nconfigs++;
	}
	{
		/* the folds, each a configuration of its own */
		static const char *const regional[] = { "TWPhrases", "TWPhrasesRev",
							"STPhrases", "TSPhrases", "ICUPhrases" };
		size_t r, p, icu = icu_phrases();
		r = build_fold("Regional", regional, 5);
		p = build_fold("Phrases", regional + 2, 3);
		/* ICU's phrases live on in the folds only: emitted empty */
		dicts[icu].n = 1;
		dicts[icu].keys = 0;
		dicts[icu].nodes[0].n = 0;
		dicts[icu].nodes[0].value = 0;
		snprintf(names[nconfigs], sizeof(names[0]), "regional");
		snprintf(specs[nconfigs], sizeof(specs[0]), "%zu,-1,%zu,-1,-2", r, r);
		nconfigs++;
		snprintf(names[nconfigs], sizeof(names[0]), "phrases");
		snprintf(specs[nconfigs], sizeof(specs[0]), "%zu,-1,%zu,-1,-2", p, p);
		nconfigs++;
	}
	{
		/* the pool holds only what emitted keys use (ICU's phrases
		 * were folded, not emitted) */
		uint32_t *keep = NULL;
		size_t nkeep = 0, d, x;
		for (d = 0; d < ndicts; d++)
			for (x = 0; x < dicts[d].n; x++) {
				uint32_t v = dicts[d].nodes[x].value;
				if (!v)
					continue;
				keep = xrealloc(keep, (nkeep + 1 + pool[v - 1]) * sizeof(*keep));
				memcpy(keep + nkeep, pool + v - 1, (1 + pool[v - 1]) * sizeof(*keep));
				dicts[d].nodes[x].value = (uint32_t)nkeep + 1;
				nkeep += 1 + pool[v - 1];
			}
		free(pool);
		pool = keep;
		npool = nkeep;
	}
	printf("/* Generated by tools/gen_opencc.c from OpenCC's dictionaries; do not edit. */\n");
	printf("#include \"text/opencc_tables.h\"\n");
	printf("\nconst uint32_t scd_opencc__pool[%zu] = {", npool);
	for (i = 0; i < npool; i++)
		printf("%s%u,", i % 12 ? "" : "\n", pool[i]);
	printf("};\n");
	for (i = 0; i < ndicts; i++)
		emit_trie(i);
	printf("\nconst scd_opencc__dict scd_opencc__dicts[%zu] = {\n", ndicts);
	for (i = 0; i < ndicts; i++)
		printf("\t{ \"%s\", %zu, %zu, d%zu_first, d%zu_cp, d%zu_child, d%zu_value,\n"
		       "\t  %u, %u, d%zu_root },\n",
		       dicts[i].name, dicts[i].n, dicts[i].maxlen, i, i, i, i,
		       roots[i][0], roots[i][1], i);
	printf("};\nconst size_t scd_opencc__ndicts = %zu;\n", ndicts);
	printf("\nconst scd_opencc__config scd_opencc__configs[%zu] = {\n", nconfigs);
	for (i = 0; i < nconfigs; i++)
		printf("\t{ \"%s\", { %s } },\n", names[i], specs[i]);
	printf("};\nconst size_t scd_opencc__nconfigs = %zu;\n", nconfigs);
	emit_simplified();
	return ferror(stdout) ? 1 : 0;
}
