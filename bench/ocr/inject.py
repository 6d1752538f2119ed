#!/usr/bin/env python3
"""Make a clean text A and a noisy copy B with known, injected confusions.

    python3 bench/ocr/inject.py --out DIR [--seed N] [--rate R] [--kinds LIST]
                                [--corpus DIR] [--lookalikes TSV] [--shape-min-score S]
                                [--width-a N] [--width-b N]

writes DIR/A.txt (clean), DIR/B.txt (A with the injections, wrapped at
another width), DIR/A2.txt (A wrapped like B, for the clean-text false-flag
check) and DIR/truth.json.

Text A: the logical paragraphs of corpora/*.txt (whitespace removed; blank-line
chunks are merged until one ends with sentence punctuation), in file order,
without paragraphs that mostly repeat an earlier one (>= 20 % of their
10-grams seen before); wrapped at --width-a characters, a blank line between
paragraphs.  Injections go only on Han characters outside every 10-gram that
occurs twice in A (so that the aligner has one place to put them), at least
3 characters inside their paragraph, and with at least 3 untouched characters
between two injections.

Kinds (each injection is one of them; kinds are balanced: at each place the
least used kind that fits nearby is taken):
  sound    a character -> a common character with the same (subtype
           `same:READING`, the shared toneless readings) or a near (subtype
           `near:READINGS~READINGS`: zh/z ch/c sh/s n/l, in/ing en/eng an/ang)
           toneless reading (any of its Unihan readings), neither shape-alike
           nor a variant; same and near are drawn half and half.  When the
           relation holds only through readings outside kMandarin (一/蛇 by
           蛇's yí) the subtype is `same-rare` / `near-rare`; such pairs are
           drawn when no kMandarin pair exists or 1 time in 4
  shape    a character -> a look-alike (data/lookalikes.tsv, else the Unihan
           kSpoofingVariant/kZVariant fallback, see truth.json
           "lookalike_source"; pairs drawn in proportion to their score,
           higher = more alike; common targets preferred), not sound-alike,
           not a traditional/simplified pair
  variant  a simplified character -> one of its kTraditionalVariant forms
           whose only kSimplifiedVariant is that character (閤, simplified
           合 or 𬮤, is not taken for 合)
  doubled  X -> XX
  dropped  X -> (nothing)
  edit1    a character -> a common character that is neither sound- nor
           shape-alike nor a variant
  editN    2-6 characters replaced (subtype `replace`), inserted (`insert`)
           or deleted (`delete`); the new run is taken from elsewhere in the
           corpus and shares no character with the run it replaces or with
           the two characters around it
"Common": Unihan kFrequency <= 3 or kHanyuPinlu present, and not a
traditional-only form.  A replacement never equals a neighbouring character
(it would read as a doubled one); a dropped or doubled character differs from
its neighbours.

truth.json:
  {"seed", "rate", "kinds", "lookalike_source", "width_a", "width_b", "paragraphs",
   "chars_a" (non-whitespace characters of A), "counts": {kind: n},
   "injections": [{"kind", "subtype", "a": [s, e], "b": [s, e],
                   "a_text" (clean), "b_text" (injected)}]}
Spans are half-open byte ranges into A.txt / B.txt.  An empty span (dropped
or inserted text) is [s, s] with s the end of the previous character (a line
break may follow it).  `doubled`: a = the character, b = both copies.
"""

import argparse
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
# appended: the modules of this folder (score.py) win over bench/'s
sys.path.append(os.path.dirname(HERE))
from common import logical_paragraphs, read_corpus  # noqa: E402
from unihan import Unihan, is_han  # noqa: E402

KINDS = ['sound', 'shape', 'variant', 'doubled', 'dropped', 'edit1', 'editN']
WS_RE = re.compile(r'\s+')
GAP = 3          # untouched characters between two injections
EDGE = 3         # characters kept clean at both ends of a paragraph
NGRAM = 10       # repeat detection


def corpus_paragraphs(corpus):
    paras = [p for t in read_corpus(corpus, 'inject.py')
             for p in logical_paragraphs(t, r'\n[ \t\u3000]*\n')]
    # drop paragraphs that mostly repeat earlier ones
    seen = set()
    out = []
    for p in paras:
        grams = {p[i:i + NGRAM] for i in range(len(p) - NGRAM + 1)}
        if grams and len(grams & seen) >= 0.2 * len(grams):
            continue
        if not grams and p in out:
            continue
        seen |= grams
        out.append(p)
    return out


def repeated_mask(paras):
    """mask[k][i] True when char i of paragraph k lies in a 10-gram that
    occurs more than once in the whole text."""
    count = {}
    for p in paras:
        for i in range(len(p) - NGRAM + 1):
            g = p[i:i + NGRAM]
            count[g] = count.get(g, 0) + 1
    masks = []
    for p in paras:
        m = [False] * len(p)
        for i in range(len(p) - NGRAM + 1):
            if count[p[i:i + NGRAM]] > 1:
                for j in range(i, i + NGRAM):
                    m[j] = True
        masks.append(m)
    return masks


class Injector:
    def __init__(self, u, paras, rng, shape_min=0.0):
        self.u = u
        self.shape_min = shape_min
        self.rng = rng
        self.paras = paras
        self.masks = repeated_mask(paras)
        self.common = sorted(c for c in u.common if u.is_simplified_ok(c))
        by_near = {}
        for c in self.common:
            for k in u.near.get(c, ()):
                by_near.setdefault(k, set()).add(c)
        self.by_near = by_near
        self.han_runs = ''.join(paras)

    # -- relations --------------------------------------------------------
    def related(self, a, b):
        u = self.u
        return (a == b or u.sound(a, b) is not None or u.shape(a, b)
                or u.is_variant_pair(a, b))

    def sound_cands(self, c):
        u = self.u
        same, near = [], []
        cand = set()
        for k in u.near.get(c, ()):
            cand |= self.by_near.get(k, set())
        for d in sorted(cand):
            if d == c or u.shape(c, d) or u.is_variant_pair(c, d):
                continue
            s = u.sound(c, d)
            if s == 'same':
                same.append(d)
            elif s == 'near':
                near.append(d)
        return same, near

    def shape_cands(self, c):
        u = self.u
        out = []
        for d, sc in sorted(u.lookalikes.get(c, {}).items()):
            if sc < self.shape_min or d == c or not is_han(d) or u.sound(c, d) is not None:
                continue
            if d in u.traditional.get(c, ()) or d in u.simplified.get(c, ()) \
                    or c in u.traditional.get(d, ()) or c in u.simplified.get(d, ()):
                continue
            out.append((d, sc))
        common = [x for x in out if x[0] in self.u.common]
        return common or out

    # -- one injection at (paragraph k, char i) ---------------------------
    def try_kind(self, kind, p, i, limit):
        """Return (start, end, new_text, subtype) in paragraph coordinates or
        None.  Chars p[start:end] are replaced by new_text; end <= limit."""
        rng = self.rng
        u = self.u
        c = p[i]
        if not is_han(c):
            return None
        left, right = p[i - 1], p[i + 1]
        if kind == 'sound':
            same, near = self.sound_cands(c)
            same = [d for d in same if d not in (left, right)]
            near = [d for d in near if d not in (left, right)]
            if not same and not near:
                return None
            rel = 'same' if same and (not near or rng.random() < 0.5) else 'near'
            cands = same if rel == 'same' else near
            main = [d for d in cands if u.sound(c, d, main=True) == rel]
            rare = [d for d in cands if d not in main]
            if main and (not rare or rng.random() < 0.75):
                d, sub = rng.choice(main), rel
            else:
                d, sub = rng.choice(rare), rel + '-rare'
            if rel == 'same':
                return i, i + 1, d, sub + ':' + '/'.join(sorted(u.readings[c] & u.readings[d]))
            return i, i + 1, d, sub + ':' + '/'.join(sorted(u.readings[c])) + '~' + \
                '/'.join(sorted(u.readings[d]))
        if kind == 'shape':
            cands = [x for x in self.shape_cands(c) if x[0] not in (left, right)]
            if not cands:
                return None
            d = rng.choices([x[0] for x in cands], weights=[max(x[1], 1e-6) for x in cands])[0]
            return i, i + 1, d, 'lookalike'
        if kind == 'variant':
            tv = [d for d in u.traditional.get(c, ())
                  if d != c and d not in (left, right) and u.simplified.get(d) == [c]]
            if not tv:
                return None
            return i, i + 1, rng.choice(tv), 'traditional'
        if kind == 'doubled':
            if c in (left, right):
                return None
            return i, i + 1, c + c, 'doubled'
        if kind == 'dropped':
            if c in (left, right) or left == right:
                return None
            return i, i + 1, '', 'dropped'
        if kind == 'edit1':
            for _ in range(50):
                d = rng.choice(self.common)
                if d not in (left, right) and not self.related(c, d):
                    return i, i + 1, d, 'replace'
            return None
        if kind == 'editN':
            typ = rng.choice(['replace', 'insert', 'delete'])
            n = rng.randint(2, 6)
            if typ == 'insert':
                start = end = i          # insert before char i
                old = ''
            else:
                start, end = i, i + n
                if end > limit:
                    return None
                old = p[start:end]
                if not all(is_han(x) for x in old):
                    return None
            before, after = p[start - 1], p[end]
            if typ == 'delete':
                if before in old or after in old or before == after:
                    return None
                return start, end, '', 'delete'
            banned = set(old) | {before, after}
            src = self.han_runs
            for _ in range(100):
                m = rng.randint(2, 6)
                j = rng.randrange(0, len(src) - m)
                new = src[j:j + m]
                if all(is_han(x) for x in new) and not (set(new) & banned):
                    return start, end, new, typ
            return None
        raise ValueError(kind)

    def run(self, rate, kinds):
        rng = self.rng
        used = {k: 0 for k in kinds}
        plan = []                     # (paragraph, start, end, new, kind, subtype)
        mean_gap = 1.0 / rate
        skip = int(rng.expovariate(1.0 / mean_gap))   # chars before the next try
        for k, p in enumerate(self.paras):
            mask = self.masks[k]
            limit = len(p) - EDGE
            pos = EDGE + skip
            while pos < limit - 1:
                order = sorted(kinds, key=lambda x: (used[x], rng.random()))
                done = None
                for kind in order:
                    for i in range(pos, min(pos + 40, limit - 1)):
                        if mask[i] or not is_han(p[i]):
                            continue
                        r = self.try_kind(kind, p, i, limit)
                        if r is None:
                            continue
                        s, e, new, sub = r
                        if any(mask[s:e]) or (s == e and (mask[s - 1] or mask[s])):
                            continue
                        done = (k, s, e, new, kind, sub)
                        break
                    if done:
                        break
                if not done:
                    pos += 40
                    continue
                plan.append(done)
                used[done[4]] += 1
                end = max(done[2], done[1] + 1)
                pos = end + GAP + max(0, int(rng.expovariate(1.0 / mean_gap)) - GAP)
            skip = max(0, pos - limit)
        return plan, used


def wrap(paras, width):
    """Text of paragraphs wrapped at `width` chars, blank line between them;
    returns (text, starts, ends): starts[k][i] / ends[k][i] = byte offset of
    the start / end of char i of paragraph k."""
    out = []
    starts, ends = [], []
    pos = 0
    for k, p in enumerate(paras):
        if k:
            out.append('\n\n')
            pos += 2
        st, en = [], []
        for i, ch in enumerate(p):
            if i and i % width == 0:
                out.append('\n')
                pos += 1
            st.append(pos)
            out.append(ch)
            pos += len(ch.encode('utf-8'))
            en.append(pos)
        starts.append(st)
        ends.append(en)
    out.append('\n')
    return ''.join(out), starts, ends


def span(starts, ends, s, e):
    """byte span of chars [s, e) of one paragraph; empty: end of char s-1."""
    if s == e:
        return [ends[s - 1], ends[s - 1]]
    return [starts[s], ends[e - 1]]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', required=True, help='output directory')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--rate', type=float, default=1 / 200,
                    help='injections per character (default 1/200)')
    ap.add_argument('--kinds', default=','.join(KINDS),
                    help='comma list of kinds (default all: %(default)s)')
    ap.add_argument('--corpus', default=os.path.join(ROOT, 'corpora'))
    ap.add_argument('--lookalikes', default=os.path.join(ROOT, 'data', 'lookalikes.tsv'))
    ap.add_argument('--shape-min-score', type=float, default=0.0,
                    help='look-alike pairs with a lower score are not used (default 0)')
    ap.add_argument('--width-a', type=int, default=30)
    ap.add_argument('--width-b', type=int, default=37)
    args = ap.parse_args()
    kinds = [k for k in args.kinds.split(',') if k]
    for k in kinds:
        if k not in KINDS:
            sys.exit(f'inject.py: unknown kind {k!r} (known: {",".join(KINDS)})')
    if not (0 < args.rate <= 0.2):
        sys.exit('inject.py: --rate must be in (0, 0.2]')

    u = Unihan(args.lookalikes)
    rng = random.Random(args.seed)
    paras = corpus_paragraphs(args.corpus)
    inj = Injector(u, paras, rng, args.shape_min_score)
    plan, used = inj.run(args.rate, kinds)

    # build B paragraphs; remember each injection's char span in B
    by_para = {}
    for item in plan:
        by_para.setdefault(item[0], []).append(item)
    bparas = []
    bspans = {}
    for k, p in enumerate(paras):
        items = sorted(by_para.get(k, []), key=lambda x: x[1])
        pieces = []
        last = 0
        blen = 0
        for it in items:
            _, s, e, new, kind, sub = it
            pieces.append(p[last:s])
            blen += s - last
            bspans[id(it)] = (blen, blen + len(new))
            pieces.append(new)
            blen += len(new)
            last = e
        pieces.append(p[last:])
        bparas.append(''.join(pieces))

    a_text, a_st, a_en = wrap(paras, args.width_a)
    b_text, b_st, b_en = wrap(bparas, args.width_b)
    a2_text, _, _ = wrap(paras, args.width_b)

    injections = []
    for it in sorted(plan, key=lambda x: (x[0], x[1])):
        k, s, e, new, kind, sub = it
        bs, be = bspans[id(it)]
        injections.append({
            'kind': kind, 'subtype': sub,
            'a': span(a_st[k], a_en[k], s, e), 'b': span(b_st[k], b_en[k], bs, be),
            'a_text': paras[k][s:e], 'b_text': new,
        })
    # self-check: spans reproduce the texts
    ab, bb = a_text.encode('utf-8'), b_text.encode('utf-8')
    for t in injections:
        assert ab[t['a'][0]:t['a'][1]].decode('utf-8').replace('\n', '') == t['a_text'], t
        assert bb[t['b'][0]:t['b'][1]].decode('utf-8').replace('\n', '') == t['b_text'], t
    assert WS_RE.sub('', a_text) == WS_RE.sub('', a2_text)

    os.makedirs(args.out, exist_ok=True)
    for name, txt in (('A.txt', a_text), ('B.txt', b_text), ('A2.txt', a2_text)):
        with open(os.path.join(args.out, name), 'w', encoding='utf-8') as f:
            f.write(txt)
    chars_a = sum(len(p) for p in paras)
    truth = {
        'seed': args.seed, 'rate': args.rate, 'kinds': kinds,
        'lookalike_source': u.lookalike_source,
        'width_a': args.width_a, 'width_b': args.width_b,
        'paragraphs': len(paras), 'chars_a': chars_a,
        'counts': used, 'injections': injections,
    }
    with open(os.path.join(args.out, 'truth.json'), 'w', encoding='utf-8') as f:
        head = json.dumps({k: v for k, v in truth.items() if k != 'injections'},
                          ensure_ascii=False)
        f.write(head[:-1] + ',\n "injections": [\n')
        f.write(',\n'.join('  ' + json.dumps(t, ensure_ascii=False) for t in injections))
        f.write('\n]}\n')
    print(f'inject.py: {len(paras)} paragraphs, {chars_a} chars, {len(injections)} injections '
          f'({", ".join(f"{k} {v}" for k, v in used.items())}); look-alikes: {u.lookalike_source}',
          file=sys.stderr)


if __name__ == '__main__':
    main()
