#!/usr/bin/env python3
"""Fits the polynomial GeluLanes uses for erfc (suite/src/main/java/dev/vsgdsuite/suite/model/GeluLanes.java).

Q(t) ~ erfc(z) * exp(z^2) with t = 1 / (1 + p*z), z in [0, 12]: weighted least squares in relative
error on Chebyshev-spaced points in t, with scipy's erfcx as the reference. Prints the float32
coefficients (lowest power first) and the fit's maximal relative error on a dense grid.

    python3 tools/fit-erfc.py            # numpy and scipy needed
"""
import numpy as np
from numpy.polynomial import polynomial as P
from scipy.special import erfcx

p, degree, z_max = 0.4, 9, 12.0
t_min = 1 / (1 + p * z_max)
t = np.cos(np.linspace(0, np.pi, 4000)) * (1 - t_min) / 2 + (1 + t_min) / 2
z = (1 / t - 1) / p
y = erfcx(z)
coefficients = P.polyfit(t, y, degree, w=1 / y)
dense = np.linspace(0, z_max, 200001)
error = np.max(np.abs(P.polyval(1 / (1 + p * dense), coefficients) / erfcx(dense) - 1))
print("p =", p)
print("Q =", ", ".join(f"{float(c):.9e}f" for c in coefficients.astype(np.float32)))
print(f"max relative error on [0, {z_max}]: {error:.2e}")
