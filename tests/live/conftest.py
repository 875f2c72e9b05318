"""Real servers for the tests that need one, each on its own throwaway database with the demo
content: the embedded default that `make run` starts (runserver, SQLite) and the production
configuration (gunicorn with three workers, production settings, the suite's database engine:
PostgreSQL in CI, Redis as the shared cache when one runs (TEST_REDIS_URL, set by CI; a database
cache otherwise), and media on an S3-compatible server on loopback (moto, from PyPI)).

The servers trust 127.0.0.1 as their proxy (TRUSTED_PROXIES), so that the tests can speak for
several clients through X-Forwarded-For, as a school's or a student's proxy would.
"""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests

from search.transport import Transport
from tests.search.conftest import ENGINE, ENGINE_URL

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )


def postgres_database(suite_url):
    """A new database on the suite's PostgreSQL server; returns (url, drop)."""
    import psycopg

    parsed = urlparse(suite_url)
    name = f"tdn_live_{secrets.token_hex(4)}"
    admin = suite_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(
            admin.replace("postgres://", "postgresql://", 1), autocommit=True
        ) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{parsed.scheme}://{parsed.netloc}/{name}", drop


class S3Server:
    """An S3-compatible server on loopback (moto), with one bucket for the media."""

    BUCKET = "tdn-media"

    def __init__(self, tmp):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(f"{tmp}/s3.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                requests.get(self.url, timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.3)
        requests.put(f"{self.url}/{self.BUCKET}", timeout=10).raise_for_status()

    def settings(self, bucket=BUCKET):
        return {
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": self.url,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            # A private bucket, as a real one: media are served by signed URLs.
            "AWS_QUERYSTRING_AUTH": "true",
        }

    def copy_bucket(self, target):
        """What `aws s3 sync` does for a media backup: every object into another bucket."""
        import boto3

        client = boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )
        client.create_bucket(Bucket=target)
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=self.BUCKET):
            for item in page.get("Contents", []):
                source = {"Bucket": self.BUCKET, "Key": item["Key"]}
                client.copy_object(Bucket=target, Key=item["Key"], CopySource=source)
        return self.settings(target)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def engine_settings():
    """The search node the suite uses (required in CI), under indices of this server's own."""
    transport = Transport(ENGINE_URL, ENGINE)
    if not transport.ping():
        if os.environ.get("CI") == "true":
            raise RuntimeError(f"CI runs the production server on the engine: none at {ENGINE_URL}")
        return {}
    return {
        "SEARCH_URL": ENGINE_URL,
        "SEARCH_ENGINE": ENGINE,
        "SEARCH_INDEX_PREFIX": f"tdn-live-{secrets.token_hex(4)}",
    }


def other_cache(cache_url):
    """Another cache on the same server: a different Redis database or database table."""
    if cache_url.startswith("redis"):
        base, db = cache_url.rsplit("/", 1)
        return f"{base}/{(int(db or 0) + 1) % 16}"
    return cache_url + "_restored"


class Server:
    def __init__(self, kind, tmp, restore_from=None, database_url=None):
        self.kind = kind
        self.restored = restore_from is not None
        self.tmp = tmp
        self.s3 = None
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.drop = None
        suite_url = os.environ.get("DATABASE_URL", "")
        if restore_from is not None:
            # A copy of another server's database made with pg_dump and pg_restore.
            database_url, self.drop = postgres_database(suite_url)
            dump = f"{tmp}/{kind}.dump"
            source = restore_from.env["DATABASE_URL"].replace("postgres://", "postgresql://", 1)
            target = database_url.replace("postgres://", "postgresql://", 1)
            subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", source], check=True)
            subprocess.run(["pg_restore", "--no-owner", f"--dbname={target}", dump], check=True)
        elif database_url:
            pass  # a database of the caller's, on a PostgreSQL server of its own
        elif kind == "production" and suite_url.startswith("postgres"):
            database_url, self.drop = postgres_database(suite_url)
        else:
            database_url = f"sqlite:///{tmp}/{kind}.sqlite3"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
        env.update(
            DATABASE_URL=database_url,
            MEDIA_ROOT=f"{tmp}/media-{kind}",
            SEARCH_URL="",
            TRUSTED_PROXIES="127.0.0.1",
            LOG_LEVEL="WARNING",
        )
        if restore_from is not None:
            # Its own database, media, cache and indices: nothing is answered from the original's.
            env = {
                **restore_from.env,
                **restore_from.s3.copy_bucket(S3Server.BUCKET + "-restored"),
                "DATABASE_URL": database_url,
                "CACHE_URL": other_cache(restore_from.env["CACHE_URL"]),
                "SEARCH_INDEX_PREFIX": f"tdn-live-{secrets.token_hex(4)}",
            }
        elif kind == "production":
            self.s3 = S3Server(tmp)
            env.update(
                DJANGO_SETTINGS_MODULE="cms.settings.production",
                SECRET_KEY=secrets.token_urlsafe(50),
                ALLOWED_HOSTS="127.0.0.1,localhost",
                CACHE_URL=os.environ.get("TEST_REDIS_URL") or "dbcache://tdn_live_cache",
                SECURE_SSL_REDIRECT="false",
                SECURE_HSTS_SECONDS="0",
                **self.s3.settings(),
                **engine_settings(),
            )
        else:
            env.update(DJANGO_SETTINGS_MODULE="cms.settings.dev", DEBUG="false")
        self.env = env

    def start(self):
        if not self.restored:
            manage(self.env, "migrate", "--noinput")
        if self.kind != "embedded":
            manage(self.env, "createcachetable")
        if not self.restored:
            manage(self.env, "load_demo")
        if self.env["SEARCH_URL"]:
            manage(self.env, "search_rebuild")  # indices are rebuilt, never restored
        if self.kind != "embedded":
            command = [
                sys.executable, "-m", "gunicorn", "cms.wsgi", "--workers", "3", "--threads", "4",
                "--bind", f"127.0.0.1:{self.port}", "--timeout", "120",
            ]  # fmt: skip
        else:
            command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}",
                       "--noreload", "--insecure"]  # fmt: skip
        # To a file: a pipe nobody reads would fill up and block the server.
        self.log = open(f"{self.tmp}/{self.kind}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/api/v1/metiers/", timeout=30).status_code == 200:
                    return self
            except requests.RequestException:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"the {self.kind} server did not start")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        if self.s3:
            self.s3.stop()
        if self.drop:
            self.drop()
        if self.env["SEARCH_URL"]:
            transport = Transport(self.env["SEARCH_URL"], self.env["SEARCH_ENGINE"])
            for index in transport.indices_matching(f"{self.env['SEARCH_INDEX_PREFIX']}-*"):
                transport.delete_index(index)


@pytest.fixture(scope="session")
def servers():
    """Servers started on first use, once per session, stopped at its end."""
    started = {}
    with tempfile.TemporaryDirectory(prefix="tdn-live-") as tmp:

        def get(kind):
            if kind not in started:
                started[kind] = Server(kind, tmp).start()
            return started[kind]

        yield get
        for live in started.values():
            live.stop()


@pytest.fixture(params=["embedded", "production"])
def server(request, servers):
    return servers(request.param)


@pytest.fixture
def production_server(servers):
    return servers("production")


@pytest.fixture
def restored_server(servers, tmp_path):
    """A production server started on a pg_dump of the production server's database."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the backup and restore test on PostgreSQL")
        pytest.skip("backup and restore are tested on PostgreSQL (CI runs it)")
    live = Server("restored", str(tmp_path), restore_from=servers("production")).start()
    yield live
    live.stop()
