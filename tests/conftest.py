"""Shared fixtures: the test database holds the real demo content, loaded once per session."""

import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    assert "test" in name or "memory" in name, f"refusing to load demo content into {name}"
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)


@pytest.fixture
def admin_client_fr(client, django_user_model):
    """A client logged in as a superuser."""
    user = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _clear_cache():
    """Wagtail caches site root paths: a test that rebuilds the tree must not leak into others."""
    cache.clear()
    yield
    cache.clear()
