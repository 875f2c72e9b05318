"""Production settings: secure by default, and nothing secret has a default."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "talentsdunumerique.fr",
    "DATABASE_URL": "postgres://tdn:secret@db.internal:5432/tdn",
    "WAGTAILADMIN_BASE_URL": "https://talentsdunumerique.fr",
    "CACHE_URL": "dbcache://tdn_cache",
}


def test_check_deploy_has_no_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    environment = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = run_manage("check", **environment)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    environment = {k: v for k, v in PRODUCTION.items() if k != "DATABASE_URL"}
    result = run_manage("check", **{**environment, "DATABASE_URL": ""})
    assert result.returncode != 0
    assert "DATABASE_URL must be set" in result.stderr


def test_production_refuses_a_per_process_cache():
    """Three workers with their own counters would each let the whole limit through."""
    for cache_url in ("locmemcache://", "dummycache://"):
        result = run_manage("check", **{**PRODUCTION, "CACHE_URL": cache_url})
        assert result.returncode != 0
        assert "CACHE_URL must name a shared cache" in result.stderr


def test_production_with_the_database_task_worker():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend", **PRODUCTION,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    worker = run_manage("db_worker", "--help", TASKS_BACKEND="django_tasks_db.DatabaseBackend",
                        **PRODUCTION)  # fmt: skip
    assert worker.returncode == 0, worker.stderr
