#!/usr/bin/env python3
"""Generate a noisy pair of Chinese-like texts (A, B) with ground truth.

    python3 bench/gen_pairs.py --corpus DIR --size BYTES --seed N --out PREFIX [--check]
    python3 bench/gen_pairs.py --verify PREFIX

writes PREFIX.a.txt, PREFIX.b.txt and PREFIX.truth.json.

Text A is novel text from a character-level Markov model trained on the
corpus (whitespace removed), cut into paragraphs whose lengths are drawn from
the corpus paragraph lengths, wrapped at a random width with blank lines
between paragraphs.  Text B is derived from A with known noise (see --help
for every rate and its default):

  layout      re-wrap at another width, spaced-out lines (`上 海 合 作`),
              spaces around digit runs (`2025 年 9 月`), stray blank lines
  punctuation full/half width swaps (，<->, （<->( ：<->: ...), dash variants
              (－ — ——)
  paragraphs  moved, cut (only in A), added (only in B)
  slips       (kind "ocr") single-char substitution, doubled char, dropped char
  edits       (kind "edit") replace / insert / delete a run of 2-12 chars

Truth JSON (all offsets are BYTE offsets into the written files, half-open):

  pairs      [[a_start, b_start, n], ...]  runs of corresponding characters;
             n counts CHARACTERS: the n characters that start at a_start in A
             are contiguous (no whitespace between them), likewise in B, and
             the k-th of A corresponds to the k-th of B.  Whitespace never
             appears in pairs.  A character whose punctuation width/dash style
             changed still corresponds (first char of a dash run to the first
             char of its replacement; lockstep if the runs have equal length).
  alt_pairs  [[a_alt, b_alt, a_true, b_true], ...]: the pair (a_alt, b_alt)
             is an equally valid alternative to the true pair (a_true, b_true):
             a doubled character (A `X` -> B `XX`: the truth pairs X with the
             first X of B, the alternative with the second), and the chars by
             which a cut/added/moved paragraph can slide when its end repeats
             the end of the paragraph before it (both end in `。`) or its
             start the start of the one after it, and any two dashes of dash
             runs of unequal length (`——` -> `－`).
  edits      [{"a":[s,e], "b":[s,e], "kind":"edit", "type":"replace|insert|delete",
               "a_text":..., "b_text":...}]
  slips      same with "kind":"ocr", "type":"sub|double|drop"
  styles     same with "kind":"width|punct" (informational; these characters
             are in pairs)
  moves      [{"a":[s,e], "b":[s,e]}] paragraphs moved elsewhere in B
  cuts       [{"a":[s,e]}] paragraphs only in A
  adds       [{"b":[s,e]}] paragraphs only in B
  An empty span (insertion point, dropped text) is given as the whitespace
  gap between the two neighbouring non-whitespace characters, i.e. [s,s]
  when they touch, or e.g. [s,s+1] when a newline lies between them.
  totals     chars_a / chars_b (non-whitespace characters), chars_a_surviving,
             n_edits, n_slips, ...;  params (all noise rates), seed, repeat
             measurement of A.
"""

import argparse
import bisect
import json
import os
import random
import re
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from common import WS_RE, logical_paragraphs, read_corpus  # noqa: E402

# ---------------------------------------------------------------------------
# character classes

FW2HW = {'，': ',', '（': '(', '）': ')', '：': ':', '；': ';', '！': '!', '？': '?'}
HW2FW = {v: k for k, v in FW2HW.items()}
WIDTH_MAP = dict(FW2HW)
WIDTH_MAP.update(HW2FW)
DASH_CHARS = set('—－')                 # U+2014 EM DASH, U+FF0D FULLWIDTH HYPHEN-MINUS
DASH_VARIANTS = ['－', '—', '——']
TERMINAL = set('。！？!?')


def norm(c):
    """canonical form used to keep edits unambiguous.  scodiff may pair any
    punctuation mark with any other as a `punct` difference (`”`/`“`,
    `（`/`《`), so all punctuation compares equal; so do width variants."""
    c = FW2HW.get(c, c)
    return c if c.isalnum() else 'P'


def is_han(c):
    return '\u4e00' <= c <= '\u9fff'


def blen(c):
    o = ord(c)
    return 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4


def is_digit(c):
    return '0' <= c <= '9'


# ---------------------------------------------------------------------------
# corpus and Markov model

def corpus_paragraph_lengths(raw_texts):
    """Lengths (non-whitespace chars) of the corpus' logical paragraphs."""
    return [len(p) for t in raw_texts for p in logical_paragraphs(t)]


class Markov:
    """Character-level Markov chain with back-off to lower orders on unseen
    contexts.  tables[o] maps an o-char context to the list of its successors
    (with repetition, so random.choice samples by frequency)."""

    def __init__(self, texts, order):
        self.order = order
        self.tables = [dict() for _ in range(order + 1)]
        for t in texts:
            for i, ch in enumerate(t):
                for o in range(order + 1):
                    if i >= o:
                        self.tables[o].setdefault(t[i - o:i], []).append(ch)
        self.han = [c for c in self.tables[0][''] if is_han(c)]

    def next(self, hist, rng):
        tabs = self.tables
        for o in range(min(self.order, len(hist)), 0, -1):
            lst = tabs[o].get(hist[-o:])
            if lst:
                return rng.choice(lst)
        return rng.choice(tabs[0][''])

    def run(self, hist, n, rng):
        out = []
        h = hist[-self.order:] if self.order else ''
        for _ in range(n):
            c = self.next(h, rng)
            out.append(c)
            if self.order:
                h = (h + c)[-self.order:]
        return out


def repeat_share(s, w=32):
    """Share of the w-char windows of s whose content occurs more than once."""
    n = len(s) - w + 1
    if n <= 0:
        return 0.0
    hs = sorted(hash(s[i:i + w]) for i in range(n))
    rep = 0
    i = 0
    while i < n:
        j = i + 1
        while j < n and hs[j] == hs[i]:
            j += 1
        if j - i > 1:
            rep += j - i
        i = j
    return rep / n


# ---------------------------------------------------------------------------
# rendering (layout)

def render_para(p, width, r, spaced_rate, digit_rate, blank_rate):
    """Render one paragraph (list of chars).  Returns (text, offsets) with
    offsets[k] = byte offset of char k relative to the paragraph start."""
    pieces = []
    po = []
    pos = 0
    spaced = False          # current line has spaces between all chars
    spaced_run = False      # current digit run gets spaces around it
    in_run = False
    for q, ch in enumerate(p):
        line_start = q % width == 0
        if line_start:
            if q > 0:
                nl = '\n\n' if r.random() < blank_rate else '\n'
                pieces.append(nl)
                pos += len(nl)
            spaced = r.random() < spaced_rate
        sep = False
        if is_digit(ch):
            if not in_run:
                in_run = True
                spaced_run = r.random() < digit_rate
                sep = spaced_run
        elif ch == '.' and in_run:
            pass
        else:
            if in_run:
                sep = spaced_run
            in_run = False
        if spaced:
            sep = True
        if sep and not line_start:
            pieces.append(' ')
            pos += 1
        po.append(pos)
        pieces.append(ch)
        pos += blen(ch)
    return ''.join(pieces), po


class Renderer:
    """Layout of one file.  Each paragraph uses its own RNG so that
    re-rendering one paragraph (trimming) does not change the others."""

    def __init__(self, width, seed, tag, spaced_rate, digit_rate, blank_rate):
        self.width, self.seed, self.tag = width, seed, tag
        self.rates = (spaced_rate, digit_rate, blank_rate)

    def para(self, pi, p):
        r = random.Random(f'{self.seed}/{self.tag}/{pi}')
        return render_para(p, self.width, r, *self.rates)

    def render(self, paras, rendered=None):
        """Returns (text, offsets) with offsets[p][k] = byte offset of char k
        of paragraph p; paragraphs separated by a blank line, final LF."""
        pieces = []
        offsets = []
        pos = 0
        for pi, p in enumerate(paras):
            if pi > 0:
                pieces.append('\n\n')
                pos += 2
            t, po = rendered[pi] if rendered else self.para(pi, p)
            offsets.append([pos + o for o in po])
            pieces.append(t)
            pos += len(t.encode('utf-8'))
        pieces.append('\n')
        return ''.join(pieces), offsets


# ---------------------------------------------------------------------------
# generation

def gen_paragraph(model, hist, lengths, rng, min_len=0):
    target = max(rng.choice(lengths), min_len)
    out = []
    while True:
        c = model.next(hist, rng)
        hist = (hist + c)[-max(model.order, 1):]
        if not out and not (is_han(c) or is_digit(c) or c in '“《（(●#'):
            continue                      # do not start a paragraph with punctuation
        out.append(c)
        if len(out) >= target and (c in TERMINAL or len(out) >= target + 30 or target <= 12):
            break
    return out, hist


def make_A(model, lengths, size, rng, width, args):
    R = Renderer(width, args.seed, 'A', args.a_spaced_lines, args.a_digit_space, args.a_blank_lines)
    paras = []
    rendered = []
    hist = ''
    total = 1                                   # final LF
    while total < size:
        p, hist = gen_paragraph(model, hist, lengths, rng)
        pi = len(paras)
        paras.append(p)
        rendered.append(R.para(pi, p))
        total += len(rendered[-1][0].encode('utf-8')) + (2 if pi else 0)
    # trim the last paragraph so that A has at most `size` bytes
    while total > size and paras:
        pi = len(paras) - 1
        old = len(rendered[pi][0].encode('utf-8'))
        cut = (total - size) // 3 + 1
        if cut >= len(paras[pi]):
            paras.pop()
            rendered.pop()
            total -= old + (2 if pi else 0)
            continue
        del paras[pi][-cut:]
        rendered[pi] = R.para(pi, paras[pi])
        total += len(rendered[pi][0].encode('utf-8')) - old
    text, offs = R.render(paras, rendered)
    return paras, text, offs


class Builder:
    """Accumulates B characters with their provenance."""
    SAME, STYLE, NEW = 0, 1, 2

    def __init__(self):
        self.chars = []
        self.src = []       # A char index or -1
        self.rel = []
        self.para_bounds = []   # per B paragraph (start, end) global B index

    def emit(self, c, src, rel):
        self.chars.append(c)
        self.src.append(src)
        self.rel.append(rel)


def choose_ops(a, s, e, rng, args, model, state):
    """Choose char-level ops inside A paragraph [s, e).  Returns a dict
    start -> op and the set of A indices that are 'busy' (near an op).
    One draw per character of the paragraph; an op that cannot be placed
    yet (too close to the previous one, or its constraints fail here) waits
    in state['queue'] for the following positions, across paragraphs, so
    that the realised rates match the requested ones."""
    ops = {}
    busy = set()
    total = args.slip + args.edit
    if total <= 0:
        return ops, busy
    queue = state.setdefault('queue', [])     # ops drawn, not yet placed
    for _ in range(e - s):                    # one draw per character
        if rng.random() < total:
            kind = 'slip' if rng.random() < args.slip / total else 'edit'
            queue.append((kind, rng.choice(('sub', 'double', 'drop') if kind == 'slip'
                                           else ('replace', 'insert', 'delete')),
                          rng.randint(2, 12)))
    if e - s < 8:
        return ops, busy
    last_end = s
    k = s + 2
    while k < e - 2:
        if not queue or k < last_end + 4:
            k += 1
            continue
        pending, ptype, plen = queue[0]
        op = None
        if pending == 'slip':
            t = ptype
            x, p, nx = a[k], a[k - 1], a[k + 1]
            if is_han(x) and x != p and x != nx:
                if t == 'sub':
                    for _ in range(20):
                        c = rng.choice(model.han)
                        if c not in (x, p, nx):
                            op = ('slip', 'sub', k, k + 1, [c])
                            break
                elif t == 'double':
                    op = ('slip', 'double', k, k + 1, [x, x])
                else:
                    op = ('slip', 'drop', k, k + 1, [])
        else:
            t = ptype
            m = plen
            if t == 'insert':
                i0, i1 = k, k
            else:
                i0, i1 = k, k + m
            # An aligner that maximises aligned characters could equally pair
            # a char of the removed or inserted run with the neighbour on the
            # other side of the run (A `p old n`, B `p rep n`), so neither run
            # may contain p or n (compared as scodiff sees them, norm()).
            if i1 <= e - 2:
                old = a[i0:i1]
                pn = {norm(a[i0 - 1]), norm(a[i1])}
                if pn & set(norm(c) for c in old) or (a[i0 - 1] in DASH_CHARS or a[i1] in DASH_CHARS):
                    pass                 # try the next position
                elif old and not any(c.isalnum() for c in old):
                    pass                 # punctuation only: scodiff rightly calls that `punct`
                elif t == 'delete':
                    op = ('edit', 'delete', i0, i1, [])
                else:
                    ctx = ''.join(a[max(s, i0 - 3):i0])
                    for _ in range(30):
                        rep = model.run(ctx, rng.randint(2, 12), rng)
                        if any(WS_RE.match(c) for c in rep):
                            continue
                        nrep = set(norm(c) for c in rep)
                        # no char of the replacement may match one it replaces
                        # (an aligner may rightly keep it) or a neighbour
                        if nrep & pn or nrep & set(norm(c) for c in old):
                            continue
                        if not any(c.isalnum() for c in rep):
                            continue
                        op = ('edit', t, i0, i1, rep)
                        break
        if op is None:
            k += 1
            continue
        queue.pop(0)
        ops[op[2]] = op
        lo, hi = op[2], max(op[3], op[2] + 1)
        busy.update(range(lo - 2, hi + 2))
        last_end = hi
        k = hi + 4
    return ops, busy


def build_B(a, a_bounds, model, lengths, rng, args):
    """Returns Builder plus event lists (with char indices)."""
    P = len(a_bounds)
    eligible = [pi for pi in range(P) if a_bounds[pi][1] - a_bounds[pi][0] >= 20]
    cut = set(pi for pi in eligible if rng.random() < args.cut)
    moved = [pi for pi in eligible if pi not in cut and rng.random() < args.move]
    mset = set(moved)
    seq = [('A', pi) for pi in range(P) if pi not in cut and pi not in mset]
    for pi in moved:
        # position it would have had among the remaining paragraphs
        orig = sum(1 for x in seq if x[0] == 'A' and x[1] < pi)
        if len(seq) < 8:
            seq.insert(rng.randint(0, len(seq)), ('A', pi))
            continue
        while True:
            t = rng.randint(0, len(seq))
            if abs(t - orig) >= 3:
                break
        seq.insert(t, ('A', pi))
    # added paragraphs; an added paragraph may not share a 10-char window
    # with a cut one (both are free text, an aligner would rightly pair them)
    W = 10
    cut_windows = set()
    for pi in cut:
        s, e = a_bounds[pi]
        t = ''.join(a[s:e])
        cut_windows.update(t[q:q + W] for q in range(len(t) - W + 1))
    out = []
    hist = ''
    for x in seq:
        out.append(x)
        if rng.random() < args.add:
            for _ in range(20):
                p, hist = gen_paragraph(model, hist, lengths, rng, min_len=20)
                t = ''.join(p)
                if not any(t[q:q + W] in cut_windows for q in range(len(t) - W + 1)):
                    break
            out.append(('N', p))
    seq = out

    B = Builder()
    ev = {'edits': [], 'slips': [], 'styles': [], 'moves': [], 'cuts': [], 'adds': []}
    alt = []
    opstate = {}
    for pi in sorted(cut):
        ev['cuts'].append({'a_idx': a_bounds[pi]})
    for kind, val in seq:
        j0 = len(B.chars)
        if kind == 'N':
            for c in val:
                B.emit(c, -1, B.NEW)
            ev['adds'].append({'b_idx': (j0, len(B.chars))})
            B.para_bounds.append((j0, len(B.chars)))
            continue
        pi = val
        s, e = a_bounds[pi]
        ops, busy = choose_ops(a, s, e, rng, args, model, opstate)
        restyle = rng.random() < args.punct_para
        k = s
        while k < e:
            op = ops.get(k)
            if op is not None:
                cat, t, i0, i1, rep = op
                j = len(B.chars)
                if t == 'double':
                    B.emit(a[k], k, B.SAME)
                    B.emit(a[k], -1, B.NEW)
                    alt.append((k, j + 1, k, j))
                elif t == 'insert':
                    for c in rep:
                        B.emit(c, -1, B.NEW)
                    B.emit(a[k], k, B.SAME)
                else:
                    for c in rep:
                        B.emit(c, -1, B.NEW)
                jb = len(B.chars)
                if t == 'insert':
                    jb -= 1
                ev['edits' if cat == 'edit' else 'slips'].append(
                    {'type': t, 'a_idx': (i0, i1), 'b_idx': (j, jb)})
                k = max(i1, k + 1)
                continue
            c = a[k]
            if c in DASH_CHARS and (k == s or a[k - 1] not in DASH_CHARS):
                r = k
                while r < e and a[r] in DASH_CHARS:
                    r += 1
                if (not any(x in busy or x in ops for x in range(k, r))
                        and rng.random() < args.dash):
                    old = ''.join(a[k:r])
                    v = rng.choice([d for d in DASH_VARIANTS if d != old])
                    j = len(B.chars)
                    if len(v) == r - k:
                        for q, dc in enumerate(v):
                            B.emit(dc, k + q, B.SAME if dc == a[k + q] else B.STYLE)
                    else:
                        B.emit(v[0], k, B.SAME if v[0] == a[k] else B.STYLE)
                        for dc in v[1:]:
                            B.emit(dc, -1, B.NEW)
                        # runs of unequal length: any dash of one run may
                        # stand for the first of the other
                        for q in range(r - k):
                            for w in range(len(v)):
                                if q or w:
                                    alt.append((k + q, j + w, k, j))
                    ev['styles'].append({'type': 'punct', 'a_idx': (k, r), 'b_idx': (j, len(B.chars))})
                    k = r
                    continue
                for q in range(k, r):
                    B.emit(a[q], q, B.SAME)
                k = r
                continue
            if c in WIDTH_MAP and k not in busy and (restyle or rng.random() < args.punct_char):
                j = len(B.chars)
                B.emit(WIDTH_MAP[c], k, B.STYLE)
                ev['styles'].append({'type': 'width', 'a_idx': (k, k + 1), 'b_idx': (j, j + 1)})
                k += 1
                continue
            B.emit(c, k, B.SAME)
            k += 1
        B.para_bounds.append((j0, len(B.chars)))
        if pi in mset:
            ev['moves'].append({'a_idx': (s, e), 'b_idx': (j0, len(B.chars))})
    return B, ev, alt


def slide_alternatives(a, B, ev, limit=20):
    """Alternative pairs for paragraph-level gaps that can slide.

    A paragraph present on one side only (cut, added, or either end of a
    move) whose last k chars equal the k chars before it can be taken to
    start k chars earlier; whose first k chars equal the k chars after it,
    to end k chars later.  Returns (a_alt, b_alt, a_true, b_true) char
    indices."""
    a2b = [-1] * len(a)
    for j, s in enumerate(B.src):
        if s >= 0:
            a2b[s] = j
    b = B.chars
    out = []

    def merged(ranges):
        """the ranges plus unions of adjacent ones (a cut next to a moved
        paragraph slides as one gap)"""
        rs = sorted(set(ranges))
        res = list(rs)
        q = 0
        while q < len(rs):
            x, y = rs[q]
            r = q
            while r + 1 < len(rs) and rs[r + 1][0] == y:
                r += 1
                y = rs[r][1]
            if r > q:
                res.append((x, y))
            q = r + 1
        return res

    # gaps in A: cut paragraphs and the old place of moved ones
    for x, y in merged([tuple(e['a_idx']) for e in ev['cuts'] + ev['moves']]):
        k = 0
        while k < limit and x - 1 - k >= 0 and a[x - 1 - k] == a[y - 1 - k]:
            t = x - 1 - k                       # true char, paired to a2b[t]
            if a2b[t] >= 0:
                out.append((y - 1 - k, a2b[t], t, a2b[t]))
            k += 1
        k = 0
        while k < limit and y + k < len(a) and a[x + k] == a[y + k]:
            t = y + k
            if a2b[t] >= 0:
                out.append((x + k, a2b[t], t, a2b[t]))
            k += 1
    # a moved paragraph whose aligned copy slides as a whole: the chars
    # before it repeat its end in both A and B (or those after it its start)
    for e in ev['moves']:
        xa, ya = e['a_idx']
        xb, yb = e['b_idx']
        k = 0
        while (k < limit and xa - 1 - k >= 0 and xb - 1 - k >= 0 and a[xa - 1 - k] == a[ya - 1 - k]
               and b[xb - 1 - k] == b[yb - 1 - k] and a2b[ya - 1 - k] == yb - 1 - k):
            out.append((xa - 1 - k, xb - 1 - k, ya - 1 - k, yb - 1 - k))
            k += 1
        k = 0
        while (k < limit and ya + k < len(a) and yb + k < len(b) and a[xa + k] == a[ya + k]
               and b[xb + k] == b[yb + k] and a2b[xa + k] == xb + k):
            out.append((ya + k, yb + k, xa + k, xb + k))
            k += 1
    # gaps in B: added paragraphs and the new place of moved ones
    for x, y in merged([tuple(e['b_idx']) for e in ev['adds'] + ev['moves']]):
        k = 0
        while k < limit and x - 1 - k >= 0 and b[x - 1 - k] == b[y - 1 - k]:
            t = x - 1 - k
            if B.src[t] >= 0:
                out.append((B.src[t], y - 1 - k, B.src[t], t))
            k += 1
        k = 0
        while k < limit and y + k < len(b) and b[x + k] == b[y + k]:
            t = y + k
            if B.src[t] >= 0:
                out.append((B.src[t], x + k, B.src[t], t))
            k += 1
    return sorted(set(out))


# ---------------------------------------------------------------------------
# spans

class Spans:
    """Convert char-index ranges to byte spans for one rendered file."""

    def __init__(self, chars, offs):
        self.chars = chars
        self.offs = offs

    def end(self, i):
        return self.offs[i] + blen(self.chars[i])

    def span(self, i0, i1):
        if i1 > i0:
            return [self.offs[i0], self.end(i1 - 1)]
        # empty: whitespace gap between char i0-1 and char i0
        lo = self.end(i0 - 1) if i0 > 0 else 0
        hi = self.offs[i0] if i0 < len(self.offs) else lo
        return [lo, hi]


def flatten(offsets):
    out = []
    for po in offsets:
        out.extend(po)
    return out


# The options of the text model and of B's noise: (group, option, type,
# default, help).
OPTIONS = [
    # Order choice: with the ~34k-character corpus an order-3 model copies
    # long corpus stretches (measured: 6.9% of the 32-char windows of a 1 MB
    # text occur more than once, 47% of the 16-char windows); order 2 gives
    # ~0.00% (1 MB) / 0.02% (5 MB) repeated 32-char windows and still reads
    # like the corpus, so order 2 is the default.
    ('text model', '--order', int, 2, 'Markov order (back-off to lower orders on unseen contexts)'),
    ('text model', '--width-a', int, 0, 'wrap width of A in chars (0: random 20-40)'),
    ('text model', '--width-b', int, 0, 'wrap width of B (0: random 20-40, != A)'),
    ('text model', '--a-spaced-lines', float, 0.005, 'share of A lines with spaces between all chars'),
    ('text model', '--a-digit-space', float, 0.1, 'share of A digit runs with spaces around them'),
    ('text model', '--a-blank-lines', float, 0.0, 'share of A line breaks inside a paragraph doubled'),
    ('noise of B', '--b-spaced-lines', float, 0.02, 'share of B lines with spaces between all chars'),
    ('noise of B', '--b-digit-space', float, 0.5, 'share of B digit runs with spaces around them'),
    ('noise of B', '--b-blank-lines', float, 0.02, 'share of B line breaks inside a paragraph doubled (OCR)'),
    ('noise of B', '--punct-para', float, 0.3, 'share of B paragraphs whose punctuation width is swapped'),
    ('noise of B', '--punct-char', float, 0.01, 'per-punctuation-char width swap probability elsewhere'),
    ('noise of B', '--dash', float, 0.5, 'per-dash-run probability of another dash variant'),
    ('noise of B', '--move', float, 0.003, 'per-paragraph probability of being moved'),
    ('noise of B', '--cut', float, 0.003, 'per-paragraph probability of being cut from B'),
    ('noise of B', '--add', float, 0.003, 'per-paragraph probability of a new paragraph after it in B'),
    ('noise of B', '--slip', float, 0.001, 'character slips per character (sub/double/drop)'),
    ('noise of B', '--edit', float, 0.0005, 'substantive edits per character (2-12 chars)'),
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_corpus = os.path.normpath(os.path.join(here, '..', 'corpora'))
    if not os.path.isdir(default_corpus):
        default_corpus = '/work/shared/corpora'
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                 formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument('--corpus', default=default_corpus, help='directory of *.txt training texts')
    ap.add_argument('--size', type=int, help='bytes of text A')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--out', help='output prefix')
    ap.add_argument('--check', action='store_true', help='self-check the truth after writing')
    ap.add_argument('--verify', metavar='PREFIX', help='only check an existing PREFIX.{a.txt,b.txt,truth.json}')
    ap.add_argument('--quiet', action='store_true')
    groups = {}
    for group, opt, kind, default, text in OPTIONS:
        if group not in groups:
            groups[group] = ap.add_argument_group(group)
        groups[group].add_argument(opt, type=kind, default=default, help=text)
    args = ap.parse_args()

    if args.verify:
        ok = check(args.verify, verbose=not args.quiet)
        sys.exit(0 if ok else 1)
    if not args.size or not args.out:
        ap.error('--size and --out are required')
    generate(args)          # returns before checking so that its memory is freed
    if args.check:
        if not check(args.out, verbose=not args.quiet):
            sys.exit(1)


def generate(args):
    log = (lambda *x: None) if args.quiet else (lambda *x: print(*x, file=sys.stderr))
    rng = random.Random(args.seed)
    raw = read_corpus(args.corpus, 'gen_pairs')
    lengths = corpus_paragraph_lengths(raw)
    model = Markov([WS_RE.sub('', t) for t in raw], args.order)
    wa = args.width_a or rng.randint(20, 40)
    wb = args.width_b
    while not wb or wb == wa:
        wb = rng.randint(20, 40)
        if args.width_b:
            break

    a_paras, a_text, a_offs = make_A(model, lengths, args.size, rng, wa, args)
    a = [c for p in a_paras for c in p]
    a_bounds = []
    i = 0
    for p in a_paras:
        a_bounds.append((i, i + len(p)))
        i += len(p)
    a_str = ''.join(a)
    rep32 = repeat_share(a_str, 32)
    rep16 = repeat_share(a_str, 16)
    log(f'gen_pairs: A {len(a_text.encode())} bytes, {len(a)} chars, {len(a_paras)} paragraphs, '
        f'order {args.order}, width {wa}')
    log(f'gen_pairs: repeated 32-char windows in A: {rep32:.4%} (16-char: {rep16:.4%})')
    if rep32 >= 0.02:
        log('gen_pairs: WARNING: more than 2% of the 32-char windows repeat; lower --order')

    B, ev, alt = build_B(a, a_bounds, model, lengths, rng, args)
    alt.extend(slide_alternatives(a, B, ev))
    b_paras = [B.chars[s:e] for s, e in B.para_bounds]
    b_text, b_offs = Renderer(wb, args.seed, 'B', args.b_spaced_lines, args.b_digit_space,
                              args.b_blank_lines).render(b_paras)
    SA = Spans(a, flatten(a_offs))
    SB = Spans(B.chars, flatten(b_offs))

    # pairs as runs
    runs = []
    for j, (src, rel) in enumerate(zip(B.src, B.rel)):
        if src < 0:
            continue
        ao, bo = SA.offs[src], SB.offs[j]
        if runs:
            r = runs[-1]
            if (r[3] == src - 1 and r[4] == j - 1 and SA.end(src - 1) == ao and SB.end(j - 1) == bo):
                r[2] += 1
                r[3], r[4] = src, j
                continue
        runs.append([ao, bo, 1, src, j])
    pairs = [r[:3] for r in runs]
    surviving = sum(r[2] for r in runs)

    def conv(lst, kind=None):
        out = []
        for e in lst:
            d = {}
            if 'a_idx' in e:
                d['a'] = SA.span(*e['a_idx'])
            if 'b_idx' in e:
                d['b'] = SB.span(*e['b_idx'])
            if kind:
                d['kind'] = kind if kind != 'style' else e['type']
            if 'type' in e and kind != 'style':
                d['type'] = e['type']
            if kind:
                d['a_text'] = ''.join(a[e['a_idx'][0]:e['a_idx'][1]])
                d['b_text'] = ''.join(B.chars[e['b_idx'][0]:e['b_idx'][1]])
            out.append(d)
        return out

    truth = {
        'format': 'scodiff-bench-truth/1',
        'files': {'a': os.path.basename(args.out) + '.a.txt', 'b': os.path.basename(args.out) + '.b.txt'},
        'offsets': 'bytes, half-open; pairs are runs [a_start, b_start, n_chars]',
        'seed': args.seed,
        'params': {k: v for k, v in vars(args).items()
                   if k not in ('out', 'check', 'verify', 'quiet', 'corpus')},
        'layout': {'width_a': wa, 'width_b': wb},
        'totals': {
            'bytes_a': len(a_text.encode()), 'bytes_b': len(b_text.encode()),
            'chars_a': len(a), 'chars_b': len(B.chars),
            'chars_a_surviving': surviving,
            'paragraphs_a': len(a_paras), 'paragraphs_b': len(b_paras),
            'n_edits': len(ev['edits']), 'n_slips': len(ev['slips']),
            'n_styles': len(ev['styles']), 'n_moves': len(ev['moves']),
            'n_cuts': len(ev['cuts']), 'n_adds': len(ev['adds']),
            'repeat32_share_a': round(rep32, 6), 'repeat16_share_a': round(rep16, 6),
        },
        'edits': conv(ev['edits'], 'edit'),
        'slips': conv(ev['slips'], 'ocr'),
        'styles': conv(ev['styles'], 'style'),
        'moves': conv(ev['moves']),
        'cuts': conv(ev['cuts']),
        'adds': conv(ev['adds']),
        'alt_pairs': [[SA.offs[k], SB.offs[j], SA.offs[k2], SB.offs[j2]] for k, j, k2, j2 in alt],
        'pairs': pairs,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out + '.a.txt', 'w', encoding='utf-8', newline='\n') as f:
        f.write(a_text)
    with open(args.out + '.b.txt', 'w', encoding='utf-8', newline='\n') as f:
        f.write(b_text)
    with open(args.out + '.truth.json', 'w', encoding='utf-8') as f:
        # one pair run per line keeps the file greppable but compact
        txt = json.dumps(truth, ensure_ascii=False, separators=(',', ':'))
        f.write(txt)
        f.write('\n')
    t = truth['totals']
    log(f"gen_pairs: B {t['bytes_b']} bytes, width {wb}; surviving {surviving}/{len(a)} chars; "
        f"{t['n_edits']} edits, {t['n_slips']} slips, {t['n_styles']} style changes, "
        f"{t['n_moves']} moved, {t['n_cuts']} cut, {t['n_adds']} added paragraphs")


# ---------------------------------------------------------------------------
# self-check

def check(prefix, verbose=True):
    """Check that the truth's offsets point at the right characters and that
    every non-whitespace character of A and B is accounted for."""
    A = open(prefix + '.a.txt', 'rb').read()
    Bb = open(prefix + '.b.txt', 'rb').read()
    truth = json.load(open(prefix + '.truth.json', encoding='utf-8'))
    errors = []

    def err(msg):
        if len(errors) < 20:
            print('check: ' + msg, file=sys.stderr)
        errors.append(msg)

    def char_index(data):
        s = data.decode('utf-8')
        offs = []
        chars = []
        pos = 0
        for c in s:
            if not c.isspace():
                offs.append(pos)
                chars.append(c)
            pos += blen(c)
        return offs, chars

    ao, ac = char_index(A)
    bo, bc = char_index(Bb)
    a_cov = bytearray(len(ao))      # 1 paired, 2 in an event span
    b_cov = bytearray(len(bo))

    def idx(offs, o, what):
        i = bisect.bisect_left(offs, o)
        if i >= len(offs) or offs[i] != o:
            err(f'{what}: byte offset {o} is not the start of a non-whitespace char')
            return None
        return i

    npairs = 0
    for a0, b0, n in truth['pairs']:
        i = idx(ao, a0, 'pair A')
        j = idx(bo, b0, 'pair B')
        if i is None or j is None:
            continue
        for k in range(n):
            if i + k >= len(ao) or j + k >= len(bo):
                err(f'run {a0},{b0},{n} runs off the end')
                break
            if k and (ao[i + k] != ao[i + k - 1] + blen(ac[i + k - 1])
                      or bo[j + k] != bo[j + k - 1] + blen(bc[j + k - 1])):
                err(f'run {a0},{b0},{n} is not contiguous at char {k}')
            ca, cb = ac[i + k], bc[j + k]
            if ca != cb and WIDTH_MAP.get(ca) != cb and not (ca in DASH_CHARS and cb in DASH_CHARS):
                err(f'pair A@{ao[i + k]} {ca!r} vs B@{bo[j + k]} {cb!r} differ')
            if a_cov[i + k] & 1:
                err(f'A char @{ao[i + k]} paired twice')
            if b_cov[j + k] & 1:
                err(f'B char @{bo[j + k]} paired twice')
            a_cov[i + k] |= 1
            b_cov[j + k] |= 1
            npairs += 1
    if npairs != truth['totals']['chars_a_surviving']:
        err(f"pairs cover {npairs} chars, totals say {truth['totals']['chars_a_surviving']}")

    def check_span(data, offs, cov, sp, text, what):
        s, e = sp
        if not (0 <= s <= e <= len(data)):
            err(f'{what}: span {sp} out of range')
            return
        seg = WS_RE.sub('', data[s:e].decode('utf-8', errors='replace'))
        if text is not None:
            if seg != text:
                err(f'{what}: span {sp} holds {seg!r}, truth says {text!r}')
        lo = bisect.bisect_left(offs, s)
        hi = bisect.bisect_left(offs, e)
        for k in range(lo, hi):
            cov[k] |= 2

    for key in ('edits', 'slips', 'styles'):
        for ev in truth[key]:
            check_span(A, ao, a_cov, ev['a'], ev['a_text'], f'{key} A')
            check_span(Bb, bo, b_cov, ev['b'], ev['b_text'], f'{key} B')
    for ev in truth['moves']:
        sa = A[ev['a'][0]:ev['a'][1]].decode()
        sb = Bb[ev['b'][0]:ev['b'][1]].decode()
        if len(re.sub(r'\s', '', sa)) < 10 or not sb.strip():
            err(f'move {ev} looks empty')
    for ev in truth['cuts']:
        check_span(A, ao, a_cov, ev['a'], None, 'cut A')
    for ev in truth['adds']:
        check_span(Bb, bo, b_cov, ev['b'], None, 'add B')
    for a0, b0, a1, b1 in truth['alt_pairs']:
        i = idx(ao, a0, 'alt A')
        j = idx(bo, b0, 'alt B')
        if i is not None and j is not None:
            ca, cb = ac[i], bc[j]
            if ca != cb and WIDTH_MAP.get(ca) != cb and not (ca in DASH_CHARS and cb in DASH_CHARS):
                err(f'alt pair {a0},{b0}: {ca!r} vs {cb!r}')
        if idx(ao, a1, 'alt true A') is None or idx(bo, b1, 'alt true B') is None:
            continue
    na = sum(1 for x in a_cov if not x)
    nb = sum(1 for x in b_cov if not x)
    if na:
        k = a_cov.index(0)
        err(f'{na} A chars unaccounted for, first at byte {ao[k]} {ac[k]!r}')
    if nb:
        k = b_cov.index(0)
        err(f'{nb} B chars unaccounted for, first at byte {bo[k]} {bc[k]!r}')
    if len(ao) != truth['totals']['chars_a'] or len(bo) != truth['totals']['chars_b']:
        err(f"char totals differ: A {len(ao)} vs {truth['totals']['chars_a']}, "
            f"B {len(bo)} vs {truth['totals']['chars_b']}")
    if len(A) != truth['totals']['bytes_a'] or len(Bb) != truth['totals']['bytes_b']:
        err('byte totals differ')
    if verbose or errors:
        print(f"check: {prefix}: {npairs} pairs, {len(truth['edits'])} edits, "
              f"{len(truth['slips'])} slips, {len(truth['styles'])} style changes: "
              + ('OK' if not errors else f'{len(errors)} ERRORS'), file=sys.stderr)
    return not errors


if __name__ == '__main__':
    main()
