#!/usr/bin/env python3
"""Count how often each word is written capitalized vs in lowercase in running news text.

Writes crates/ner/data/case.tsv: `word<TAB>capitalized<TAB>lowercase`, counting only words
that do not start a sentence (where a capital says nothing). The tagger turns the ratio into
a feature: "the" and "officially" are usually lowercase, "Seoul" never is, which helps most
at the start of a sentence and in headlines written in capitals.

Input: JSON Lines files (optionally gzip) with a `text` field, e.g. the Wikinews and
Reuters-21578 files in shared/data/news (pass their paths).

Usage: python3 casestats.py --out crates/ner/data/case.tsv FILE.jsonl.gz [...]
"""

import argparse
import collections
import gzip
import json
import re

TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-\.]*[A-Za-z]|[A-Za-z]|[0-9]+|[^\sA-Za-z0-9]")
SENT_END = {".", "!", "?", ":", '"', "(", ")", ";"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    cap = collections.Counter()
    low = collections.Counter()
    for path in args.files:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("text") or ""
                for para in text.split("\n"):
                    # Skip paragraphs in capitals (Reuters headlines, tables).
                    letters = [c for c in para if c.isalpha()]
                    if not letters or sum(c.isupper() for c in letters) > 0.5 * len(letters):
                        continue
                    prev = "."
                    for tok in TOKEN.findall(para):
                        if tok[0].isalpha() and prev not in SENT_END:
                            w = tok.lower()
                            if tok[0].isupper():
                                cap[w] += 1
                            else:
                                low[w] += 1
                        prev = tok
    words = sorted(w for w in set(cap) | set(low) if cap[w] + low[w] >= args.min_count)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("#word\tcapitalized\tlowercase\n")
        for w in words:
            out.write("%s\t%d\t%d\n" % (w, cap[w], low[w]))


if __name__ == "__main__":
    main()
