"""The starter set of answers (答复口径) shipped with the library, written for this project."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["DIVISIONS", "StarterAnswer", "load_starter_answers"]

# Division codes of the desk; the app may word the names differently.
DIVISIONS = {
    "zhc": "综合处",
    "yh1": "银行一处",
    "yh2": "银行二处",
    "bxdb": "保险与担保监管处",
    "jrwd": "地方金融组织监管处",
    "jysc": "交易场所与股权市场监管处",
    "mjrz": "民间融资与非法集资处置处",
    "zcfg": "政策法规处",
    "rsc": "人事处",
}


@dataclass(frozen=True)
class StarterAnswer:
    """A curated answer: the question it serves, the answer text, and where it belongs."""

    key: str
    question: str
    answer: str
    topic: str
    division: str
    policy_basis: str
    public: bool


@cache
def _load() -> tuple[StarterAnswer, ...]:
    raw = resources.files("knowledge_base").joinpath("starter_answers.json").read_text(encoding="utf-8")
    return tuple(StarterAnswer(**item) for item in json.loads(raw))


def load_starter_answers() -> list[StarterAnswer]:
    """The starter answers, in file order."""
    return list(_load())
