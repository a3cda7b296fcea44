"""Vectors of fixed texts (the playbooks' and the method notes' ``about`` lines), kept on disk between calls.

Embedding them took most of a CLI call's start-up. The cache lives in the app's home dir
(``<home>/cache/vectors/<kind>.npz``) and is keyed by a hash of the embedder's fingerprint (model id,
engine version, model file) and of the texts themselves, in order. A file that does not load, whose key
differs, or whose vectors are not the shape, finite values and checksum it was written with is ignored:
the vectors are computed again and the file rewritten. Nothing is ever read that was not written for
exactly these texts by exactly this model, so a stale or damaged cache costs time, never a wrong answer.
A home dir that cannot be written only means no cache.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

log = logging.getLogger(__name__)

FORMAT = 1  # bump when the file layout changes: older files then simply miss


def cache_dir() -> Path | None:
    """Where vectors are kept: ``<ASSISTANT_HOME>/cache/vectors``, or None when the settings cannot be read."""
    from .errors import ConfigError
    from .settings import Settings

    try:
        return Settings.from_env().home / "cache" / "vectors"
    except ConfigError:
        return None


def key_of(fingerprint: str, texts: Sequence[str]) -> str:
    """The cache key: the embedder's fingerprint and every text, in order."""
    blob = json.dumps({"format": FORMAT, "model": fingerprint, "texts": list(texts)}, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _checksum(vectors) -> str:
    return hashlib.sha256(vectors.tobytes()).hexdigest()


def load(path: Path, key: str, count: int):
    """The vectors stored at ``path`` for ``key`` (a float32 array of ``count`` rows), or None: missing, another
    key, or damaged in any way."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["key"]) != key:
                return None
            vectors = np.array(data["vectors"], dtype=np.float32)
            checksum = str(data["checksum"])
    except Exception as exc:  # noqa: BLE001 - a damaged file is only a miss
        if path.exists():
            log.info("vector cache %s unreadable (%s): computing again", path, exc)
        return None
    if (vectors.ndim != 2 or vectors.shape[0] != count or vectors.shape[1] == 0
            or not np.isfinite(vectors).all() or _checksum(vectors) != checksum):
        log.info("vector cache %s does not check out: computing again", path)
        return None
    return vectors


def save(path: Path, key: str, vectors) -> bool:
    """Write ``vectors`` for ``key`` atomically (a reader sees the old file or the new one, never half)."""
    import numpy as np

    vectors = np.asarray(vectors, dtype=np.float32)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.stem + ".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            np.savez(f, key=np.array(key), vectors=vectors, checksum=np.array(_checksum(vectors)))
        os.replace(tmp, path)
        return True
    except OSError as exc:
        log.info("vector cache %s not written (%s)", path, exc)
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


def document_vectors(kind: str, texts: Sequence[str], fingerprint: str,
                     embed: Callable[[list[str]], list[list[float]]], *, where: Path | None = None) -> list[list[float]]:
    """``embed(texts)``, read from the cache file ``<kind>.npz`` when it holds exactly these texts' vectors by
    this embedder, else computed and written there."""
    texts = list(texts)
    if not texts:
        return []
    folder = where if where is not None else cache_dir()
    key = key_of(fingerprint, texts)
    path = folder / f"{kind}.npz" if folder is not None else None
    if path is not None:
        vectors = load(path, key, len(texts))
        if vectors is not None:
            return vectors.tolist()
    computed = embed(texts)
    if path is not None:
        save(path, key, computed)
    # What is returned is what a later call reads back: float32, as the engine gives them.
    import numpy as np

    return np.asarray(computed, dtype=np.float32).tolist()
