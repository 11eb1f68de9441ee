"""Stratified k-fold CV of the router (and the baseline) through the bench.route CLI and the shared scorer.

python -m bench.route_eval [DATA.csv] [--folds 5] [--seeds 0] [--models router,baseline]
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
from sklearn.model_selection import StratifiedKFold

from bench.route import DEFAULT_DATA
from knowledge_base.routing.quality import reliability

csv.field_size_limit(sys.maxsize)
SCORER = DEFAULT_DATA.parent.parent.parent / "eval" / "score.py"


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["text", "label"])
        writer.writeheader()
        writer.writerows({"text": r["text"], "label": r["label"]} for r in rows)


def _last_json(stdout: str) -> dict:
    return json.loads(stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    """Run every fold of every seed for every model; print per-fold scores and mean ± std as JSON last."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", default="0", help="comma-separated CV seeds")
    ap.add_argument("--models", default="router,baseline")
    a = ap.parse_args(argv)
    if not Path(a.data).exists() or not SCORER.exists():
        print(json.dumps({"skipped": f"{a.data} or {SCORER} not found"}))
        return
    with open(a.data, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    labels = [r["label"] for r in rows]
    results: dict[str, dict[str, list]] = {}
    with tempfile.TemporaryDirectory(prefix="route_eval_", dir="/tmp") as tmp:
        for seed in (int(s) for s in a.seeds.split(",")):
            splitter = StratifiedKFold(a.folds, shuffle=True, random_state=seed)
            for k, (train_idx, test_idx) in enumerate(splitter.split(np.zeros(len(rows)), labels)):
                train, test = Path(tmp, "train.csv"), Path(tmp, "test.csv")
                _write(train, [rows[i] for i in train_idx])
                _write(test, [rows[i] for i in test_idx])
                for model in a.models.split(","):
                    pred = Path(tmp, f"{model}.jsonl")
                    run = subprocess.run(
                        [sys.executable, "-m", "bench.route", "--model", model, "--seed", str(seed),
                         "--train", str(train), "--test", str(test), "--out", str(pred)],
                        check=True, capture_output=True, text=True,
                    )  # fmt: skip
                    timing = _last_json(run.stdout)
                    scored = subprocess.run(
                        [sys.executable, str(SCORER), "routing", "--test", str(test), "--pred", str(pred)],
                        check=True, capture_output=True, text=True,
                    )  # fmt: skip
                    score = _last_json(scored.stdout)
                    got = results.setdefault(model, {"macro_f1": [], "accuracy": [], "train_s": [], "p50": [],
                                                     "p95": [], "confidence": [], "correct": []})  # fmt: skip
                    got["macro_f1"].append(score["macro_f1"])
                    got["accuracy"].append(score["accuracy"])
                    got["train_s"].append(timing["train_s"])
                    got["p50"].append(timing["predict_ms_p50"])
                    got["p95"].append(timing["predict_ms_p95"])
                    with open(pred, encoding="utf-8") as f:
                        predictions = [json.loads(line) for line in f]
                    got["confidence"] += [p["confidence"] for p in predictions]
                    got["correct"] += [
                        p["label"] == rows[i]["label"] for p, i in zip(predictions, test_idx, strict=True)
                    ]
                    print(
                        json.dumps({"seed": seed, "fold": k, "model": model, **score, **timing}), flush=True
                    )
    summary = {}
    for model, got in results.items():
        entry = {
            f"{name}_{stat}": round(fn(got[name]), 4)
            for name in ("macro_f1", "accuracy")
            for stat, fn in (("mean", statistics.mean), ("std", statistics.pstdev))
        }
        entry.update(runs=len(got["macro_f1"]), train_s_mean=round(statistics.mean(got["train_s"]), 2),
                     predict_ms_p50=round(statistics.median(got["p50"]), 3),
                     predict_ms_p95=round(statistics.median(got["p95"]), 3))  # fmt: skip
        if model != "baseline":
            ece, table = reliability(got["confidence"], got["correct"])
            entry.update(
                ece=round(ece, 4),
                reliability=[[b.low, b.n, round(b.mean_confidence, 3), round(b.accuracy, 3)] for b in table],
            )
        summary[model] = entry
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
