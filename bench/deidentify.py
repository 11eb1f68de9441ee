"""De-identify letters in bulk, or measure leak and keep rates on a labelled set. Prints JSON.

  python -m bench.deidentify --input LETTERS.csv --out MASKED.jsonl
      LETTERS.csv has columns id,text; MASKED.jsonl gets one {"id", "text"} per row, de-identified.
  python -m bench.deidentify --labelled SET.jsonl [--report FAILURES.jsonl]
      SET.jsonl has one {"id", "text", "personal": [...], "keep": [...]} per letter: ``personal``
      items are strings or {"kind", "text", "fragments"}; an item leaks when any fragment (or its
      digits, for numbers) is still in the output. ``keep`` terms must still be there.
  python -m bench.deidentify --labelled builtin [--count 400 --seed 2026]
      the synthetic set of tests/knowledge_base/deid_corpus.py.
The last line printed is one JSON object: letters, wall and CPU milliseconds per letter, and for a
labelled set leak_rate (personal items left / planted) and keep_rate (terms kept / planted), by kind too.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import re
import sys
import time
from collections.abc import Iterable

from knowledge_base.deidentify import redact
from knowledge_base.pii_patterns import half_width

csv.field_size_limit(sys.maxsize)
_NUMBER_KINDS = {"mobile", "landline", "id_card", "bank_card", "qq"}


def _digits(text: str) -> str:
    return re.sub(r"\D", "", half_width(text))


def leaked(item: dict, output: str) -> bool:
    """True when a planted personal item (or any of its fragments) is still readable in ``output``."""
    fragments = item.get("fragments") or [item["text"]]
    if any(f in output for f in fragments):
        return True
    if item.get("kind") in _NUMBER_KINDS:
        digits = _digits(item["text"])
        return len(digits) >= 5 and digits in _digits(output)
    return False


def score(rows: Iterable[dict], outputs: dict[str, str]) -> dict:
    """Leak and keep rates of ``outputs`` (id → de-identified text) against the labelled ``rows``."""
    planted, left = collections.Counter(), collections.Counter()
    terms = kept = 0
    failures = []
    for row in rows:
        output = outputs[row["id"]]
        items = [p if isinstance(p, dict) else {"kind": "item", "text": p} for p in row.get("personal", [])]
        missed = [p for p in items if leaked(p, output)]
        for p in items:
            planted[p.get("kind", "item")] += 1
        for p in missed:
            left[p.get("kind", "item")] += 1
        lost = [k for k in row.get("keep", []) if k not in output]
        terms += len(row.get("keep", []))
        kept += len(row.get("keep", [])) - len(lost)
        if missed or lost:
            failures.append({"id": row["id"], "output": output, "leaked": missed, "lost": lost})
    total = sum(planted.values())
    return {
        "personal_items": total,
        "leaked": sum(left.values()),
        "leak_rate": round(sum(left.values()) / total, 4) if total else 0.0,
        "terms": terms,
        "keep_rate": round(kept / terms, 4) if terms else 1.0,
        "leak_rate_by_kind": {k: round(left[k] / n, 4) for k, n in sorted(planted.items())},
        "failures": failures,
    }


def _run(rows: list[dict]) -> tuple[dict[str, str], dict]:
    redact("预热：我叫王伟，家住长沙市岳麓区中山路1号。")  # load the model and place names outside the timing
    started, cpu = time.perf_counter(), time.process_time()
    outputs = {row["id"]: redact(row["text"]).text for row in rows}
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    n = max(len(rows), 1)
    return outputs, {
        "ms_per_letter": round(1000 * wall / n, 2),
        "cpu_ms_per_letter": round(1000 * cpu / n, 2),
    }


def main(argv: list[str] | None = None) -> None:
    """De-identify a CSV into JSON lines, or score a labelled set."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", help="CSV with columns id,text")
    ap.add_argument("--out", help="JSON lines written for --input")
    ap.add_argument("--labelled", help="labelled JSON lines, or 'builtin'")
    ap.add_argument("--count", type=int, default=400)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--report", help="write the letters with a leak or a lost term here (JSON lines)")
    a = ap.parse_args(argv)
    if bool(a.input) == bool(a.labelled) or (a.input and not a.out):
        ap.error("give --input CSV --out JSONL, or --labelled SET")
    if a.input:
        with open(a.input, encoding="utf-8", newline="") as f:
            rows = [{"id": r["id"], "text": r["text"] or ""} for r in csv.DictReader(f)]
        outputs, timing = _run(rows)
        with open(a.out, "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps({"id": row["id"], "text": outputs[row["id"]]}, ensure_ascii=False) + "\n")
        print(json.dumps({"letters": len(rows)} | timing))
        return
    if a.labelled == "builtin":
        from tests.knowledge_base.deid_corpus import letters

        rows = letters(a.count, a.seed)
    else:
        with open(a.labelled, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
    outputs, timing = _run(rows)
    result = score(rows, outputs)
    failures = result.pop("failures")
    if a.report:
        with open(a.report, "w", encoding="utf-8") as f:
            for failure in failures:
                f.write(json.dumps(failure, ensure_ascii=False) + "\n")
    chars = sum(len(r["text"]) for r in rows)
    print(
        json.dumps(
            {"letters": len(rows), "avg_chars": round(chars / max(len(rows), 1))} | timing | result,
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
