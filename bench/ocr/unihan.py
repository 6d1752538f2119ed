"""Unihan data for the OCR benchmark: readings, common characters, variants,
look-alike pairs.  Python 3 standard library only.

    from unihan import Unihan
    u = Unihan()                 # reads /usr/share/unicode/Unihan_*.txt.bz2
    u.readings['中']             # {'zhong'}   toneless, ü kept
    u.sound('中', '钟')           # 'same' | 'near' | None (main=True: kMandarin only)
    u.is_common('中')            # kFrequency <= 3 or kHanyuPinlu present
    u.variants_of('发')          # every character linked by a Unihan variant field
    u.traditional['发']          # ['發', '髮']  (kTraditionalVariant, != itself)
    u.lookalikes['土']           # {'士': score, ...} (data/lookalikes.tsv or fallback)

Readings: kMandarin, kHanyuPinyin, kXHC1983, kHanyuPinlu, all readings,
tones removed (the diaeresis of ü is kept: lü ≠ lu).  "near" sound: the
toneless readings differ but are equal once zh/z, ch/c, sh/s, n/l initials
and in/ing, en/eng, an/ang (ian/iang, uan/uang) finals are merged.

Look-alikes: data/lookalikes.tsv (`#` comments, `U+XXXX<TAB>U+YYYY<TAB>score`,
taken as undirected) when it exists, else the Unihan kSpoofingVariant and
kZVariant pairs (score 1.0); `lookalike_source` says which.
"""

import bz2
import os
import re
import unicodedata

UNIHAN_DIR = os.environ.get('UNIHAN_DIR', '/usr/share/unicode')
TONE_MARKS = {'\u0300', '\u0301', '\u0304', '\u030c'}
INITIALS = ('zh', 'ch', 'sh', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k',
            'h', 'j', 'q', 'x', 'r', 'z', 'c', 's', 'y', 'w')
NEAR_INITIAL = {'zh': 'z', 'ch': 'c', 'sh': 's', 'n': 'l'}
NEAR_FINAL = {'ing': 'in', 'eng': 'en', 'ang': 'an', 'iang': 'ian', 'uang': 'uan'}
VARIANT_FIELDS = ('kTraditionalVariant', 'kSimplifiedVariant', 'kSemanticVariant',
                  'kSpecializedSemanticVariant', 'kZVariant', 'kSpoofingVariant')
CP_RE = re.compile(r'U\+([0-9A-F]{4,6})')


def is_han(c):
    o = ord(c)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3134F
            or 0xF900 <= o <= 0xFAFF)


def toneless(syl):
    """'zhōng' -> 'zhong', 'lǘ' -> 'lü'."""
    d = unicodedata.normalize('NFD', syl.strip().lower())
    d = ''.join(ch for ch in d if ch not in TONE_MARKS)
    d = unicodedata.normalize('NFC', d).replace('u:', 'ü').replace('v', 'ü')
    return re.sub(r'[^a-zü]', '', d)


def near_key(syl):
    for ini in INITIALS:
        if syl.startswith(ini) and len(syl) > len(ini):
            fin = syl[len(ini):]
            return NEAR_INITIAL.get(ini, ini) + NEAR_FINAL.get(fin, fin)
    return NEAR_FINAL.get(syl, syl)


def _lines(name):
    path = os.path.join(UNIHAN_DIR, name)
    with bz2.open(path, 'rt', encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            parts = line.rstrip('\n').split('\t')
            if len(parts) >= 3:
                yield chr(int(parts[0][2:], 16)), parts[1], parts[2]


def _shown(path):
    """path relative to the repository when inside it."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = os.path.abspath(path)
    return os.path.relpath(ap, root) if ap.startswith(root + os.sep) else path


def _cps(val):
    return [chr(int(h, 16)) for h in CP_RE.findall(val)]


class Unihan:
    def __init__(self, lookalikes_path=None):
        self.readings = {}
        self.mandarin = {}
        self.pinlu = set()
        self.freq = {}
        for ch, field, val in _lines('Unihan_Readings.txt.bz2'):
            syls = []
            if field == 'kMandarin':
                syls = val.split()
                self.mandarin[ch] = {toneless(x) for x in syls} - {''}
            elif field == 'kHanyuPinyin' or field == 'kXHC1983':
                for entry in val.split():
                    if ':' in entry:
                        syls += entry.split(':', 1)[1].split(',')
            elif field == 'kHanyuPinlu':
                self.pinlu.add(ch)
                syls = [re.sub(r'\(.*', '', e) for e in val.split()]
            else:
                continue
            rs = self.readings.setdefault(ch, set())
            for s in syls:
                t = toneless(s)
                if t:
                    rs.add(t)
        for name in ('Unihan_DictionaryLikeData.txt.bz2', 'Unihan_Readings.txt.bz2'):
            try:
                for ch, field, val in _lines(name):
                    if field == 'kFrequency':
                        self.freq[ch] = int(val)
            except FileNotFoundError:
                pass
            if self.freq:
                break
        self.near = {ch: {near_key(r) for r in rs} for ch, rs in self.readings.items()}
        self.variant_links = {}
        self.traditional = {}
        self.simplified = {}
        spoof = []
        for ch, field, val in _lines('Unihan_Variants.txt.bz2'):
            if field not in VARIANT_FIELDS:
                continue
            others = [c for c in _cps(val) if c != ch]
            for o in others:
                self.variant_links.setdefault(ch, set()).add(o)
                self.variant_links.setdefault(o, set()).add(ch)
            if field == 'kTraditionalVariant' and others:
                self.traditional[ch] = others
            elif field == 'kSimplifiedVariant' and others:
                self.simplified[ch] = others
            elif field in ('kSpoofingVariant', 'kZVariant'):
                spoof += [(ch, o) for o in others]
        self.lookalikes = {}
        path = lookalikes_path
        if path and os.path.exists(path):
            n = 0
            with open(path, encoding='utf-8') as f:
                for line in f:
                    if line.startswith('#') or not line.strip():
                        continue
                    parts = line.rstrip('\n').split('\t')
                    if len(parts) < 2:
                        continue
                    try:
                        a = chr(int(parts[0].strip()[2:], 16))
                        b = chr(int(parts[1].strip()[2:], 16))
                        sc = float(parts[2]) if len(parts) > 2 and parts[2].strip() else 1.0
                    except ValueError:
                        continue
                    if a == b:
                        continue
                    self._add_look(a, b, sc)
                    n += 1
            self.lookalike_source = f'{_shown(path)} ({n} pairs)'
        else:
            for a, b in spoof:
                self._add_look(a, b, 1.0)
            why = f'{_shown(lookalikes_path)} missing' if lookalikes_path else 'no look-alike table given'
            self.lookalike_source = (f'Unihan kSpoofingVariant/kZVariant ({len(spoof)} directed pairs; '
                                     f'fallback: {why})')
        self.common = {c for c in self.readings if is_han(c) and
                       (self.freq.get(c, 99) <= 3 or c in self.pinlu)}

    def _add_look(self, a, b, sc):
        for x, y in ((a, b), (b, a)):
            d = self.lookalikes.setdefault(x, {})
            d[y] = max(sc, d.get(y, 0.0))

    def is_common(self, c):
        return c in self.common

    def is_simplified_ok(self, c):
        """not a traditional-only form (no kSimplifiedVariant other than itself)."""
        return c not in self.simplified

    def sound(self, a, b, main=False):
        """'same' | 'near' | None; main=True: kMandarin readings only."""
        src = self.mandarin if main else self.readings
        ra, rb = src.get(a), src.get(b)
        if not ra or not rb:
            return None
        if ra & rb:
            return 'same'
        if {near_key(r) for r in ra} & {near_key(r) for r in rb}:
            return 'near'
        return None

    def shape(self, a, b):
        return b in self.lookalikes.get(a, ())

    def variants_of(self, c):
        return self.variant_links.get(c, set())

    def is_variant_pair(self, a, b):
        return b in self.variant_links.get(a, ())
