"""CI must run the suite on the real services, never silently on the embedded defaults."""

import os

import pytest
from django.db import connection

IN_CI = os.environ.get("CI") == "true"


@pytest.mark.django_db
@pytest.mark.skipif(not IN_CI, reason="only CI is required to run on PostgreSQL")
def test_ci_runs_on_postgresql():
    assert connection.vendor == "postgresql", "CI must run the tests against PostgreSQL"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert cursor.fetchone()[0]
