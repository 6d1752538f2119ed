#!/usr/bin/env python3
"""Score a `scodiff scan --json` report (or a peer's list of file pairs)
against the truth written by gen_collection.py.

    python3 bench/scan/score.py TRUTH.json REPORT.json [--json]
    python3 bench/scan/score.py TRUTH.json --pairs PAIRS.tsv [--score-col N
                                [--min-score T] [--best]] [--subset LIST] [--json]

Terms
-----
rendering   one planted copy of a statement: (statement, path, byte span).
            Boilerplate renderings are those of the boilerplate formulae.
member      one {"path", "span"} of a reported cluster (or boilerplate group).
Paths are matched on their ending: a report path matches the truth path
that it ends with ("/"-separated components; so `DIR/docs/a/b.txt`,
`./a/b.txt` and an absolute path all match `a/b.txt`).  A report path that
matches no file of the collection is a contract violation.

Coverage: a cluster C *covers* a rendering r when the union of the spans of
C's members in r's file overlaps at least 50 % of r's bytes.

Label of a member: the statement whose renderings overlap the member's span
by the most bytes (ties: lowest id); no label if it overlaps no planted
rendering.

Rules (main list = report["clusters"], boilerplate section =
report["boilerplate"])
-------------------------------------------------------------------------
pair recall      true pairs = all unordered pairs of two renderings of the
                 same non-boilerplate statement (two copies in one file
                 included).  A true pair is found when one cluster of the
                 main list covers both renderings.  recall = found / true.
pair precision   for every cluster of the main list, all unordered pairs of
                 its members.  A pair is correct when both members carry the
                 same non-boilerplate label.  Pairs whose two members both
                 carry the same boilerplate label are left out (neither right
                 nor wrong here: boilerplate recall says where they belong);
                 every other pair is false (a member without label makes all
                 its pairs false).  precision = correct / (pairs - left out).
byte precision   of the bytes of the main-list members, the share inside
                 planted renderings of the member's own label (how much of a
                 member is filler or another statement).
boilerplate recall   share of the planted boilerplate renderings covered
                 (>= 50 %) by the union of the boilerplate section's members
                 in their file (whatever the group).  Also given: the share
                 covered by main-list clusters instead (`boilerplate_in_main`).
boilerplate precision  share of the boilerplate section's members whose label
                 is a boilerplate formula.
file pairs       (comparable with whole-file tools) true file pairs = pairs of
                 two different files that hold renderings of one same
                 non-boilerplate statement.  For a scan report, the reported
                 file pairs are the pairs of different files with members in
                 one same main-list cluster; for --pairs, the pairs listed
                 (TSV: path1 TAB path2 [TAB anything], one per line); with
                 --score-col N --min-score T only those whose column N is
                 >= T; --best adds the best F1 over all thresholds T (and
                 its recall, precision, T) -- an upper bound for a tool
                 whose threshold would be tuned on the truth.  --subset
                 LIST restricts the truth to the files listed (a peer run
                 on a sample of the collection).
                 recall = reported true / true, precision = reported true /
                 reported.
contract         version == 1; clusters / boilerplate / documents are lists;
                 every member has path, span [s, e] with 0 <= s < e <= file
                 size, lines [l1, l2] with 1 <= l1 <= l2; every cluster has
                 id, members (>= 2); documents list every file of the
                 collection once with its size in bytes and 0 <=
                 repeated_bytes <= bytes.  Violations are counted and
                 listed, they do not change the other numbers.

Exit status 0 when scored (whatever the numbers), 2 on unreadable input.
"""

import argparse
import bisect
import json
import os
import sys

# appended: a module of this folder (score.py) wins over bench/score.py
sys.path.append(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import pairs_of  # noqa: E402


def die(msg):
    print(f'score.py: {msg}', file=sys.stderr)
    sys.exit(2)


class Truth:
    def __init__(self, path):
        try:
            t = json.load(open(path, encoding='utf-8'))
        except (OSError, ValueError) as e:
            die(f'cannot read truth {path}: {e}')
        if t.get('format') != 'scodiff-scan-bench-truth/1':
            die(f'{path}: not a gen_collection.py truth file')
        self.t = t
        self.bp = {s['id']: s['boilerplate'] for s in t['statements']}
        self._index()

    def _index(self):
        t = self.t
        self.files = {f['path']: f for f in t['files']}
        self.by_path = {}
        for i, r in enumerate(t['renderings']):
            r['i'] = i
            self.by_path.setdefault(r['path'], []).append(r)
        self.starts = {}
        for p, rs in self.by_path.items():
            rs.sort(key=lambda r: r['span'][0])
            self.starts[p] = [r['span'][0] for r in rs]
        # last path component -> paths
        self.by_base = {}
        for p in self.files:
            self.by_base.setdefault(p.rsplit('/', 1)[-1], []).append(p)
        self._match = {}

    def restrict(self, paths):
        """keep only these files (and the renderings in them)"""
        keep = set(self.match(x) for x in paths) - {None}
        self.t['renderings'] = [r for r in self.t['renderings'] if r['path'] in keep]
        self.t['files'] = [f for f in self.t['files'] if f['path'] in keep]
        self._index()

    def match(self, rp):
        """truth path for a report path, or None"""
        if rp in self._match:
            return self._match[rp]
        norm = os.path.normpath(str(rp)).replace(os.sep, '/')
        comps = norm.split('/')
        res = None
        for cand in self.by_base.get(comps[-1], []):
            cc = cand.split('/')
            if comps[-len(cc):] == cc and (res is None or len(cand) > len(res)):
                res = cand
        self._match[rp] = res
        return res

    def overlapping(self, path, s, e):
        """renderings of path overlapping [s, e), with the overlap in bytes"""
        rs = self.by_path.get(path)
        if not rs:
            return []
        st = self.starts[path]
        k = bisect.bisect_left(st, e)          # renderings starting before e
        out = []
        q = k - 1
        while q >= 0:
            r = rs[q]
            rs_, re_ = r['span']
            if re_ <= s:
                # renderings do not overlap each other: the earlier ones end earlier
                break
            ov = min(e, re_) - max(s, rs_)
            if ov > 0:
                out.append((r, ov))
            q -= 1
        return out


def union(spans):
    spans = sorted(spans)
    out = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out


def true_file_pairs(truth):
    per = {}
    for r in truth.t['renderings']:
        if not r['boilerplate']:
            per.setdefault(r['statement'], set()).add(r['path'])
    return {p for ps in per.values() for p in pairs_of(ps)}


def file_pair_scores(reported, true):
    tp = len(reported & true)
    return {
        'true_file_pairs': len(true),
        'reported_file_pairs': len(reported),
        'file_pair_recall': tp / len(true) if true else None,
        'file_pair_precision': tp / len(reported) if reported else None,
    }


def score_report(truth, rep):
    violations = {}

    def viol(kind, example):
        v = violations.setdefault(kind, {'count': 0, 'examples': []})
        v['count'] += 1
        if len(v['examples']) < 3:
            v['examples'].append(example)

    if not isinstance(rep, dict):
        die('report is not a JSON object')
    if rep.get('version') != 1:
        viol('version is not 1', repr(rep.get('version')))
    groups = {}
    for sec in ('clusters', 'boilerplate', 'documents'):
        v = rep.get(sec)
        if not isinstance(v, list):
            viol(f'"{sec}" missing or not a list', repr(type(v).__name__))
            v = []
        groups[sec] = v

    def members_of(sec):
        out = []          # per cluster: list of (truth path, s, e)
        for ci, c in enumerate(groups[sec]):
            if not isinstance(c, dict) or not isinstance(c.get('members'), list):
                viol(f'{sec} entry without members', f'#{ci}')
                out.append([])
                continue
            if 'id' not in c:
                viol(f'{sec} entry without id', f'#{ci}')
            if len(c['members']) < 2 and sec == 'clusters':
                viol('cluster with fewer than 2 members', f'id {c.get("id")}')
            ms = []
            for m in c['members']:
                try:
                    p = m['path']
                    s, e = m['span']
                    s, e = int(s), int(e)
                except (KeyError, TypeError, ValueError):
                    viol('member without path or span [s, e]', repr(m)[:100])
                    continue
                tp = truth.match(p)
                if tp is None:
                    viol('member path not in the collection', str(p)[:200])
                    continue
                if not (0 <= s < e <= truth.files[tp]['bytes']):
                    viol('member span out of range or empty', f'{p} {[s, e]}')
                    continue
                ln = m.get('lines')
                if not (isinstance(ln, list) and len(ln) == 2 and all(isinstance(x, int) for x in ln)
                        and 1 <= ln[0] <= ln[1]):
                    viol('member without valid lines [l1, l2]', f'{p} {ln!r}')
                ms.append((tp, s, e))
            out.append(ms)
        return out

    main = members_of('clusters')
    bpsec = members_of('boilerplate')

    def label(m):
        tp, s, e = m
        best = None
        for r, ov in truth.overlapping(tp, s, e):
            if best is None or ov > best[1] or (ov == best[1] and r['statement'] < best[0]['statement']):
                best = (r, ov)
        return best

    def covered(clusters):
        """per cluster: set of rendering indices it covers"""
        out = []
        for ms in clusters:
            per_path = {}
            for tp, s, e in ms:
                per_path.setdefault(tp, []).append((s, e))
            cov = set()
            for tp, sp in per_path.items():
                u = union(sp)
                got = {}
                for s, e in u:
                    for r, ov in truth.overlapping(tp, s, e):
                        got[r['i']] = got.get(r['i'], 0) + ov
                for i, ov in got.items():
                    r = truth.t['renderings'][i]
                    if ov * 2 >= r['span'][1] - r['span'][0]:
                        cov.add(i)
            out.append(cov)
        return out

    R = truth.t['renderings']
    # ---- pair recall
    main_cov = covered(main)
    found = set()
    for cov in main_cov:
        by_st = {}
        for i in cov:
            r = R[i]
            if not r['boilerplate']:
                by_st.setdefault(r['statement'], []).append(i)
        for lst in by_st.values():
            lst.sort()
            for a in range(len(lst)):
                for b in range(a + 1, len(lst)):
                    found.add((lst[a], lst[b]))
    per_st = {}
    for r in R:
        if not r['boilerplate']:
            per_st[r['statement']] = per_st.get(r['statement'], 0) + 1
    n_true = sum(n * (n - 1) // 2 for n in per_st.values())

    # ---- pair precision, byte precision
    total_pairs = correct = left_out = 0
    mem_bytes = in_label = 0
    unlabelled = 0
    for ms in main:
        counts = {}
        for m in ms:
            lb = label(m)
            mem_bytes += m[2] - m[1]
            if lb is None:
                unlabelled += 1
                key = None
            else:
                r, _ = lb
                key = r['statement']
                # bytes of the member inside renderings of its label
                in_label += sum(ov for rr, ov in truth.overlapping(*m) if rr['statement'] == key)
            if key is not None:
                counts[key] = counts.get(key, 0) + 1
        n = len(ms)
        total_pairs += n * (n - 1) // 2
        for k, c in counts.items():
            if truth.bp[k]:
                left_out += c * (c - 1) // 2
            else:
                correct += c * (c - 1) // 2

    # ---- boilerplate
    bp_all = [r['i'] for r in R if r['boilerplate']]

    def covered_by_union(clusters):
        per_path = {}
        for ms in clusters:
            for tp, s, e in ms:
                per_path.setdefault(tp, []).append((s, e))
        return covered([[(tp, s, e) for tp, sp in per_path.items() for s, e in sp]])[0]

    bp_cov = covered_by_union(bpsec)
    main_union = covered_by_union(main)
    bp_members = sum(len(ms) for ms in bpsec)
    bp_members_ok = 0
    for ms in bpsec:
        for m in ms:
            lb = label(m)
            if lb is not None and truth.bp[lb[0]['statement']]:
                bp_members_ok += 1

    # ---- documents
    docs = groups['documents']
    seen = set()
    for d in docs:
        try:
            tp = truth.match(d['path'])
        except (KeyError, TypeError):
            viol('document without path', repr(d)[:100])
            continue
        if tp is None:
            viol('document path not in the collection', str(d.get('path'))[:200])
            continue
        if tp in seen:
            viol('document listed twice', tp)
        seen.add(tp)
        if d.get('bytes') != truth.files[tp]['bytes']:
            viol('document bytes differ from the file size', f"{tp}: {d.get('bytes')} vs {truth.files[tp]['bytes']}")
        rb = d.get('repeated_bytes')
        if not isinstance(rb, int) or not (0 <= rb <= truth.files[tp]['bytes']):
            viol('document repeated_bytes missing or out of range', f'{tp}: {rb!r}')
    missing = [p for p in truth.files if p not in seen]
    if missing:
        for p in missing:
            viol('file of the collection missing from documents', p)

    # ---- file pairs
    rep_fp = set()
    for ms in main:
        ps = sorted(set(tp for tp, _, _ in ms))
        for i in range(len(ps)):
            for j in range(i + 1, len(ps)):
                rep_fp.add((ps[i], ps[j]))
    fp = file_pair_scores(rep_fp, true_file_pairs(truth))

    denom = total_pairs - left_out
    res = {
        'clusters': len(main),
        'members': sum(len(ms) for ms in main),
        'boilerplate_groups': len(bpsec),
        'boilerplate_members': bp_members,
        'true_pairs': n_true,
        'found_pairs': len(found),
        'pair_recall': len(found) / n_true if n_true else None,
        'reported_pairs': total_pairs,
        'boilerplate_pairs_left_out': left_out,
        'correct_pairs': correct,
        'pair_precision': correct / denom if denom else None,
        'unlabelled_members': unlabelled,
        'byte_precision': in_label / mem_bytes if mem_bytes else None,
        'boilerplate_renderings': len(bp_all),
        'boilerplate_recall': len(bp_cov & set(bp_all)) / len(bp_all) if bp_all else None,
        'boilerplate_in_main': len(main_union & set(bp_all)) / len(bp_all) if bp_all else None,
        'boilerplate_precision': bp_members_ok / bp_members if bp_members else None,
        'documents': len(seen),
        'files': len(truth.files),
        'contract_violations': sum(v['count'] for v in violations.values()),
        'violations': violations,
    }
    res.update(fp)
    return res


def score_pairs(truth, path, col=None, min_score=None, best=False):
    """file pairs from a TSV; col (0-based) holds a score used by min_score
    (keep pairs with score >= min_score) and best (best F1 over all
    thresholds)"""
    rep = {}
    unknown = 0
    try:
        f = open(path, encoding='utf-8', errors='surrogateescape')
    except OSError as e:
        die(f'cannot read {path}: {e}')
    for line in f:
        parts = line.rstrip('\n').split('\t')
        if len(parts) < 2:
            continue
        a, b = truth.match(parts[0]), truth.match(parts[1])
        if a is None or b is None:
            unknown += 1
            continue
        if a == b:
            continue
        sc = 0.0
        if col is not None:
            try:
                sc = float(parts[col])
            except (IndexError, ValueError):
                die(f'{path}: no score in column {col + 1}: {line[:200]!r}')
        k = (min(a, b), max(a, b))
        rep[k] = max(sc, rep.get(k, sc))
    true = true_file_pairs(truth)
    kept = {k for k, v in rep.items() if min_score is None or v >= min_score}
    res = file_pair_scores(kept, true)
    res['unknown_paths'] = unknown
    if min_score is not None:
        res['min_score'] = min_score
    if best and col is not None:
        # sweep thresholds from high to low
        items = sorted(rep.items(), key=lambda kv: -kv[1])
        tp = 0
        bestf = (-1.0, None, None, None)
        q = 0
        while q < len(items):
            v = items[q][1]
            while q < len(items) and items[q][1] == v:
                tp += items[q][0] in true
                q += 1
            r = tp / len(true) if true else 0.0
            pr = tp / q
            f1 = 2 * r * pr / (r + pr) if r + pr else 0.0
            if f1 > bestf[0]:
                bestf = (f1, v, r, pr)
        res['best_f1'] = bestf[0] if bestf[1] is not None else None
        res['best_threshold'] = bestf[1]
        res['best_recall'] = bestf[2]
        res['best_precision'] = bestf[3]
    return res


def fmt(x, n=4):
    return '–' if x is None else f'{x:.{n}f}'


def main():
    ap = argparse.ArgumentParser(description='score a scodiff scan report against the truth '
                                             '(rules at the top of this file)')
    ap.add_argument('truth')
    ap.add_argument('report', nargs='?')
    ap.add_argument('--pairs', help='score a TSV list of file pairs instead of a scan report')
    ap.add_argument('--score-col', type=int, help='with --pairs: 1-based column holding a pair score')
    ap.add_argument('--min-score', type=float, help='with --pairs: keep pairs whose score is >= this')
    ap.add_argument('--best', action='store_true',
                    help='with --pairs --score-col: also give the best F1 over all thresholds')
    ap.add_argument('--subset', help='file with one truth path per line: score only pairs '
                                     'inside this subset of the files (peers run on a sample)')
    ap.add_argument('--json', action='store_true')
    args = ap.parse_args()
    truth = Truth(args.truth)
    if args.subset:
        try:
            truth.restrict([x.strip() for x in open(args.subset, encoding='utf-8') if x.strip()])
        except OSError as e:
            die(f'cannot read {args.subset}: {e}')
    if args.pairs:
        col = args.score_col - 1 if args.score_col else None
        if (args.min_score is not None or args.best) and col is None:
            ap.error('--min-score and --best need --score-col')
        res = score_pairs(truth, args.pairs, col, args.min_score, args.best)
    elif args.report:
        try:
            rep = json.load(open(args.report, encoding='utf-8'))
        except (OSError, ValueError) as e:
            die(f'cannot read report {args.report}: {e}')
        res = score_report(truth, rep)
    else:
        ap.error('give REPORT.json or --pairs PAIRS.tsv')
    if args.json:
        json.dump(res, sys.stdout, indent=1, ensure_ascii=False)
        print()
        return
    for k, v in res.items():
        if k == 'violations':
            for kind, d in v.items():
                print(f'  violation: {d["count"]} × {kind}  (e.g. {d["examples"][0]})')
            continue
        print(f'{k:28} {fmt(v) if isinstance(v, float) else v}')


if __name__ == '__main__':
    main()
