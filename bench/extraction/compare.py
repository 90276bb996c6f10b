#!/usr/bin/env python3
"""Summarise one benchmark run: F1 of sitrep and trafilatura (from score.py --json) and the
speed ratio (from the two runners' speed lines). The CPU-time ratio is the headline: the
machine is shared, and wall-clock speed depends on what else runs at the time.

Usage: compare.py <scores.json> <sitrep-speed-line-file> <trafilatura-speed-line-file>
"""
import json
import sys


def speed(path, key):
    words = open(path, encoding="utf-8").read().split()
    return float(words[words.index(key) + 1])


def main():
    scores = {m["name"]: m for m in json.load(open(sys.argv[1], encoding="utf-8"))}
    wall = {"sitrep": speed(sys.argv[2], "pages_per_s"),
            "trafilatura": speed(sys.argv[3], "pages_per_s")}
    cpu = {"sitrep": speed(sys.argv[2], "cpu_pages_per_s"),
           "trafilatura": speed(sys.argv[3], "cpu_pages_per_s")}
    print()
    print("%-12s %-8s %-10s %-8s %-14s %s" % ("tool", "F1", "precision", "recall",
                                            "pages/s wall", "pages/s CPU"))
    for name in ("sitrep", "trafilatura"):
        m = scores[name]
        print("%-12s %.3f    %.3f      %.3f    %-14.1f %.1f" % (
            name, m["f1"], m["precision"], m["recall"], wall[name], cpu[name]))
    s, t = scores["sitrep"]["f1"], scores["trafilatura"]["f1"]
    print("F1 difference (sitrep - trafilatura): %+.3f" % (s - t))
    print("speed ratio (sitrep / trafilatura): %.1fx by CPU time, %.1fx by wall clock"
          % (cpu["sitrep"] / cpu["trafilatura"], wall["sitrep"] / wall["trafilatura"]))


if __name__ == "__main__":
    main()
