#!/usr/bin/env python3
"""Generate a collection of Chinese text files with known repeated statements,
for benchmarking `scodiff scan`.

    python3 bench/scan/gen_collection.py --out DIR [--files 1000] [--size 100000000]
                                         [--seed 1] [--check] [--corpus DIR]

writes DIR/**/*.txt and DIR/truth.json (truth.json sits next to the files;
run.sh gives the scanner DIR/docs, see --docs-subdir).

What a file holds
-----------------
Filler paragraphs (novel text, never repeated anywhere), and in between them
*planted renderings*:

  statements   passages of 40-2000 characters, each planted 2-6 times in
               different files (10 % of the statements twice in one file),
               every rendering with its own noise.  Lengths (characters,
               punctuation included): 20 % short notes of 40-60 (one or two
               lines), 35 % 60-300, 30 % 300-1000, 15 % 1000-2000.  The first
               ones are corpus passages (runs of consecutive logical
               paragraphs of corpora/*.txt), the rest Markov text.
  boilerplate  a few short formulae (datelines, slogans, mastheads, a
               copyright line) planted once into 30-50 % of the files each,
               with light noise; truth marks them "boilerplate": true.

Two planted items are always separated by at least one filler paragraph.

Noise of a rendering (drawn per rendering; one rendering of each statement
keeps the source text, only wrapped at its file's width):
  layout       wrapped at the file's width (20-40 chars, 10 % of the files
               not wrapped: one paragraph per line), 2 % of the lines with
               spaces between all characters, spaces around 30 % of the digit
               runs, paragraphs of a statement sometimes joined by a single
               newline instead of a blank line
  punctuation  all punctuation width-swapped (，<->, （<->( ...) in 30 % of
               the renderings, 2 % of the marks elsewhere; dash variants
               (－ — ——) for 50 % of the dash runs
  forms        traditional forms (国->國 ...) for 30 % of the mappable
               characters in 10 % of the renderings, 0.2 % elsewhere
  slips        OCR-like: substitution by a look-alike (己/已, 未/末 ...) or a
               random character, a doubled character, a dropped character;
               on average 1 per 400 characters
  cut          25 % of the renderings lose 1-10 % of their characters (at
               most 3 for short notes) at the start or at the end

Uniqueness of the filler
------------------------
Filler and Markov statements come from one character-level Markov chain of
order 2 trained on the corpus (gen_pairs.py's model), which with probability
0.1 per character draws from the order-1 distribution instead (an order-2
chain alone copies long corpus stretches: measured 0.0085 % repeated 40-char
windows in 5 M characters).  On top of that every generated text (filler,
Markov and corpus statements, boilerplate sources) goes through one
de-duplication pass: at every *anchor* (a Han character whose code point is
divisible by 6, ~14 % of the characters) the 24-character window starting
there is looked up in a set of all windows seen so far; if it was seen, the
character in the middle of the window is replaced by a random other Han
character.  A repeated stretch is thus broken wherever it contains an anchor
with 23 characters after it inside the stretch; a stretch of 50 characters
escapes only if its first 27 characters hold no anchor (0.86^27 ~ 2 %) AND the
same holds for every later anchor position, so repeats >= 40 characters are
essentially impossible.  --check measures it independently (other anchors,
40- and 32-character windows) over the whole generated text, and its numbers
go into truth.json ("check").  Source texts of different statements are thus
disjoint too; corpus passages are also chosen so that no two share a
20-character window of key characters (letters, digits, Han) -- the corpus
prints the Tianjin Declaration twice.

truth.json
----------
  format      "scodiff-scan-bench-truth/1"
  docs        directory holding the documents, relative to truth.json
  files       [{"path", "bytes", "encoding": "UTF-8|GB18030", "bom", "newline": "LF|CRLF"}]
              path relative to the docs directory, "/" separated
  statements  [{"id", "boilerplate", "source": "corpus|markov|formula",
                "chars" (characters of the source text, whitespace excluded),
                "copies", "head" (first 30 characters)}]
  renderings  [{"statement", "path", "span": [s, e], "boilerplate"}]
              span: BYTE offsets into the written file (its own encoding,
              line ends and BOM included), half-open; it starts at the first
              and ends after the last non-whitespace character of the
              rendering
  totals      files, bytes, renderings, statements, true pairs, ...
  params      generation parameters; check (with --check): repeat measurement

All randomness comes from --seed (the script re-executes itself with
PYTHONHASHSEED=0 so that the de-duplication pass is reproducible too).
"""

import argparse
import bisect
import json
import math
import os
import random
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import gen_pairs as G          # noqa: E402  (Markov model, width map)
from common import logical_paragraphs, pairs_of, read_corpus  # noqa: E402

if os.environ.get('PYTHONHASHSEED') != '0' and __name__ == '__main__':
    os.environ['PYTHONHASHSEED'] = '0'
    os.execv(sys.executable, [sys.executable] + sys.argv)

TERMINAL_RE = re.compile('[。！？]')
PUNCT_START = '，。、；：！？）》”’,.;:!?)]-－—…·'
DIGITS_RE = re.compile(r'[0-9][0-9.]*')
DASH_RE = re.compile('[—－]+')
WIDTH_RE = re.compile('[' + re.escape(''.join(G.WIDTH_MAP)) + ']')
KEY_RE = re.compile(r'[\w]')        # letters, digits, Han (no punctuation)

# simplified -> traditional, common characters of the corpus (one-to-one here)
S2T = dict(zip(
    '国会发为时与对经济强进这们来说个关开动过现实长问间东门见员义应务区议设论组织边华际体领导协维护战'
    '联达两并总统决议贸产业农电报记称书亲乐当环队结构际层',
    '國會發為時與對經濟強進這們來說個關開動過現實長問間東門見員義應務區議設論組織邊華際體領導協維護戰'
    '聯達兩並總統決議貿產業農電報記稱書親樂當環隊結構際層'))
S2T_RE = re.compile('[' + ''.join(S2T) + ']')
T2S = {v: k for k, v in S2T.items()}
# look-alike characters an OCR engine confuses (both directions)
LOOKALIKE = {}
for a, b in ['己已', '未末', '人入', '日曰', '士土', '天夭', '千干', '大太', '今令', '折拆', '侯候', '戊戌',
             '刀力', '设没', '治冶', '历厉', '拨拔', '辨辩', '乌鸟', '壁璧', '候侯', '问间', '由田', '免兔']:
    LOOKALIKE.setdefault(a, b)
    LOOKALIKE.setdefault(b, a)

# boilerplate formulae (invented page furniture; checked not to occur in the corpus)
FORMULAE = [
    ('dateline', '新华社北京10月8日电（记者张晓东、刘一鸣）', 0.45),
    ('dateline', '本报北京9月2日电（记者李晓明、王雪）', 0.35),
    ('slogan', '坚持正确舆论导向，讲好中国故事，传播好中国声音，展示真实立体全面的中国。', 0.40),
    ('masthead', '社址：北京市朝阳区金台西路2号 邮政编码：100733 电话查询台：65368114 印刷：人民日报印刷厂', 0.35),
    ('copyright', '版权声明：本报所有稿件，未经书面授权，不得转载、摘编或以其他方式使用。违者必究。', 0.50),
    ('subscribe', '欢迎订阅2026年度本报，邮发代号1-1，全国各地邮局均可办理订阅手续。', 0.30),
]

LENGTH_BINS = [(0.20, 40, 60), (0.35, 60, 300), (0.30, 300, 1000), (0.15, 1000, 2000)]
COPIES = [(2, 0.40), (3, 0.25), (4, 0.15), (5, 0.10), (6, 0.10)]


def log(*a):
    print('gen_collection:', *a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# text model

class Chain:
    """Order-2 character chain with back-off, drawing from the order-1
    distribution with probability lam; integer ids for speed."""

    def __init__(self, model, lam):
        chars = sorted(set(model.tables[0]['']))
        self.chars = chars
        ix = {c: i for i, c in enumerate(chars)}
        V = len(chars)
        self.V = V
        self.t0 = [ix[c] for c in model.tables[0]['']]
        self.t1 = [None] * V
        for k, lst in model.tables[1].items():
            self.t1[ix[k]] = [ix[c] for c in lst]
        self.t2 = {}
        for k, lst in model.tables[2].items():
            self.t2[ix[k[0]] * V + ix[k[1]]] = [ix[c] for c in lst]
        self.lam = lam
        self.a = self.b = 0
        self.han = [c for c in chars if G.is_han(c)]

    def run(self, n, rng):
        t0, t1, t2, V, lam = self.t0, self.t1, self.t2, self.V, self.lam
        rnd = rng.random
        a, b = self.a, self.b
        out = []
        ap = out.append
        for _ in range(n):
            lst = None
            if rnd() >= lam:
                lst = t2.get(a * V + b)
            if lst is None:
                lst = t1[b] or t0
            c = lst[int(rnd() * len(lst))]
            ap(c)
            a, b = b, c
        self.a, self.b = a, b
        return ''.join(map(self.chars.__getitem__, out))


class Dedup:
    """Breaks repeats: anchored 24-char windows must be new (see the module
    docstring)."""
    W = 24

    def __init__(self, han, rng):
        self.seen = set()
        self.han = han
        self.rng = rng
        self.anchor = re.compile('[' + ''.join(c for c in han if ord(c) % 6 == 0) + ']')
        self.mutations = 0

    def register(self, s):
        seen, W = self.seen, self.W
        for m in self.anchor.finditer(s):
            i = m.start()
            if i + W <= len(s):
                seen.add(hash(s[i:i + W]))

    def clean(self, s):
        """Return s with every anchored window new, and register them."""
        seen, W = self.seen, self.W
        out = s
        pos = 0
        while True:
            m = self.anchor.search(out, pos)
            if m is None:
                break
            i = m.start()
            if i + W > len(out):
                break
            h = hash(out[i:i + W])
            if h in seen:
                j = i + W // 2
                old = out[j]
                c = old
                while c == old or not G.is_han(c):
                    c = self.rng.choice(self.han)
                out = out[:j] + c + out[j + 1:]
                self.mutations += 1
                continue              # re-check the same anchor
            seen.add(h)
            pos = i + 1
        return out


def split_paragraphs(s, lengths, rng):
    """Cut a character string into paragraphs of corpus-like lengths ending at
    sentence punctuation where possible; no paragraph starts with punctuation."""
    out = []
    pos = 0
    n = len(s)
    while pos < n:
        while pos < n and s[pos] in PUNCT_START:
            pos += 1
        if pos >= n:
            break
        t = rng.choice(lengths)
        if t <= 12:
            end = pos + t
        else:
            m = TERMINAL_RE.search(s, pos + t, pos + t + 30)
            end = m.end() if m else pos + t
        out.append(s[pos:end])
        pos = end
    return out


# ---------------------------------------------------------------------------
# corpus passages

def key_windows(text, w=20):
    k = ''.join(KEY_RE.findall(text))
    return {k[i:i + w] for i in range(max(0, len(k) - w + 1))}


def corpus_passages(raw, rng, draw_len):
    """Disjoint corpus passages (lists of paragraphs): consecutive logical
    paragraphs of one file, no two sharing a 20-char key window."""
    used = set()
    out = []
    for paras in map(logical_paragraphs, raw):
        i = 0
        while i < len(paras):
            target = draw_len()
            j = i
            total = 0
            while j < len(paras) and total < target:
                total += len(paras[j])
                j += 1
            if total > 2000 and j - i > 1:      # too long: drop the last paragraph
                j -= 1
                total -= len(paras[j])
            if total < 40 or total > 2000:
                i = max(j, i + 1)
                continue
            p = paras[i:j]
            wins = set()
            for x in p:
                wins |= key_windows(x)
            if not (wins & used) and len(''.join(KEY_RE.findall(''.join(p)))) >= 30:
                used |= wins
                out.append(p)
            i = j
    rng.shuffle(out)
    return out, used


# ---------------------------------------------------------------------------
# rendering

def wrap(text, width):
    if width <= 0 or len(text) <= width:
        return [text]
    return [text[i:i + width] for i in range(0, len(text), width)]


def render_paragraph(p, width, rng, spaced_rate, digit_rate):
    if digit_rate > 0 and DIGITS_RE.search(p):
        p = DIGITS_RE.sub(lambda m: ' ' + m.group(0) + ' ' if rng.random() < digit_rate else m.group(0), p)
    lines = wrap(p, width)
    out = []
    for ln in lines:
        if spaced_rate and rng.random() < spaced_rate:
            ln = ' '.join(ln.replace(' ', ''))
        out.append(ln.strip(' '))
    return '\n'.join(x for x in out if x)


def noisy(paras, rng, chain, short):
    """Apply content noise (not layout) to the paragraphs of one rendering."""
    text = '\x00'.join(paras)                  # paragraph separator survives the noise
    n = len(text)
    # cut at one end
    if rng.random() < 0.25:
        k = min(3, max(1, n // 20)) if short else max(1, int(n * rng.uniform(0.01, 0.10)))
        if rng.random() < 0.5:
            text = text[k:]
        else:
            text = text[:-k]
        text = text.strip('\x00')
    # punctuation width
    if rng.random() < 0.3:
        text = WIDTH_RE.sub(lambda m: G.WIDTH_MAP[m.group(0)], text)
    else:
        text = WIDTH_RE.sub(lambda m: G.WIDTH_MAP[m.group(0)] if rng.random() < 0.02 else m.group(0), text)
    # dashes
    text = DASH_RE.sub(lambda m: rng.choice([d for d in G.DASH_VARIANTS if d != m.group(0)])
                       if rng.random() < 0.5 else m.group(0), text)
    # traditional forms
    tr = 0.3 if rng.random() < 0.1 else 0.002
    text = S2T_RE.sub(lambda m: S2T[m.group(0)] if rng.random() < tr else m.group(0), text)
    # slips, about 1 per 400 chars (Poisson)
    lam = len(text) / 400
    k = 0
    L = math.exp(-lam)
    p = rng.random()
    while p > L and k < 50:
        k += 1
        p *= rng.random()
    if k:
        chars = list(text)
        for pos in sorted(rng.sample(range(len(chars)), min(k, len(chars))), reverse=True):
            c = chars[pos]
            if not G.is_han(c):
                continue
            kind = rng.random()
            if kind < 0.5:
                chars[pos] = LOOKALIKE.get(c) or rng.choice(chain.han)
            elif kind < 0.8:
                chars[pos] = c + c
            else:
                chars[pos] = ''
        text = ''.join(chars)
    return [x for x in text.split('\x00') if x]


def render_item(paras, width, rng, layout_rates):
    spaced, digit, joined = layout_rates
    sep = '\n' if rng.random() < joined else '\n\n'
    return sep.join(x for x in (render_paragraph(p, width, rng, spaced, digit) for p in paras) if x)


# ---------------------------------------------------------------------------

def draw_length(rng):
    r = rng.random()
    for w, lo, hi in LENGTH_BINS:
        if r < w:
            return int(math.exp(rng.uniform(math.log(lo), math.log(hi))))
        r -= w
    return LENGTH_BINS[-1][2]


def draw_copies(rng):
    r = rng.random()
    for c, w in COPIES:
        if r < w:
            return c
        r -= w
    return COPIES[-1][0]


def file_paths(n, rng):
    """Nested relative paths: some at the top, most 2-3 levels deep; one with
    a space and one with a Chinese name."""
    paths = []
    for k in range(n):
        month = 1 + k * 12 // max(n, 1)
        r = rng.random()
        if r < 0.05:
            p = f'page-{k:04d}.txt'
        elif r < 0.5:
            p = f'2025/{month:02d}/page-{k:04d}.txt'
        else:
            p = f'2025/{month:02d}/{1 + k % 28:02d}/page-{k:04d}.txt'
        paths.append(p)
    if n >= 3:
        d = os.path.dirname(paths[1])
        paths[1] = (d + '/' if d else '') + 'page 0001 (copy).txt'
        d = os.path.dirname(paths[2])
        paths[2] = (d + '/' if d else '') + '人民日报-0002.txt'
    return paths


def generate(args):
    t_start = time.time()
    rng = random.Random(args.seed)
    raw = read_corpus(args.corpus, 'gen_pairs')
    lengths = G.corpus_paragraph_lengths(raw)
    model = G.Markov([G.WS_RE.sub('', t) for t in raw], 2)
    chain = Chain(model, args.lam)
    corpus_text = ''.join(G.WS_RE.sub('', t) for t in raw)
    for _, f, _ in FORMULAE:
        if len(f) >= 12 and any(f[i:i + 12] in corpus_text for i in range(len(f) - 11)):
            log(f'WARNING: formula overlaps the corpus: {f}')
    dd = Dedup(chain.han, random.Random(args.seed + 7))

    N = args.files
    S = args.size
    docs = os.path.join(args.out, args.docs_subdir) if args.docs_subdir else args.out
    paths = file_paths(N, rng)
    # file sizes: lognormal around the mean, normalised to S
    w = [math.exp(rng.gauss(0, 0.5)) for _ in range(N)]
    tw = sum(w)
    fsize = [max(2000, int(S * x / tw)) for x in w]
    # encodings / line ends
    enc = []
    for k in range(N):
        r = rng.random()
        if r < args.gb18030:
            enc.append(('GB18030', False, 'LF'))
        elif r < args.gb18030 + args.crlf:
            enc.append(('UTF-8', False, 'CRLF'))
        elif r < args.gb18030 + args.crlf + args.bom:
            enc.append(('UTF-8', True, 'LF'))
        else:
            enc.append(('UTF-8', False, 'LF'))
    width = [0 if rng.random() < 0.10 else rng.randint(20, 40) for _ in range(N)]

    # ---- statements
    statements = []          # dict(id, paras, boilerplate, source)
    items = [[] for _ in range(N)]       # per file: (statement id, rendering paras or None)
    planted_budget = S * args.repeat_share
    planted = 0.0
    cum = []
    acc = 0
    for x in fsize:
        acc += x
        cum.append(acc)

    def pick_file():
        return bisect.bisect_right(cum, rng.random() * acc)

    passages, _ = corpus_passages(raw, rng, lambda: draw_length(rng))
    passages = passages[:args.corpus_statements] if args.corpus_statements >= 0 else passages
    for p in passages:
        dd.register(''.join(p))
    BPC = 2.95            # bytes per character, roughly (Han, punctuation: 3; digits: 1)
    sid = 0
    while planted < planted_budget:
        if passages:
            paras = passages.pop()
            source = 'corpus'
        else:
            L = draw_length(rng)
            if L <= 60:
                t = chain.run(L + 40, rng)
                m = TERMINAL_RE.search(t, L - 5, L + 10)
                t = t[:m.end()] if m else t[:L]
                paras = [dd.clean(t.lstrip(PUNCT_START))]
            else:
                t = dd.clean(chain.run(L + 40, rng))
                paras = split_paragraphs(t, lengths, rng)
                tot = 0
                keep = []
                for x in paras:
                    keep.append(x)
                    tot += len(x)
                    if tot >= L:
                        break
                paras = keep
            source = 'markov'
        chars = sum(len(x) for x in paras)
        if chars < 30:
            continue
        c = draw_copies(rng)
        files = []
        same = c >= 2 and rng.random() < args.same_file
        want = c - 1 if same else c
        while len(files) < want:
            f = pick_file()
            if f not in files or N < want:
                files.append(f)
        if same:
            files.append(rng.choice(files))
        statements.append({'id': sid, 'paras': paras, 'boilerplate': False, 'source': source,
                           'chars': chars, 'copies': c})
        for f in files:
            items[f].append(sid)
        planted += chars * c * BPC
        sid += 1
    n_plain = sid
    # boilerplate
    for kind, text, share in FORMULAE:
        dd.register(text)
        statements.append({'id': sid, 'paras': [text], 'boilerplate': True, 'source': 'formula',
                           'kind': kind, 'chars': len(G.WS_RE.sub('', text)), 'copies': 0})
        chosen = [f for f in range(N) if rng.random() < share]
        if len(chosen) < 2 and N >= 2:
            chosen = rng.sample(range(N), 2)
        for f in chosen:
            items[f].append(sid)
        statements[-1]['copies'] = len(chosen)
        sid += 1
    log(f'{n_plain} statements ({sum(1 for s in statements if s["source"] == "corpus")} from the corpus), '
        f'{len(FORMULAE)} boilerplate formulae; planning took {time.time() - t_start:.1f}s')

    # one clean copy per statement: the first rendering keeps the source text
    first_done = set()

    # ---- files
    renderings = []
    files_meta = []
    total_bytes = 0
    for k in range(N):
        path = paths[k]
        encoding, bom, nl = enc[k]
        wdt = width[k]
        its = items[k]
        rng.shuffle(its)
        planted_chars = sum(statements[s]['chars'] for s in its)
        filler_chars = max(200, int(fsize[k] / BPC) - planted_chars)
        ftext = dd.clean(chain.run(filler_chars, rng))
        fparas = split_paragraphs(ftext, lengths, rng)
        while len(fparas) < len(its) + 1:
            fparas.extend(split_paragraphs(dd.clean(chain.run(60, rng)), lengths, rng))
        # slots: item i goes before filler paragraph slot[i] (distinct, >= 1
        # filler paragraph between items); datelines prefer the start,
        # mastheads/copyright the end
        nslots = len(fparas) + 1
        slots = sorted(rng.sample(range(nslots), len(its)))
        # adjacent slots are separated by >= 1 filler paragraph by construction
        blocks = []          # (text, statement id or None)
        frend = [render_paragraph(p, wdt, rng, 0.005, 0.1) for p in fparas]
        order = list(its)
        # put formulae of kind dateline first / masthead, copyright last when possible
        def pref(s):
            st = statements[s]
            if st['boilerplate']:
                return {'dateline': 0, 'masthead': 2, 'copyright': 2}.get(st.get('kind'), 1)
            return 1
        order.sort(key=pref)
        it = iter(order)
        si = 0
        for q in range(nslots):
            while si < len(slots) and slots[si] == q:
                s = next(it)
                st = statements[s]
                if st['boilerplate']:
                    paras = noisy(st['paras'], rng, chain, True) if rng.random() < 0.5 else list(st['paras'])
                    rates = (0.02, 0.3, 0.0)
                elif s not in first_done:
                    first_done.add(s)
                    paras = list(st['paras'])
                    rates = (0.0, 0.0, 0.0)
                else:
                    paras = noisy(st['paras'], rng, chain, st['chars'] <= 60)
                    rates = (0.02, 0.3, 0.2)
                txt = render_item(paras, wdt, rng, rates).strip()
                if txt:
                    blocks.append((txt, s))
                si += 1
            if q < len(fparas) and frend[q]:
                blocks.append((frend[q], None))
        # assemble with byte offsets
        nlb = '\r\n' if nl == 'CRLF' else '\n'
        out = bytearray()
        if bom:
            out += '\ufeff'.encode('utf-8')
        for bi, (txt, s) in enumerate(blocks):
            if bi:
                out += (nlb * 2).encode(encoding) if rng.random() < 0.85 else nlb.encode(encoding)
            b = txt.replace('\n', nlb).encode(encoding)
            if s is not None:
                renderings.append({'statement': s, 'path': path, 'span': [len(out), len(out) + len(b)],
                                   'boilerplate': statements[s]['boilerplate']})
            out += b
        out += nlb.encode(encoding)
        full = os.path.join(docs, *path.split('/'))
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, 'wb') as f:
            f.write(out)
        files_meta.append({'path': path, 'bytes': len(out), 'encoding': encoding, 'bom': bom, 'newline': nl})
        total_bytes += len(out)
        if (k + 1) % 200 == 0:
            log(f'{k + 1}/{N} files, {total_bytes / 1e6:.1f} MB, {time.time() - t_start:.1f}s')

    # statements whose renderings all vanished (cannot happen, but be safe) and counts
    per = {}
    for r in renderings:
        per.setdefault(r['statement'], []).append(r)
    true_pairs = 0
    file_pairs = set()
    for s in statements:
        rs = per.get(s['id'], [])
        s['copies'] = len(rs)
        if not s['boilerplate']:
            true_pairs += len(rs) * (len(rs) - 1) // 2
            file_pairs.update(pairs_of(r['path'] for r in rs))
    planted_bytes = sum(r['span'][1] - r['span'][0] for r in renderings if not r['boilerplate'])
    bp_bytes = sum(r['span'][1] - r['span'][0] for r in renderings if r['boilerplate'])
    truth = {
        'format': 'scodiff-scan-bench-truth/1',
        'docs': args.docs_subdir or '.',
        'seed': args.seed,
        'params': {k: v for k, v in vars(args).items() if k not in ('out', 'corpus', 'check', 'quiet')},
        'totals': {
            'files': N, 'bytes': total_bytes,
            'statements': n_plain, 'boilerplate_formulae': len(FORMULAE),
            'corpus_statements': sum(1 for s in statements if s['source'] == 'corpus'),
            'renderings': sum(1 for r in renderings if not r['boilerplate']),
            'boilerplate_renderings': sum(1 for r in renderings if r['boilerplate']),
            'true_pairs': true_pairs, 'true_file_pairs': len(file_pairs),
            'same_file_pairs': sum(1 for s in statements if not s['boilerplate']
                                   for rs in [per.get(s['id'], [])]
                                   for i in range(len(rs)) for j in range(i + 1, len(rs))
                                   if rs[i]['path'] == rs[j]['path']),
            'planted_bytes': planted_bytes, 'boilerplate_bytes': bp_bytes,
            'planted_share': round(planted_bytes / max(total_bytes, 1), 4),
            'dedup_mutations': dd.mutations,
            'generation_seconds': round(time.time() - t_start, 1),
        },
        'files': files_meta,
        'statements': [{'id': s['id'], 'boilerplate': s['boilerplate'], 'source': s['source'],
                        'chars': s['chars'], 'copies': s['copies'],
                        'head': ''.join(s['paras'])[:30]} for s in statements],
        'renderings': renderings,
    }
    t = truth['totals']
    log(f"{N} files, {total_bytes} bytes, {t['statements']} statements in {t['renderings']} renderings "
        f"({t['planted_share']:.1%} of the bytes), {t['boilerplate_renderings']} boilerplate renderings, "
        f"{t['true_pairs']} true pairs ({t['same_file_pairs']} inside one file), "
        f"{t['true_file_pairs']} true file pairs, {dd.mutations} de-dup mutations, "
        f"{time.time() - t_start:.1f}s")
    return truth


# ---------------------------------------------------------------------------
# check

def norm_key(s):
    """key characters (letters, digits, Han), traditional forms mapped back"""
    return ''.join(T2S.get(c, c) for c in KEY_RE.findall(s))


def check(out, truth, verbose=True):
    """Verify spans (each holds its statement's text up to noise) and measure
    chance repeats in the text outside the planted renderings."""
    docs = os.path.join(out, truth['docs'])
    errors = []
    by_path = {}
    for r in truth['renderings']:
        by_path.setdefault(r['path'], []).append(r)
    heads = {s['id']: s for s in truth['statements']}
    # other anchors than the generator's: Han code point % 7 == 3
    anchor = re.compile(r'[\u4e00-\u9fff]')
    outside = []
    n_spans = 0
    keys = {}
    for fm in truth['files']:
        p = os.path.join(docs, *fm['path'].split('/'))
        data = open(p, 'rb').read()
        if len(data) != fm['bytes']:
            errors.append(f"{fm['path']}: {len(data)} bytes, truth says {fm['bytes']}")
        if fm['bom'] and not data.startswith(b'\xef\xbb\xbf'):
            errors.append(f"{fm['path']}: BOM missing")
        rs = sorted(by_path.get(fm['path'], []), key=lambda r: r['span'][0])
        pos = 3 if fm['bom'] else 0
        for r in rs:
            s, e = r['span']
            n_spans += 1
            if not (pos <= s < e <= len(data)):
                errors.append(f"{fm['path']}: span {r['span']} out of order or range")
                continue
            seg = data[s:e].decode(fm['encoding'])
            if seg != seg.strip():
                errors.append(f"{fm['path']}: span {r['span']} starts or ends with whitespace")
            keys.setdefault(r['statement'], []).append((norm_key(seg), fm['path'], r['span']))
            outside.append(G.WS_RE.sub('', data[pos:s].decode(fm['encoding'], errors='replace')))
            pos = e
        outside.append(G.WS_RE.sub('', data[pos:].decode(fm['encoding'], errors='replace').lstrip('\ufeff')))
    # every rendering shares >= 40 % of its 6-grams of key characters with
    # another rendering of its statement (they differ by noise only)
    for sid, ks in keys.items():
        if len(ks) < 2:
            errors.append(f'statement {sid} has {len(ks)} rendering(s)')
            continue
        grams = [set(k[i:i + 6] for i in range(len(k) - 5)) for k, _, _ in ks]
        for q, (k, path, span) in enumerate(ks):
            best = max(len(grams[q] & grams[o]) / max(1, min(len(grams[q]), len(grams[o])))
                       for o in range(len(ks)) if o != q)
            if best < 0.4:
                errors.append(f'{path}: span {span} shares only {best:.0%} of its 6-grams with the other '
                              f'renderings of statement {sid}')
    # chance repeats in the filler: windows at positions whose Han char has
    # code point % 7 == 3 (other anchors than the generator's)
    res = {}
    for W in (32, 40):
        seen = set()
        rep = 0
        n = 0
        for t in outside:
            for m in anchor.finditer(t):
                i = m.start()
                if ord(t[i]) % 7 != 3 or i + W > len(t):
                    continue
                n += 1
                h = hash(t[i:i + W])
                if h in seen:
                    rep += 1
                else:
                    seen.add(h)
        res[f'filler_repeated_{W}char_windows'] = rep
        res[f'filler_sampled_{W}char_windows'] = n
    res['filler_chars'] = sum(len(t) for t in outside)
    res['spans_checked'] = n_spans
    res['errors'] = len(errors)
    for e in errors[:20]:
        print('check: ' + e, file=sys.stderr)
    if verbose or errors:
        log(f"check: {n_spans} spans, {res['filler_chars']} filler chars, repeated sampled windows in the "
            f"filler: 32 chars {res['filler_repeated_32char_windows']}/{res['filler_sampled_32char_windows']}, "
            f"40 chars {res['filler_repeated_40char_windows']}/{res['filler_sampled_40char_windows']}: "
            + ('OK' if not errors else f'{len(errors)} ERRORS'))
    return res, not errors


def main():
    default_corpus = os.path.normpath(os.path.join(HERE, '..', '..', 'corpora'))
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                 formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument('--out', required=True, help='output directory (created)')
    ap.add_argument('--files', type=int, default=1000)
    ap.add_argument('--size', type=int, default=100_000_000, help='total bytes (approximate)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--corpus', default=default_corpus)
    ap.add_argument('--docs-subdir', default='docs',
                    help='documents go to OUT/DOCS_SUBDIR, truth.json to OUT ("" = both in OUT)')
    ap.add_argument('--repeat-share', type=float, default=0.2,
                    help='share of the bytes in planted statement renderings (boilerplate not counted)')
    ap.add_argument('--same-file', type=float, default=0.1, help='share of statements planted twice in one file')
    ap.add_argument('--corpus-statements', type=int, default=-1, help='max statements from the corpus (-1: all)')
    ap.add_argument('--lam', type=float, default=0.1, help='order-1 draw probability of the Markov chain')
    ap.add_argument('--gb18030', type=float, default=0.01, help='share of GB18030 files')
    ap.add_argument('--crlf', type=float, default=0.02, help='share of UTF-8 CRLF files')
    ap.add_argument('--bom', type=float, default=0.01, help='share of UTF-8 files with a BOM')
    ap.add_argument('--check', action='store_true', help='verify the truth and measure filler repeats')
    ap.add_argument('--verify', action='store_true', help='only --check an existing OUT')
    args = ap.parse_args()
    if args.files < 1 or args.size < 1000:
        ap.error('--files must be >= 1 and --size >= 1000')
    tp = os.path.join(args.out, 'truth.json')
    if args.verify:
        truth = json.load(open(tp, encoding='utf-8'))
        _, ok = check(args.out, truth)
        sys.exit(0 if ok else 1)
    if os.path.exists(tp) or (os.path.isdir(args.out) and os.listdir(args.out)):
        ap.error(f'{args.out} exists and is not empty')
    os.makedirs(args.out, exist_ok=True)
    truth = generate(args)
    ok = True
    if args.check:
        res, ok = check(args.out, truth)
        truth['check'] = res
    with open(tp, 'w', encoding='utf-8') as f:
        json.dump(truth, f, ensure_ascii=False, separators=(',', ':'))
        f.write('\n')
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
