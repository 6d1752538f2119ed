#!/usr/bin/env python3
"""Check the shape of the source tree (docs/design.md).

  tests/check-tree.py [--layers] [--functions] [ROOT]

--layers     every #include of src/ and include/ obeys the dependency rule
             util <- text <- index <- align <- diff <- analyse <- store <-
             report <- cli: a file includes headers of its own layer or of
             the layers below it, and src/cli/ includes only <scodiff.h>
             (and its own cli*.h).  A public header include/scodiff/X.h
             belongs to the layer PUBLIC maps it to.
--functions  no function of src/ is longer than MAX_LINES lines.
With neither, both.  Prints one line per violation; exits 1 if any.
"""
import os
import re
import sys

LAYERS = ["util", "text", "index", "align", "diff", "analyse", "store",
          "report", "cli"]
# the layer of each public header (include/scodiff/<name>.h)
PUBLIC = {
    "common": "util",
    "input": "text", "normalize": "text", "chardata": "text",
    "lookalike": "text", "evidence": "text", "segment": "text",
    "fold": "text",
    "shingle": "index",
    "align": "align",
    "classify": "diff", "diff": "diff",
    "check": "analyse", "clean": "analyse", "collate": "analyse",
    "scan": "analyse", "cer": "analyse",
    "store": "store",
    "report": "report",
}
MAX_LINES = 120
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def rank(layer):
    return LAYERS.index(layer)


def header_layer(name, here):
    """The layer of an included header, or None for a system header."""
    if name == "scodiff.h":
        return "cli"
    m = re.fullmatch(r"scodiff/(\w+)\.h", name)
    if m:
        return PUBLIC.get(m.group(1), "?" + m.group(1))
    m = re.fullmatch(r"(\w+)/[\w.]+\.h", name)
    if m and m.group(1) in LAYERS:
        return m.group(1)
    return None


def check_layers(root):
    bad = []
    for base in ("src", "include"):
        for dirpath, _, files in os.walk(os.path.join(root, base)):
            for f in sorted(files):
                if not f.endswith((".c", ".h")):
                    continue
                path = os.path.join(dirpath, f)
                rel = os.path.relpath(path, root)
                parts = rel.split(os.sep)
                if parts[0] == "include":
                    if len(parts) == 2:
                        here = "cli"  # the umbrella scodiff.h
                    else:
                        here = PUBLIC.get(os.path.splitext(f)[0])
                        if here is None:
                            bad.append(f"{rel}: public header with no layer "
                                       "(add it to PUBLIC in tests/check-tree.py)")
                            continue
                else:
                    if len(parts) < 3 or parts[1] not in LAYERS:
                        bad.append(f"{rel}: not inside a layer folder of src/")
                        continue
                    here = parts[1]
                for n, line in enumerate(open(path, encoding="utf-8"), 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    quote, name = m.groups()
                    if here == "cli" and parts[0] == "src":
                        if name == "scodiff.h" or re.fullmatch(r"cli\w*\.h", name):
                            continue
                        if quote == "<" and not name.startswith("scodiff"):
                            continue
                        bad.append(f"{rel}:{n}: includes {name}; src/cli/ uses "
                                   "only <scodiff.h>")
                        continue
                    if parts[0] == "include" and quote == '"' and "/" not in name:
                        name = "scodiff/" + name  # a sibling public header
                    if quote == '"' and "/" not in name:
                        bad.append(f"{rel}:{n}: includes \"{name}\" without its "
                                   "layer folder")
                        continue
                    there = header_layer(name, here)
                    if there is None:
                        continue
                    if there.startswith("?"):
                        bad.append(f"{rel}:{n}: includes {name}, a public header "
                                   "with no layer")
                    elif rank(there) > rank(here):
                        bad.append(f"{rel}:{n}: {here}/ includes {name} of "
                                   f"{there}/, a layer above it")
    return bad


def functions(path):
    """(name, first line, number of lines) of each function defined."""
    text = open(path, encoding="utf-8").read()
    # blank out comments and strings, keeping the line breaks
    def blank(m):
        return re.sub(r"[^\n]", " ", m.group(0))
    text = re.sub(r"/\*.*?\*/|//[^\n]*", blank, text, flags=re.S)
    text = re.sub(r'"(\\.|[^"\\\n])*"|\'(\\.|[^\'\\\n])*\'', blank, text)
    out = []
    depth = 0
    start = None
    name = None
    for m in re.finditer(r"[{}]", text):
        if m.group(0) == "{":
            if depth == 0:
                head = text[:m.start()]
                tail = head[head.rfind(";", 0) + 1:] if ";" in head else head
                tail = tail[tail.rfind("}") + 1:]
                fm = re.search(r"(\w+)\s*\([^;{}]*\)\s*$", tail, re.S)
                if fm and not re.search(r"=\s*$|\bstruct\b|\benum\b|\bunion\b",
                                        tail[:fm.start()].split("\n")[-1] + " "):
                    name = fm.group(1)
                    start = text.count("\n", 0, m.start()) + 1
                else:
                    name = None
            depth += 1
        else:
            depth -= 1
            if depth == 0 and name:
                end = text.count("\n", 0, m.start()) + 1
                out.append((name, start, end - start + 1))
                name = None
    return out


def check_functions(root):
    bad = []
    for dirpath, _, files in os.walk(os.path.join(root, "src")):
        for f in sorted(files):
            if f.endswith(".c"):
                path = os.path.join(dirpath, f)
                for name, line, n in functions(path):
                    if n > MAX_LINES:
                        bad.append(f"{os.path.relpath(path, root)}:{line}: "
                                   f"{name}() is {n} lines (at most {MAX_LINES})")
    return bad


def main(argv):
    args = [a for a in argv if a.startswith("--")]
    rest = [a for a in argv if not a.startswith("--")]
    root = rest[0] if rest else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if not args:
        args = ["--layers", "--functions"]
    bad = []
    if "--layers" in args:
        bad += check_layers(root)
    if "--functions" in args:
        bad += check_functions(root)
    for b in bad:
        print(b)
    print(f"check-tree: {len(bad)} problem{'s' if len(bad) != 1 else ''}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
