#!/usr/bin/env python3
"""Word clusters for the entity tagger, from unlabeled text.

Each word (lowercased, digits as 0) seen at least --min-count times is described by how
often each of the most frequent words stands right before and right after it; the counts
are log-scaled, normalized, reduced to --dims dimensions by SVD and grouped by spherical
k-means twice (coarse and fine). Words used alike ("Tuesday"/"Friday", "minister"/
"secretary", town names) share clusters, which lets the tagger generalize to words it never
saw in its labeled data. (Brown clusters serve the same purpose; this is cheaper to compute.)

Input: JSON Lines files with a `text` field (e.g. shared/data/news) and CoNLL column files
(first column; e.g. the CoNLL-2003 training file; never the files scored on).
Output: TSV `word<TAB>coarse<TAB>fine`. Deterministic given --seed.

Needs numpy. Usage:
    python3 clusters.py --out crates/ner/data/clusters.tsv --jsonl A.jsonl.gz ... --conll T.gz
"""

import argparse
import collections
import gzip
import json
import re

import numpy as np

TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-\.&]*[A-Za-z0-9]|[A-Za-z0-9]|[^\sA-Za-z0-9]")


def norm(w):
    return re.sub(r"[0-9]", "0", w.lower())


def sentences(args):
    for path in args.jsonl:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("text") or ""
                for para in text.split("\n"):
                    toks = TOKEN.findall(para)
                    if toks:
                        yield [norm(t) for t in toks]
    for path in args.conll:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            sent = []
            for line in f:
                cols = line.split()
                if not cols or cols[0] == "-DOCSTART-":
                    if sent:
                        yield sent
                    sent = []
                    continue
                sent.append(norm(cols[0]))
            if sent:
                yield sent


def kmeans(x, k, iters, rng):
    centers = x[rng.choice(len(x), k, replace=False)]
    for _ in range(iters):
        assign = np.argmax(x @ centers.T, axis=1)
        for c in range(k):
            members = x[assign == c]
            if len(members):
                v = members.sum(axis=0)
                centers[c] = v / (np.linalg.norm(v) + 1e-9)
            else:
                centers[c] = x[rng.integers(len(x))]
    return np.argmax(x @ centers.T, axis=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--jsonl", nargs="*", default=[])
    ap.add_argument("--conll", nargs="*", default=[])
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--contexts", type=int, default=1000)
    ap.add_argument("--dims", type=int, default=100)
    ap.add_argument("--coarse", type=int, default=128)
    ap.add_argument("--fine", type=int, default=1000)
    ap.add_argument("--iters", type=int, default=12)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    sents = list(sentences(args))
    freq = collections.Counter(w for s in sents for w in s)
    vocab = sorted((w for w, n in freq.items() if n >= args.min_count), key=lambda w: (-freq[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[: args.contexts])}
    m = np.zeros((len(vocab), 2 * args.contexts + 2), dtype=np.float32)
    for s in sents:
        padded = ["<s>"] + s + ["</s>"]
        for i in range(1, len(padded) - 1):
            row = index.get(padded[i])
            if row is None:
                continue
            left, right = padded[i - 1], padded[i + 1]
            m[row, ctx.get(left, args.contexts) if left != "<s>" else 2 * args.contexts] += 1
            m[row, args.contexts + 1 + ctx.get(right, args.contexts) if right != "</s>" else 2 * args.contexts + 1] += 1
    m = np.log1p(m)
    m /= np.linalg.norm(m, axis=1, keepdims=True) + 1e-9
    m -= m.mean(axis=0)
    u, sv, _ = np.linalg.svd(m, full_matrices=False)
    x = u[:, : args.dims] * sv[: args.dims]
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(args.seed)
    coarse = kmeans(x, args.coarse, args.iters, rng)
    fine = kmeans(x, args.fine, args.iters, rng)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("#word\tcoarse\tfine\n")
        for w in sorted(vocab):
            i = index[w]
            out.write("%s\t%d\t%d\n" % (w, coarse[i], fine[i]))


if __name__ == "__main__":
    main()
