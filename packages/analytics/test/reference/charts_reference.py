"""
Independent reference values for src/charts.spec.ts (run, P, P', U, U' charts).

Data come from qicharts2 0.8.1's own files (github.com/anhoej/qicharts2: data/*.rda,
R/sysdata.rda, tests/testthat/*.rds), read with the `rdata` Python package; the formulas are
spc-and-pooling.md section 7's, written here in NumPy, sharing no code with src/charts.ts.
Run from a checkout of qicharts2:  python3 charts_reference.py /path/to/qicharts2
"""
import math, sys
import numpy as np
import rdata
from scipy.stats import binom

root = sys.argv[1] if len(sys.argv) > 1 else '.'

def runs(y, cl):
    s = np.sign(np.asarray(y) - cl); s = s[s != 0]
    n = len(s)
    if n == 0: return dict(n_useful=0)
    lengths, cur = [], 1
    for a, b in zip(s[:-1], s[1:]):
        if a == b: cur += 1
        else: lengths.append(cur); cur = 1
    lengths.append(cur)
    lmax = round(math.log2(n)) + 3
    cmin = int(binom.ppf(0.05, n - 1, 0.5))
    lr, nc = max(lengths), len(lengths) - 1
    return dict(n_useful=n, longest_run=lr, longest_run_max=lmax, n_crossings=nc, n_crossings_min=cmin,
                runs_signal=bool(lr > lmax or nc < cmin))

def prime(p, cl, s, screen=False):
    z = (p - cl) / s
    mr = np.abs(np.diff(z)); amr = mr.mean()
    if screen: amr = mr[mr < 3.267 * amr].mean()
    return amr / 1.128

np.set_printoptions(precision=15, linewidth=200)
sysdata = rdata.read_rda(f'{root}/R/sysdata.rda')

# Montgomery Example 7.5 (tbl_07.11): nonconformities per 50 m of cloth -> U and U' (per metre)
t = sysdata['tbl_07.11']; c = t['count'].values.astype(float); n = t['meters'].values.astype(float)
u = c / n; cl = c.sum() / n.sum(); s = np.sqrt(cl / n)
sz = prime(u, cl, s)
print('ex7.5 U:  cl', repr(cl), 'lcl', list(np.maximum(0, cl - 3*s)), 'ucl', list(cl + 3*s))
print("ex7.5 U': sigma_z", repr(sz), 'lcl', list(np.maximum(0, cl - 3*s*sz)), 'ucl', list(cl + 3*s*sz))
print("ex7.5 runs", runs(u, cl))
print("ex7.5 run chart (median)", repr(float(np.median(u))), runs(u, np.median(u)))

# nhs_accidents: P and P'
d = rdata.read_rda(f'{root}/data/nhs_accidents.rda')['nhs_accidents']
r = d['r'].values.astype(float); n = d['n'].values.astype(float)
p = r / n; cl = r.sum() / n.sum(); s = np.sqrt(cl * (1 - cl) / n)
ucl, lcl = cl + 3*s, cl - 3*s
print('nhs P: cl', repr(cl), 'last lcl/ucl', repr(lcl[-1]), repr(ucl[-1]), 'outside', int(((p > ucl) | (p < lcl)).sum()))
sz = prime(p, cl, s); szs = prime(p, cl, s, screen=True)
print("nhs P': sigma_z", repr(sz), 'screened', repr(szs), 'lcl', list(cl - 3*s*sz), 'ucl', list(cl + 3*s*sz))
print("nhs P' outside", int(((p > cl + 3*s*sz) | (p < cl - 3*s*sz)).sum()), 'runs', runs(p, cl))
print('nhs run chart (median of p)', repr(float(np.median(p))), runs(p, np.median(p)))

# hospital_infections, all hospitals and infections per month (the U chart of test_hai.R, hai_1.rds)
h = rdata.read_rda(f'{root}/data/hospital_infections.rda')['hospital_infections']
months = sorted(set(h['month'].values.astype(float)))
tot = [(m, math.fsum(h['n'][h['month'] == m]), math.fsum(h['days'][h['month'] == m])) for m in months]
print('hai monthly totals (R Date days, n, days):')
for m, a, b in tot: print(f'  [{int(m)}, {a:.0f}, {b!r}],')
c = np.array([a for _, a, _ in tot]); n = np.array([b for _, _, b in tot]); u = c / n; cl = c.sum() / n.sum(); s = np.sqrt(cl / n)
print("hai U': sigma_z", repr(prime(u, cl, s)))
print('hai run chart (median)', repr(float(np.median(u))), runs(u, np.median(u)))

# cdi (vignette "Case 2"): run chart of monthly counts; and the runs analysis against the
# baseline median 19 that the vignette quotes (freeze = 24)
cdi = rdata.read_rda(f'{root}/data/cdi.rda')['cdi']
y = cdi['n'].values.astype(float)
print('cdi y', [int(v) for v in y])
print('cdi run chart (median)', float(np.median(y)), runs(y, np.median(y)))
print('cdi baseline median', float(np.median(y[:24])), 'runs vs it', runs(y, np.median(y[:24])))

# apps/cli/test/cli-analytics-charts.test.ts: a run chart of the nhs_accidents attendances (n)
print('nhs attendances run chart', float(np.median(d['n'].values.astype(float))), runs(d['n'].values.astype(float), np.median(d['n'].values.astype(float))))
