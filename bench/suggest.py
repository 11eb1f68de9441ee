"""Benchmark reply suggestions: rank a KB file for each query, or time the index at scale.

  python -m bench.suggest --kb KB.csv --queries Q.csv --out PRED.jsonl [--params JSON]
      KB.csv has columns question,reply (topic used when present); writes one
      {"kb_rows": [top 10 KB row indexes, best first], "confidence": p} per query row (0-based;
      confidence: the calibrated probability that the top answer is useful, when the KB has answers).
  python -m bench.suggest --scale 100000
      synthesises entries from the starter answers and generated Chinese text, then reports build
      time, the learned re-ranking's fitting time, query latency and memory.
The last stdout line is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import random
import sys
import time
import tracemalloc
from pathlib import Path

from knowledge_base import KnowledgeIndex, RankingParams, load_starter_answers

csv.field_size_limit(sys.maxsize)


def read_rows(path: str | Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file as dicts."""
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def make_params(overrides: dict | None) -> RankingParams:
    """Default ranking parameters with some replaced (weights merge key by key)."""
    base = RankingParams()
    if not overrides:
        return base
    overrides = dict(overrides)
    weights = {**base.weights, **overrides.pop("weights", {})}
    return dataclasses.replace(base, weights=weights, **overrides)


def build_index(kb: list[dict[str, str]], params: RankingParams, fit: bool = True) -> KnowledgeIndex:
    """Index KB rows by row number, then (``fit``) fit the learned re-ranking on them.

    A reply identical to its question is not indexed twice (so a KB of questions only has no answers
    and keeps the BM25 order).
    """
    index = KnowledgeIndex(params)
    for i, row in enumerate(kb):
        question, reply = row.get("question", ""), row.get("reply", "")
        index.add(i, question, "" if reply == question else reply, row.get("topic"))
    if fit:
        index.fit_reranker()
    return index


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def rank_file(kb_path: str, queries_path: str, out_path: str, params: RankingParams) -> dict:
    """Write the top 10 KB rows for each query and return timing figures."""
    kb, queries = read_rows(kb_path), read_rows(queries_path)
    start = time.perf_counter()
    index = build_index(kb, params)
    build_s = time.perf_counter() - start
    latencies = []
    with open(out_path, "w", encoding="utf-8") as out:
        for q in queries:
            t0 = time.perf_counter()
            hits = index.suggest(q["question"], k=10)
            latencies.append((time.perf_counter() - t0) * 1000)
            line = {"kb_rows": [h.entry_id for h in hits]}
            if hits and hits[0].confidence is not None:
                line["confidence"] = round(hits[0].confidence, 4)
            out.write(json.dumps(line) + "\n")
    return {
        "n_kb": len(kb),
        "n_queries": len(queries),
        "build_s": round(build_s, 3),
        "p50_ms": round(percentile(latencies, 50), 3),
        "p95_ms": round(percentile(latencies, 95), 3),
    }


_FILLER = [
    "关于",
    "咨询",
    "反映",
    "投诉",
    "举报",
    "请问",
    "公司",
    "平台",
    "资金",
    "本金",
    "利息",
    "合同",
    "借款",
    "出借",
    "还款",
    "逾期",
    "催收",
    "额度",
    "担保",
    "贷款",
    "典当",
    "租赁",
    "保理",
    "股权",
    "交易",
    "市场",
    "监管",
    "部门",
    "许可",
    "备案",
    "经营",
    "风险",
    "处置",
    "清退",
    "兑付",
    "理财",
    "投资",
    "收益",
    "承诺",
    "返利",
    "宣传",
    "广告",
    "门店",
    "社区",
    "老人",
    "养老",
    "保健品",
    "项目",
    "分红",
    "会员",
    "推荐",
    "县",
    "区",
    "街道",
    "小区",
    "银行",
    "账户",
    "转账",
    "工作日",
    "答复",
    "公开",
    "申请",
    "材料",
    "办理",
    "流程",
    "时间",
    "地址",
    "电话",
]


def synthetic_entries(n: int, seed: int = 7) -> list[tuple[str, str, str, dict]]:
    """n entries made from the starter answers with generated Chinese text mixed in."""
    rng = random.Random(seed)
    starters = load_starter_answers()
    out = []
    for i in range(n):
        s = starters[i % len(starters)]
        noise_q = "".join(rng.choices(_FILLER, k=rng.randint(4, 12)))
        noise_a = "".join(rng.choices(_FILLER, k=rng.randint(10, 40)))
        question = noise_q[: len(noise_q) // 2] + s.question + noise_q[len(noise_q) // 2 :]
        answer = s.answer[: rng.randint(40, len(s.answer))] + noise_a
        attrs = {"public": i % 3 != 0, "status": "published", "division": s.division}
        out.append((question, answer, s.topic, attrs))
    return out


def _rss_mb() -> float:
    """Resident memory of this process in MiB (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_scale(n: int, n_queries: int, params: RankingParams, trace: bool = False) -> dict:
    """Build an index of n synthetic entries and time queries against it (tracemalloc slows the build)."""
    entries = synthetic_entries(n)
    rng = random.Random(11)
    starters = load_starter_answers()
    queries = []
    for _ in range(n_queries):
        s = rng.choice(starters)
        words = "".join(rng.choices(_FILLER, k=rng.randint(1, 4)))
        queries.append(s.question[: rng.randint(6, max(7, len(s.question)))] + words)
    index = KnowledgeIndex(params)
    index.add(-1, "预热", "预热")  # load the segmenter and word lists before timing
    index.remove(-1)
    rss0 = _rss_mb()
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    for i, (q, a, t, attrs) in enumerate(entries):
        index.add(i, q, a, t, **attrs)
    build_s = time.perf_counter() - start
    traced = tracemalloc.get_traced_memory()[0] if trace else 0
    if trace:
        tracemalloc.stop()
    start = time.perf_counter()
    index.fit_reranker()
    fit_s = time.perf_counter() - start
    rss1 = _rss_mb()
    for q in queries[:20]:  # warm the per-term array cache, as a long-running process would be
        index.suggest(q, k=10)
    latencies, filtered, cpu = [], [], []
    for q in queries:
        t0, c0 = time.perf_counter(), time.thread_time()
        index.suggest(q, k=10)
        latencies.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
        t0 = time.perf_counter()
        index.suggest(q, k=5, filters={"public": True})
        filtered.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    for i in range(100):
        index.add(n + i, *entries[i][:3], **entries[i][3])
        index.remove(i)
    incremental_ms = (time.perf_counter() - t0) * 1000 / 200
    return {
        "n_kb": n,
        "n_queries": len(queries),
        "build_s": round(build_s, 2),
        "fit_reranker_s": round(fit_s, 2),
        "p50_ms": round(percentile(latencies, 50), 2),
        "p95_ms": round(percentile(latencies, 95), 2),
        # CPU time of the querying thread: the same figure without the waits of a busy machine
        "p50_cpu_ms": round(percentile(cpu, 50), 2),
        "p95_cpu_ms": round(percentile(cpu, 95), 2),
        "filtered_p95_ms": round(percentile(filtered, 95), 2),
        "add_or_remove_ms": round(incremental_ms, 2),
        "rss_delta_mb": round(rss1 - rss0, 1),
        **({"tracemalloc_mb": round(traced / 2**20, 1)} if trace else {}),
    }


def main(argv: list[str] | None = None) -> None:
    """Parse arguments and print the figures as JSON on the last line."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kb")
    ap.add_argument("--queries")
    ap.add_argument("--out")
    ap.add_argument("--params", help="JSON overrides of RankingParams")
    ap.add_argument("--scale", type=int)
    ap.add_argument("--n-queries", type=int, default=500)
    ap.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slow)")
    a = ap.parse_args(argv)
    params = make_params(json.loads(a.params) if a.params else None)
    if a.scale:
        figures = run_scale(a.scale, a.n_queries, params, a.tracemalloc)
    elif a.kb and a.queries and a.out:
        figures = rank_file(a.kb, a.queries, a.out, params)
    else:
        ap.error("give --kb, --queries and --out, or --scale N")
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
