#!/usr/bin/env python3
"""Helper of run.sh: one markdown table from score.py --json and
tesseract.sh --json output.

    python3 bench/ocr/table.py SCORE.json TESS.json [--title TEXT]
"""

import argparse
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import check_rows  # noqa: E402

KIND_ORDER = ('sound', 'shape', 'variant', 'doubled', 'dropped', 'edit1', 'editN')
EXPECTED = {'sound': 'ocr', 'shape': 'ocr', 'doubled': 'ocr', 'dropped': 'ocr',
            'variant': 'variant', 'edit1': 'edit', 'editN': 'edit'}


def f3(x):
    return '–' if x is None else f'{x:.3f}'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('score')
    ap.add_argument('tess')
    ap.add_argument('--title', default='')
    a = ap.parse_args()
    S = json.load(open(a.score, encoding='utf-8'))
    try:
        T = json.load(open(a.tess, encoding='utf-8'))
    except (OSError, ValueError) as e:
        T = {'skipped': f'no tesseract result ({e})'}
    out = []
    if a.title:
        out += [a.title, '']
    out += ['| measure | n | ocr | variant | edit | punct/width | missed | suggest = clean | figure |',
            '|---|---|---|---|---|---|---|---|---|']
    K = S['kinds']
    for k in KIND_ORDER:
        v = K.get(k)
        if not v or not v['n']:
            continue
        L = v['labels']
        subs = ''
        if len(v['subtypes']) > 1:
            subs = ' (' + ', '.join(f'{s} {sv["expected"]}/{sv["n"]}'
                                    for s, sv in sorted(v['subtypes'].items())) + ')'
        miss = str(L['missed']) + (f' ({v["unaligned"]} unaligned)' if v['unaligned'] else '')
        out.append(f'| injected {k} | {v["n"]} | {L["ocr"]} | {L["variant"]} | {L["edit"]} | '
                   f'{L["punct"] + L["width"]} | {miss} | {v.get("suggest_ok", 0)}/{v.get("suggest_n", 0)} | share {EXPECTED[k]} '
                   f'{f3(v["expected_share"])}{subs} |')
    F = S['figures']
    s = S['suggest']
    d = S['diffs']
    C = S['clean']
    rows = [
        ('ocr precision', f'{S["ocr_true"]}/{d.get("ocr", 0)} ocr differences on a true slip', F['ocr_precision']),
        ('ocr recall', 'sound+shape+doubled+dropped labelled ocr', F['ocr_recall']),
        ('variant recall', 'variant injections labelled variant', F['variant_recall']),
        ('edit precision', f'{S["edit_true"]}/{d.get("edit", 0)} edit differences on a true edit', F['edit_precision']),
        ('edit recall', 'edit1+editN labelled edit', F['edit_recall']),
        ('suggestion accuracy', f'{s["ok"]}/{s["n"]} suggestions = clean text; '
         f'{s["ocr_matched_with"]}/{s["ocr_matched"]} matched ocr differences have one', F['suggest_accuracy']),
    ]
    for name, what, val in rows:
        out.append(f'| {name} | | | | | | | | {f3(val)} ({what}) |')
    flags = C['ocr'] + C['edit']
    out.append(f'| clean text (A vs A re-wrapped) | {C["chars"]} chars | {C["ocr"]} | | {C["edit"]} | '
               f'{C["other"]} | | | {10000 * flags / C["chars"] if C["chars"] else 0:.2f} ocr+edit per 10k chars'
               f'{"; " + str(C["unmatched_chars"]) + " chars unmatched" if C["unmatched_chars"] else ""} |')
    if 'check' in S:
        for name, n, ocr, var, missed, sug, fig in check_rows(S):
            out.append(f'| {name} | {n} | {ocr} | {var} | | | {missed} | {sug} | {fig} |')
    if T.get('skipped'):
        out.append(f'| tesseract | skipped: {T["skipped"]} | | | | | | | |')
    else:
        items = [(f'{dpi} dpi', r) for dpi, r in T['by_dpi'].items()] + [('all', T['total'])]
        for name, r in items:
            Kd = r['kinds']
            un = f'; {r["unaligned_chars"]}/{r["chars"]} chars of A unaligned' if r['unaligned_chars'] else ''
            out.append(
                f'| tesseract {name} | {r["confusions"]} confusions ({r["sub"]}/{r["doubled"]}/{r["dropped"]}) | '
                f'{Kd["ocr"]} | {Kd["variant"]} | {Kd["edit"]} | {Kd["punct"] + Kd["width"]} | | '
                f'{r["suggest_ok"]}/{r["suggest_n"]} | share ocr {f3(r["share_ocr"])}, edit {f3(r["share_edit"])}; '
                f'suggestion accuracy {f3(r["suggest_accuracy"])}{un} |')
    out.append(f'| contract violations | {S["contract"]} | | | | | | | a_text/b_text ≠ file bytes at range |')
    print('\n'.join(out))
    notes = [f'look-alikes: {S.get("lookalike_source")}']
    if not T.get('skipped'):
        notes.append(f'tesseract: {T["paragraphs"]} paragraphs, {T["chars"]} chars, fonts Noto Serif/Sans CJK SC; '
                     'confusions = (substitutions of 1-2 Han chars / doubled / dropped) among scodiff\'s differences; '
                     f'{T["total"].get("variant_pairs", 0)} traditional/simplified substitutions (強→强) not counted')
    print()
    for n in notes:
        print(f'- {n}')


if __name__ == '__main__':
    main()
