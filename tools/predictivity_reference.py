#!/usr/bin/python3
"""Reference values for Striate's neural-predictivity metrics (io.striate.benchmark.metrics).

Writes src/test/resources/fixtures/predictivity/*.json:
  pls_*.json      scikit-learn PLSRegression(n_components=25, scale=False) predictions on seeded data
  pearson.json    numpy Pearson r per column (np.corrcoef)
  ceiling.json    split-half Spearman-Brown ceiling on seeded repetitions, for GIVEN halves (the halves are
                  listed in the file, because the Java generator is not numpy's)
Run with Debian's python3 (scikit-learn 1.2, numpy): /usr/bin/python3 tools/predictivity_reference.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn.cross_decomposition import PLSRegression
from sklearn.linear_model import Ridge

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "predictivity")


def dump(name, obj):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f)


def pls_case(name, n_train, n_test, p, q, seed):
    rng = np.random.RandomState(seed)
    # low-rank features with an offset (like ReLU activations), responses a noisy read-out of them
    latent = rng.randn(n_train + n_test, 8)
    x = latent @ rng.randn(8, p) + 0.3 * rng.randn(n_train + n_test, p) + 2.0
    y = x[:, : min(p, 30)] @ rng.randn(min(p, 30), q) * 0.1 + rng.randn(n_train + n_test, q) + 5.0
    pls = PLSRegression(n_components=25, scale=False).fit(x[:n_train], y[:n_train])
    pred = pls.predict(x[n_train:])
    ridge_alpha = 3.7
    ridge = Ridge(alpha=ridge_alpha, fit_intercept=True).fit(x[:n_train], y[:n_train]).predict(x[n_train:])
    dump(name, {"source": "sklearn %s PLSRegression(n_components=25, scale=False) and Ridge(alpha=%g), seed %d"
                          % (sklearn.__version__, ridge_alpha, seed),
                "x_train": x[:n_train].tolist(), "y_train": y[:n_train].tolist(), "x_test": x[n_train:].tolist(),
                "prediction": pred.tolist(), "ridge_alpha": ridge_alpha, "ridge_prediction": ridge.tolist()})


def main():
    os.makedirs(OUT, exist_ok=True)
    pls_case("pls_wide.json", 60, 12, 150, 6, 0)   # p > n, as for model layers
    pls_case("pls_tall.json", 90, 15, 40, 5, 1)    # n > p
    rng = np.random.RandomState(2)
    a = rng.randn(30, 7)
    b = 0.5 * a + rng.randn(30, 7)
    r = [float(np.corrcoef(a[:, j], b[:, j])[0, 1]) for j in range(7)]
    dump("pearson.json", {"source": "numpy %s corrcoef" % np.__version__, "a": a.tolist(), "b": b.tolist(), "r": r})
    # PCA: sklearn PCA(n_components=29, random_state=0) fitted on 30 images, Gram of the projected benchmark images
    from sklearn.decomposition import PCA
    fit = rng.randn(30, 80) @ rng.randn(80, 80) + 1.0
    bench = rng.randn(12, 80) @ rng.randn(80, 80) + 1.0
    z = PCA(n_components=29, random_state=0).fit(fit).transform(bench)
    dump("pca.json", {"source": "sklearn %s PCA(n_components=29, random_state=0).fit(fit).transform(bench); Z Z^T"
                      % sklearn.__version__, "fit": fit.tolist(), "bench": bench.tolist(),
                      "projected_gram": (z @ z.T).tolist()})
    # splits: sklearn StratifiedShuffleSplit / ShuffleSplit with random_state=1 (numpy RandomState(1))
    from sklearn.model_selection import StratifiedShuffleSplit, ShuffleSplit
    split_cases = []
    for n, labels in [(135, ["texture" if (i * 7) % 3 else "noise" for i in range(135)]),
                      (315, ["texture" if i % 2 == 0 else "noise" for i in range(315)]),
                      (50, ["a", "b", "c", "b", "a"] * 10)]:
        sss = StratifiedShuffleSplit(n_splits=10, train_size=0.9, test_size=None, random_state=1)
        splits = [{"train": tr.tolist(), "test": te.tolist()} for tr, te in sss.split(np.zeros(n), labels)]
        split_cases.append({"labels": labels, "splits": splits})
    halves = [{"train": tr.tolist(), "test": te.tolist()}
              for tr, te in ShuffleSplit(n_splits=10, train_size=0.5, random_state=1).split(np.zeros(20))]
    dump("splits.json", {"source": "sklearn %s StratifiedShuffleSplit(10, train_size=0.9, random_state=1), "
                         "ShuffleSplit(10, train_size=0.5, random_state=1) over 20 repetitions" % sklearn.__version__,
                         "stratified": split_cases, "repetition_halves": halves,
                         "mt19937_seed1_first5": [int(v) for v in np.random.RandomState(1).randint(0, 2**32, size=5,
                                                                                                dtype=np.uint32)]})
    # ceiling: 12 stimuli, 6 neuroids, 8 repetitions
    stimuli, neuroids, reps = 12, 6, 8
    signal = rng.randn(stimuli, neuroids)
    data = signal[:, None, :] + 0.8 * rng.randn(stimuli, reps, neuroids)
    halves = [list(map(int, rng.permutation(reps)[:reps // 2])) for _ in range(10)]
    medians = []
    for half in halves:
        other = [k for k in range(reps) if k not in half]
        h1 = data[:, half, :].mean(axis=1)
        h2 = data[:, other, :].mean(axis=1)
        rr = np.array([np.corrcoef(h1[:, j], h2[:, j])[0, 1] for j in range(neuroids)])
        medians.append(float(np.median(2 * rr / (1 + rr))))
    dump("ceiling.json", {"source": "numpy %s corrcoef, Spearman-Brown 2r/(1+r), median over neuroids" % np.__version__,
                          "responses": data.tolist(), "halves": halves, "split_medians": medians,
                          "ceiling": float(np.mean(medians))})


if __name__ == "__main__":
    main()
