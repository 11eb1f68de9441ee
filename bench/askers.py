"""Measure the score above which a past letter "asked" what a knowledge-base entry answers.

The demo's 32 letters for 信件选登 (desk/demo/data/published.json, written for Desk) are labelled
by hand below with the starter answers (knowledge_base's 49) that answer them. Every letter is
scored against every public starter entry the way the desk does it (the entry index, the whole
letter as the query, one entry allowed), and precision, recall and F1 are printed for a range of
thresholds. Prints JSON on its last line.

    python -m bench.askers
"""

from __future__ import annotations

import json
from pathlib import Path

from knowledge_base import KnowledgeIndex, load_starter_answers

LETTERS = Path(__file__).resolve().parent.parent / "desk" / "demo" / "data" / "published.json"
# letter key -> the starter answers (by position in load_starter_answers()) that answer it
LABELS = {
    "p01": {8, 47},
    "p02": {9},
    "p03": {14},
    "p04": {1, 4},
    "p05": {0, 2},
    "p06": {38},
    "p07": {44},
    "p08": {17},
    "p09": {26},
    "p10": {34},
    "p11": {14},
    "p12": {20},
    "p13": {28, 30},
    "p14": {38},
    "p15": {22},
    "p16": {38},
    "p17": {14},
    "p18": {2, 0},
    "p19": {8},
    "p20": {38},
    "p21": {42, 47},
    "p22": {24},
    "p23": {9},
    "p24": {15},
    "p25": {18},
    "p26": {4},
    "p27": {38},
    "p28": {14},
    "p29": {36},
    "p30": {10},
    "p31": {27},
    "p32": {3, 5},
}
THRESHOLDS = [0, 10, 20, 30, 40, 50, 60, 80, 100]
RANKS = [1, 2, 3]


def main() -> None:
    """Score every (letter, public entry) pair and print the figures per rule (rank, threshold)."""
    answers = load_starter_answers()
    index = KnowledgeIndex()
    public = [i for i, a in enumerate(answers) if a.public]
    for i in public:
        a = answers[i]
        index.add(i, a.question, a.answer, a.topic)
    letters = json.loads(LETTERS.read_text(encoding="utf-8"))
    pairs = []  # (rank, score, label)
    for letter in letters:
        hits = index.suggest(f"{letter['subject']}\n{letter['content']}", k=len(public))
        ranked = {h.entry_id: (rank, h.score) for rank, h in enumerate(hits, 1)}
        for i in public:
            rank, score = ranked.get(i, (len(public) + 1, 0.0))
            pairs.append((rank, score, i in LABELS[letter["key"]]))
    positives = sum(1 for *_, label in pairs if label)
    rows = []
    for max_rank in RANKS:
        for threshold in THRESHOLDS:
            told = [label for rank, score, label in pairs if rank <= max_rank and score >= threshold]
            right = sum(told)
            precision = right / len(told) if told else 1.0
            recall = right / positives
            f1 = 2 * precision * recall / (precision + recall) if right else 0.0
            rows.append(
                {
                    "max_rank": max_rank,
                    "threshold": threshold,
                    "told": len(told),
                    "precision": round(precision, 3),
                    "recall": round(recall, 3),
                    "f1": round(f1, 3),
                }
            )
            print(
                f"rank<={max_rank} score>={threshold:>4}  told {len(told):>4}  "
                f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}"
            )
    print(json.dumps({"letters": len(letters), "entries": len(public), "positives": positives, "rows": rows}))


if __name__ == "__main__":
    main()
