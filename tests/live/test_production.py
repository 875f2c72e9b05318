"""The documented production configuration, for real: media uploaded to and served from
S3-compatible storage (renditions included), the shared cache keeping one count for all the
workers."""

import requests


def test_media_and_renditions_live_on_s3_compatible_storage(production_server):
    server = production_server
    fiche = requests.get(f"{server.url}/api/v1/metiers/data-scientist/", timeout=60).json()
    image = fiche["image"]
    urls = [rendition["url"] for rendition in image["renditions"].values()]
    assert urls
    for url in urls:
        assert url.startswith(server.s3.url + "/" + server.s3.BUCKET + "/")
        served = requests.get(url, timeout=30)
        assert served.status_code == 200
        assert served.headers["Content-Type"].startswith("image/")
        assert len(served.content) > 100


def test_three_workers_share_one_count(production_server):
    """Per-process counters would let each of the three workers accept its own 300 writes."""
    server = production_server
    session = requests.Session()
    session.headers["X-Forwarded-For"] = "192.0.2.123"
    accepted = sum(
        session.post(f"{server.url}/api/v1/parcours/", json={}, timeout=60).status_code == 201
        for _ in range(450)
    )
    assert accepted <= 300 + 15  # the limit, give or take requests racing on the counter
