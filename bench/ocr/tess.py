#!/usr/bin/env python3
"""Helper of tesseract.sh: choose paragraphs, then score scodiff on the OCR text.

    python3 bench/ocr/tess.py prepare --out DIR [--chars N] [--seed S]
    python3 bench/ocr/tess.py score DIR [--scodiff PATH] [--json]

prepare: a fixed-seed sample of the corpus' logical paragraphs (those of
40-300 characters, at least 70 % Han; same paragraphs as inject.py uses) of
about N characters in all, in corpus order; writes DIR/para/NNN.txt (one
paragraph each, no line breaks, to be rendered) and DIR/A.txt (all of them,
wrapped at 30 characters, blank line between paragraphs).

score: for every DIR/ocr/FONT-DPI.txt (tesseract's output for the list of
images DIR/img/FONT-DPI/NNN.png, pages separated by form feeds) writes
DIR/ocr/FONT-DPI.B.txt (pages joined by blank lines), runs
`scodiff --json --show=all A.txt FONT-DPI.B.txt` (report FONT-DPI.json) and
takes its differences as the engine's confusions when
  sub      both sides are 1-2 Han characters (whitespace dropped) and differ
  doubled  a is empty, b one Han character equal to the a character before
           or after the position
  dropped  a is one Han character, b empty
Substitutions between traditional and simplified forms (Unihan
kTraditionalVariant / kSimplifiedVariant, e.g. the corpus' 強 read as 强) are
not confusions: they are counted apart ("variant_pairs").
For each confusion: scodiff's kind, reason and suggest (right when it equals
a_text, the clean text).  All confusions go to DIR/confusions.tsv.  As a
cross-check, difflib aligns each clean paragraph with its OCR page
(non-whitespace, NFKC) and counts the same three kinds independently of
scodiff ("difflib" column); the share of A's characters outside every
scodiff block is given too ("unaligned").  Rows: one per DPI (both fonts),
one per FONT-DPI (JSON only) and the total.
"""

import argparse
import difflib
import json
import os
import random
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
from inject import corpus_paragraphs, wrap  # noqa: E402
from unihan import Unihan, is_han  # noqa: E402
from score import CharIndex  # noqa: E402

WS_RE = re.compile(r'\s+')
KINDS = ('ocr', 'edit', 'variant', 'punct', 'width')


def die(msg):
    print(f'tess.py: {msg}', file=sys.stderr)
    sys.exit(2)


def prepare(args):
    paras = corpus_paragraphs(args.corpus)
    ok = [i for i, p in enumerate(paras)
          if 40 <= len(p) <= 300 and sum(map(is_han, p)) >= 0.7 * len(p)]
    rng = random.Random(args.seed)
    rng.shuffle(ok)
    pick, tot = [], 0
    for i in ok:
        if tot >= args.chars:
            break
        pick.append(i)
        tot += len(paras[i])
    pick.sort()
    sel = [paras[i] for i in pick]
    os.makedirs(os.path.join(args.out, 'para'), exist_ok=True)
    for n, p in enumerate(sel):
        with open(os.path.join(args.out, 'para', f'{n:03d}.txt'), 'w', encoding='utf-8') as f:
            f.write(p + '\n')
    text, _, _ = wrap(sel, 30)
    with open(os.path.join(args.out, 'A.txt'), 'w', encoding='utf-8') as f:
        f.write(text)
    print(f'tess.py: {len(sel)} paragraphs, {tot} characters', file=sys.stderr)


def keyseq(s):
    return [c for c in unicodedata.normalize('NFKC', WS_RE.sub('', s))]


def difflib_confusions(a_paras, b_pages, u):
    n = 0
    for a, b in zip(a_paras, b_pages):
        ka, kb = keyseq(a), keyseq(b)
        sm = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            x, y = ka[i1:i2], kb[j1:j2]
            if op == 'replace':
                if 1 <= len(x) <= 2 and 1 <= len(y) <= 2 and all(map(is_han, x + y)) \
                        and not is_variant_pair(u, ''.join(x), ''.join(y)):
                    n += 1
            elif op == 'delete':
                if len(x) == 1 and is_han(x[0]):
                    n += 1
            elif op == 'insert':
                if len(y) == 1 and is_han(y[0]) and (
                        (i1 > 0 and ka[i1 - 1] == y[0]) or (i1 < len(ka) and ka[i1] == y[0])):
                    n += 1
    return n


def is_variant_pair(u, at, bt):
    if len(at) != len(bt):
        return False
    for x, y in zip(at, bt):
        if x != y and not (y in u.traditional.get(x, ()) or y in u.simplified.get(x, ())
                           or x in u.traditional.get(y, ()) or x in u.simplified.get(y, ())):
            return False
    return True


def classify(d, a_text_full, ia, u):
    at = WS_RE.sub('', d['a_text'])
    bt = WS_RE.sub('', d['b_text'])
    if at and bt and at != bt and len(at) <= 2 and len(bt) <= 2 and all(map(is_han, at + bt)):
        if is_variant_pair(u, at, bt):
            return 'variant', at, bt
        return 'sub', at, bt
    if not at and len(bt) == 1 and is_han(bt):
        k = ia(d['a'][0])
        before = a_text_full[k - 1] if k > 0 else ''
        after = a_text_full[k] if k < len(a_text_full) else ''
        if bt in (before, after):
            return 'doubled', at, bt
        return None, at, bt
    if len(at) == 1 and is_han(at) and not bt:
        return 'dropped', at, bt
    return None, at, bt


def new_row():
    return {'confusions': 0, 'sub': 0, 'doubled': 0, 'dropped': 0,
            'kinds': {k: 0 for k in KINDS}, 'suggest_n': 0, 'suggest_ok': 0,
            'difflib': 0, 'chars': 0, 'unaligned_chars': 0, 'other_diffs': 0,
            'variant_pairs': 0}


def add(r, o):
    for k, v in o.items():
        if k == 'kinds':
            for kk, vv in v.items():
                r['kinds'][kk] = r['kinds'].get(kk, 0) + vv
        elif isinstance(v, int):
            r[k] += v


def finish(r):
    n = r['confusions']
    r['share_ocr'] = round(r['kinds']['ocr'] / n, 4) if n else None
    r['share_edit'] = round(r['kinds']['edit'] / n, 4) if n else None
    r['suggest_accuracy'] = round(r['suggest_ok'] / r['suggest_n'], 4) if r['suggest_n'] else None
    r['unaligned_share'] = round(r['unaligned_chars'] / r['chars'], 4) if r['chars'] else None
    return r


def score(args):
    d = args.dir
    A = os.path.join(d, 'A.txt')
    if not os.path.exists(A):
        die(f'{A} missing (run prepare first)')
    a_bytes = open(A, 'rb').read()
    ia = CharIndex(a_bytes)
    a_key = WS_RE.sub('', a_bytes.decode('utf-8'))
    pdir = os.path.join(d, 'para')
    a_paras = [open(os.path.join(pdir, f), encoding='utf-8').read().strip()
               for f in sorted(os.listdir(pdir)) if f.endswith('.txt')]
    odir = os.path.join(d, 'ocr')
    cfgs = sorted((f[:-4] for f in os.listdir(odir)
                   if f.endswith('.txt') and not f.endswith('.B.txt')),
                  key=lambda c: (int(c.rsplit('-', 1)[1]), c))
    if not cfgs:
        die(f'no OCR output in {odir}')
    u = Unihan()
    rows = {}
    tsv = [('config\tfont\tdpi\ttype\tclean\tocr\tkind\treason\tsuggest\tsuggest_ok'
            '\ta_start\tb_start\tcontext')]
    for cfg in cfgs:
        font, dpi = cfg.rsplit('-', 1)
        raw = open(os.path.join(odir, cfg + '.txt'), encoding='utf-8', errors='replace').read()
        pages = raw.split('\f')
        if len(pages) > len(a_paras) and not pages[-1].strip():
            pages = pages[:len(a_paras)]
        if len(pages) != len(a_paras):
            print(f'tess.py: {cfg}: {len(pages)} OCR pages for {len(a_paras)} paragraphs',
                  file=sys.stderr)
        Bp = os.path.join(odir, cfg + '.B.txt')
        with open(Bp, 'w', encoding='utf-8') as f:
            f.write('\n\n'.join(p.strip('\n') for p in pages) + '\n')
        rp = os.path.join(odir, cfg + '.json')
        with open(rp, 'wb') as f:
            p = subprocess.run([args.scodiff, '--json', '--show=all', A, Bp], stdout=f,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        if p.returncode not in (0, 1):
            die(f'scodiff {A} {Bp}: exit {p.returncode}: {p.stderr.decode(errors="replace").strip()}')
        rep = json.load(open(rp, encoding='utf-8'))
        r = new_row()
        r['chars'] = ia.n
        for s, e in rep.get('unmatched_a', []):
            r['unaligned_chars'] += ia(e) - ia(s)
        r['difflib'] = difflib_confusions(a_paras, pages, u)
        for x in rep.get('differences', []):
            if x['kind'] == 'layout':
                continue
            typ, at, bt = classify(x, a_key, ia, u)
            if typ is None:
                r['other_diffs'] += 1
                continue
            if typ == 'variant':
                r['variant_pairs'] += 1
                continue
            r['confusions'] += 1
            r[typ] += 1
            r['kinds'][x['kind']] = r['kinds'].get(x['kind'], 0) + 1
            sug = x.get('suggest')
            ok = ''
            if sug is not None:
                r['suggest_n'] += 1
                ok = int(sug == x['a_text'])
                r['suggest_ok'] += ok
            k = ia(x['a'][0])
            ctx = a_key[max(0, k - 6):k] + '[' + at + ']' + a_key[ia(x['a'][1]):ia(x['a'][1]) + 6]
            tsv.append('\t'.join(str(v) for v in (
                cfg, font, dpi, typ, at, bt, x['kind'], x.get('reason', ''),
                '' if sug is None else sug, ok, x['a'][0], x['b'][0], ctx)))
        rows[cfg] = r
    with open(os.path.join(d, 'confusions.tsv'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(tsv) + '\n')
    by_dpi = {}
    total = new_row()
    for cfg, r in rows.items():
        dpi = cfg.rsplit('-', 1)[1]
        add(by_dpi.setdefault(dpi, new_row()), r)
        add(total, r)
    out = {'paragraphs': len(a_paras), 'chars': ia.n,
           'configs': {c: finish(r) for c, r in rows.items()},
           'by_dpi': {k: finish(v) for k, v in sorted(by_dpi.items(), key=lambda x: int(x[0]))},
           'total': finish(total),
           'tsv': os.path.join(d, 'confusions.tsv')}
    if args.json:
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(table(out))


def f3(x):
    return '–' if x is None else f'{x:.3f}'


def table(out):
    lines = ['| tesseract | confusions (sub/doubled/dropped) | difflib count | ocr | edit | variant | punct/width | share ocr | share edit | suggestion accuracy | A chars unaligned |',
             '|---|---|---|---|---|---|---|---|---|---|---|']
    items = [(f'{dpi} dpi', r) for dpi, r in out['by_dpi'].items()] + [('total', out['total'])]
    for name, r in items:
        K = r['kinds']
        lines.append(
            f'| {name} | {r["confusions"]} ({r["sub"]}/{r["doubled"]}/{r["dropped"]}) | {r["difflib"]} | '
            f'{K["ocr"]} | {K["edit"]} | {K["variant"]} | {K["punct"] + K["width"]} | '
            f'{f3(r["share_ocr"])} | {f3(r["share_edit"])} | '
            f'{f3(r["suggest_accuracy"])} ({r["suggest_ok"]}/{r["suggest_n"]}) | {r["unaligned_chars"]}/{r["chars"]} |')
    return '\n'.join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = ap.add_subparsers(dest='cmd', required=True)
    p = sub.add_parser('prepare')
    p.add_argument('--out', required=True)
    p.add_argument('--chars', type=int, default=10000)
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--corpus', default=os.path.join(ROOT, 'corpora'))
    s = sub.add_parser('score')
    s.add_argument('dir')
    s.add_argument('--scodiff', default=os.path.join(ROOT, 'build', 'scodiff'))
    s.add_argument('--json', action='store_true')
    args = ap.parse_args()
    if args.cmd == 'prepare':
        prepare(args)
    else:
        if not (os.path.isfile(args.scodiff) and os.access(args.scodiff, os.X_OK)):
            die(f'scodiff binary not found or not executable: {args.scodiff}')
        score(args)


if __name__ == '__main__':
    main()
