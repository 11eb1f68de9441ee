"""Measure reply suggestions on the shared evaluation data, against an off-the-shelf BM25 baseline.

  python -m bench.suggest_eval --data ../shared/data [--task replies|afqmc|bq|all] [--tune]

The data is read from ``--data`` and never written into the repository: split files go to a
temporary directory (``--work``, default under /tmp). Exits 0 with a note when the data is absent.

Held out of every choice: a fixed 20% of each file (HOLDOUT_SEED; replies stratified by year,
pairs by label). The folds below are cut from the other 80% only; after them each task is scored
once on the held-out part (replies: the whole 80% as the KB, the 20% as queries; pairs: KB and
queries built from the held-out pairs like one fold), and both figures are printed side by side,
with, for replies, the share of queries given a suggestion and its quality at each confidence
threshold (``confidence``).

Splits (fixed seed 0, 5 folds):
- replies (kb/replies_train.csv): the 80%'s rows shuffled into 5 folds; for each fold the other 4 folds are
  the KB (question, reply, topic) and the fold's rows are the queries (question, real reply).
  Scored by score.py ``suggest`` → top1_char_f1.
- afqmc / bq (pairs/*_train.csv): the 80%'s pairs shuffled into 5 folds. In each fold the KB is every
  distinct text_b of the fold's pairs (label-1 and label-0, so the label-0 sides are distractors),
  reply = the text itself; the queries are the distinct text_a of the fold's label-1 pairs, with
  gold = '|'-joined KB rows of every text_b paired with that text_a under label 1, and, with
  ``--identical-gold``, the KB row holding the very same text when the query string also occurs as
  a text_b (16% of BQ queries, 0.1% of AFQMC; without it a ranker is punished for finding the
  question itself, so both variants are reported).
  Scored by score.py ``suggest`` → mrr10.
- Baseline: bm25s 0.3.16 (k1 1.5, b 0.75, Lucene idf) over jieba words (rjieba precise mode, no
  stop words), indexing the KB question only; installed in the venv for this comparison only.
- Ours: ``python -m bench.suggest`` with the library's default ``RankingParams``.
- ``--tune``: computes every channel's BM25 scores once per query, then searches the fusion weights
  on a small grid per task; each fold's weights are chosen on the other four folds (nested), so the
  tuned figure is an honest held-out estimate.
- ``--joint '{"replies": 0.2771, "afqmc": 0.4157, "bq": 0.1829}'``: one grid for all three tasks,
  maximising the mean relative gain over the baseline; its best weights are the library defaults
  (``RankingParams``), and it reports the nested (choose-on-4-folds) estimate too. The consensus
  re-ranking parameters were then set on the replies folds with those weights: depth 15,
  temperature 0.5, weight 0.2, the best of {10,15} x {0.2,0.3,0.5} x {0.2,0.3,0.4} and better than
  the runner-up on each of the 5 folds. Later (replies folds, offline grid over the cached channel
  scores): depth {10,15,20,30,40} x temperature {0.25,0.5,1,2} x weight {0,0.1,0.2,0.3}, plus a
  typicality prior (character F1 of the answer with the index's mean answer) at {0,0.1,0.2,0.4,0.8}:
  depth 20, temperature 0.5, weight 0.2, typicality 0.2 gives 0.3174 (nested estimate 0.3172;
  was 0.3125). Re-weighting the answer/topic channels for replies changed it by < 0.001.
  Then a learned re-ranking (knowledge_base/rerank.py) fitted by ``bench.suggest`` on each fold's
  KB alone (leave one out) replaced that mix: 0.3242 with fixed greeting/thanks/date patterns left
  out of the answers it compares, 0.3211 (seed 1: 0.3206 vs bm25s 0.2771) with the formulas
  learned from the KB's own answers instead, which is what ships.
- Question-only indexes (AFQMC, BQ): the question-similarity re-scoring weights
  (``RankingParams.question_f1_weight`` and the fields after it) were chosen on the inner folds of the
  80% only, by the best mean relative gain over both tasks; see the README for the grid and figures.
- ``--seed``: another fold split, to check a figure is not an artefact of seed 0.
- ``--inner-only``: score the inner folds only (the held-out 20% is neither built nor scored), for
  trying changes without looking at the held-out part.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import itertools
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from sklearn.model_selection import train_test_split

csv.field_size_limit(sys.maxsize)
FOLDS = 5
HOLDOUT_SHARE = 0.2
HOLDOUT_SEED = 20261203


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _year(row: dict[str, str]) -> str:
    return row.get("time", "")[:4]


def holdout_split(rows: list[dict[str, str]], strata: list[str]) -> tuple[list[dict], list[dict]]:
    """(the 80% to choose on, the 20% held out of every choice), stratified, fixed by HOLDOUT_SEED."""
    dev_idx, holdout_idx = train_test_split(
        np.arange(len(rows)), test_size=HOLDOUT_SHARE, stratify=strata, random_state=HOLDOUT_SEED
    )
    return [rows[i] for i in dev_idx], [rows[i] for i in holdout_idx]


def _replies_files(work: Path, tag: str, kb_rows: list[dict], q_rows: list[dict]) -> tuple[Path, Path]:
    kb_path, q_path = work / f"replies_kb_{tag}.csv", work / f"replies_q_{tag}.csv"
    _write(
        kb_path, ["question", "reply", "topic"], [[r["question"], r["reply"], r["topic"]] for r in kb_rows]
    )
    _write(q_path, ["question", "reply"], [[r["question"], r["reply"]] for r in q_rows])
    return kb_path, q_path


def replies_dev_and_holdout(data: Path) -> tuple[list[dict], list[dict]]:
    """The replies file split once: 80% to choose on, 20% held out (stratified by year)."""
    rows = _read(data / "kb" / "replies_train.csv")
    return holdout_split(rows, [_year(r) for r in rows])


def split_replies(data: Path, work: Path, seed: int = 0) -> list[tuple[Path, Path]]:
    """Five (KB.csv, Q.csv) pairs from the 80% of the replies file that choices are made on."""
    rows, _ = replies_dev_and_holdout(data)
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    out = []
    for f in range(FOLDS):
        test = set(order[f::FOLDS])
        kb = [rows[i] for i in order if i not in test]
        qs = [rows[i] for i in order if i in test]
        out.append(_replies_files(work, str(f), kb, qs))
    return out


def holdout_replies(data: Path, work: Path) -> tuple[Path, Path]:
    """(KB.csv, Q.csv) of the held-out test: the whole 80% as the KB, the held-out 20% as queries."""
    dev, holdout = replies_dev_and_holdout(data)
    return _replies_files(work, "holdout", dev, holdout)


def _pairs_files(
    work: Path, name: str, tag: str, fold: list[dict], identical_gold: bool
) -> tuple[Path, Path]:
    """KB = every distinct text_b of the pairs; queries = text_a of label-1 pairs with their gold rows."""
    kb_texts = list(dict.fromkeys(r["text_b"].strip() for r in fold if r["text_b"].strip()))
    row_of = {t: i for i, t in enumerate(kb_texts)}
    gold: dict[str, set[int]] = {}
    for r in fold:
        if r["label"] == "1" and r["text_a"].strip() and r["text_b"].strip():
            gold.setdefault(r["text_a"].strip(), set()).add(row_of[r["text_b"].strip()])
    for text, rows_ in gold.items():
        if identical_gold and text in row_of:  # the very same question in the KB is a paraphrase too
            rows_.add(row_of[text])
    kb_path, q_path = work / f"{name}_kb_{tag}.csv", work / f"{name}_q_{tag}.csv"
    _write(kb_path, ["question", "reply"], [[t, t] for t in kb_texts])
    _write(q_path, ["question", "gold"], [[q, "|".join(map(str, sorted(g)))] for q, g in gold.items()])
    return kb_path, q_path


def pairs_dev_and_holdout(data: Path, name: str) -> tuple[list[dict], list[dict]]:
    """A pairs file split once: 80% to choose on, 20% held out (stratified by label)."""
    rows = _read(data / "pairs" / f"{name}_train.csv")
    return holdout_split(rows, [r["label"] for r in rows])


def split_pairs(
    data: Path, work: Path, name: str, identical_gold: bool = False, seed: int = 0
) -> list[tuple[Path, Path]]:
    """Five (KB.csv, Q.csv) pairs from the 80% of a paraphrase-pairs file: its pairs in 5 folds."""
    rows, _ = pairs_dev_and_holdout(data, name)
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    return [
        _pairs_files(work, name, str(f), [rows[i] for i in order[f::FOLDS]], identical_gold)
        for f in range(FOLDS)
    ]


def holdout_pairs(data: Path, work: Path, name: str, identical_gold: bool = False) -> tuple[Path, Path]:
    """(KB.csv, Q.csv) of the held-out 20% of a pairs file, built like one fold."""
    _, holdout = pairs_dev_and_holdout(data, name)
    return _pairs_files(work, name, "holdout", holdout, identical_gold)


THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def confidence_table(scorer, kb: Path, q: Path, pred: Path, useful_f1: float) -> list[dict] | None:
    """For each threshold: the share of queries still given a reply suggestion, the mean top-1 char-F1
    among them (score.py's definition) and how often that top reply is useful (char-F1 >= useful_f1).
    None when the predictions carry no confidence (an index without answers)."""
    kb_rows, qs = _read(kb), _read(q)
    with open(pred, encoding="utf-8") as f:
        preds = [json.loads(line) for line in f if line.strip()]
    if not any("confidence" in p for p in preds) or "reply" not in qs[0]:
        return None
    f1 = np.array(
        [
            scorer.char_f1(kb_rows[p["kb_rows"][0]]["reply"], r["reply"]) if p["kb_rows"] else 0.0
            for p, r in zip(preds, qs, strict=True)
        ]
    )
    conf = np.array([p.get("confidence", 0.0) for p in preds])
    table = []
    for t in (0.0, *THRESHOLDS):
        kept = conf >= t
        n = int(kept.sum())
        table.append(
            {
                "threshold": t,
                "coverage": round(n / len(conf), 4),
                "top1_char_f1": round(float(f1[kept].mean()), 4) if n else None,
                "useful_rate": round(float((f1[kept] >= useful_f1).mean()), 4) if n else None,
                "mean_confidence": round(float(conf[kept].mean()), 4) if n else None,
            }
        )
    return table


def _mean_tables(tables: list[list[dict] | None]) -> list[dict] | None:
    """Mean of the folds' confidence tables, row by row (None if any fold has none)."""
    if not tables or any(t is None for t in tables):
        return None
    out = []
    for rows in zip(*tables, strict=True):
        row = {"threshold": rows[0]["threshold"]}
        for key in ("coverage", "top1_char_f1", "useful_rate", "mean_confidence"):
            values = [r[key] for r in rows if r[key] is not None]
            row[key] = round(float(np.mean(values)), 4) if values else None
        out.append(row)
    return out


def score(scorer: Path, kb: Path, q: Path, pred: Path) -> dict:
    """Run the shared scorer and return its JSON figures."""
    res = subprocess.run(
        [sys.executable, str(scorer), "suggest", "--kb", str(kb), "--queries", str(q), "--pred", str(pred)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(res.stdout.strip().splitlines()[-1])


def run_baseline(kb: Path, q: Path, pred: Path) -> None:
    """bm25s over jieba words of the KB questions; writes PRED.jsonl."""
    import bm25s
    import rjieba

    def tok(text: str) -> list[str]:
        return [t for t in rjieba.cut(text) if t.strip()]

    kb_rows, qs = _read(kb), _read(q)
    corpus = [tok(r["question"]) for r in kb_rows]
    retriever = bm25s.BM25(k1=1.5, b=0.75, method="lucene")
    retriever.index(corpus, show_progress=False)
    vocab = retriever.vocab_dict
    with open(pred, "w", encoding="utf-8") as out:
        for r in qs:
            ids = [vocab[t] for t in tok(r["question"]) if t in vocab]
            scores = retriever.get_scores(ids) if ids else np.zeros(len(kb_rows))
            top = [int(i) for i in np.argsort(-scores, kind="stable")[:10]]
            out.write(json.dumps({"kb_rows": top}) + "\n")


def make_params(overrides: dict | None):
    """bench.suggest's RankingParams with overrides."""
    from bench.suggest import make_params as params_with

    return params_with(overrides)


def run_ours(kb: Path, q: Path, pred: Path, params: str | None) -> dict:
    """python -m bench.suggest on the split; returns its timing figures."""
    cmd = [sys.executable, "-m", "bench.suggest", "--kb", str(kb), "--queries", str(q), "--out", str(pred)]
    if params:
        cmd += ["--params", params]
    res = subprocess.run(
        cmd, check=True, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent
    )
    return json.loads(res.stdout.strip().splitlines()[-1])


# --- tuning ---------------------------------------------------------------------------------
CHANNELS = [
    "question.word",
    "question.syn",
    "question.bigram",
    "question.char",
    "answer.word",
    "answer.bigram",
    "answer.char",
    "topic.word",
    "topic.bigram",
]


def _load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def channel_matrices(
    kb: Path, q: Path, k1: float, b: float
) -> tuple[dict[str, np.ndarray], list[dict], list[dict]]:
    """Per channel, the [queries x KB] matrix of unweighted BM25 scores."""
    from bench.suggest import build_index, make_params

    kb_rows, qs = _read(kb), _read(q)
    params = make_params({"weights": {c: 1.0 for c in CHANNELS if not c.endswith(".syn")}, "k1": k1, "b": b})
    index = build_index(kb_rows, params, fit=False)
    mats = {c: np.zeros((len(qs), len(kb_rows)), dtype=np.float32) for c in CHANNELS}
    for i, r in enumerate(qs):
        for c, v in index.channel_scores(r["question"]).items():
            if c in mats:
                mats[c][i] = v
    return mats, kb_rows, qs


def metric_fn(task: str, kb_rows: list[dict], qs: list[dict], scorer):
    """A function from a score matrix to per-query metric values (same as score.py)."""
    if task == "replies":
        cache: dict[tuple[int, int], float] = {}

        def per_query(top: np.ndarray) -> np.ndarray:
            out = np.zeros(len(qs))
            for i, j in enumerate(top[:, 0]):
                key = (i, int(j))
                if key not in cache:
                    cache[key] = scorer.char_f1(kb_rows[int(j)]["reply"], qs[i]["reply"])
                out[i] = cache[key]
            return out

    else:
        gold = [set(map(int, r["gold"].split("|"))) for r in qs]

        def per_query(top: np.ndarray) -> np.ndarray:
            return np.array(
                [
                    next((1 / (k + 1) for k, j in enumerate(row) if int(j) in g), 0.0)
                    for row, g in zip(top, gold, strict=False)
                ]
            )

    return per_query


def top10(score: np.ndarray) -> np.ndarray:
    """Row-wise top 10 column indexes, best first, ties by index."""
    part = np.argpartition(-score, 9, axis=1)[:, :10]
    vals = np.take_along_axis(score, part, axis=1)
    order = np.lexsort((part, -vals), axis=1)
    return np.take_along_axis(part, order, axis=1)


GRID = {
    "question.word": [1.0],
    "question.syn": [0.0, 0.3, 0.6],
    "question.bigram": [0.0, 0.3, 0.6, 1.0],
    "question.char": [0.0, 0.1, 0.3],
    "answer.word": [0.0, 0.1, 0.3, 0.6],
    "answer.bigram": [0.0, 0.2],
    "answer.char": [0.0],
    "topic.word": [0.0, 0.3, 0.6],
    "topic.bigram": [0.0, 0.3],
}


K1_B = [(1.2, 0.75)]
PAIR_K1_B = [(0.8, 0.5), (1.2, 0.5), (1.2, 0.75), (1.6, 0.75), (1.2, 0.9)]
PAIR_GRID = {
    "question.word": [1.0],
    "question.syn": [0.0, 0.3, 0.6, 1.0],
    "question.bigram": [0.3, 0.6, 1.0],
    "question.char": [0.0, 0.3, 0.6, 1.0],
}


def tune(task: str, splits: list[tuple[Path, Path]], scorer) -> dict:
    """Grid-search the fusion weights with nested cross-validation over the folds."""
    grid = GRID if task == "replies" else PAIR_GRID
    grid_channels = [c for c in CHANNELS if any(w > 0 for w in grid.get(c, [0]))]
    combos = list(itertools.product(*(grid[c] for c in grid_channels)))
    k1_b = K1_B if task == "replies" else PAIR_K1_B
    table = np.zeros((len(combos) * len(k1_b), len(splits)))
    labels = []
    for kbi, (k1, b) in enumerate(k1_b):
        for fi, (kb, q) in enumerate(splits):
            mats, kb_rows, qs = channel_matrices(kb, q, k1, b)
            per_query = metric_fn(task, kb_rows, qs, scorer)
            for ci, combo in enumerate(combos):
                total = sum(w * mats[c] for c, w in zip(grid_channels, combo, strict=False) if w)
                table[kbi * len(combos) + ci, fi] = per_query(top10(total)).mean()
        labels += [(k1, b, combo) for combo in combos]
    folds = splits
    held_out = []
    for fi in range(len(folds)):
        others = [j for j in range(len(folds)) if j != fi]
        best = int(np.argmax(table[:, others].mean(axis=1)))
        held_out.append(table[best, fi])
    best = int(np.argmax(table.mean(axis=1)))
    return {
        "task": task,
        "nested_cv_mean": round(float(np.mean(held_out)), 4),
        "nested_cv_folds": [round(float(x), 4) for x in held_out],
        "best_k1_b": labels[best][:2],
        "best_weights": dict(zip(grid_channels, labels[best][2], strict=False)),
        "best_mean": round(float(table[best].mean()), 4),
        "n_combos": len(labels),
    }


JOINT_GRID = {
    "question.syn": [0.6, 1.0, 1.5],
    "question.bigram": [0.3, 0.6, 1.0],
    "question.char": [0.0, 0.3, 0.6, 1.0],
    "answer.word": [0.6, 1.0, 1.5],
    "answer.bigram": [0.0, 0.2],
    "topic.word": [0.3],
    "topic.bigram": [0.3],
}


def tune_joint(
    splits_by_task: dict[str, list[tuple[Path, Path]]], baselines: dict[str, float], scorer
) -> dict:
    """One set of weights for all tasks: the best mean of (score / BM25 baseline) over the tasks.

    Also reports the nested estimate: for each fold, the weights are chosen on the other folds.
    """
    folds: dict[str, list] = {}
    for task, splits in splits_by_task.items():
        for kb, q in splits:
            mats, kb_rows, qs = channel_matrices(kb, q, 1.2, 0.75)
            folds.setdefault(task, []).append((mats, metric_fn(task, kb_rows, qs, scorer)))
    keys = list(JOINT_GRID)
    rows = []
    for combo in itertools.product(*JOINT_GRID.values()):
        weights = {"question.word": 1.0, **dict(zip(keys, combo, strict=True))}
        per_task = {
            task: [
                float(pq(top10(sum(w * mats[c] for c, w in weights.items() if w))).mean()) for mats, pq in fl
            ]
            for task, fl in folds.items()
        }
        rows.append((weights, per_task))

    def gain(per_task: dict[str, list[float]], skip: int | None = None) -> float:
        return float(
            np.mean(
                [
                    np.mean([v for i, v in enumerate(vals) if i != skip]) / baselines[t]
                    for t, vals in per_task.items()
                ]
            )
        )

    best = max(rows, key=lambda r: gain(r[1]))
    nested: dict[str, list[float]] = {t: [] for t in folds}
    for fi in range(FOLDS):
        chosen = max(rows, key=lambda r: gain(r[1], skip=fi))
        for t in folds:
            nested[t].append(chosen[1][t][fi])
    return {
        "best_weights": best[0],
        "best_means": {t: round(float(np.mean(v)), 4) for t, v in best[1].items()},
        "nested_cv_means": {t: round(float(np.mean(v)), 4) for t, v in nested.items()},
        "n_combos": len(rows),
    }


def main(argv: list[str] | None = None) -> None:
    """Run the baseline and ours on every split (or tune) and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--scorer", default=None, help="score.py (default: DATA/../eval/score.py)")
    ap.add_argument("--task", default="all", choices=["replies", "afqmc", "bq", "all"])
    ap.add_argument("--work", default=None, help="directory for split files (default: a new /tmp dir)")
    ap.add_argument("--params", default=None, help="JSON overrides of RankingParams for ours")
    ap.add_argument("--tune", action="store_true")
    ap.add_argument(
        "--joint",
        help="JSON {task: baseline mean}: tune one set of weights for all three tasks (with --task all)",
    )
    ap.add_argument("--identical-gold", action="store_true")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--seed", type=int, default=0, help="seed of the fold split (the figures use 0)")
    ap.add_argument(
        "--inner-only", action="store_true", help="score the inner folds only, not the held-out 20%%"
    )
    a = ap.parse_args(argv)
    data = Path(a.data).resolve()
    scorer_path = Path(a.scorer) if a.scorer else data.parent / "eval" / "score.py"
    if not (data / "kb" / "replies_train.csv").exists() or not scorer_path.exists():
        print(json.dumps({"skipped": f"no evaluation data under {data}"}))
        return
    work = Path(a.work or tempfile.mkdtemp(prefix="kb_eval_"))
    work.mkdir(parents=True, exist_ok=True)
    tasks = ["replies", "afqmc", "bq"] if a.task == "all" else [a.task]
    summary = {}
    if a.joint:
        splits_by_task = {
            t: split_replies(data, work, a.seed)
            if t == "replies"
            else split_pairs(data, work, t, a.identical_gold, a.seed)
            for t in tasks
        }
        res = tune_joint(splits_by_task, json.loads(a.joint), _load_scorer(scorer_path))
        print(json.dumps(res, ensure_ascii=False))
        return
    for task in tasks:
        splits = (
            split_replies(data, work, a.seed)
            if task == "replies"
            else split_pairs(data, work, task, a.identical_gold, a.seed)
        )
        metric = "top1_char_f1" if task == "replies" else "mrr10"
        if a.tune:
            res = tune(task, splits, _load_scorer(scorer_path))
            print(json.dumps(res, ensure_ascii=False), flush=True)
            summary[task] = res
            continue
        base, ours, timing = [], [], []
        for f, (kb, q) in enumerate(splits):
            if not a.no_baseline:
                pred = work / f"{task}_{f}_baseline.jsonl"
                run_baseline(kb, q, pred)
                base.append(score(scorer_path, kb, q, pred)[metric])
            pred = work / f"{task}_{f}_ours.jsonl"
            timing.append(run_ours(kb, q, pred, a.params))
            ours.append(score(scorer_path, kb, q, pred)[metric])
        if a.inner_only:
            res = {
                "task": task,
                "metric": metric,
                "baseline_folds": base,
                "ours_folds": ours,
                "baseline_inner_mean": round(float(np.mean(base)), 4) if base else None,
                "ours_inner_mean": round(float(np.mean(ours)), 4),
                "ours_p50_ms_folds": [t["p50_ms"] for t in timing],
                "ours_p95_ms_folds": [t["p95_ms"] for t in timing],
                "ours_build_s_max": max(t["build_s"] for t in timing),
            }
            print(json.dumps(res, ensure_ascii=False), flush=True)
            summary[task] = res
            continue
        kb, q = (
            holdout_replies(data, work)
            if task == "replies"
            else holdout_pairs(data, work, task, a.identical_gold)
        )
        held: dict = {}
        if not a.no_baseline:
            pred = work / f"{task}_holdout_baseline.jsonl"
            run_baseline(kb, q, pred)
            held["baseline"] = score(scorer_path, kb, q, pred)[metric]
        pred = work / f"{task}_holdout_ours.jsonl"
        held_timing = run_ours(kb, q, pred, a.params)
        held["ours"] = score(scorer_path, kb, q, pred)[metric]
        if task == "replies":
            shared = _load_scorer(scorer_path)
            useful = make_params(json.loads(a.params) if a.params else None).useful_f1
            inner_tables = [
                confidence_table(shared, kb_f, q_f, work / f"{task}_{f}_ours.jsonl", useful)
                for f, (kb_f, q_f) in enumerate(splits)
            ]
            held["confidence"] = {
                "inner_mean": _mean_tables(inner_tables),
                "holdout": confidence_table(shared, kb, q, pred, useful),
            }
        res = {
            "task": task,
            "metric": metric,
            "baseline_folds": base,
            "ours_folds": ours,
            "baseline_inner_mean": round(float(np.mean(base)), 4) if base else None,
            "ours_inner_mean": round(float(np.mean(ours)), 4),
            "baseline_holdout": round(held["baseline"], 4) if "baseline" in held else None,
            "ours_holdout": round(held["ours"], 4),
            "ours_p95_ms_max": max(t["p95_ms"] for t in [*timing, held_timing]),
            "ours_build_s_max": max(t["build_s"] for t in [*timing, held_timing]),
        }
        if "confidence" in held:
            res["confidence"] = held["confidence"]
        print(json.dumps(res, ensure_ascii=False), flush=True)
        summary[task] = res
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
