"""The shared contract, run on both backends."""

import pytest

from .contract import SearchContract


class TestDatabaseBackend(SearchContract):
    @pytest.fixture
    def backend(self, database_backend):
        return database_backend


class TestEngineBackend(SearchContract):
    @pytest.fixture
    def backend(self, engine_backend):
        return engine_backend
