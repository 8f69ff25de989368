#!/usr/bin/env python3
"""The JIT's work in a recording: compilations per compiler and level, the longest C2 ones, and
C2 time by package. Input: `jfr print --events jdk.Compilation FILE` (record with
`-XX:StartFlightRecording=...,jdk.Compilation#threshold=0ms` so that every compilation is kept).

    jfr print --events jdk.Compilation start.jfr > compilations.txt
    bench/jfr/jfrcompile.py compilations.txt
"""
import re
import sys
from collections import Counter


def main(path):
    rows = []
    for event in open(path, encoding="utf-8").read().split("jdk.Compilation {")[1:]:
        d = re.search(r"duration = ([\d.]+) (ms|s)", event)
        ms = float(d.group(1)) * (1000 if d.group(2) == "s" else 1)
        compiler = re.search(r'compiler = "(\w+)"', event).group(1)
        level = int(re.search(r"compileLevel = (\d)", event).group(1))
        method = re.search(r"method = (.*)", event).group(1)
        rows.append((ms, compiler, level, "isOsr = true" in event, method))
    total, count = Counter(), Counter()
    for ms, compiler, level, _, _ in rows:
        total[(compiler, level)] += ms
        count[(compiler, level)] += 1
    print("compiler level  compilations  ms (sum of durations)")
    for key in sorted(total):
        print(f"{key[0]:8} {key[1]:5}  {count[key]:12}  {total[key]:8.0f}")
    print("\nlongest C2 compilations (ms, OSR, method)")
    for ms, _, _, osr, method in sorted((r for r in rows if r[1] == "c2"), reverse=True)[:25]:
        print(f"{ms:6.0f} {'OSR' if osr else '   '} {method[:150]}")
    by_package = Counter()
    for ms, compiler, _, _, method in rows:
        if compiler == "c2":
            by_package[".".join(method.split(".")[:3])] += ms
    print("\nC2 ms by package")
    for package, ms in by_package.most_common(20):
        print(f"{ms:6.0f} {package}")


if __name__ == "__main__":
    main(sys.argv[1])
