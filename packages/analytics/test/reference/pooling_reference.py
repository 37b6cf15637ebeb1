"""
Independent reference values for src/pooling.spec.ts (REML, Paule-Mandel, Knapp-Hartung).

Written from the formulas in metafor's documentation (?rma.uni, ?predict.rma) and
spc-and-pooling.md section 8, with SciPy's root finder (brentq, xtol 1e-15) and
scipy.stats.t, so nothing here shares code with src/pooling.ts.
Run: python3 pooling_reference.py   (numpy, scipy)
"""
import numpy as np
from scipy.optimize import brentq
from scipy.stats import t as student_t, norm

def bcg():
    rows = [(4,119,11,128),(6,300,29,274),(3,228,11,209),(62,13536,248,12619),(33,5036,47,5761),
            (180,1361,372,1079),(8,2537,10,619),(505,87886,499,87892),(29,7470,45,7232),
            (17,1699,65,1600),(186,50448,141,27197),(5,2493,3,2338),(27,16886,29,17825)]
    a, b, c, d = (np.array(x, float) for x in zip(*rows))
    return np.log((a/(a+b))/(c/(c+d))), 1/a - 1/(a+b) + 1/c - 1/(c+d)

def clasp():
    # metafor tests/testthat/test_analysis_example_dersimonian2007.r, escalc(measure="OR")
    n1 = np.array([156,303,565,1570,103,4659.]); n2 = np.array([74,303,477,1565,105,4650.])
    ai = np.array([5,5,12,69,9,313.]); ci = np.array([8,17,9,94,11,352.])
    return np.log((ai/(n1-ai))/(ci/(n2-ci))), 1/ai + 1/(n1-ai) + 1/ci + 1/(n2-ci)

def mu_of(y, v, tau2):
    w = 1/(v+tau2); return np.sum(w*y)/np.sum(w), w

def reml_score(y, v, tau2):
    mu, w = mu_of(y, v, tau2)
    return np.sum(w**2*(y-mu)**2) - (np.sum(w) - np.sum(w**2)/np.sum(w))

def pm_excess(y, v, tau2):
    mu, w = mu_of(y, v, tau2)
    return np.sum(w*(y-mu)**2) - (len(y)-1)

def root(f, y, v):
    if f(y, v, 0.0) <= 0: return 0.0
    hi = 1.0
    while f(y, v, hi) > 0: hi *= 2
    return brentq(lambda t2: f(y, v, t2), 0.0, hi, xtol=1e-15, rtol=4*np.finfo(float).eps, maxiter=500)

def dl(y, v):
    w = 1/v; mu = np.sum(w*y)/np.sum(w); q = np.sum(w*(y-mu)**2)
    return max(0.0, (q-(len(y)-1))/(np.sum(w)-np.sum(w**2)/np.sum(w)))

def summary(name, y, v, tau2):
    k = len(y); w0 = 1/v
    mu, w = mu_of(y, v, tau2)
    se = np.sqrt(1/np.sum(w))
    s2 = (k-1)*np.sum(w0)/(np.sum(w0)**2 - np.sum(w0**2))
    i2 = 100*tau2/(tau2+s2)
    z = norm.ppf(0.975)
    se_kh = np.sqrt(np.sum(w*(y-mu)**2)/((k-1)*np.sum(w)))
    tq = student_t.ppf(0.975, k-1)
    print(f"{name}: tau2={tau2:.12f} mu={mu:.12f} se={se:.12f} I2={i2:.10f}")
    print(f"   z:    ci=[{mu-z*se:.12f}, {mu+z*se:.12f}] pi=[{mu-z*np.sqrt(tau2+se**2):.12f}, {mu+z*np.sqrt(tau2+se**2):.12f}]")
    print(f"   knha: se={se_kh:.12f} t={tq:.12f} ci=[{mu-tq*se_kh:.12f}, {mu+tq*se_kh:.12f}] "
          f"pi=[{mu-tq*np.sqrt(tau2+se_kh**2):.12f}, {mu+tq*np.sqrt(tau2+se_kh**2):.12f}]")

for label, (y, v) in (("bcg", bcg()), ("clasp", clasp())):
    summary(f"{label} DL", y, v, dl(y, v))
    summary(f"{label} REML", y, v, root(reml_score, y, v))
    summary(f"{label} PM", y, v, root(pm_excess, y, v))
print("qt(0.975, 12) =", f"{student_t.ppf(0.975, 12):.12f}", " qt(0.975, 5) =", f"{student_t.ppf(0.975, 5):.12f}", " qt(0.975, 1) =", f"{student_t.ppf(0.975, 1):.12f}")
