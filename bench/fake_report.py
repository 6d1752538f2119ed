#!/usr/bin/env python3
"""Build a scodiff-style JSON report (contract version 1) from gen_pairs.py
truth, optionally degraded.  Used to test score.py without scodiff:

    python3 bench/fake_report.py PREFIX > perfect.json
    python3 bench/fake_report.py PREFIX --drop-blocks 0.05 --spurious 20 \\
        --misclass 0.2 > degraded.json
    python3 bench/fake_report.py PREFIX --drop-layout 5 > broken.json   # contract violations

The perfect report has one block per maximal stretch in which B follows A
with only truth events (edits, slips, punctuation-style changes) and layout
in between; every difference inside a block is listed, layout included.
"""

import argparse
import json
import os
import random
import sys

sys.dont_write_bytecode = True          # no __pycache__ in bench/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import Text  # noqa: E402

CODE = {'layout': 0, 'width': 1, 'punct': 2, 'ocr': 3, 'edit': 4}
NAME = {v: k for k, v in CODE.items()}


def u8len(c):
    return len(c.encode('utf-8'))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('prefix')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--drop-blocks', type=float, default=0.0, help='share of blocks dropped (become unmatched)')
    ap.add_argument('--spurious', type=int, default=0, help='number of made-up 2-char edit differences')
    ap.add_argument('--misclass', type=float, default=0.0, help="share of edit/ocr differences relabelled 'variant'")
    ap.add_argument('--drop-layout', type=int, default=0, help='number of layout differences left out (contract violation)')
    args = ap.parse_args()
    rng = random.Random(args.seed)

    A = Text(args.prefix + '.a.txt')
    B = Text(args.prefix + '.b.txt')
    truth = json.load(open(args.prefix + '.truth.json', encoding='utf-8'))

    def a_end(i):
        return A.offs[i] + u8len(A.chars[i])

    def b_end(j):
        return B.offs[j] + u8len(B.chars[j])

    # event kind per char (highest code wins)
    a_kind = bytearray(A.n)
    b_kind = bytearray(B.n)
    a_ev = bytearray(A.n)
    b_ev = bytearray(B.n)
    for key in ('edits', 'slips', 'styles'):
        for ev in truth[key]:
            c = CODE[ev['kind']]
            for T, kind, mark, sp in ((A, a_kind, a_ev, ev['a']), (B, b_kind, b_ev, ev['b'])):
                lo, hi = T.range(*sp)
                for i in range(lo, hi):
                    kind[i] = max(kind[i], c)
                    mark[i] = 1
    # insertion points / drops have empty spans: remember the event kind at the gap
    gap_a = {}
    gap_b = {}
    for key in ('edits', 'slips'):
        for ev in truth[key]:
            c = CODE[ev['kind']]
            for T, gap, (s, e) in ((A, gap_a, ev['a']), (B, gap_b, ev['b'])):
                lo, hi = T.range(s, e)
                if lo == hi:        # no characters: an insertion point / the place of a drop
                    for p in range(s, e + 1):
                        gap[p] = c

    # anchors: all truth pairs, in B order
    anchors = []
    for a0, b0, n in truth['pairs']:
        i = A.index(a0)
        j = B.index(b0)
        for k in range(n):
            anchors.append((i + k, j + k))
    anchors.sort(key=lambda x: x[1])

    # split into blocks
    blocks = []
    cur = [anchors[0]] if anchors else []
    for (i1, j1), (i2, j2) in zip(anchors, anchors[1:]):
        ok = i2 > i1 and all(a_ev[x] for x in range(i1 + 1, i2)) and all(b_ev[y] for y in range(j1 + 1, j2))
        if ok:
            cur.append((i2, j2))
        else:
            blocks.append(cur)
            cur = [(i2, j2)]
    if cur:
        blocks.append(cur)

    # degradations on the anchor level
    if args.drop_blocks:
        blocks = [b for b in blocks if rng.random() >= args.drop_blocks]
    forced = set()     # (block index, anchor index) whose gap to the next anchor is a made-up edit
    for _ in range(args.spurious):
        for _try in range(100):
            bi = rng.randrange(len(blocks))
            bl = blocks[bi]
            if len(bl) < 8:
                continue
            k = rng.randrange(len(bl) - 4)
            seg = bl[k:k + 4]
            if any(seg[q + 1][0] != seg[q][0] + 1 or seg[q + 1][1] != seg[q][1] + 1 for q in range(3)):
                continue
            if any(A.chars[x] != B.chars[y] for x, y in seg):
                continue
            if any((bi, k + q) in forced for q in range(-1, 4)):
                continue
            del bl[k + 1:k + 3]
            forced.add((bi, k))
            break

    diffs = []
    out_blocks = []
    for bi, bl in enumerate(blocks):
        (fi, fj), (li, lj) = bl[0], bl[-1]
        blk = {'a': [A.offs[fi], a_end(li)], 'b': [B.offs[fj], b_end(lj)]}
        blk['a_lines'] = [A.data.count(b'\n', 0, blk['a'][0]) + 1, A.data.count(b'\n', 0, blk['a'][1] - 1) + 1]
        blk['b_lines'] = [B.data.count(b'\n', 0, blk['b'][0]) + 1, B.data.count(b'\n', 0, blk['b'][1] - 1) + 1]
        ndiff_bytes = 0

        def emit(kind, sa, ea, sb, eb):
            nonlocal ndiff_bytes
            ndiff_bytes += (ea - sa) + (eb - sb)
            diffs.append({'kind': kind, 'a': [sa, ea], 'b': [sb, eb],
                          'a_text': A.text(sa, ea), 'b_text': B.text(sb, eb),
                          'block': len(out_blocks), 'suggest': '', 'confidence': 1.0})

        def style_pair(i, j):
            if A.chars[i] != B.chars[j]:
                emit(NAME.get(a_kind[i]) if a_kind[i] in (1, 2) else 'width', A.offs[i], a_end(i), B.offs[j], b_end(j))

        style_pair(*bl[0])
        for k, ((i1, j1), (i2, j2)) in enumerate(zip(bl, bl[1:])):
            sa, ea = a_end(i1), A.offs[i2]
            sb, eb = b_end(j1), B.offs[j2]
            if (bi, k) in forced:
                kind = 'edit'
            elif A.data[sa:ea] == B.data[sb:eb]:
                style_pair(i2, j2)
                continue
            else:
                c = max([a_kind[x] for x in range(i1 + 1, i2)] + [b_kind[y] for y in range(j1 + 1, j2)] + [0])
                for p in range(sa, ea + 1):
                    c = max(c, gap_a.get(p, 0))
                for p in range(sb, eb + 1):
                    c = max(c, gap_b.get(p, 0))
                kind = NAME[c]
            if kind == 'layout' and args.drop_layout and rng.random() < 0.2:
                args.drop_layout -= 1
            else:
                if kind in ('edit', 'ocr') and rng.random() < args.misclass:
                    kind = 'variant'
                emit(kind, sa, ea, sb, eb)
            style_pair(i2, j2)
        tot = (blk['a'][1] - blk['a'][0]) + (blk['b'][1] - blk['b'][0])
        blk['similarity'] = round(1 - ndiff_bytes / tot, 4) if tot else 1.0
        out_blocks.append(blk)

    def unmatched(T, spans):
        spans = sorted(spans)
        out = []
        pos = 0
        for s, e in spans + [[len(T.data), len(T.data)]]:
            if s > pos:
                lo, hi = T.range(pos, s)
                if hi > lo:
                    out.append([T.offs[lo], T.offs[hi - 1] + u8len(T.chars[hi - 1])])
            pos = max(pos, e)
        return out

    counts = {k: 0 for k in ('layout', 'width', 'punct', 'variant', 'ocr', 'edit')}
    for d in diffs:
        counts[d['kind']] += 1
    aligned = sum(len(b) for b in blocks)
    rep = {
        'version': 1,
        'a': {'path': args.prefix + '.a.txt', 'bytes': len(A.data), 'encoding': 'UTF-8'},
        'b': {'path': args.prefix + '.b.txt', 'bytes': len(B.data), 'encoding': 'UTF-8'},
        'similarity': round(aligned / max(A.n, B.n, 1), 6),
        'counts': counts,
        'blocks': out_blocks,
        'differences': diffs,
        'unmatched_a': unmatched(A, [b['a'] for b in out_blocks]),
        'unmatched_b': unmatched(B, [b['b'] for b in out_blocks]),
    }
    json.dump(rep, sys.stdout, ensure_ascii=False)
    print()


if __name__ == '__main__':
    main()
