"""rex linear model: ``linmod Y ~ X1 + X2 [- 1]`` in the local context (SPEC §2) and the
t and F distributions of its p-values.

Imported as ``_rex_linmod`` (the runtime ``_rex`` forwards ``linmod``, ``last_fit``,
``linmod_fit``, ``t_pvalue``, ``f_pvalue`` and ``betainc`` here).

Accuracy is held to the NIST StRD linear least squares problems (shared/nist/):
the non-intercept columns are centred (means by exact summation), then factorised by
a Householder QR with R's limited column pivoting (LINPACK ``dqrdc2``, written on
numpy: ``numpy.linalg.qr`` does not pivot); coefficients come from the triangular
factor with one step of iterative refinement, standard errors from its inverse — X'X
is never formed. A column whose norm falls below ``RANK_TOLERANCE`` times its
original norm during the factorisation is aliased: an error naming it and the
columns it is a combination of, chosen as R's ``lm`` chooses them (R's default
tolerance 1e-7 declares NIST's Filip rank-deficient; exact dependencies sit near 1e-16).
"""

import math as _math

import numpy as _np
import pandas as _pd

try:
    import _rex as _rt  # embedded: the runtime module
except ImportError:  # run from prelude/ (Tests/python)
    import rex_runtime as _rt

RexError = _rt.RexError

#: Relative norm below which a column counts as a linear combination of earlier ones.
RANK_TOLERANCE = 1e-10


# MARK: - Distributions


def _betacf(a, b, x):
    """Continued fraction of the incomplete beta function (Numerical Recipes, modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = tiny if abs(d) < tiny else d
    d = 1.0 / d
    h = d
    for m in range(1, 10000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = tiny if abs(d) < tiny else d
        c = 1.0 + aa / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = tiny if abs(d) < tiny else d
        c = 1.0 + aa / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def betainc(a, b, x):
    """The regularized incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    lbeta = _math.lgamma(a + b) - _math.lgamma(a) - _math.lgamma(b) + a * _math.log(x) + b * _math.log1p(-x)
    front = _math.exp(lbeta)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_pvalue(t, df):
    """Two-sided p-value of Student's t with ``df`` degrees of freedom."""
    if df <= 0 or _rt.is_na(t) or _math.isnan(t):
        return None
    if _math.isinf(t):
        return 0.0
    return betainc(df / 2.0, 0.5, df / (df + t * t))


def f_pvalue(f, df1, df2):
    """Upper-tail p-value of the F distribution."""
    if df1 <= 0 or df2 <= 0 or f is None or _math.isnan(f):
        return None
    if _math.isinf(f):
        return 0.0
    if f <= 0:
        return 1.0
    return betainc(df2 / 2.0, df1 / 2.0, df2 / (df2 + df1 * f))


# MARK: - QR with R's limited pivoting


def dqrdc2(x, tol=RANK_TOLERANCE):
    """LINPACK ``dqrdc2`` as R modified it (R's ``lm``): Householder QR of the n×p array
    ``x`` in place, moving a column whose remaining norm falls below ``tol`` times its
    original norm to the end. Returns ``(qraux, rank, pivot)``; ``x`` then holds R in its
    upper triangle and the Householder vectors below it, as LINPACK leaves them."""
    n, p = x.shape
    pivot = list(range(p))
    qraux = _np.array([_np.linalg.norm(x[:, j]) for j in range(p)])
    work1 = qraux.copy()
    work2 = _np.where(qraux == 0.0, 1.0, qraux)
    k = p + 1
    for l in range(min(n, p)):
        # Cycle the columns l..p-1 until one with a non-negligible norm is at l.
        while l + 1 < k and qraux[l] < work2[l] * tol:
            x[:, l:] = _np.roll(x[:, l:], -1, axis=1)
            for array in (qraux, work1, work2):
                array[l:] = _np.roll(array[l:], -1)
            pivot[l:] = pivot[l + 1:] + [pivot[l]]
            k -= 1
        if l == n - 1:
            break
        nrmxl = _np.linalg.norm(x[l:, l])
        if nrmxl == 0.0:
            continue
        if x[l, l] != 0.0:
            nrmxl = _math.copysign(nrmxl, x[l, l])
        x[l:, l] /= nrmxl
        x[l, l] += 1.0
        for j in range(l + 1, p):
            t = -_np.dot(x[l:, l], x[l:, j]) / x[l, l]
            x[l:, j] += t * x[l:, l]
            if qraux[j] != 0.0:
                tt = max(1.0 - (abs(x[l, j]) / qraux[j]) ** 2, 0.0)
                if abs(tt) < 1e-6:
                    # R's 9/99 change: recompute the norm instead of downdating it.
                    qraux[j] = _np.linalg.norm(x[l + 1:, j])
                    work1[j] = qraux[j]
                else:
                    qraux[j] = qraux[j] * _math.sqrt(tt)
        qraux[l] = x[l, l]
        x[l, l] = -nrmxl
    rank = min(k - 1, n)
    return qraux, rank, pivot


def _qty(qr, qraux, rank, y):
    """Q'y from the Householder vectors of ``dqrdc2`` (LINPACK ``dqrsl``)."""
    y = y.copy()
    n = qr.shape[0]
    for j in range(min(rank, n - 1)):
        if qraux[j] == 0.0:
            continue
        diag = qr[j, j]
        qr[j, j] = qraux[j]
        t = -_np.dot(qr[j:, j], y[j:]) / qr[j, j]
        y[j:] += t * qr[j:, j]
        qr[j, j] = diag
    return y


def _back_substitute(r, b):
    """Solves the upper-triangular system r x = b (b a vector or matrix)."""
    k = r.shape[0]
    x = _np.array(b, dtype="float64", copy=True)
    for i in range(k - 1, -1, -1):
        if i + 1 < k:
            x[i] -= r[i, i + 1:] @ x[i + 1:]
        x[i] /= r[i, i]
    return x


def _two_product(a, b):
    """a·b as hi + lo exactly (Dekker's split; numpy has no fma)."""
    split = 134217729.0
    p = a * b
    ah = a * split
    ah = ah - (ah - a)
    al = a - ah
    bh = b * split
    bh = bh - (bh - b)
    bl = b - bh
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def _residual(y, X, b):
    """y − X b row by row in double-double (error-free transformations over numpy arrays),
    rounded once: the residual of iterative refinement must be more accurate than double."""
    hi = y.copy()
    lo = _np.zeros_like(y)
    for j in range(X.shape[1]):
        p, e = _two_product(X[:, j], _np.full_like(y, -b[j]))
        s = hi + p
        bb = s - hi
        err = (hi - (s - bb)) + (p - bb)
        hi = s
        lo = lo + err + e
    return hi + lo


def _dot(a, b):
    """a·b in double-double, rounded once."""
    p, e = _two_product(a, b)
    return _math.fsum(_np.concatenate([p, e]))


def _forward_substitute(l, b):
    """Solves the lower-triangular system l x = b."""
    k = l.shape[0]
    x = _np.array(b, dtype="float64", copy=True)
    for i in range(k):
        if i:
            x[i] -= l[i, :i] @ x[:i]
        x[i] /= l[i, i]
    return x


def _accurate_mean(v):
    """The mean of a float array by exact summation, corrected once."""
    n = len(v)
    m = _math.fsum(v) / n
    return m + _math.fsum(v - m) / n


# MARK: - The model


def _design(df, xs, intercept):
    """The design columns (without the intercept): numeric predictors (bool as 0/1) and
    one indicator per non-baseline level of each text predictor (R-style term
    ``<column><level>``; the first level in code-point order is the baseline), as the
    server's SQL sums do. Without an intercept the first text predictor gets every
    level, as R codes it."""
    terms, cols, single = [], [], []
    full_levels = not intercept
    for x in xs:
        s = df[x]
        kind = _rt._type_of(s)
        if kind in ("int", "float", "bool"):
            terms.append(x)
            numbers = s.astype("boolean").astype("Float64") if kind == "bool" else s.astype("Float64")
            cols.append(numbers.to_numpy(dtype="float64", na_value=_np.nan))
        elif kind == "text":
            values = _rt._pyvalues(s)
            levels = sorted(set(values))
            if len(levels) == 1 and not full_levels:
                single.append((x, levels[0]))
            array = _np.array(values, dtype=object)
            for level in (levels if full_levels else levels[1:]):
                terms.append(x + level)
                cols.append((array == level).astype("float64"))
            full_levels = False
        else:
            raise RexError("linmod: predictor %r has type %s; use int, float, text or bool" % (x, s.dtype))
    if single:
        x, level = single[0]
        raise RexError("linmod: the text predictor %s never varies (every row used is %r); remove it" % (x, level))
    n = len(df.index)
    return terms, (_np.column_stack(cols) if cols else _np.zeros((n, 0)))


def _aliased_message(terms, qr, rank, pivot, norms, means, intercept):
    """R's choice of aliased columns (those ``dqrdc2`` moved past the rank), each with the
    earlier columns it combines, e.g. ``x3 is a linear combination of x1, x2``."""
    r11 = _np.triu(qr[:rank, :rank])
    parts = []
    for position in range(rank, len(pivot)):
        j = pivot[position]
        coefficients = _back_substitute(r11, qr[:rank, position]) if rank else _np.zeros(0)
        used = sorted(pivot[i] for i in range(rank)
                      if abs(coefficients[i]) * norms[pivot[i]] > 1e-7 * max(norms[j], 1e-300))
        names = [terms[i] for i in used]
        if intercept:
            terms_ = [coefficients[i] * means[pivot[i]] for i in range(rank)]
            offset = means[j] - sum(terms_)
            size = abs(means[j]) + sum(abs(t) for t in terms_)
            if names == [] or abs(offset) > 1e-7 * max(size, 1e-300):
                names.insert(0, "(Intercept)")
        if names == ["(Intercept)"]:
            parts.append("%s never varies over the rows used" % terms[j])
        elif names:
            parts.append("%s is a linear combination of %s" % (terms[j], ", ".join(names)))
        else:
            parts.append("%s is zero on every row used" % terms[j])
    return "linmod: " + "; ".join(parts) + "; remove " + ("it" if len(parts) == 1 else "them")


def linmod_fit(df, y, xs, intercept=True):
    """OLS of ``y`` on ``xs`` over complete rows (no intercept when ``intercept`` is false):
    (coefficient table, fit statistics dict)."""
    for name in [y] + list(xs):
        if name not in df.columns:
            raise RexError("linmod: unknown column %r" % name)
    if _rt._type_of(df[y]) not in ("int", "float"):
        raise RexError("linmod: the response %r must be numeric" % y)
    data = df[[y] + list(xs)]
    data = data[data.notna().all(axis=1)].reset_index(drop=True)
    n = len(data.index)
    if n == 0:
        raise RexError("linmod: no rows where %s and every predictor are non-null" % y)
    terms, X = _design(data, xs, intercept)
    yv = data[y].astype("Float64").to_numpy(dtype="float64")
    p = X.shape[1]
    coefficients = p + (1 if intercept else 0)
    if coefficients == 0:
        raise RexError("linmod: a model without an intercept needs at least one predictor")
    if n < coefficients:
        raise RexError("linmod: %d rows cannot determine %d coefficients" % (n, coefficients))
    if intercept:
        means = _np.array([_accurate_mean(X[:, j]) for j in range(p)])
        ybar = _accurate_mean(yv)
        Xc = X - means
        yc = yv - ybar
    else:
        means = _np.zeros(p)
        ybar = 0.0
        Xc = X.copy()
        yc = yv.copy()
    norms = _np.array([_np.linalg.norm(Xc[:, j]) for j in range(p)])
    qr = _np.array(Xc, dtype="float64", order="F", copy=True)
    qraux, rank, pivot = dqrdc2(qr)
    if rank < p:
        raise RexError(_aliased_message(terms, qr, rank, pivot, norms, means, intercept))
    R = _np.triu(qr[:p, :p])
    effects = _qty(qr, qraux, p, yc)
    b = _back_substitute(R, effects[:p])
    # One step of iterative refinement on the residual of the centred problem.
    # Corrected semi-normal equations (Björck): R'R δ = X'r with the residual and X'r in
    # double-double; with a large residual this gains the digits Q'r cannot.
    Xp = Xc[:, pivot]
    for _ in range(3 if p else 0):
        r = _residual(yc, Xp, b)
        g = _np.array([_dot(Xp[:, j], r) for j in range(p)])
        b = b + _back_substitute(R, _forward_substitute(R.T, g))
    resid = _residual(yc, Xc[:, pivot], b)
    rss = _math.fsum(resid * resid)
    fitted = Xc[:, pivot] @ b  # centred with an intercept
    mss = _math.fsum(fitted * fitted)
    beta = _np.zeros(p)
    beta[pivot] = b
    df_resid = n - coefficients
    sigma2 = rss / df_resid if df_resid > 0 else None
    # Var(b) = σ² R⁻¹R⁻ᵀ (pivoted order); the intercept's from the centring.
    rinv = _back_substitute(R, _np.eye(p)) if p else _np.zeros((0, 0))
    unscaled = _np.zeros(p)
    unscaled[pivot] = (rinv * rinv).sum(axis=1)
    rows = []
    if intercept:
        hi, lo = _two_product(means, beta)
        b0 = _math.fsum(_np.concatenate([[ybar], -hi, -lo]))
        z = rinv.T @ means[pivot] if p else _np.zeros(0)
        rows.append(("(Intercept)", b0, 1.0 / n + float(z @ z)))
    rows += [(terms[j], float(beta[j]), float(unscaled[j])) for j in range(p)]
    table_rows = []
    for term, est, v in rows:
        se = _math.sqrt(sigma2 * v) if sigma2 is not None else None
        tv = est / se if se else None
        pv = t_pvalue(tv, df_resid) if tv is not None else None
        table_rows.append((term, est, se, tv, pv))
    total = mss + rss
    r2 = mss / total if total > 0 else None
    df_model = p
    adj = None
    if r2 is not None and df_resid > 0:
        adj = 1.0 - (1.0 - r2) * ((n - 1) if intercept else n) / df_resid
    f = None
    if df_model > 0 and df_resid > 0 and sigma2 is not None and sigma2 > 0:
        f = (mss / df_model) / sigma2
    table = _pd.DataFrame({
        "Term": _rt._typed([r[0] for r in table_rows], "text"),
        "Estimate": _rt._typed([r[1] for r in table_rows], "float"),
        "StdError": _rt._typed([r[2] for r in table_rows], "float"),
        "TValue": _rt._typed([r[3] for r in table_rows], "float"),
        "PValue": _rt._typed([r[4] for r in table_rows], "float"),
    })
    fit = {
        "n": n,
        "r_squared": r2,
        "adj_r_squared": adj,
        "residual_se": _math.sqrt(sigma2) if sigma2 is not None else None,
        "residual_df": df_resid,
        "f": f,
        "f_df1": df_model,
        "f_df2": df_resid,
        "f_pvalue": f_pvalue(f, df_model, df_resid) if f is not None else None,
    }
    return table, fit


_last_fit = None


def linmod(df, y, xs, intercept=True):
    """``linmod Y ~ X1 + X2 [- 1]``: the coefficient table.

    The fit statistics (see ``linmod_fit``) are in ``table.attrs["rex_fit"]`` and,
    for the executor after a run, in ``last_fit()``.
    """
    global _last_fit
    table, fit = linmod_fit(df, y, xs, intercept)
    table.attrs["rex_fit"] = fit
    _last_fit = fit
    return table


def last_fit():
    """The fit statistics of the most recent ``linmod`` in this process (a dict), or None."""
    return _last_fit
