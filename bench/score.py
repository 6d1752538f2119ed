#!/usr/bin/env python3
"""Score a scodiff JSON report (contract version 1) against gen_pairs.py truth.

    python3 bench/score.py PREFIX REPORT.json [--json] [--examples N]

PREFIX is the gen_pairs.py output prefix (PREFIX.a.txt, PREFIX.b.txt,
PREFIX.truth.json).  The report must come from `scodiff --json --show=all
PREFIX.a.txt PREFIX.b.txt`, so that every difference inside a block is
listed, layout included.

Reconstruction of scodiff's character alignment: inside a block the bytes of
A and B between consecutive differences (ordered by position) are identical,
so they are walked in lockstep.  Inside a difference:
  layout                  the non-whitespace chars of both sides are paired in
                          lockstep (they should be equal);
  width / punct / variant lockstep if both sides have the same number of
                          non-whitespace chars, else first char to first char;
  edit / ocr              nothing is paired.
Whatever contradicts the contract (a gap between differences that is not
byte-identical, overlapping differences, wrong a_text, counts that do not
match the list, ...) is counted under "contract violations" with examples.

Metrics (whitespace characters never count):
  alignment recall     true pairs found / true pairs  (truth alt_pairs count
                       too: a doubled char may be paired with either copy, a
                       cut/added paragraph may slide by its repeated end)
  alignment precision  scodiff pairs that are true / scodiff pairs
  edit recall          truth edits overlapped (A or B span) by an edit/ocr
                       difference or by an unmatched range / truth edits
  slip recall          the same for slips
  spurious / 10k       edit/ocr differences overlapping no truth edit/slip and
                       no moved/cut/added paragraph (with its surrounding
                       whitespace), per 10,000 non-whitespace chars of A
Overlap is half-open intersection; when either span is empty (an insertion
point) touching counts.
"""

import argparse
import bisect
import json
import os
import sys
from array import array

KINDS = ('layout', 'width', 'punct', 'variant', 'ocr', 'edit')
WS_BYTES = b' \t\n\r\x0b\x0c'


def blen_lead(byte):
    return 1 if byte < 0x80 else 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4


class Text:
    """A file with an index of its non-whitespace characters."""

    def __init__(self, path):
        self.path = path
        self.data = open(path, 'rb').read()
        s = self.data.decode('utf-8')
        offs = array('q')
        chars = []
        pos = 0
        is_start = bytearray(len(self.data) + 1)
        for c in s:
            n = len(c.encode('utf-8')) if ord(c) >= 0x80 else 1
            if not c.isspace():
                offs.append(pos)
                chars.append(c)
                is_start[pos] = 1
            pos += n
        self.offs = offs
        self.chars = chars
        self.is_start = is_start      # 1 at byte offsets of non-ws char starts
        self.n = len(offs)

    def index(self, off):
        """index of the non-ws char starting at byte `off`, or -1"""
        i = bisect.bisect_left(self.offs, off)
        return i if i < self.n and self.offs[i] == off else -1

    def range(self, s, e):
        """indices [lo, hi) of non-ws chars starting in byte range [s, e)"""
        return bisect.bisect_left(self.offs, s), bisect.bisect_left(self.offs, e)

    def text(self, s, e):
        return self.data[s:e].decode('utf-8', errors='replace')

    def extend_ws(self, s, e):
        d = self.data
        while s > 0 and d[s - 1] in WS_BYTES:
            s -= 1
        while e < len(d) and d[e] in WS_BYTES:
            e += 1
        return s, e


def overlap(s1, e1, s2, e2):
    if s1 < e1 and s2 < e2:
        return s1 < e2 and s2 < e1
    return s1 <= e2 and s2 <= e1


class IntervalIndex:
    def __init__(self, spans):
        self.iv = sorted((s, e) for s, e in spans)
        self.starts = [s for s, _ in self.iv]
        self.pmax = []
        m = -1
        for _, e in self.iv:
            m = max(m, e)
            self.pmax.append(m)

    def hits(self, s, e):
        k = bisect.bisect_right(self.starts, e) - 1
        while k >= 0 and self.pmax[k] >= s:
            a, b = self.iv[k]
            if overlap(a, b, s, e):
                return True
            k -= 1
        return False


class Violations:
    def __init__(self, keep):
        self.counts = {}
        self.examples = {}
        self.keep = keep

    def add(self, what, example):
        self.counts[what] = self.counts.get(what, 0) + 1
        ex = self.examples.setdefault(what, [])
        if len(ex) < self.keep:
            ex.append(example)

    def total(self):
        return sum(self.counts.values())


def span_ok(sp, n):
    return (isinstance(sp, list) and len(sp) == 2 and all(isinstance(x, int) for x in sp)
            and 0 <= sp[0] <= sp[1] <= n)


def short(s, n=40):
    return s if len(s) <= n else s[:n] + '…'


def reconstruct(A, B, rep, keep_examples=3):
    """Check the report against the contract and rebuild scodiff's character
    alignment.  Returns (sc_b, V, N, hist): sc_b[i] = B byte offset aligned
    to non-whitespace char i of A (or -1); V contract violations; N notes;
    hist differences by kind."""
    V = Violations(keep_examples)
    N = Violations(keep_examples)     # soft checks: conventions the contract leaves open
    # ---------------- contract: header
    if rep.get('version') != 1:
        V.add('version is not 1', repr(rep.get('version')))
    for side, T in (('a', A), ('b', B)):
        h = rep.get(side) or {}
        if h.get('bytes') != len(T.data):
            V.add(f'{side}.bytes differs from file size', f"{h.get('bytes')} vs {len(T.data)}")
        if str(h.get('encoding', '')).upper().replace('_', '-') not in ('UTF-8', 'UTF8'):
            V.add(f'{side}.encoding is not UTF-8', repr(h.get('encoding')))
    sim = rep.get('similarity')
    if not isinstance(sim, (int, float)) or not 0.0 <= sim <= 1.0:
        V.add('similarity missing or outside [0,1]', repr(sim))

    blocks = rep.get('blocks') or []
    diffs = rep.get('differences') or []
    good_blocks = []
    for bi, blk in enumerate(blocks):
        if not (span_ok(blk.get('a'), len(A.data)) and span_ok(blk.get('b'), len(B.data))):
            V.add('block with missing/invalid range', f'block {bi}: {short(json.dumps(blk), 120)}')
            good_blocks.append(None)
            continue
        good_blocks.append(blk)
        for side, T in (('a', A), ('b', B)):
            ln = blk.get(side + '_lines')
            s, e = blk[side]
            want1 = T.data.count(b'\n', 0, s) + 1
            want2 = T.data.count(b'\n', 0, max(s, e - 1)) + 1
            if not (isinstance(ln, list) and len(ln) == 2 and ln[0] == want1 and ln[1] in (want2, want2 + 1)):
                N.add(f'block {side}_lines do not match its byte range (assumed 1-based, inclusive)',
                      f'block {bi}: {side}={blk[side]} {side}_lines={ln}, expected [{want1},{want2}]')
    hist = {}
    by_block = {}
    for di, d in enumerate(diffs):
        k = d.get('kind')
        hist[k] = hist.get(k, 0) + 1
        if k not in KINDS:
            V.add('unknown difference kind', f'difference {di}: {k!r}')
        if not (span_ok(d.get('a'), len(A.data)) and span_ok(d.get('b'), len(B.data))):
            V.add('difference with missing/invalid range', f'difference {di}: {short(json.dumps(d, ensure_ascii=False), 160)}')
            continue
        for side, T in (('a', A), ('b', B)):
            t = d.get(side + '_text')
            s, e = d[side]
            if t is not None and t != T.text(s, e):
                V.add(f'{side}_text differs from the bytes at {side}',
                      f'difference {di} {side}={d[side]}: {short(t)!r} vs file {short(T.text(s, e))!r}')
            if (s < len(T.data) and 0x80 <= T.data[s] < 0xC0) or (e < len(T.data) and 0x80 <= T.data[e] < 0xC0):
                V.add('difference range splits a UTF-8 character', f'difference {di} {side}={d[side]}')
        bi = d.get('block')
        if not isinstance(bi, int) or not 0 <= bi < len(blocks) or good_blocks[bi] is None:
            # try to find the block by containment
            cand = [i for i, blk in enumerate(good_blocks) if blk and blk['a'][0] <= d['a'][0] and d['a'][1] <= blk['a'][1]
                    and blk['b'][0] <= d['b'][0] and d['b'][1] <= blk['b'][1]]
            V.add('difference without a valid block index', f'difference {di}: block={bi!r}')
            if not cand:
                continue
            bi = cand[0]
        blk = good_blocks[bi]
        if not (blk['a'][0] <= d['a'][0] and d['a'][1] <= blk['a'][1]
                and blk['b'][0] <= d['b'][0] and d['b'][1] <= blk['b'][1]):
            V.add('difference outside its block', f"difference {di} a={d['a']} b={d['b']}, block {bi} a={blk['a']} b={blk['b']}")
        by_block.setdefault(bi, []).append((di, d))
    counts = rep.get('counts') or {}
    for k in KINDS:
        if counts.get(k, 0) != hist.get(k, 0):
            V.add('counts do not match the listed differences (with --show=all)',
                  f'{k}: counts says {counts.get(k, 0)}, list has {hist.get(k, 0)}')

    # ---------------- reconstruct scodiff's alignment
    sc_b = array('q', [-1]) * A.n
    b_used = bytearray(len(B.data) + 1)

    def pair(i, bo, where):
        if sc_b[i] >= 0:
            V.add('A character aligned twice (overlapping blocks/differences)', f'A@{A.offs[i]} {where}')
            return
        if not B.is_start[bo]:
            V.add('A character aligned to whitespace or a non-character in B', f'A@{A.offs[i]} -> B@{bo} {where}')
            return
        if b_used[bo]:
            V.add('B character aligned twice (overlapping blocks/differences)', f'B@{bo} {where}')
            return
        b_used[bo] = 1
        sc_b[i] = bo

    def lockstep_chars(a0, a1, b0, b1, where, strict):
        """pair non-ws chars of A[a0:a1] and B[b0:b1] in order; returns True
        if the sequences were equal"""
        ilo, ihi = A.range(a0, a1)
        jlo, jhi = B.range(b0, b1)
        sa = A.chars[ilo:ihi]
        sb = B.chars[jlo:jhi]
        if sa == sb:
            for q in range(ihi - ilo):
                pair(ilo + q, B.offs[jlo + q], where)
            return True
        if not strict:
            # common prefix and suffix only
            p = 0
            while p < len(sa) and p < len(sb) and sa[p] == sb[p]:
                pair(ilo + p, B.offs[jlo + p], where)
                p += 1
            s = 0
            while s < len(sa) - p and s < len(sb) - p and sa[-1 - s] == sb[-1 - s]:
                pair(ihi - 1 - s, B.offs[jhi - 1 - s], where)
                s += 1
        return False

    def stretch(a0, a1, b0, b1, where):
        if a1 < a0 or b1 < b0:
            return
        if A.data[a0:a1] == B.data[b0:b1]:
            ilo, ihi = A.range(a0, a1)
            delta = b0 - a0
            for i in range(ilo, ihi):
                pair(i, A.offs[i] + delta, where)
            return
        ex = f'{where}: A[{a0}:{a1}]={short(A.text(a0, a1))!r} B[{b0}:{b1}]={short(B.text(b0, b1))!r}'
        if lockstep_chars(a0, a1, b0, b1, where, strict=False):
            V.add('text between differences differs in whitespace only (unlisted layout difference)', ex)
        else:
            V.add('text between differences is not identical (unlisted difference)', ex)

    for bi, blk in enumerate(good_blocks):
        if blk is None:
            continue
        ds = sorted(by_block.get(bi, []), key=lambda x: (x[1]['a'][0], x[1]['b'][0], x[1]['a'][1], x[1]['b'][1]))
        ap, bp = blk['a'][0], blk['b'][0]
        for di, d in ds:
            (sa, ea), (sb, eb) = d['a'], d['b']
            if sa < ap or sb < bp:
                V.add('differences overlap or are out of order in A vs B',
                      f'difference {di} a={d["a"]} b={d["b"]} starts before the previous one ended (A {ap}, B {bp})')
            else:
                stretch(ap, sa, bp, sb, f'block {bi} before difference {di}')
            k = d.get('kind')
            if k == 'layout':
                if not lockstep_chars(sa, ea, sb, eb, f'difference {di}', strict=True):
                    V.add('layout difference changes non-whitespace text',
                          f'difference {di}: {short(A.text(sa, ea))!r} -> {short(B.text(sb, eb))!r}')
            elif k in ('width', 'punct', 'variant'):
                ilo, ihi = A.range(sa, ea)
                jlo, jhi = B.range(sb, eb)
                if ihi - ilo == jhi - jlo:
                    for q in range(ihi - ilo):
                        pair(ilo + q, B.offs[jlo + q], f'difference {di}')
                elif ihi > ilo and jhi > jlo:
                    pair(ilo, B.offs[jlo], f'difference {di}')
            ap, bp = max(ap, ea), max(bp, eb)
        stretch(ap, blk['a'][1], bp, blk['b'][1], f'block {bi} end')

    # ---------------- unmatched ranges
    for side, T in (('a', A), ('b', B)):
        blk_spans = [blk[side] for blk in good_blocks if blk]
        BI = IntervalIndex(blk_spans)
        um = [u for u in (rep.get('unmatched_' + side) or []) if span_ok(u, len(T.data))]
        for u in rep.get('unmatched_' + side) or []:
            if not span_ok(u, len(T.data)):
                V.add(f'unmatched_{side} range invalid', repr(u))
        for s, e in um:
            if e > s and (T.data[s] in WS_BYTES or T.data[e - 1] in WS_BYTES):
                V.add(f'unmatched_{side} range does not start and end on non-whitespace', f'{[s, e]} {short(T.text(s, e))!r}')
            if e > s and BI.hits(s, e):
                V.add(f'unmatched_{side} range overlaps a block', f'{[s, e]}')
        # every non-whitespace char is inside a block or an unmatched range
        covered = sorted(blk_spans + um)
        pos = 0
        missing = 0
        first = None
        for s, e in covered + [[len(T.data), len(T.data)]]:
            if s > pos:
                lo, hi = T.range(pos, s)
                if hi > lo:
                    missing += hi - lo
                    if first is None:
                        first = T.offs[lo]
            pos = max(pos, e)
        if missing:
            V.add(f'{side}: non-whitespace text outside every block and unmatched range',
                  f'{missing} chars, first at byte {first}: {short(T.text(first, first + 30))!r}')
    return sc_b, V, N, hist


def score(prefix, report_path, keep_examples=3):
    A = Text(prefix + '.a.txt')
    B = Text(prefix + '.b.txt')
    truth = json.load(open(prefix + '.truth.json', encoding='utf-8'))
    rep = json.load(open(report_path, encoding='utf-8'))
    # ---------------- truth pairs
    truth_b = array('q', [-1]) * A.n
    for a0, b0, n in truth['pairs']:
        i = A.index(a0)
        j = B.index(b0)
        if i < 0 or j < 0:
            sys.exit(f'score: truth pair run {a0},{b0},{n} does not match the texts (stale truth?)')
        for k in range(n):
            truth_b[i + k] = B.offs[j + k]
    alt_ok = set()          # (A index, B offset) pairs that are valid alternatives
    alt_for = {}            # A index of a true pair -> [(A index, B offset)] alternatives
    for a0, b0, a1, b1 in truth.get('alt_pairs', []):
        i, i1 = A.index(a0), A.index(a1)
        alt_ok.add((i, b0))
        alt_for.setdefault(i1, []).append((i, b0))
    n_true = sum(1 for x in truth_b if x >= 0)

    sc_b, V, N, hist = reconstruct(A, B, rep, keep_examples)
    blocks = rep.get('blocks') or []
    diffs = rep.get('differences') or []
    sim = rep.get('similarity')

    # ---------------- alignment metrics
    n_sc = 0
    n_ok = 0
    found = 0
    wrong = []
    missed = []
    for i in range(A.n):
        t = truth_b[i]
        s = sc_b[i]
        if s >= 0:
            n_sc += 1
        if s >= 0 and ((s == t and t >= 0) or (i, s) in alt_ok):
            n_ok += 1
        if t >= 0 and (s == t or any(sc_b[x] == y for x, y in alt_for.get(i, ()))):
            found += 1
        elif t >= 0 and len(missed) < keep_examples:
            missed.append(f"A@{A.offs[i]} {A.chars[i]!r} -> B@{t} not aligned; A {short(A.text(max(0, A.offs[i] - 9), A.offs[i] + 9))!r}")
        if s >= 0 and not ((s == t and t >= 0) or (i, s) in alt_ok):
            if len(wrong) < keep_examples:
                wrong.append(f"A@{A.offs[i]} {A.chars[i]!r} -> B@{s} (truth: {'B@%d' % t if t >= 0 else 'no counterpart'}); "
                             f"A {short(A.text(max(0, A.offs[i] - 9), A.offs[i] + 9))!r}")
    recall = found / n_true if n_true else 1.0
    precision = n_ok / n_sc if n_sc else 0.0

    # moved paragraphs
    mv_true = mv_found = 0
    for m in truth.get('moves', []):
        lo, hi = A.range(*m['a'])
        for i in range(lo, hi):
            if truth_b[i] >= 0:
                mv_true += 1
                if sc_b[i] == truth_b[i] or any(sc_b[x] == y for x, y in alt_for.get(i, ())):
                    mv_found += 1

    # ---------------- edits / slips / spurious
    det = [d for d in diffs if d.get('kind') in ('edit', 'ocr')
           and span_ok(d.get('a'), len(A.data)) and span_ok(d.get('b'), len(B.data))]
    ua = [u for u in (rep.get('unmatched_a') or []) if span_ok(u, len(A.data))]
    ub = [u for u in (rep.get('unmatched_b') or []) if span_ok(u, len(B.data))]
    for name, lst, T in (('unmatched_a', rep.get('unmatched_a') or [], A), ('unmatched_b', rep.get('unmatched_b') or [], B)):
        for u in lst:
            if not span_ok(u, len(T.data)):
                V.add(f'{name} range invalid', repr(u))
    DA = IntervalIndex(d['a'] for d in det)
    DB = IntervalIndex(d['b'] for d in det)
    UA = IntervalIndex(ua)
    UB = IntervalIndex(ub)

    def recall_of(events):
        n_d = n_u = 0
        missed = []
        for ev in events:
            if DA.hits(*ev['a']) or DB.hits(*ev['b']):
                n_d += 1
            elif UA.hits(*ev['a']) or UB.hits(*ev['b']):
                n_u += 1
            else:
                missed.append(ev)
        return n_d, n_u, missed

    e_d, e_u, e_missed = recall_of(truth['edits'])
    s_d, s_u, s_missed = recall_of(truth['slips'])
    n_edits, n_slips = len(truth['edits']), len(truth['slips'])

    TA = IntervalIndex([ev['a'] for ev in truth['edits'] + truth['slips']])
    TB = IntervalIndex([ev['b'] for ev in truth['edits'] + truth['slips']])
    PA = IntervalIndex([A.extend_ws(*m['a']) for m in truth.get('moves', []) + truth.get('cuts', [])])
    PB = IntervalIndex([B.extend_ws(*m['b']) for m in truth.get('moves', []) + truth.get('adds', [])])
    SA = IntervalIndex([ev['a'] for ev in truth.get('styles', [])])
    SB = IntervalIndex([ev['b'] for ev in truth.get('styles', [])])
    spurious = []
    on_style = 0
    for d in det:
        if TA.hits(*d['a']) or TB.hits(*d['b']) or PA.hits(*d['a']) or PB.hits(*d['b']):
            continue
        spurious.append(d)
        if SA.hits(*d['a']) or SB.hits(*d['b']):
            on_style += 1
    chars_a = A.n
    res = {
        'pair': prefix,
        'report': report_path,
        'chars_a': chars_a,
        'true_pairs': n_true,
        'scodiff_pairs': n_sc,
        'correct_pairs': n_ok,
        'found_pairs': found,
        'alignment_recall': round(recall, 6),
        'alignment_precision': round(precision, 6),
        'moved_recall': round(mv_found / mv_true, 6) if mv_true else None,
        'edits': n_edits,
        'edit_recall': round((e_d + e_u) / n_edits, 6) if n_edits else None,
        'edit_recall_by_difference': round(e_d / n_edits, 6) if n_edits else None,
        'slips': n_slips,
        'slip_recall': round((s_d + s_u) / n_slips, 6) if n_slips else None,
        'slip_recall_by_difference': round(s_d / n_slips, 6) if n_slips else None,
        'spurious': len(spurious),
        'spurious_per_10k': round(len(spurious) * 10000 / chars_a, 4) if chars_a else None,
        'spurious_on_style_changes': on_style,
        'blocks': len(blocks),
        'differences': len(diffs),
        'differences_by_kind': {k: hist.get(k, 0) for k in sorted(hist, key=str)},
        'unmatched_a_bytes': sum(e - s for s, e in ua),
        'unmatched_b_bytes': sum(e - s for s, e in ub),
        'similarity': sim,
        'contract_violations': V.total(),
        'violations': {k: {'count': V.counts[k], 'examples': V.examples[k]} for k in V.counts},
        'notes': {k: {'count': N.counts[k], 'examples': N.examples[k]} for k in N.counts},
        'missed_edits': [short(json.dumps(e, ensure_ascii=False), 200) for e in e_missed[:keep_examples]],
        'missed_slips': [short(json.dumps(e, ensure_ascii=False), 200) for e in s_missed[:keep_examples]],
        'wrong_pairs': wrong,
        'missed_pairs': missed,
        'spurious_examples': [{k: d.get(k) for k in ('kind', 'a', 'b', 'a_text', 'b_text')}
                              for d in spurious[:keep_examples]],
    }
    return res


def fmt(x, nd=4):
    if x is None:
        return '–'
    if isinstance(x, float):
        return f'{x:.{nd}f}'
    return str(x)


def print_table(r, out=sys.stdout):
    p = print
    p(f"scodiff vs truth: {r['pair']}  ({r['chars_a']} chars in A)", file=out)
    p('', file=out)
    p('| metric | value | detail |', file=out)
    p('|---|---|---|', file=out)
    rows = [
        ('alignment recall', fmt(r['alignment_recall']), f"{r['found_pairs']}/{r['true_pairs']} true pairs found"),
        ('alignment precision', fmt(r['alignment_precision']), f"{r['correct_pairs']}/{r['scodiff_pairs']} scodiff pairs true"),
        ('moved-paragraph recall', fmt(r['moved_recall']), 'true pairs inside moved paragraphs'),
        ('edit recall', fmt(r['edit_recall']), f"{r['edits']} edits; by a difference alone {fmt(r['edit_recall_by_difference'])}"),
        ('slip recall', fmt(r['slip_recall']), f"{r['slips']} slips; by a difference alone {fmt(r['slip_recall_by_difference'])}"),
        ('spurious / 10k chars', fmt(r['spurious_per_10k'], 2), f"{r['spurious']} edit/ocr differences ({r['spurious_on_style_changes']} on punctuation-style changes)"),
        ('blocks / differences', f"{r['blocks']} / {r['differences']}", ', '.join(f'{k}={v}' for k, v in r['differences_by_kind'].items())),
        ('unmatched bytes A / B', f"{r['unmatched_a_bytes']} / {r['unmatched_b_bytes']}", ''),
        ('contract violations', str(r['contract_violations']), ''),
    ]
    for row in rows:
        p('| ' + ' | '.join(row) + ' |', file=out)
    for title, found in (('contract violations', r['violations']),
                         ('notes (soft checks)', r.get('notes'))):
        if not found:
            continue
        p('', file=out)
        p(f'{title}:', file=out)
        for k, v in found.items():
            p(f"  {v['count']:6d}  {k}", file=out)
            for ex in v['examples']:
                p(f'          e.g. {ex}', file=out)
    if r['missed_edits'] or r['missed_slips']:
        p('', file=out)
        for ex in r['missed_edits']:
            p(f'  missed edit: {ex}', file=out)
        for ex in r['missed_slips']:
            p(f'  missed slip: {ex}', file=out)
    for ex in r.get('wrong_pairs', []):
        p(f'  wrong pair: {ex}', file=out)
    for ex in r.get('missed_pairs', []):
        p(f'  missed pair: {ex}', file=out)
    for ex in r['spurious_examples']:
        p(f"  spurious: {json.dumps(ex, ensure_ascii=False)}", file=out)


def contract_only(a_path, b_path, report_path, keep_examples, as_json):
    """--contract: check any report of `scodiff --json --show=all A B`
    against the contract (no truth needed)."""
    A = Text(a_path)
    B = Text(b_path)
    rep = json.load(open(report_path, encoding='utf-8'))
    sc_b, V, N, hist = reconstruct(A, B, rep, keep_examples)
    r = {'a': a_path, 'b': b_path, 'report': report_path,
         'blocks': len(rep.get('blocks') or []), 'differences': len(rep.get('differences') or []),
         'differences_by_kind': {k: hist.get(k, 0) for k in sorted(hist, key=str)},
         'aligned_chars_a': sum(1 for x in sc_b if x >= 0), 'chars_a': A.n,
         'contract_violations': V.total(),
         'violations': {k: {'count': V.counts[k], 'examples': V.examples[k]} for k in V.counts},
         'notes': {k: {'count': N.counts[k], 'examples': N.examples[k]} for k in N.counts}}
    if as_json:
        json.dump(r, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(f"{report_path}: {r['blocks']} blocks, {r['differences']} differences "
              f"({', '.join(f'{k}={v}' for k, v in r['differences_by_kind'].items())}), "
              f"{r['aligned_chars_a']}/{A.n} chars of A aligned, "
              f"{r['contract_violations']} contract violations")
        for title, d in (('contract violations', r['violations']), ('notes (soft checks)', r['notes'])):
            if d:
                print(title + ':')
                for k, v in d.items():
                    print(f"  {v['count']:6d}  {k}")
                    for ex in v['examples']:
                        print(f'          e.g. {ex}')
    return r['contract_violations'] == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                 usage='%(prog)s [--json] PREFIX REPORT\n'
                                       '       %(prog)s --contract [--json] A B REPORT')
    ap.add_argument('args', nargs='+', metavar='ARG',
                    help='PREFIX REPORT (gen_pairs.py prefix and the report of scodiff --json '
                         '--show=all on that pair), or with --contract: A B REPORT')
    ap.add_argument('--contract', action='store_true',
                    help='only check REPORT for files A and B against the contract (no truth); exit 1 on violations')
    ap.add_argument('--json', action='store_true', help='print machine-readable JSON instead of the table')
    ap.add_argument('--examples', type=int, default=3, help='examples kept per problem')
    args = ap.parse_args()
    if args.contract:
        if len(args.args) != 3:
            ap.error('--contract takes A B REPORT')
        try:
            ok = contract_only(*args.args, args.examples, args.json)
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            sys.exit(f'score: cannot read {args.args[2]}: {e}')
        sys.exit(0 if ok else 1)
    if len(args.args) != 2:
        ap.error('expected PREFIX REPORT')
    args.prefix, args.report = args.args
    for suf in ('.a.txt', '.b.txt', '.truth.json'):
        if not os.path.exists(args.prefix + suf):
            sys.exit(f'score: missing {args.prefix + suf}')
    try:
        r = score(args.prefix, args.report, args.examples)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        sys.exit(f'score: cannot read {args.report}: {e}')
    if args.json:
        json.dump(r, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_table(r)


if __name__ == '__main__':
    try:
        main()
    except BrokenPipeError:
        sys.exit(1)
