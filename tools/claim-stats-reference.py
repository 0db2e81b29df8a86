#!/usr/bin/python3
"""Independent reference values for suite/src/test/.../report/ComparisonTest.java.

Requires Debian's python3-scipy (1.10.1 was used): run it with Debian's interpreter,
    /usr/bin/python3 tools/claim-stats-reference.py
It prints, for each case of the test, the 95 % interval, the two-sided p-value (SciPy's own
ttest_rel / ttest_ind(equal_var=False)) and the seeds an inconclusive comparison would need.
"""
import math

from scipy import stats


def seeds_needed(gap, spread, paired):
    if abs(gap) <= 1e-9:
        return None
    for n in range(2, 101):
        df = n - 1 if paired else 2 * n - 2
        if abs(gap) > stats.t.ppf(0.975, df) * spread / math.sqrt(n):
            return n
    return "more than 100"


def paired(name, v, b, delta=0.0):
    d = [x - y for x, y in zip(v, b)]
    n = len(d)
    mean = sum(d) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in d) / (n - 1))
    half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
    p = stats.ttest_rel(v, b).pvalue
    print(f"{name}: paired mean {mean:.17g} ci [{mean - half:.17g}, {mean + half:.17g}] p {p:.17g} "
          f"seeds_needed(delta={delta}) {seeds_needed(mean + delta, sd, True)}")


def welch(name, v, b):
    n1, n2 = len(v), len(b)
    mean = sum(v) / n1 - sum(b) / n2
    v1, v2 = stats.tvar(v) / n1, stats.tvar(b) / n2
    se = math.sqrt(v1 + v2)
    df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1))
    half = stats.t.ppf(0.975, df) * se
    p = stats.ttest_ind(v, b, equal_var=False).pvalue
    print(f"{name}: welch mean {mean:.17g} ci [{mean - half:.17g}, {mean + half:.17g}] p {p:.17g} df {df:.6g}")


paired("reproduced", [0.70, 0.72, 0.71, 0.69, 0.73], [0.68, 0.69, 0.70, 0.69, 0.70])
paired("contradicted", [0.60, 0.62, 0.61], [0.68, 0.69, 0.70])
paired("inconclusive", [0.71, 0.69, 0.72, 0.70], [0.70, 0.70, 0.70, 0.70])
paired("margin 0", [0.71, 0.69, 0.715, 0.695], [0.70, 0.71, 0.70, 0.70])
paired("margin 0.01", [0.71, 0.69, 0.715, 0.695], [0.70, 0.71, 0.70, 0.70], delta=0.01)
paired("beyond cap", [0.73, 0.67, 0.701], [0.70, 0.70, 0.70])
paired("baseline diverged", [0.70, 0.71, 0.69], [0.0, 0.0, 0.0])
welch("unpaired", [0.70, 0.72, 0.71], [0.65, 0.69, 0.66])
