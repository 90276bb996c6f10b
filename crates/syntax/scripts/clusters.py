#!/usr/bin/env python3
"""Distributional word clusters for the tagger and parser features.

Builds, for the most frequent words of a news corpus plus the UD training words, a vector
of counts of their left and right neighbours among the most frequent words, and clusters
the vectors with k-means at two granularities (coarse and fine). Writes `word<TAB>coarse
<TAB>fine` lines, gzip-compressed, sorted by word. Words are normalized the way the Rust
features normalize them (typographic quotes to ASCII, lowercase, digits to 0).

Usage (numpy needed; deterministic given --seed):

    python3 clusters.py --news ../../../../shared/data/news/reuters21578.jsonl.gz \
        --news ../../../../shared/data/news/wikinews-en.jsonl.gz \
        --conllu ../../../../shared/data/ud/en_ewt-ud-train.conllu.gz --out ../model/clusters.tsv.gz
"""

import argparse
import collections
import gzip
import json
import re

import numpy as np

TOKEN = re.compile(r"n't|'s|'re|'ve|'ll|'d|'m|\w+(?:[-.']\w+)*|[^\w\s]")
TRANS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})


def norm(word):
    word = word.translate(TRANS).replace("\u2013", "--").replace("\u2014", "--").lower()
    return re.sub(r"[0-9]", "0", word)


def sentences(args):
    for path in args.news:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                for para in text.split("\n"):
                    toks = TOKEN.findall(para.translate(TRANS))
                    if toks:
                        yield [norm(t) for t in toks]
    for path in args.conllu:
        cur = []
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) == 10 and cols[0].isdigit():
                    cur.append(norm(cols[1]))
                elif not line.strip() and cur:
                    yield cur
                    cur = []


def kmeans(x, k, iters, rng):
    # k-means++ seeding on a sample, then Lloyd iterations with cosine similarity.
    n = x.shape[0]
    centers = [x[rng.integers(n)]]
    d = np.full(n, np.inf)
    for _ in range(k - 1):
        d = np.minimum(d, 1.0 - x @ centers[-1])
        p = np.maximum(d, 0) ** 2
        centers.append(x[rng.choice(n, p=p / p.sum())])
    c = np.stack(centers)
    for _ in range(iters):
        assign = np.argmax(x @ c.T, axis=1)
        for j in range(k):
            members = x[assign == j]
            if len(members):
                v = members.sum(axis=0)
                c[j] = v / (np.linalg.norm(v) + 1e-9)
    return np.argmax(x @ c.T, axis=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--news", action="append", default=[])
    ap.add_argument("--conllu", action="append", default=[])
    ap.add_argument("--out", required=True)
    ap.add_argument("--vocab", type=int, default=40000)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--contexts", type=int, default=600)
    ap.add_argument("--coarse", type=int, default=32)
    ap.add_argument("--fine", type=int, default=320)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    sents = list(sentences(args))
    freq = collections.Counter(w for s in sents for w in s)
    vocab = [w for w, c in freq.most_common(args.vocab) if c >= args.min_count]
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[: args.contexts])}
    m = args.contexts + 1
    counts = np.zeros((len(vocab), 2 * m), dtype=np.float32)
    for s in sents:
        padded = ["<s>"] + s + ["</s>"]
        for i in range(1, len(padded) - 1):
            w = index.get(padded[i])
            if w is None:
                continue
            counts[w, ctx.get(padded[i - 1], args.contexts)] += 1
            counts[w, m + ctx.get(padded[i + 1], args.contexts)] += 1
    x = np.log1p(counts)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(args.seed)
    coarse = kmeans(x, args.coarse, 15, rng)
    fine = kmeans(x, args.fine, 15, rng)
    lines = []
    for w in sorted(vocab):
        if "\t" not in w and "\n" not in w:
            lines.append(f"{w}\t{coarse[index[w]]}\t{fine[index[w]]}\n")
    # mtime=0 keeps the file byte-identical across runs.
    with open(args.out, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
            out.write("".join(lines).encode("utf-8"))
    print(f"{len(sents)} sentences, {sum(freq.values())} tokens, {len(vocab)} words clustered")


if __name__ == "__main__":
    main()
