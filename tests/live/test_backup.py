"""Backup and restore, as docs/deploy.md describes them: pg_dump the production database,
restore it into a fresh database, rebuild the search index, and the API says the same things."""

import json
import re

import requests

LISTS = [
    ("metiers/", {"page_size": 100}),
    ("formations/", {"page_size": 100}),
    ("etablissements/", {"page_size": 100}),
    ("carte/", {"zoom": 6}),
    ("recherche/", {"q": "cybersécurité"}),
    ("recherche/suggestions/", {"q": "dev"}),
    ("test/", {}),
]
SIGNATURE = re.compile(r"\?(X-Amz-|AWSAccessKeyId=)[^\"]*")


def read(server, path, params):
    response = requests.get(f"{server.url}/api/v1/{path}", params=params, timeout=60)
    assert response.status_code == 200, (path, response.status_code)
    text = json.dumps(response.json(), sort_keys=True).replace(server.url, "")
    text = text.replace(f"/{server.env['AWS_STORAGE_BUCKET_NAME']}/", "/media-bucket/")
    return SIGNATURE.sub("", text)  # media URLs are signed anew at every answer


def same(restored, production, path, params):
    """Fail with the first difference, not with two truncated documents."""
    mine, theirs = read(restored, path, params), read(production, path, params)
    at = next((i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b), 0)
    assert mine == theirs, (
        f"{path}: restored {mine[at - 80 : at + 80]!r} != {theirs[at - 80 : at + 80]!r}"
    )


def test_a_restored_backup_serves_identical_api_output(production_server, restored_server):
    for path, params in LISTS:
        same(restored_server, production_server, path, params)
    metiers = requests.get(f"{production_server.url}/api/v1/metiers/", timeout=60).json()
    details = [f"metiers/{item['slug']}/" for item in metiers["results"][:10]]
    assert len(details) == 10
    for path in details:
        same(restored_server, production_server, path, {})
