"""Train the router on a CSV, predict a test CSV, time both: python -m bench.route --help."""

from __future__ import annotations

import argparse
import csv
import json
import pickle
import random
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from knowledge_base.routing import RouteSuggestion, train_router

csv.field_size_limit(sys.maxsize)

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "routing" / "train.csv"
LATENCY_SAMPLE = 500

# Used by --scale when the evaluation data is absent: a few phrases per made-up division.
_SYNTHETIC = {
    "非法集资": ["高息揽储", "承诺保本", "拉人头", "养老项目", "投资返利", "理财公司跑路", "集资诈骗"],
    "小额贷款": ["小贷公司", "利息过高", "暴力催收", "放贷资质", "借款合同", "砍头息"],
    "融资担保": ["担保公司", "担保费", "代偿", "反担保", "担保许可证", "融资担保"],
    "地方金融组织": ["典当行", "融资租赁", "商业保理", "地方资产管理", "交易场所"],
    "政府信息公开": ["信息公开", "申请公开", "公开答复", "依申请", "政府文件"],
}
_FILLER = "我是市民，反映一个问题，希望有关部门尽快调查处理，给出答复，谢谢。相关情况如下所述，请予核实。"


def read_csv(path: str | Path) -> tuple[list[str], list[str]]:
    """Texts and labels of a CSV with columns text and label."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [r["text"] for r in rows], [r["label"] for r in rows]


def synthesise(n: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """n letters for timing: recombined sentences of the evaluation data if present, else generated."""
    rng = random.Random(seed)
    if DEFAULT_DATA.exists():
        texts, labels = read_csv(DEFAULT_DATA)
        by_label: dict[str, list[str]] = {}
        for text, label in zip(texts, labels, strict=True):
            by_label.setdefault(label, []).extend(s for s in text.split("。") if s)
        names = sorted(by_label)
        out_labels = [rng.choice(names) for _ in range(n)]
        out = ["。".join(rng.choices(by_label[lab], k=rng.randint(2, 6))) + "。" for lab in out_labels]
        return out, out_labels
    names = sorted(_SYNTHETIC)
    out_labels = [rng.choice(names) for _ in range(n)]
    out = []
    for lab in out_labels:
        phrases = rng.choices(_SYNTHETIC[lab], k=3) + rng.choices(_SYNTHETIC[rng.choice(names)], k=1)
        pieces = [*phrases, _FILLER[: rng.randint(10, len(_FILLER))], str(rng.randint(1, 99999))]
        rng.shuffle(pieces)
        out.append("，".join(pieces))
    return out, out_labels


class Baseline:
    """The bar to beat: TF-IDF of character 1-3-grams and a LinearSVC, sklearn defaults."""

    def __init__(self, texts: list[str], labels: list[str]) -> None:
        self.vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3))
        self.svc = LinearSVC().fit(self.vectorizer.fit_transform(texts), labels)

    def predict(self, text: str) -> list[RouteSuggestion]:
        """The top label only, with no confidence: the baseline is not calibrated."""
        return [RouteSuggestion(str(self.svc.predict(self.vectorizer.transform([text]))[0]), 0.0)]

    def to_bytes(self) -> bytes:
        """Pickled size, to compare with the router."""
        return pickle.dumps((self.vectorizer, self.svc))


def main(argv: list[str] | None = None) -> None:
    """Train, predict one letter at a time, write {"label"} lines, print the figures as JSON last."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--train", help="CSV with columns text,label")
    ap.add_argument("--test", help="CSV with columns text,label (label unused)")
    ap.add_argument("--out", help="JSONL predictions, one {'label': ...} per test row")
    ap.add_argument("--scale", type=int, help="train on this many synthesised letters instead")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--model", choices=["router", "baseline"], default="router", help="baseline: char 1-3 + SVC"
    )
    a = ap.parse_args(argv)
    if a.scale:
        train_x, train_y = synthesise(a.scale, a.seed)
        test_x, _ = synthesise(LATENCY_SAMPLE, a.seed + 1)
    elif a.train and a.test:
        train_x, train_y = read_csv(a.train)
        test_x, _ = read_csv(a.test)
    else:
        ap.error("give --train and --test, or --scale N")
    started, started_cpu = time.perf_counter(), time.process_time()
    router = (
        train_router(train_x, train_y, seed=a.seed) if a.model == "router" else Baseline(train_x, train_y)
    )
    train_s, train_cpu_s = time.perf_counter() - started, time.process_time() - started_cpu
    latencies, cpu_latencies, predicted = [], [], []
    for text in test_x:
        t0, c0 = time.perf_counter(), time.thread_time()
        suggestions = router.predict(text)
        latencies.append((time.perf_counter() - t0) * 1000)
        cpu_latencies.append((time.thread_time() - c0) * 1000)
        predicted.append(suggestions[0])
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            for s in predicted:
                line = {"label": s.label, "confidence": round(s.confidence, 4)}
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
    figures = {
        "n_train": len(train_x),
        "n_test": len(test_x),
        "train_s": round(train_s, 2),
        # CPU seconds of this process (not of its feature workers, if any): on a shared machine wall
        # time also counts other people's work
        "train_cpu_s": round(train_cpu_s, 2),
        "predict_ms_p50": round(float(np.percentile(latencies, 50)), 3),
        "predict_ms_p95": round(float(np.percentile(latencies, 95)), 3),
        # CPU time of the predicting thread: the same figure without the waits of a busy machine
        "predict_cpu_ms_p50": round(float(np.percentile(cpu_latencies, 50)), 3),
        "predict_cpu_ms_p95": round(float(np.percentile(cpu_latencies, 95)), 3),
        "model_bytes": len(router.to_bytes()),
    }
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
