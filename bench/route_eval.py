"""Honest quality of the router (and the baseline): inner CV on 80% of the data, then the untouched 20%.

python -m bench.route_eval [DATA.csv] [--folds 5] [--seeds 0] [--models router,baseline]

A fixed, stratified 20% of the file (seed HOLDOUT_SEED) is held out of every choice: features,
model, hyper-parameters and the suggestion threshold were chosen on the inner folds of the other
80% only. Each model is then trained on the whole 80% and scored once on the held-out 20%; both
figures are printed side by side. Every run goes through the bench.route CLI and the shared scorer.
Split files are written under /tmp only; the data is never copied into the repository.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold, train_test_split

from bench.route import DEFAULT_DATA
from knowledge_base.routing import SUGGEST_MIN_CONFIDENCE, coverage_at
from knowledge_base.routing.quality import reliability

csv.field_size_limit(sys.maxsize)
HOLDOUT_SHARE = 0.2
HOLDOUT_SEED = 20261203


def holdout_split(labels: list[str], seed: int = HOLDOUT_SEED) -> tuple[np.ndarray, np.ndarray]:
    """(the 80% to choose on, the 20% held out of every choice), stratified by label, fixed by seed."""
    return train_test_split(
        np.arange(len(labels)), test_size=HOLDOUT_SHARE, stratify=labels, random_state=seed
    )


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["text", "label"])
        writer.writeheader()
        writer.writerows({"text": r["text"], "label": r["label"]} for r in rows)


def _last_json(stdout: str) -> dict:
    return json.loads(stdout.strip().splitlines()[-1])


def scorer_for(data: str | Path) -> Path:
    """The shared scorer beside the data: DATA_ROOT/../eval/score.py for DATA_ROOT/routing/X.csv."""
    return Path(data).resolve().parent.parent.parent / "eval" / "score.py"


def _run(
    tmp: str, scorer: Path, model: str, seed: int, train: list[dict], test: list[dict]
) -> tuple[dict, dict, list]:
    """Train and predict through bench.route, score with the shared scorer: (score, timing, predictions)."""
    train_csv, test_csv, pred = Path(tmp, "train.csv"), Path(tmp, "test.csv"), Path(tmp, f"{model}.jsonl")
    _write(train_csv, train)
    _write(test_csv, test)
    run = subprocess.run(
        [sys.executable, "-m", "bench.route", "--model", model, "--seed", str(seed),
         "--train", str(train_csv), "--test", str(test_csv), "--out", str(pred)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    scored = subprocess.run(
        [sys.executable, str(scorer), "routing", "--test", str(test_csv), "--pred", str(pred)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    with open(pred, encoding="utf-8") as f:
        predictions = [json.loads(line) for line in f]
    return _last_json(scored.stdout), _last_json(run.stdout), predictions


def _confidence_figures(confidence: list[float], correct: list[bool]) -> dict:
    ece, table = reliability(confidence, correct)
    at = coverage_at(confidence, correct, SUGGEST_MIN_CONFIDENCE)
    others = [coverage_at(confidence, correct, t) for t in (0.5, 0.7, 0.8, 0.9)]
    return {
        "ece": round(ece, 4),
        "threshold": at.threshold,
        "coverage_at_threshold": round(at.coverage, 4),
        "accuracy_at_threshold": round(at.accuracy, 4),
        "other_thresholds": [[c.threshold, round(c.coverage, 4), round(c.accuracy, 4)] for c in others],
        "reliability": [[b.low, b.n, round(b.mean_confidence, 3), round(b.accuracy, 3)] for b in table],
    }


def main(argv: list[str] | None = None) -> None:
    """Inner folds of every seed, then the held-out 20%, for every model; the summary as JSON last."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", default="0", help="comma-separated inner-CV seeds")
    ap.add_argument("--models", default="router,baseline")
    ap.add_argument("--holdout-only", action="store_true", help="skip the inner folds")
    a = ap.parse_args(argv)
    if not Path(a.data).exists() or not scorer_for(a.data).exists():
        print(json.dumps({"skipped": f"{a.data} or {scorer_for(a.data)} not found"}))
        return
    scorer = scorer_for(a.data)
    with open(a.data, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    dev_idx, holdout_idx = holdout_split([r["label"] for r in rows])
    dev = [rows[i] for i in dev_idx]
    holdout = [rows[i] for i in holdout_idx]
    models = a.models.split(",")
    keys = ("macro_f1", "accuracy", "confidence", "correct", "train_s", "p50", "p95")
    inner: dict[str, dict[str, list]] = {m: {key: [] for key in keys} for m in models}
    summary: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="route_eval_", dir="/tmp") as tmp:
        for seed in () if a.holdout_only else (int(s) for s in a.seeds.split(",")):
            labels = [r["label"] for r in dev]
            splitter = StratifiedKFold(a.folds, shuffle=True, random_state=seed)
            for k, (train_idx, test_idx) in enumerate(splitter.split(np.zeros(len(dev)), labels)):
                for model in models:
                    train, test = [dev[i] for i in train_idx], [dev[i] for i in test_idx]
                    score, timing, predictions = _run(tmp, scorer, model, seed, train, test)
                    got = inner[model]
                    got["macro_f1"].append(score["macro_f1"])
                    got["accuracy"].append(score["accuracy"])
                    got["train_s"].append(timing["train_s"])
                    got["p50"].append(timing["predict_ms_p50"])
                    got["p95"].append(timing["predict_ms_p95"])
                    got["confidence"] += [p["confidence"] for p in predictions]
                    pairs = zip(predictions, test, strict=True)
                    got["correct"] += [p["label"] == r["label"] for p, r in pairs]
                    print(json.dumps({"part": "inner", "seed": seed, "fold": k, "model": model, **score,
                                      **timing}), flush=True)  # fmt: skip
        for model in models:
            score, timing, predictions = _run(tmp, scorer, model, 0, dev, holdout)
            print(json.dumps({"part": "holdout", "model": model, **score, **timing}), flush=True)
            entry: dict = {"n_dev": len(dev), "n_holdout": len(holdout)}
            got = inner[model]
            if got["macro_f1"]:
                entry["inner"] = {
                    "runs": len(got["macro_f1"]),
                    "macro_f1_mean": round(statistics.mean(got["macro_f1"]), 4),
                    "macro_f1_std": round(statistics.pstdev(got["macro_f1"]), 4),
                    "accuracy_mean": round(statistics.mean(got["accuracy"]), 4),
                    "train_s_mean": round(statistics.mean(got["train_s"]), 2),
                    "predict_ms_p50": round(statistics.median(got["p50"]), 3),
                    "predict_ms_p95": round(statistics.median(got["p95"]), 3),
                }
                if model != "baseline":
                    entry["inner"].update(_confidence_figures(got["confidence"], got["correct"]))
            entry["holdout"] = {
                "macro_f1": round(score["macro_f1"], 4),
                "accuracy": round(score["accuracy"], 4),
                "train_s": timing["train_s"],
                "predict_ms_p50": timing["predict_ms_p50"],
                "predict_ms_p95": timing["predict_ms_p95"],
                "predict_cpu_ms_p95": timing["predict_cpu_ms_p95"],
            }
            if model != "baseline":
                correct = [p["label"] == r["label"] for p, r in zip(predictions, holdout, strict=True)]
                entry["holdout"].update(_confidence_figures([p["confidence"] for p in predictions], correct))
            summary[model] = entry
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
