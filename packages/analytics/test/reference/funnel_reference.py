"""Independent reference for src/benchmark.ts: Spiegelhalter (2005) exact binomial funnel limits
with interpolation (Appendix A.1.1), computed with SciPy's binomial distribution, and type-7
quantiles with NumPy. Run: python3 funnel_reference.py"""
import numpy as np
from scipy.stats import binom, norm

def limit(p0, n, prob):
    rp = binom.ppf(prob, n, p0)
    at = binom.cdf(rp, n, p0)
    before = binom.cdf(rp - 1, n, p0)
    alpha = (at - prob) / (at - before)
    return (rp - alpha) / n

for p0, n in [(0.1, 50), (0.9, 200), (0.8824, 1234), (0.9, 25000), (0.03, 10)]:
    print(p0, n, [repr(limit(p0, n, q)) for q in (0.001, 0.025, 0.975, 0.999)])
    print('  normal', [repr(p0 + norm.ppf(q) * np.sqrt(p0 * (1 - p0) / n)) for q in (0.001, 0.025, 0.975, 0.999)])
print(np.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [25, 50, 75]))
print(np.percentile([7, 1, 3, 9], [25, 50, 75]))
