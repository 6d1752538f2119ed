#!/usr/bin/env python3
"""Score scodiff's classification of injected confusions (bench/ocr/inject.py).

    python3 bench/ocr/score.py [--scodiff PATH] [--json] [--examples N] DIR [DIR ...]

Each DIR holds A.txt, B.txt, A2.txt and truth.json from inject.py.  For each,
runs `scodiff --json --show=all A.txt B.txt` (and A.txt A2.txt for the
clean-text check), keeps the reports as DIR/report.json and
DIR/report-clean.json, and pools the counts of all DIRs.

Matching.  Byte offsets are turned into indices of non-whitespace
characters (so a line break inside or beside a span does not matter).  A
difference (kind other than layout) matches an injection when their ranges
overlap on side a or on side b; an empty range matches a range that
contains or touches its position, two empty ranges match when equal.
Injections are >= 3 characters apart, so a difference rarely matches two.

Label of an injection: the kind of the differences it matches, by priority
edit > ocr > variant > punct > width ("split" is counted when they disagree);
`missed` when it matches none: `unaligned` when it lies outside every block.

Figures:
  expected share  sound/shape/doubled/dropped -> `ocr`, variant -> `variant`,
                  edit1/editN -> `edit`: share of the kind's injections with
                  that label
  ocr precision   ocr differences matching a true slip (sound, shape, doubled,
                  dropped) / all ocr differences
  ocr recall      slips labelled ocr / all slips
  variant recall  variant injections labelled variant / all of them
  edit precision  edit differences matching an edit1/editN injection / all
                  edit differences
  edit recall     edit1/editN injections labelled edit / all of them
  suggestions     differences matching an injection that carry "suggest":
                  how many, and how many equal the difference's a_text (A is
                  the clean text; for a doubled character scodiff's a_text is
                  empty, so the right suggestion is ""), in all and per
                  injected kind; also the share of matched ocr differences
                  with a suggestion
  clean flags     scodiff A.txt A2.txt (same text, other wrap): ocr and edit
                  differences per 10,000 non-whitespace characters of A (and
                  any other non-layout difference, and text left unmatched)
  contract        differences whose a_text/b_text differ from the file bytes
                  at their ranges (should be 0)

`scodiff check` (one text, no second rendering; it looks only for single
substituted characters -- sound/shape slips -- and traditional forms, so
doubled, dropped and edited text is out of its reach and reported for
completeness only).  Per DIR, `scodiff check --json A.txt` and
`scodiff check --json B.txt`, kept as DIR/check-A.json and DIR/check-B.json
(exit 0 or 1; 2 is trouble).  Flag spans go through the same byte offset ->
non-whitespace index turn as differences.
  check clean flags  every flag on A (clean corpus text) is a false flag:
                  flags per 10,000 non-whitespace characters of A, and by
                  flag kind (ocr, variant)
  check recall    per injected kind: injections whose side-b range a flag
                  on B overlaps (the `touches` rule above, side b only) /
                  all injections of that kind; flag kinds (ocr/variant) of
                  the matched injections are counted too
  check precision flags on B that match a sound, shape, doubled, dropped or
                  variant injection / all flags on B; a flag matching only
                  edit1/editN injections, or none, is wrong (those matching
                  none and also raised on A -- same text and suggestion,
                  counted as a multiset -- are counted apart: slips of the
                  corpus itself)
  check suggestions  of the flags counted right by check precision: those
                  whose "suggest" equals the matched injection's a_text
                  (the clean character); per injected kind as well
  check contract  flags whose path is not the file or whose text differs
                  from the file bytes at their span (should be 0)
Exit status 0, or 2 on trouble (scodiff exit status 2, bad report).
"""

import argparse
import bisect
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

SLIPS = ('sound', 'shape', 'doubled', 'dropped')
EDITS = ('edit1', 'editN')
KIND_ORDER = ('sound', 'shape', 'variant', 'doubled', 'dropped', 'edit1', 'editN')
EXPECTED = {k: 'ocr' for k in SLIPS}
EXPECTED.update({'variant': 'variant', 'edit1': 'edit', 'editN': 'edit'})
PRIORITY = ('edit', 'ocr', 'variant', 'punct', 'width')
LABELS = ('ocr', 'variant', 'edit', 'punct', 'width', 'missed')


def die(msg):
    print(f'score.py: {msg}', file=sys.stderr)
    sys.exit(2)


def run_json(cmd, out):
    """run cmd (exit 0 or 1 expected), stdout to out, return it parsed"""
    with open(out, 'wb') as f:
        p = subprocess.run(cmd, stdout=f, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    if p.returncode not in (0, 1):
        die(f'{" ".join(cmd)}: exit {p.returncode}: {p.stderr.decode(errors="replace").strip()}')
    try:
        with open(out, encoding='utf-8') as f:
            return json.load(f)
    except ValueError as e:
        die(f'{out}: not JSON: {e}')


def run_scodiff(scodiff, a, b, out):
    return run_json([scodiff, '--json', '--show=all', a, b], out)


def run_check(scodiff, path, out):
    flags = run_json([scodiff, 'check', '--json', path], out).get('flags')
    if not isinstance(flags, list):
        die(f'{out}: no "flags" list')
    return flags


class CharIndex:
    """byte offset -> number of non-whitespace characters starting before it."""

    def __init__(self, data):
        text = data.decode('utf-8')
        self.starts = []
        pos = 0
        for ch in text:
            if not ch.isspace():
                self.starts.append(pos)
            pos += len(ch.encode('utf-8'))
        self.n = len(self.starts)

    def __call__(self, off):
        return bisect.bisect_left(self.starts, off)

    def span(self, r):
        return (self(r[0]), self(r[1]))


def touches(x, y):
    (s1, e1), (s2, e2) = x, y
    if s1 == e1 and s2 == e2:
        return s1 == s2
    if s1 == e1:
        return s2 <= s1 <= e2
    if s2 == e2:
        return s1 <= s2 <= e1
    return s1 < e2 and s2 < e1


def contract_errors(report, a_bytes, b_bytes):
    bad = 0
    for d in report.get('differences', []):
        for side, data in (('a', a_bytes), ('b', b_bytes)):
            s, e = d[side]
            try:
                txt = data[s:e].decode('utf-8')
            except UnicodeDecodeError:
                bad += 1
                continue
            if txt != d.get(side + '_text'):
                bad += 1
    return bad


CHECK_RIGHT = set(SLIPS) | {'variant'}
CHECK_FLAG_KINDS = ('ocr', 'variant', 'other')


def check_new():
    """the counts of the `scodiff check` part (one DIR or pooled)"""
    return {'chars_a': 0, 'clean_flags': 0,
            'clean_kinds': {k: 0 for k in CHECK_FLAG_KINDS},
            'kinds': {k: {'n': 0, 'found': 0, 'flag_kinds': {f: 0 for f in CHECK_FLAG_KINDS},
                          'suggest_n': 0, 'suggest_ok': 0} for k in KIND_ORDER},
            'flags_b': 0, 'right': 0, 'on_edit': 0, 'on_none': 0, 'on_none_also_a': 0,
            'suggest_n': 0, 'suggest_ok': 0, 'contract': 0}


def check_add(tot, r):
    for k, v in r.items():
        if isinstance(v, dict):
            check_add(tot.setdefault(k, {}), v)
        else:
            tot[k] = tot.get(k, 0) + v


def check_contract(flags, path, data):
    bad = 0
    for f in flags:
        s, e = f['span']
        if f.get('path') != path or data[s:e].decode('utf-8', 'replace') != f.get('text'):
            bad += 1
    return bad


def flag_kind(f):
    return f.get('kind') if f.get('kind') in CHECK_FLAG_KINDS else 'other'


def context(data, span, n=8):
    """n characters either side of span, the span in [brackets]"""
    s, e = span
    pre = data[:s].decode('utf-8', 'replace')[-n:]
    post = data[e:].decode('utf-8', 'replace')[:n]
    return (pre + '[' + data[s:e].decode('utf-8', 'replace') + ']' + post).replace('\n', '⏎')


def score_check(paths, datas, flags, ia, ib, injs, example):
    """the `scodiff check` part of one DIR: flags = (on A, on B)"""
    (fa, fb), (a_bytes, b_bytes) = flags, datas
    c = check_new()
    c['chars_a'] = ia.n
    c['contract'] = check_contract(fa, paths[0], a_bytes) + check_contract(fb, paths[1], b_bytes)
    c['clean_flags'] = len(fa)
    on_a = {}
    for f in fa:
        c['clean_kinds'][flag_kind(f)] += 1
        key = (f.get('text'), f.get('suggest'))
        on_a[key] = on_a.get(key, 0) + 1
        example('check flag on clean A', flag=dict(f, context=context(a_bytes, f['span'])))
    for t in injs:
        c['kinds'][t['kind']]['n'] += 1
        t['_f'] = []
    c['flags_b'] = len(fb)
    for f in fb:
        span = ib.span(f['span'])
        hit = [t for t in injs if touches(span, t['_b'])]
        for t in hit:
            t['_f'].append(f)
        right = [t for t in hit if t['kind'] in CHECK_RIGHT]
        if right:
            t = right[0]
            c['right'] += 1
            kk = c['kinds'][t['kind']]
            kk['suggest_n'] += 1
            c['suggest_n'] += 1
            if f.get('suggest') == t['a_text']:
                kk['suggest_ok'] += 1
                c['suggest_ok'] += 1
            else:
                example(f'check wrong suggestion ({t["kind"]})', t, flag=f)
        elif hit:
            c['on_edit'] += 1
            example(f'check flag on {hit[0]["kind"]}', hit[0], flag=f)
        else:
            c['on_none'] += 1
            key = (f.get('text'), f.get('suggest'))
            if on_a.get(key):
                on_a[key] -= 1
                c['on_none_also_a'] += 1
            else:
                example('check flag on B matching no injection (not on A)',
                        flag=dict(f, context=context(b_bytes, f['span'])))
    for t in injs:
        kk = c['kinds'][t['kind']]
        if t['_f']:
            kk['found'] += 1
            kk['flag_kinds'][flag_kind(t['_f'][0])] += 1
        elif t['kind'] in ('sound', 'shape', 'variant'):
            example(f'check missed {t["kind"]}', t)
    return c


def in_unmatched(span, ranges):
    s, e = span
    for r in ranges:
        if r[0] <= s and e <= r[1] and (s < e or r[0] < s < r[1]):
            return True
    return False


def score_dir(d, scodiff, examples):
    truth_path = os.path.join(d, 'truth.json')
    try:
        truth = json.load(open(truth_path, encoding='utf-8'))
    except (OSError, ValueError) as e:
        die(f'{truth_path}: {e}')
    A, B, A2 = (os.path.join(d, n) for n in ('A.txt', 'B.txt', 'A2.txt'))
    a_bytes, b_bytes, a2_bytes = (open(p, 'rb').read() for p in (A, B, A2))
    rep = run_scodiff(scodiff, A, B, os.path.join(d, 'report.json'))
    clean = run_scodiff(scodiff, A, A2, os.path.join(d, 'report-clean.json'))
    chk = (run_check(scodiff, A, os.path.join(d, 'check-A.json')),
           run_check(scodiff, B, os.path.join(d, 'check-B.json')))
    ia, ib, ia2 = CharIndex(a_bytes), CharIndex(b_bytes), CharIndex(a2_bytes)

    diffs = [x for x in rep.get('differences', []) if x.get('kind') != 'layout']
    for x in diffs:
        x['_a'], x['_b'] = ia.span(x['a']), ib.span(x['b'])
        x['_m'] = []
    injs = truth['injections']
    for t in injs:
        t['_a'], t['_b'] = ia.span(t['a']), ib.span(t['b'])
        t['_m'] = []
    # candidates by position (both lists sorted by a in practice; brute force
    # with a window keeps it simple and fast enough for ~100 x ~1000)
    starts = sorted(range(len(diffs)), key=lambda i: diffs[i]['_a'][0])
    keys = [diffs[i]['_a'][0] for i in starts]
    for t in injs:
        lo = bisect.bisect_left(keys, t['_a'][0] - 50)
        hi = bisect.bisect_right(keys, t['_a'][1] + 50)
        cand = set(starts[lo:hi])
        # b side may be far from a side only if blocks were moved: check all
        # differences on b as well when none matched by a
        for i in cand:
            x = diffs[i]
            if touches(x['_a'], t['_a']) or touches(x['_b'], t['_b']):
                t['_m'].append(x)
                x['_m'].append(t)
        if not t['_m']:
            for x in diffs:
                if touches(x['_b'], t['_b']) or touches(x['_a'], t['_a']):
                    if x not in t['_m']:
                        t['_m'].append(x)
                        x['_m'].append(t)

    res = {
        'dir': d, 'chars_a': ia.n, 'lookalike_source': truth.get('lookalike_source'),
        'kinds': {k: {'n': 0, 'labels': {lab: 0 for lab in LABELS}, 'unaligned': 0,
                      'split': 0, 'subtypes': {}, 'suggest_n': 0, 'suggest_ok': 0} for k in KIND_ORDER},
        'diffs': {}, 'ocr_true': 0, 'edit_true': 0,
        'suggest': {'n': 0, 'ok': 0, 'ocr_matched': 0, 'ocr_matched_with': 0,
                    'unmatched_with': 0},
        'contract': contract_errors(rep, a_bytes, b_bytes) + contract_errors(clean, a_bytes, a2_bytes),
        'examples': [],
    }
    ex = res['examples']

    def example(tag, t=None, x=None, flag=None):
        if len([e for e in ex if e['tag'] == tag]) >= examples:
            return
        e = {'tag': tag}
        if t is not None:
            e['truth'] = {k: t[k] for k in ('kind', 'subtype', 'a', 'b', 'a_text', 'b_text')}
        if x is not None:
            e['scodiff'] = {k: x[k] for k in ('kind', 'a', 'b', 'a_text', 'b_text', 'reason',
                                              'suggest', 'confidence') if k in x}
        if flag is not None:
            e['check'] = {k: flag[k] for k in ('span', 'lines', 'text', 'suggest', 'kind',
                                               'reason', 'confidence', 'context') if k in flag}
        ex.append(e)

    for t in injs:
        k = t['kind']
        r = res['kinds'].setdefault(k, {'n': 0, 'labels': {lab: 0 for lab in LABELS},
                                        'unaligned': 0, 'split': 0, 'subtypes': {},
                                        'suggest_n': 0, 'suggest_ok': 0})
        r['n'] += 1
        kinds = {x['kind'] for x in t['_m']}
        label = next((p for p in PRIORITY if p in kinds), 'missed')
        if len(kinds) > 1:
            r['split'] += 1
        r['labels'][label] = r['labels'].get(label, 0) + 1
        st = r['subtypes'].setdefault(t['subtype'].split(':')[0], {'n': 0, 'expected': 0})
        st['n'] += 1
        if label == EXPECTED[k]:
            st['expected'] += 1
        if label == 'missed':
            if in_unmatched(t['a'], rep.get('unmatched_a', [])) or \
                    in_unmatched(t['b'], rep.get('unmatched_b', [])):
                r['unaligned'] += 1
                example('unaligned', t)
            else:
                example('missed', t)
        elif label != EXPECTED[k]:
            example(f'{k} labelled {label}', t, next(x for x in t['_m'] if x['kind'] == label))

    for x in diffs:
        kd = x['kind']
        res['diffs'][kd] = res['diffs'].get(kd, 0) + 1
        tk = {t['kind'] for t in x['_m']}
        if kd == 'ocr':
            if tk & set(SLIPS):
                res['ocr_true'] += 1
            elif not tk:
                example('ocr difference matching no injection', None, x)
        if kd == 'edit':
            if tk & set(EDITS):
                res['edit_true'] += 1
            elif not tk:
                example('edit difference matching no injection', None, x)
        if kd not in ('ocr', 'edit') and not tk:
            example(f'{kd} difference matching no injection', None, x)
        sug = x.get('suggest')
        if x['_m']:
            if kd == 'ocr':
                res['suggest']['ocr_matched'] += 1
                if sug is not None:
                    res['suggest']['ocr_matched_with'] += 1
            if sug is not None:
                res['suggest']['n'] += 1
                kk = res['kinds'][x['_m'][0]['kind']]
                kk['suggest_n'] += 1
                if sug == x['a_text']:
                    res['suggest']['ok'] += 1
                    kk['suggest_ok'] += 1
                else:
                    example(f'wrong suggestion ({x["_m"][0]["kind"]})', x['_m'][0], x)
        elif sug is not None:
            res['suggest']['unmatched_with'] += 1

    cd = [x for x in clean.get('differences', []) if x.get('kind') != 'layout']
    um = 0
    for side, idx in (('unmatched_a', ia), ('unmatched_b', ia2)):
        for r in clean.get(side, []):
            s, e = idx.span(r)
            um += e - s
    res['clean'] = {'chars': ia.n, 'ocr': 0, 'edit': 0, 'other': 0, 'unmatched_chars': um,
                    'blocks': len(clean.get('blocks', []))}
    for x in cd:
        key = x['kind'] if x['kind'] in ('ocr', 'edit') else 'other'
        res['clean'][key] += 1
        example('clean-text difference', None, x)
    res['check'] = score_check((A, B), (a_bytes, b_bytes), chk, ia, ib, injs, example)
    return res


def pool(results, max_examples=3):
    tot = {'dirs': [r['dir'] for r in results], 'chars_a': 0, 'kinds': {}, 'diffs': {},
           'ocr_true': 0, 'edit_true': 0,
           'suggest': {'n': 0, 'ok': 0, 'ocr_matched': 0, 'ocr_matched_with': 0,
                       'unmatched_with': 0},
           'clean': {'chars': 0, 'ocr': 0, 'edit': 0, 'other': 0, 'unmatched_chars': 0,
                     'blocks': 0},
           'contract': 0, 'lookalike_source': results[0].get('lookalike_source') if results else None,
           'examples': [], 'check': check_new()}
    for r in results:
        tot['chars_a'] += r['chars_a']
        tot['ocr_true'] += r['ocr_true']
        tot['edit_true'] += r['edit_true']
        tot['contract'] += r['contract']
        check_add(tot['check'], r['check'])
        for k, v in r['diffs'].items():
            tot['diffs'][k] = tot['diffs'].get(k, 0) + v
        for k, v in r['suggest'].items():
            tot['suggest'][k] += v
        for k, v in r['clean'].items():
            tot['clean'][k] += v
        for k, v in r['kinds'].items():
            t = tot['kinds'].setdefault(k, {'n': 0, 'labels': {lab: 0 for lab in LABELS},
                                            'unaligned': 0, 'split': 0, 'subtypes': {},
                                            'suggest_n': 0, 'suggest_ok': 0})
            t['n'] += v['n']
            t['suggest_n'] += v['suggest_n']
            t['suggest_ok'] += v['suggest_ok']
            t['unaligned'] += v['unaligned']
            t['split'] += v['split']
            for lab, n in v['labels'].items():
                t['labels'][lab] = t['labels'].get(lab, 0) + n
            for s, sv in v['subtypes'].items():
                ts = t['subtypes'].setdefault(s, {'n': 0, 'expected': 0})
                ts['n'] += sv['n']
                ts['expected'] += sv['expected']
        for e in r['examples']:
            if sum(1 for x in tot['examples'] if x['tag'] == e['tag']) < max_examples:
                tot['examples'].append(dict(e, dir=r['dir']))
    K = tot['kinds']

    def ratio(a, b):
        return round(a / b, 4) if b else None

    slips_n = sum(K.get(k, {}).get('n', 0) for k in SLIPS)
    slips_ocr = sum(K.get(k, {}).get('labels', {}).get('ocr', 0) for k in SLIPS)
    edits_n = sum(K.get(k, {}).get('n', 0) for k in EDITS)
    edits_edit = sum(K.get(k, {}).get('labels', {}).get('edit', 0) for k in EDITS)
    var = K.get('variant', {'n': 0, 'labels': {}})
    tot['figures'] = {
        'ocr_precision': ratio(tot['ocr_true'], tot['diffs'].get('ocr', 0)),
        'ocr_recall': ratio(slips_ocr, slips_n),
        'variant_recall': ratio(var['labels'].get('variant', 0), var['n']),
        'edit_precision': ratio(tot['edit_true'], tot['diffs'].get('edit', 0)),
        'edit_recall': ratio(edits_edit, edits_n),
        'suggest_accuracy': ratio(tot['suggest']['ok'], tot['suggest']['n']),
        'suggest_coverage_ocr': ratio(tot['suggest']['ocr_matched_with'],
                                      tot['suggest']['ocr_matched']),
        'clean_ocr_edit_per_10k': round(10000 * (tot['clean']['ocr'] + tot['clean']['edit'])
                                        / tot['clean']['chars'], 2) if tot['clean']['chars'] else None,
        'clean_other_per_10k': round(10000 * tot['clean']['other'] / tot['clean']['chars'], 2)
        if tot['clean']['chars'] else None,
    }
    for k, v in K.items():
        v['expected_share'] = ratio(v['labels'].get(EXPECTED.get(k, ''), 0), v['n'])
    c = tot['check']
    tot['figures'].update({
        'check_clean_per_10k': round(10000 * c['clean_flags'] / c['chars_a'], 2)
        if c['chars_a'] else None,
        'check_recall': {k: ratio(v['found'], v['n']) for k, v in c['kinds'].items() if v['n']},
        'check_precision': ratio(c['right'], c['flags_b']),
        'check_suggest_accuracy': ratio(c['suggest_ok'], c['suggest_n']),
    })
    return tot


def check_rows(tot):
    """(measure, n, ocr, variant, missed, suggest = clean, figure) rows of
    the `scodiff check` part, for this table and table.py's"""
    c, F = tot['check'], tot['figures']
    ck = c['clean_kinds']
    rows = [('check: clean text false flags /10k', f'{c["chars_a"]} chars', ck['ocr'], ck['variant'], '', '',
             f'{F["check_clean_per_10k"] or 0:.2f} flags per 10k chars ({c["clean_flags"]} flags'
             + (f', {ck["other"]} of another kind' if ck['other'] else '') + ')')]
    K = c['kinds']
    for k in ('sound', 'shape', 'variant'):
        v = K[k]
        if v['n']:
            rows.append((f'check on B: recall {k}', v['n'], v['flag_kinds']['ocr'], v['flag_kinds']['variant'],
                         v['n'] - v['found'], f'{v["suggest_ok"]}/{v["suggest_n"]}',
                         f'recall {fmt(F["check_recall"].get(k))}'))
    rest = [k for k in KIND_ORDER if k not in ('sound', 'shape', 'variant') and K[k]['n']]
    if rest:
        rows.append(('check on B: recall ' + '/'.join(rest), sum(K[k]['n'] for k in rest),
                     sum(K[k]['flag_kinds']['ocr'] for k in rest),
                     sum(K[k]['flag_kinds']['variant'] for k in rest),
                     sum(K[k]['n'] - K[k]['found'] for k in rest), '',
                     ', '.join(f'{k} {K[k]["found"]}/{K[k]["n"]}' for k in rest)
                     + ' (not looked for: check flags single substituted characters and traditional forms)'))
    rows.append(('check precision', '', '', '', '', '',
                 f'{fmt(F["check_precision"])} ({c["right"]}/{c["flags_b"]} flags on B on an injected '
                 f'slip or variant; {c["on_edit"]} on an edit1/editN, {c["on_none"]} on none, '
                 f'{c["on_none_also_a"]} of these also flagged on A)'))
    rows.append(('check suggestion accuracy', '', '', '', '', f'{c["suggest_ok"]}/{c["suggest_n"]}',
                 f'{fmt(F["check_suggest_accuracy"])} (suggest = clean character, of the flags on a slip or variant)'))
    if c['contract']:
        rows.append(('check contract violations', c['contract'], '', '', '', '',
                     'flags whose path/text ≠ the file at span'))
    return rows


def fmt(x, pct=False):
    if x is None:
        return '–'
    return f'{x:.3f}'


def table(tot):
    K = tot['kinds']
    F = tot['figures']
    out = ['| injected kind | n | expected | share expected | ocr | variant | edit | punct/width | missed (unaligned) | suggest = clean / suggestions | by subtype (expected/n) |',
           '|---|---|---|---|---|---|---|---|---|---|---|']
    for k in KIND_ORDER:
        v = K.get(k)
        if not v or not v['n']:
            continue
        L = v['labels']
        subs = ', '.join(f'{s} {sv["expected"]}/{sv["n"]}' for s, sv in sorted(v['subtypes'].items()))
        out.append(f'| {k} | {v["n"]} | {EXPECTED[k]} | {fmt(v["expected_share"])} | {L["ocr"]} | '
                   f'{L["variant"]} | {L["edit"]} | {L["punct"] + L["width"]} | '
                   f'{L["missed"]} ({v["unaligned"]}) | {v["suggest_ok"]}/{v["suggest_n"]} | {subs} |')
    s = tot['suggest']
    lines = [
        '',
        '| figure | value |',
        '|---|---|',
        f'| ocr precision (ocr differences on a true slip / all ocr: {tot["ocr_true"]}/{tot["diffs"].get("ocr", 0)}) | {fmt(F["ocr_precision"])} |',
        f'| ocr recall (sound+shape+doubled+dropped labelled ocr) | {fmt(F["ocr_recall"])} |',
        f'| variant recall | {fmt(F["variant_recall"])} |',
        f'| edit precision (edit differences on a true edit / all edit: {tot["edit_true"]}/{tot["diffs"].get("edit", 0)}) | {fmt(F["edit_precision"])} |',
        f'| edit recall (edit1+editN labelled edit) | {fmt(F["edit_recall"])} |',
        f'| suggestion accuracy (suggest = clean text: {s["ok"]}/{s["n"]}) | {fmt(F["suggest_accuracy"])} |',
        f'| matched ocr differences with a suggestion ({s["ocr_matched_with"]}/{s["ocr_matched"]}) | {fmt(F["suggest_coverage_ocr"])} |',
        f'| clean text: ocr+edit per 10k chars ({tot["clean"]["ocr"]}+{tot["clean"]["edit"]} in {tot["clean"]["chars"]} chars) | {tot["clean"]["ocr"] + tot["clean"]["edit"] and F["clean_ocr_edit_per_10k"] or "0.00"} |',
        f'| clean text: other non-layout differences per 10k / unmatched chars | {F["clean_other_per_10k"]} / {tot["clean"]["unmatched_chars"]} |',
        f'| contract violations (a_text/b_text ≠ bytes at range) | {tot["contract"]} |',
    ]
    lines += ['', '| scodiff check | n | ocr | variant | missed | suggest = clean | figure |',
              '|---|---|---|---|---|---|---|']
    lines += ['| ' + ' | '.join(str(x) for x in row) + ' |' for row in check_rows(tot)]
    return '\n'.join(out + lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('dirs', nargs='+', metavar='DIR')
    ap.add_argument('--scodiff', default=os.path.join(ROOT, 'build', 'scodiff'))
    ap.add_argument('--json', action='store_true', help='write the pooled figures as JSON')
    ap.add_argument('--examples', type=int, default=3,
                    help='examples kept per kind of surprise (default 3)')
    ap.add_argument('--show-examples', action='store_true',
                    help='print the examples after the table')
    args = ap.parse_args()
    if not (os.path.isfile(args.scodiff) and os.access(args.scodiff, os.X_OK)):
        die(f'scodiff binary not found or not executable: {args.scodiff}')
    results = [score_dir(d, args.scodiff, args.examples) for d in args.dirs]
    tot = pool(results, args.examples)
    if args.json:
        json.dump(tot, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return
    print(table(tot))
    if args.show_examples:
        print()
        for e in tot['examples']:
            print('-', json.dumps(e, ensure_ascii=False))


if __name__ == '__main__':
    main()
