#!/usr/bin/env python3
"""Turn the similarity matrix printed by `simhash -m FILE...` into file pairs.

    python3 bench/scan/simhash_pairs.py MATRIX.txt --threshold T > PAIRS.tsv

`simhash -m` prints a header line of column numbers, then one line per file:
its path, its number i, and its similarity (".60", "1.00") to files 1..i-1.
Paths may contain spaces, so a line is parsed from the right: the last i-1
fields are similarities, the field before them is i, the rest is the path.
Writes "path1 TAB path2 TAB similarity" for every pair with similarity >= T
(T = 0 lists all pairs).  --hist prints a histogram of all similarities on
stderr.
"""
import argparse
import sys


def parse(path):
    names = []
    sims = []
    with open(path, encoding='utf-8', errors='surrogateescape') as f:
        next(f, None)                       # header
        for line in f:
            line = line.rstrip('\n')
            if not line.strip():
                continue
            i = len(names) + 1
            fields = line.split()
            vals = fields[len(fields) - (i - 1):] if i > 1 else []
            num = fields[len(fields) - i]
            if num != str(i):
                raise ValueError(f'unexpected line {i}: {line[:120]!r}')
            # the path: everything before the number field (keep inner spaces)
            cut = line.rstrip()
            for _ in range(i):              # strip the values and the number
                cut = cut[:cut.rstrip().rfind(' ')].rstrip() if ' ' in cut.rstrip() else ''
            names.append(cut)
            sims.append([float(v) for v in vals])
    return names, sims


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('matrix')
    ap.add_argument('--threshold', type=float, default=0.5)
    ap.add_argument('--hist', action='store_true')
    args = ap.parse_args()
    names, sims = parse(args.matrix)
    hist = [0] * 11
    n = 0
    for i, row in enumerate(sims):
        for j, v in enumerate(row):
            hist[min(10, int(v * 10))] += 1
            if v >= args.threshold:
                print(f'{names[j]}\t{names[i]}\t{v:.2f}')
                n += 1
    if args.hist:
        print('similarity histogram: ' + ' '.join(f'{k / 10:.1f}:{c}' for k, c in enumerate(hist)),
              file=sys.stderr)
    print(f'simhash_pairs: {len(names)} files, {n} pairs >= {args.threshold}', file=sys.stderr)


if __name__ == '__main__':
    main()
