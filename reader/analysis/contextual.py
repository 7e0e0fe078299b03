"""Contextual BERTScore between sentences, from all-MiniLM-L6-v2's token vectors (ONNX Runtime).

    scores = encoder().bertscore(left_texts, right_texts)
    scores.precision[i, j]   # left sentence i's word pieces found in right sentence j
    scores.recall[i, j]      # right sentence j's found in left sentence i
    scores.part[i, j]        # the best F1 of a clause of either against the whole other
    scores.won_precision[i, j]  # left sentence i's pieces whose best match on the right is in j
    scores.won_recall[i, j]     # right sentence j's pieces whose best match on the left is in i

Each sentence goes through the encoder once (data/minilm_l6_int8.onnx: the sentence encoder
fine-tuned on our labelled article pairs, bench/finetune_encoder.py, then exported with 7-bit
weights, which every x86 CPU multiplies exactly, bench/export_encoder.py), so every word piece's
vector reflects its sentence: "pushed back his decision" and "delayed" meet here where a static
table of word vectors sees different words. Then BERTScore (Zhang et al. 2020): each word piece of one
sentence is matched to its most similar piece of the other, and the matches are averaged,
weighted by each piece's IDF among the sentences of both articles. [CLS], [SEP] and pieces
without a letter or digit are left out.

This is the comparison's meaning signal (held out on align-dev it is the one signal that beat
the static table on every set of paired splits; docs/comparison.md, "The comparison's judgement"). The
encoder loads on first use (~0.1 s after importing ONNX Runtime). Each call of the model runs
on one thread with its spinning turned off, and a comparison's new sentences are shared out
among one such call per core (at most MAX_THREADS): on two free cores a comparison never made
before waits about 40% less, for about the same CPU time (README, bench_compare.py). A small
cache keeps the sentences of the latest comparisons, which the app compares again as the reader
switches outlets.
No UI imports.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import math
import os
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from reader.analysis import wordpiece
from reader.analysis.cancel import Cancel, Cancelled, check
from reader.analysis.encoder_errors import EncoderUnavailable
from reader.analysis.encoder_file import MODEL_PATH
from reader.analysis.vector_cache import DEFAULT_MAX_BYTES, VectorCache, file_digest, stored_size
from reader.analysis.wordpiece import WordPiece

__all__ = ["ENCODING_PROGRESS", "Encoder", "PairScores", "encoder"]

_DATA = Path(__file__).resolve().parent / "data"
MAX_PIECES = 254  # the encoder reads at most 256 tokens, [CLS] and [SEP] included
CACHE_SENTENCES = 512  # ~8 MB of float16 vectors: a story's articles, compared again
BLOCK_PIECES = 1024  # left pieces matched at once (similarities: 4 KB per right piece)
# A block's product against a long right side (1,024 x 45,000 pieces: 0.2-2 s) is made this many
# multiply-adds at a time, `cancel()` asked between them (~0.05-0.15 s each). Its parts are whole
# multiples of PRODUCT_ROWS right pieces and each far above the sizes where OpenBLAS switches
# to its small-matrix kernels: BLAS then computes every similarity as in one product, the same
# to the bit (a test checks it); a smaller product is made at once.
PRODUCT_BUDGET = 1 << 29
PRODUCT_ROWS = 64
TOUCH_BYTES = 2 << 20  # a product's fresh memory is first written this much at a time (_touched)
MAX_THREADS = 4  # sentences encoded at once, at most (one a core)
# Who hears how far a long encoding has come, as (sentences done, sentences to encode): the CLI's
# progress line while `reader compare` encodes two long articles. Set around a call; an encoding
# of fewer than PROGRESS_FROM new sentences (well under a second) is not reported.
ENCODING_PROGRESS: ContextVar[Callable[[int, int], None] | None] = ContextVar("encoding_progress", default=None)
PROGRESS_FROM = 100
# Where a sentence divides into clauses (docs/comparison.md, "A fact told in one clause"): after these
# punctuation pieces (not between digits: "1,000", "10:30"), at a double hyphen, and before these
# words (the reported-speech "that" most of all); a clause of fewer kept pieces than MIN_CLAUSE
# joins the one before it.
CLAUSE_AFTER = (",", ";", ":", "—", "–")
CLAUSE_BEFORE = (
    "and", "but", "who", "which", "that", "after", "while", "because", "where", "when", "as", "saying", "according",
)  # fmt: skip
MIN_CLAUSE = 3
# A piece counts as won by its best sentence on the other side only from this similarity up:
# the median similarity of a piece's second-best sentence on align-dev (session 13). Without it,
# an article of one to three sentences has no rivals, so every match looks won, and short
# articles got linked wrongly (first 3 sentences of 147 labelled pairs: F1 0.706 -> 0.671; with
# it 0.738).
WIN_FLOOR = 0.45


def _import_onnxruntime() -> Any:
    """ONNX Runtime, with its usage telemetry off. Since 1.29 it uploads telemetry to Microsoft
    by default on Linux and macOS, from the moment it is imported, and keeps a device id and an
    upload queue in ~/.cache/Microsoft; a news reader has no business phoning anyone, so
    ORT_DISABLE_TELEMETRY=1 is set first, the opt-out it reads once at start: nothing is written
    or sent. A user who sets the variable otherwise is left to it."""
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    import onnxruntime

    return onnxruntime


def default_threads() -> int:
    """One encoding thread per core this process may run on, at most MAX_THREADS."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_THREADS, cores))


@dataclass(frozen=True)
class Encoded:
    """One sentence: its kept word pieces, their unit vectors (float16 rows), and where each of
    its clauses starts among the kept pieces (None: one clause)."""

    ids: np.ndarray
    vectors: np.ndarray
    clauses: np.ndarray | None = None

    def clause_starts(self) -> np.ndarray:
        return np.zeros(1, np.int64) if self.clauses is None else self.clauses


@dataclass(frozen=True)
class PairScores:
    precision: np.ndarray  # (left sentences, right sentences)
    recall: np.ndarray
    # The best F1 of one sentence's clause against the whole other sentence, either way round:
    # a fact one side tells in a sentence of its own, the other in one clause of a longer one.
    part: np.ndarray
    # Precision (recall) counting only the pieces whose best match in the whole other article
    # lies in this partner (and reaches WIN_FLOOR): a sentence that explains a part of the other
    # better than any other sentence does, not one that half-matches what a closer one matches.
    won_precision: np.ndarray
    won_recall: np.ndarray

    @property
    def f1(self) -> np.ndarray:
        # Clamped at 0 first: two sentences of junk ("161 161 gray63") can score a slightly
        # negative precision beside a positive recall, and their unclamped F1 ran to -19 or +89,
        # a feature far outside anything the link model was fitted on.
        return _f1(self.precision, self.recall)


class Encoder:
    def __init__(self, model_path: Path, tokenizer: WordPiece, threads: int | None = None):
        """`threads`: sentences encoded at once (default_threads() when None); each call of the
        model itself runs on one thread."""
        self.model_path = Path(model_path)
        self._session: Any = None  # made on the first sentence to encode (the session property)
        self._session_lock = threading.Lock()
        self.tokenizer = tokenizer
        self.cls, self.sep = self.tokenizer.vocab["[CLS]"], self.tokenizer.vocab["[SEP]"]
        # Pieces left out of the matching: special tokens and pure punctuation.
        self.skip = np.array(
            [t.startswith("[") or not any(c.isalnum() for c in t.removeprefix("##")) for t in tokenizer.tokens]
        )
        self.clause_marks = ClauseMarks.of(tokenizer)
        self._cache: OrderedDict[str, Encoded] = OrderedDict()
        self.disk: VectorCache | None = None  # set by keep_on_disk()
        self._digest: str | None = None
        self._lock = threading.Lock()
        self.threads = default_threads() if threads is None else max(1, threads)
        self._pool: ThreadPoolExecutor | None = None

    @property
    def session(self) -> Any:
        """The ONNX Runtime session, made when the first sentence must be encoded (~0.2 s): a
        comparison whose sentences are all in the on-disk cache never waits for it."""
        with self._session_lock:
            if self._session is None:
                try:
                    self._session = self._new_session()
                except Exception as exc:
                    raise EncoderUnavailable(
                        f"the comparison's sentence encoder could not be loaded ({type(exc).__name__}: {exc}); "
                        "reinstall ONNX Runtime: pip install --force-reinstall 'onnxruntime>=1.30'"
                    ) from exc
            return self._session

    def _new_session(self) -> Any:
        """A session on the encoder's model file, ONNX Runtime imported first (the caller holds the lock)."""
        onnxruntime = _import_onnxruntime()  # on first comparison only: ~0.25 s, never at start-up

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        # Idle worker threads would otherwise spin between calls, doubling the CPU time.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        # ONNX Runtime's fused skip-connection + layer norm kernel is slower than the plain
        # ops on inputs this small: without it a sentence costs ~16% less (1.48 vs 1.76
        # ms), with the same links on align-dev (docs/comparison.md, "The contextual BERTScore").
        return onnxruntime.InferenceSession(
            str(self.model_path),
            options,
            providers=["CPUExecutionProvider"],
            disabled_optimizers=["SkipLayerNormFusion"],
        )

    def digest(self) -> str:
        """Which model this is, run by which ONNX Runtime (the on-disk cache keeps each one's vectors
        apart: releases before 1.30 computed them up to 0.026 apart, so a runtime upgraded under a
        cache could mix two runtimes' vectors in one comparison)."""
        with self._lock:
            if self._digest is None:
                self._digest = runtime_digest(file_digest(self.model_path), _runtime_version())
            return self._digest

    @classmethod
    def load(cls, model_path: Path = MODEL_PATH, vocab_path: Path = _DATA / "token_vocab.txt") -> "Encoder":
        return cls(model_path, wordpiece.shared(vocab_path))

    def encode(self, texts: Sequence[str], cancel: Cancel | None = None) -> list[Encoded]:
        """Each text's kept word pieces and their contextual unit vectors. `cancel()` true
        raises Cancelled at the next sentence; those encoded by then are kept, whole."""
        out: list[Encoded | None] = []
        missing: dict[str, list[int]] = {}
        with self._lock:
            for k, text in enumerate(texts):
                found = self._cache.get(text)
                if found is not None:
                    self._cache.move_to_end(text)
                else:
                    missing.setdefault(text, []).append(k)
                out.append(found)
        disk = self.disk
        # A comparison of two long articles (more sentences than CACHE_SENTENCES) keeps all of
        # them till the next call: comparing them again must not encode them all again.
        keep = len(set(texts))
        if missing and disk is not None:
            kept = disk.get_many(list(missing))
            self._remember(missing, {text: Encoded(*arrays) for text, arrays in kept.items()}, out, keep)
        if missing:
            texts = list(missing)
            stopped: PartlyEncoded | None = None
            try:
                fresh = dict(zip(texts, self._run(texts, cancel)))
            except PartlyEncoded as partly:
                fresh, stopped = partly.done, partly
            # Stopped part-way: the sentences encoded so far are whole, and kept (comparing the
            # pair again goes on from there); nothing else is.
            self._remember(missing, fresh, out, keep)
            if disk is not None:
                disk.put_many([(text, (e.ids, e.vectors, e.clauses)) for text, e in fresh.items()])
            if stopped is not None:
                raise Cancelled() from None
        return [e for e in out if e is not None]

    def store(self, texts: Sequence[str], cancel: Cancel | None = None) -> tuple[int, int] | None:
        """Encode those of `texts` the on-disk cache lacks and keep them there, not in this
        process's memory (a pass over a whole corpus would push out the sentences being
        compared). (bytes all of `texts` take on disk now, sentences encoded for it), or None
        when there is no usable disk cache (nothing would outlast the process). `cancel()` true
        raises Cancelled at the next sentence, after keeping those encoded by then."""
        disk = self.disk
        if disk is None or disk.broken is not None:
            return None
        wanted = list(dict.fromkeys(texts))
        kept = disk.present(wanted)
        with self._lock:
            in_memory = {t: self._cache[t] for t in wanted if t not in kept and t in self._cache}
        missing = [t for t in wanted if t not in kept and t not in in_memory]
        try:
            fresh = {**in_memory, **dict(zip(missing, self._run(missing, cancel)))}
        except PartlyEncoded as partly:
            disk.put_many([(text, (e.ids, e.vectors, e.clauses)) for text, e in {**in_memory, **partly.done}.items()])
            raise Cancelled() from None
        disk.put_many([(text, (e.ids, e.vectors, e.clauses)) for text, e in fresh.items()])
        if disk.broken is not None:
            return None
        size = sum(kept.values()) + sum(stored_size((e.ids, e.vectors, e.clauses)) for e in fresh.values())
        return size, len(missing)

    def _remember(self, missing: dict[str, list[int]], found: dict[str, Encoded], out: list, keep: int = 0) -> None:
        """Place `found` where `missing` says, keep it in memory, and strike it from `missing`;
        keep at most CACHE_SENTENCES, or the `keep` latest ones (the call's own) if more."""
        with self._lock:
            for text, encoded in found.items():
                for k in missing.pop(text):
                    out[k] = encoded
                self._cache[text] = encoded
            while len(self._cache) > max(CACHE_SENTENCES, keep):
                self._cache.popitem(last=False)

    def _run(self, texts: list[str], cancel: Cancel | None = None) -> list[Encoded]:
        """Each text through the encoder, on up to `self.threads` threads (this one included).
        `cancel()` is asked before each sentence (one model call, a few ms): once true, every
        thread stops at its next one and PartlyEncoded carries those done."""
        report = ENCODING_PROGRESS.get() if len(texts) >= PROGRESS_FROM else None
        helpers = min(self.threads, len(texts)) - 1
        out: list[Encoded | None] = [None] * len(texts)
        order = iter(range(len(texts)))
        taking = threading.Lock()
        done = 0

        def work() -> None:
            nonlocal done
            while True:
                if cancel is not None and cancel():
                    return
                with taking:
                    k = next(order, None)
                if k is None:
                    return
                out[k] = self._encode_one(texts[k])
                if report is not None:
                    with taking:  # one report at a time, counts in order
                        done += 1
                        report(done, len(texts))

        if helpers <= 0:
            work()
            return _whole(texts, out)

        pool = self._helpers()
        started = [pool.submit(work) for _ in range(helpers)]
        try:
            work()
        finally:
            with taking:  # after a failure here, the helpers stop at their next sentence
                for _ in order:
                    pass
            for future in started:
                # A helper still queued behind another comparison's finds nothing left to do:
                # cancel it rather than wait for its turn.
                if not future.cancel():
                    future.result()
        return _whole(texts, out)

    def _encode_one(self, text: str) -> Encoded:
        # One sentence a call: the model quantises its activations to 8 bits with one scale for the
        # whole input, so a sentence batched with others (or padded) would come out a little
        # differently each time, and `compare A B` could differ from `compare B A`. Alone, it
        # comes out the same on whichever thread and in whatever order (a test checks it).
        pieces = np.array([self.cls, *self.tokenizer.ids(text)[:MAX_PIECES], self.sep], np.int64)[None, :]
        # No attention mask: the graph has none (one sentence, never padded: ~9% faster).
        (tokens,) = self.session.run(None, {"input_ids": pieces})
        keep = ~self.skip[pieces[0]]
        vectors = tokens[0][keep].astype(np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        clauses = clause_starts(pieces[0][1:-1].tolist(), keep[1:-1].tolist(), self.clause_marks)
        return Encoded(pieces[0][keep], vectors.astype(np.float16), clauses)

    def _helpers(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max(1, self.threads - 1), thread_name_prefix="encoder")
            return self._pool

    def bertscore(self, left: Sequence[str], right: Sequence[str], cancel: Cancel | None = None) -> PairScores:
        """BERTScore precision and recall of every sentence pair, IDF-weighted over both sides
        (`cancel()` true: Cancelled, at the next sentence encoded or block of pieces matched)."""
        encoded = self.encode(list(left) + list(right), cancel)
        return bertscore(encoded[: len(left)], encoded[len(left) :], cancel)


class PartlyEncoded(Cancelled):
    """Encoder._run stopped by its `cancel()`: `done` holds the sentences encoded by then."""

    def __init__(self, done: dict[str, Encoded]) -> None:
        super().__init__()
        self.done = done


def _whole(texts: Sequence[str], out: Sequence[Encoded | None]) -> list[Encoded]:
    """Encoder._run's result: every text's encoding, or PartlyEncoded when it stopped part-way."""
    if any(e is None for e in out):
        raise PartlyEncoded({text: e for text, e in zip(texts, out) if e is not None})
    return list(out)  # type: ignore[arg-type]  # none is None


@dataclass(frozen=True)
class ClauseMarks:
    """The word-piece ids where clauses divide (CLAUSE_AFTER, CLAUSE_BEFORE), "-", and which
    pieces are digits or continue a word."""

    after: frozenset[int]
    before: frozenset[int]
    hyphen: int
    digits: np.ndarray
    continuation: np.ndarray

    @classmethod
    def of(cls, tokenizer: WordPiece) -> "ClauseMarks":
        vocab = tokenizer.vocab
        return cls(
            frozenset(vocab[t] for t in CLAUSE_AFTER if t in vocab),
            frozenset(vocab[t] for t in CLAUSE_BEFORE if t in vocab),
            vocab.get("-", -1),
            np.array([t.removeprefix("##").isdigit() for t in tokenizer.tokens]),
            np.array([t.startswith("##") for t in tokenizer.tokens]),
        )


def clause_starts(ids: Sequence[int], kept: Sequence[bool], marks: ClauseMarks) -> np.ndarray:
    """Where each clause of a sentence starts, counted in its kept pieces (the first at 0).
    `ids` are the sentence's word pieces without [CLS]/[SEP], `kept` which of them are matched."""
    cuts = []
    count = 0  # kept pieces before the current one
    last = len(ids) - 1
    for n, piece in enumerate(ids):
        if piece in marks.before and count and (n == last or not marks.continuation[ids[n + 1]]):
            cuts.append(count)
        if kept[n]:
            count += 1
        elif piece in marks.after:
            if not (0 < n < last and marks.digits[ids[n - 1]] and marks.digits[ids[n + 1]]):
                cuts.append(count)
        elif piece == marks.hyphen and n < last and ids[n + 1] == marks.hyphen:
            cuts.append(count)
    starts: list[int] = []
    for start, end in zip([0, *cuts], [*cuts, count]):
        if end <= start:
            continue
        if starts and (end - start < MIN_CLAUSE or start - starts[-1] < MIN_CLAUSE):
            continue  # joins the clause before
        starts.append(start)
    return np.array(starts or [0], np.int64)


def _idf(sentences: Sequence[Encoded]) -> dict[int, float]:
    df: dict[int, int] = {}
    for sentence in sentences:
        for t in set(sentence.ids.tolist()):
            df[t] = df.get(t, 0) + 1
    return {t: math.log((len(sentences) + 1) / (c + 0.5)) for t, c in df.items()}


def bertscore(left: Sequence[Encoded], right: Sequence[Encoded], cancel: Cancel | None = None) -> PairScores:
    """(precision, recall) matrices: left's pieces matched in right's, and right's in left's;
    the best clause-against-sentence F1 of each pair (PairScores.part); and both counted over
    the pieces each pair wins (PairScores.won_precision, won_recall). `cancel()` is asked before
    each block of left pieces (a fraction of a second on long articles)."""
    shape = (len(left), len(right))
    precision, recall, part = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    won_precision, won_recall = np.zeros(shape), np.zeros(shape)
    idf = _idf(list(left) + list(right))
    check(cancel)
    full_l = [i for i, s in enumerate(left) if len(s.ids)]
    full_r = [j for j, s in enumerate(right) if len(s.ids)]
    if not full_l or not full_r:
        return PairScores(precision, recall, part, won_precision, won_recall)
    b = _stacked([right[j].vectors for j in full_r], cancel)
    right_starts = np.cumsum([0] + [len(right[j].ids) for j in full_r[:-1]])
    weights_r = np.array([idf[t] for j in full_r for t in right[j].ids.tolist()])
    right_mass = np.maximum(np.add.reduceat(weights_r, right_starts), 1e-12)
    check(cancel)
    right_clauses, right_first = _clauses([right[j] for j in full_r], right_starts)
    right_clause_mass = np.maximum(np.add.reduceat(weights_r, right_clauses), 1e-12)
    # Left sentences a block at a time: the piece-by-piece similarities of two long articles
    # would not fit in memory at once (12,000 x 12,000 pieces: 576 MB).
    blocks = _blocks(full_l, [len(left[i].ids) for i in full_l])
    similarity = None  # the last block's, its memory used again for the next (see _product)
    for block in blocks:
        check(cancel)
        a = np.vstack([left[i].vectors for i in block]).astype(np.float32)
        starts = np.cumsum([0] + [len(left[i].ids) for i in block[:-1]])
        clauses, first = _clauses([left[i] for i in block], starts)
        check(cancel)
        similarity = _product(a, b, cancel, similarity)  # the block's pieces against every right piece
        check(cancel)  # and between the block's steps: one block of two long articles takes a second
        # The best match of each piece within each clause of the other side, then within each
        # sentence (the best of its clauses): one pass over the similarities each way.
        best_in_right_clause = _max_of_columns(similarity, right_clauses, cancel)  # (pieces, right clauses)
        best_in_right = np.maximum.reduceat(best_in_right_clause, right_first, axis=1)  # (pieces, right sentences)
        check(cancel)
        best_in_clause = _max_of_rows(similarity, clauses)  # (left clauses, right pieces)
        best_in_left = _max_of_rows(best_in_clause, first)  # (block sentences, right pieces)
        check(cancel)
        weights_l = np.array([idf[t] for i in block for t in left[i].ids.tolist()])
        left_mass = np.maximum(np.add.reduceat(weights_l, starts), 1e-12)
        p = np.add.reduceat(weights_l[:, None] * best_in_right, starts, axis=0) / left_mass[:, None]
        r = np.add.reduceat(best_in_left * weights_r[None, :], right_starts, axis=1) / right_mass[None, :]
        check(cancel)
        # Each left clause against each whole right sentence, then each right clause against
        # each whole left sentence: the same sums over clauses instead of sentences.
        clause_mass = np.maximum(np.add.reduceat(weights_l, clauses), 1e-12)
        clause_p = np.add.reduceat(weights_l[:, None] * best_in_right, clauses, axis=0) / clause_mass[:, None]
        check(cancel)
        clause_r = np.add.reduceat(best_in_clause * weights_r[None, :], right_starts, axis=1) / right_mass[None, :]
        left_part = np.maximum.reduceat(_f1(clause_p, clause_r), first, axis=0)
        check(cancel)
        clause_p = np.add.reduceat(weights_l[:, None] * best_in_right_clause, starts, axis=0) / left_mass[:, None]
        clause_r = np.add.reduceat(best_in_left * weights_r[None, :], right_clauses, axis=1) / right_clause_mass
        right_part = np.maximum.reduceat(_f1(clause_p, clause_r), right_first, axis=1)
        rows, columns = np.ix_(block, full_r)
        precision[rows, columns] = p
        recall[rows, columns] = r
        part[rows, columns] = np.maximum(left_part, right_part)
        won_precision[rows, columns] = _won_share(best_in_right, weights_l, starts, left_mass)
        if len(blocks) == 1:  # one block holds every right piece's best left sentence
            won_recall[rows, columns] = _won_share(best_in_left.T, weights_r, right_starts, right_mass).T
    if len(blocks) > 1:
        # Several blocks: a right piece's best left sentence may lie in any of them. Keeping every
        # block's matches would undo the blocks' bound on memory, so the right side is matched
        # against the left a block at a time instead (one more pass, for long articles only).
        won_recall[np.ix_(full_l, full_r)] = _won_against([right[j] for j in full_r], left, full_l, idf, cancel).T
    return PairScores(precision, recall, part, won_precision, won_recall)


def _won_against(
    sentences: Sequence[Encoded],
    other: Sequence[Encoded],
    full: list[int],
    idf: dict[int, float],
    cancel: Cancel | None = None,
) -> np.ndarray:
    """Row k, column n: sentence k's IDF-weighted similarity over those of its pieces whose best
    match among the `other` sentences listed in `full` lies in other[full[n]] (as _won keeps
    them): PairScores.won_precision with `sentences` on the left."""
    b = _stacked([other[k].vectors for k in full], cancel)
    other_starts = np.cumsum([0] + [len(other[k].ids) for k in full[:-1]])
    out = np.zeros((len(sentences), len(full)))
    similarity = None  # as in bertscore: one block's memory used again for the next
    for block in _blocks(list(range(len(sentences))), [len(s.ids) for s in sentences]):
        check(cancel)
        a = np.vstack([sentences[k].vectors for k in block]).astype(np.float32)
        starts = np.cumsum([0] + [len(sentences[k].ids) for k in block[:-1]])
        weights = np.array([idf[t] for k in block for t in sentences[k].ids.tolist()])
        mass = np.maximum(np.add.reduceat(weights, starts), 1e-12)
        similarity = _product(a, b, cancel, similarity)
        best = np.maximum.reduceat(similarity, other_starts, axis=1)  # (block pieces, other sentences)
        out[block] = _won_share(best, weights, starts, mass)
    return out


def _product(a: np.ndarray, b: np.ndarray, cancel: Cancel | None, spare: np.ndarray | None = None) -> np.ndarray:
    """a @ b.T, asking `cancel()` between parts of about PRODUCT_BUDGET multiply-adds (see there).
    `spare`: a product made before against the same `b` (the previous block's), whose memory is
    written over instead of new memory's (see _touched)."""
    per_row = max(1, a.size)  # multiply-adds per row of b
    rows = len(b)
    if rows * per_row <= PRODUCT_BUDGET or rows < 2 * PRODUCT_ROWS:
        return a @ b.T
    step = max(PRODUCT_ROWS, PRODUCT_BUDGET // per_row // PRODUCT_ROWS * PRODUCT_ROWS)
    dtype = np.result_type(a, b)
    if spare is not None and spare.shape[1] == rows and len(spare) >= len(a) and spare.dtype == dtype:
        out = spare[: len(a)]
    else:
        out = _touched((len(a), rows), dtype, cancel)
    start = 0
    while start < rows:
        end = start + step
        if rows - end < PRODUCT_ROWS:  # the rest joins this part: no part of a few rows
            end = rows
        # b's rows a part at a time: `a` (one block) stays in the cache while b streams by once.
        out[:, start:end] = a @ b[start:end].T
        start = end
        if start < rows:
            check(cancel)
    return out


def _touched(shape: tuple[int, int], dtype: np.dtype, cancel: Cancel | None) -> np.ndarray:
    """An uninitialised array whose memory has been written a band of rows at a time, `cancel()`
    asked between bands. The first part of a product writes a few columns of every row of a
    fresh array, so the kernel zeroes all its pages then (a block's 70 MB): 0.05-0.4 s of CPU
    in the one step before the first check, that a cancel waited for."""
    out = np.empty(shape, dtype)
    band = max(1, TOUCH_BYTES // max(1, out.strides[0]))
    for start in range(0, shape[0], band):
        out[start : start + band] = 0
        check(cancel)
    return out


def _stacked(vectors: list[np.ndarray], cancel: Cancel | None) -> np.ndarray:
    """np.vstack(vectors).astype(np.float32) (the same numbers: float16 and float32 vectors are
    copied exactly), in memory made by _touched: a long side's pieces are ~30 MB."""
    out = _touched((sum(len(v) for v in vectors), vectors[0].shape[1]), np.dtype(np.float32), cancel)
    row = 0
    for v in vectors:
        out[row : row + len(v)] = v
        row += len(v)
    return out


def _max_of_columns(matrix: np.ndarray, starts: np.ndarray, cancel: Cancel | None) -> np.ndarray:
    """np.maximum.reduceat(matrix, starts, axis=1), a band of rows at a time with `cancel()`
    asked between (the same maxima: each row's are its own): one pass over a block's 70 MB of
    similarities took ~0.1 s of CPU."""
    out = np.empty((len(matrix), len(starts)), matrix.dtype)
    band = max(1, TOUCH_BYTES // max(1, matrix.strides[0]))
    for start in range(0, len(matrix), band):
        out[start : start + band] = np.maximum.reduceat(matrix[start : start + band], starts, axis=1)
        check(cancel)
    return out


def _max_of_rows(matrix: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """np.maximum.reduceat(matrix, starts, axis=0) for increasing `starts`, a group of rows at a
    time: the same maxima, over ten times faster on a block's similarities (reduceat goes down
    each column of a group apart)."""
    out = np.empty((len(starts), matrix.shape[1]), matrix.dtype)
    ends = [*starts[1:].tolist(), len(matrix)]
    for k, (start, end) in enumerate(zip(starts.tolist(), ends)):
        if end > start:
            np.maximum.reduce(matrix[start:end], axis=0, out=out[k])
        else:  # as reduceat: a group that does not go forward is its first row
            out[k] = matrix[start]
    return out


def _won_share(best: np.ndarray, weights: np.ndarray, starts: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """(sentences, other sentences): from each piece's best similarity in each sentence of the
    other side (`best`, a row a piece), the IDF-weighted share each sentence (its pieces from
    `starts`, their weight `mass`) gets in each other sentence, counting a piece only where that
    sentence holds its best match of all (ties: each) and the match reaches WIN_FLOOR."""
    won = np.where((best == best.max(axis=1, keepdims=True)) & (best >= WIN_FLOOR), best, 0.0)
    return np.add.reduceat(weights[:, None] * won, starts, axis=0) / mass[:, None]


def _clauses(sentences: Sequence[Encoded], starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where every clause starts among the sentences' concatenated pieces (sentence k's pieces
    from starts[k]), and the index of each sentence's first clause in that list."""
    clauses = [sentence.clause_starts() + start for sentence, start in zip(sentences, starts)]
    first = np.cumsum([0] + [len(c) for c in clauses[:-1]])
    return np.concatenate(clauses), first


def _f1(precision: np.ndarray, recall: np.ndarray) -> np.ndarray:
    precision, recall = np.maximum(precision, 0.0), np.maximum(recall, 0.0)
    total = precision + recall
    return np.divide(2 * precision * recall, total, out=np.zeros_like(total), where=total > 0)


def _blocks(sentences: list[int], sizes: list[int]) -> list[list[int]]:
    """Consecutive groups of sentences of at most BLOCK_PIECES pieces (a longer one alone)."""
    out: list[list[int]] = [[]]
    total = 0
    for sentence, size in zip(sentences, sizes):
        if out[-1] and total + size > BLOCK_PIECES:
            out.append([])
            total = 0
        out[-1].append(sentence)
        total += size
    return out


_ENCODER: Encoder | None = None
_LOCK = threading.Lock()
_DISK_FOLDER: Path | None = None


def _runtime_version() -> str:
    """The installed ONNX Runtime's version, read from its metadata (no import: the cache is read
    by processes that never encode)."""
    try:
        return importlib.metadata.version("onnxruntime")
    except importlib.metadata.PackageNotFoundError:
        return "none"


def runtime_digest(model_digest: str, runtime_version: str) -> str:
    """The cache's name for vectors of one model computed by one runtime release (16 hex digits)."""
    return hashlib.sha1(f"{model_digest}\n{runtime_version}".encode()).hexdigest()[:16]


def keep_on_disk(folder: Path | None) -> None:
    """Keep the shipped encoder's sentences in `folder` between runs as well (None: memory only).
    The Library calls it with the user cache dir; the encoder itself never writes anywhere."""
    global _DISK_FOLDER
    with _LOCK:
        _DISK_FOLDER = Path(folder) if folder is not None else None
        if _ENCODER is not None:
            _attach_disk(_ENCODER)


def _attach_disk(model: Encoder) -> None:
    current = model.disk
    if _DISK_FOLDER is None:
        model.disk = None
    elif current is None or current.path.parent != _DISK_FOLDER:
        model.disk = VectorCache(_DISK_FOLDER, model.digest())
    if current is not None and current is not model.disk:
        current.close()


def disk_max_bytes() -> int | None:
    """The bytes the shipped encoder's on-disk cache keeps (None: it keeps none), known without
    loading the encoder."""
    with _LOCK:
        if _ENCODER is not None:
            return None if _ENCODER.disk is None else _ENCODER.disk.max_bytes
        return None if _DISK_FOLDER is None else DEFAULT_MAX_BYTES


def encoder() -> Encoder:
    """The shipped encoder, loaded once per process (thread-safe)."""
    global _ENCODER
    if _ENCODER is None:
        with _LOCK:
            if _ENCODER is None:
                _ENCODER = Encoder.load()
                _attach_disk(_ENCODER)
    return _ENCODER
