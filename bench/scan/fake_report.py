#!/usr/bin/env python3
"""Build a `scodiff scan --json` report from a collection's truth, perfect or
damaged, to test score.py and run.sh without scodiff.

    python3 bench/scan/fake_report.py TRUTH.json [--prefix DIR] [damage options]

Perfect report: one cluster per non-boilerplate statement whose members are
exactly its renderings, one boilerplate group per formula, every file in
"documents".  Member paths are PREFIX/<path> (PREFIX defaults to the docs
directory as written in the truth, relative to the truth file's directory).

Damage (all off by default; --seed makes them reproducible):
  --drop F      drop each member with probability F
  --split F     split each cluster of >= 4 members in two with probability F
  --merge F     merge each cluster with the next one with probability F
  --spurious N  add N clusters of two random stretches of filler
  --bp-main     report the boilerplate formulae in the main list
"""

import argparse
import bisect
import json
import os
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('truth')
    ap.add_argument('--prefix')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--drop', type=float, default=0.0)
    ap.add_argument('--split', type=float, default=0.0)
    ap.add_argument('--merge', type=float, default=0.0)
    ap.add_argument('--spurious', type=int, default=0)
    ap.add_argument('--bp-main', action='store_true')
    args = ap.parse_args()
    rng = random.Random(args.seed)
    t = json.load(open(args.truth, encoding='utf-8'))
    root = os.path.dirname(os.path.abspath(args.truth))
    docs = os.path.normpath(os.path.join(root, t['docs']))
    prefix = args.prefix if args.prefix is not None else os.path.relpath(docs)

    nl_index = {}

    def lines(path, s, e):
        if path not in nl_index:
            data = open(os.path.join(docs, *path.split('/')), 'rb').read()
            nl_index[path] = [i for i, b in enumerate(data) if b == 10]
        nls = nl_index[path]
        return [bisect.bisect_left(nls, s) + 1, bisect.bisect_left(nls, e - 1) + 1]

    def member(path, s, e):
        return {'path': prefix + '/' + path if prefix else path, 'span': [s, e], 'lines': lines(path, s, e)}

    per = {}
    for r in t['renderings']:
        per.setdefault(r['statement'], []).append(r)
    clusters, boiler = [], []
    for st in t['statements']:
        rs = per.get(st['id'], [])
        if len(rs) < 2:
            continue
        ms = [member(r['path'], *r['span']) for r in rs]
        c = {'id': 0, 'canonical': st['head'], 'similarity': 1.0, 'members': ms}
        (boiler if st['boilerplate'] and not args.bp_main else clusters).append(c)
    # damage
    if args.drop:
        for c in clusters:
            c['members'] = [m for m in c['members'] if rng.random() >= args.drop]
    if args.split:
        out = []
        for c in clusters:
            if len(c['members']) >= 4 and rng.random() < args.split:
                h = len(c['members']) // 2
                out.append(dict(c, members=c['members'][:h]))
                out.append(dict(c, members=c['members'][h:]))
            else:
                out.append(c)
        clusters = out
    if args.merge:
        out = []
        for c in clusters:
            if out and rng.random() < args.merge:
                out[-1] = dict(out[-1], members=out[-1]['members'] + c['members'])
            else:
                out.append(c)
        clusters = out
    if args.spurious:
        by_path = {}
        for r in t['renderings']:
            by_path.setdefault(r['path'], []).append(r['span'])
        files = [f for f in t['files'] if f['bytes'] > 2000]
        for _ in range(args.spurious):
            ms = []
            while len(ms) < 2:
                f = rng.choice(files)
                s = rng.randrange(0, f['bytes'] - 600)
                e = s + 300
                if any(a < e and s < b for a, b in by_path.get(f['path'], [])):
                    continue
                ms.append(member(f['path'], s, e))
            clusters.append({'id': 0, 'canonical': '', 'similarity': 0.9, 'members': ms})
    clusters = [c for c in clusters if len(c['members']) >= 2]
    for i, c in enumerate(clusters + boiler):
        c['id'] = i + 1
    rep_bytes = {}
    for c in clusters + boiler:
        for m in c['members']:
            p = m['path'][len(prefix) + 1:] if prefix else m['path']
            rep_bytes[p] = rep_bytes.get(p, 0) + m['span'][1] - m['span'][0]
    documents = [{'path': (prefix + '/' + f['path'] if prefix else f['path']), 'bytes': f['bytes'],
                  'repeated_bytes': rep_bytes.get(f['path'], 0)} for f in t['files']]
    json.dump({'version': 1, 'clusters': clusters, 'boilerplate': boiler, 'documents': documents},
              __import__('sys').stdout, ensure_ascii=False)
    print()


if __name__ == '__main__':
    main()
