"""Helpers shared by the benchmark generators and scorers (bench/,
bench/scan/, bench/ocr/): reading the corpus, cutting it into logical
paragraphs, and pairing items.  Standard library only; a script one folder
down puts bench/ on sys.path before importing it.
"""

import itertools
import os
import re
import sys

WS_RE = re.compile(r'\s')
# a chunk ending in one of these ends its paragraph
PARAGRAPH_END = '。！？!?：:”）)》'
# a short chunk (a heading) ends its paragraph unless it ends in one of these
CONTINUED = '，,、'
HEADING_MAX = 12
BLANK_LINE = r'\n[ \t]*\n'


def read_corpus(d, prog):
    """The texts of the *.txt files in `d`, in name order; exits naming
    `prog` when there are none."""
    files = sorted(f for f in os.listdir(d) if f.endswith('.txt'))
    if not files:
        sys.exit(f'{prog}: no *.txt in {d}')
    return [open(os.path.join(d, f), encoding='utf-8').read() for f in files]


def logical_paragraphs(text, blank=BLANK_LINE):
    """The logical paragraphs of a corpus text, whitespace removed.

    OCR'd pages often put blank lines in the middle of a paragraph, so
    chunks separated by `blank` (a regular expression) are merged until a
    chunk ends with sentence punctuation; a short chunk (<= 12 chars, no
    trailing comma) is a heading.
    """
    out = []
    cur = ''
    for c in re.split(blank, text):
        c = WS_RE.sub('', c)
        if not c:
            continue
        cur += c
        if cur[-1] in PARAGRAPH_END or (len(cur) <= HEADING_MAX and cur[-1] not in CONTINUED):
            out.append(cur)
            cur = ''
    if cur:
        out.append(cur)
    return out


def pairs_of(items):
    """Every pair (a, b), a < b, of the distinct items."""
    return itertools.combinations(sorted(set(items)), 2)
