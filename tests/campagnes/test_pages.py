"""Campaign landing pages: served by the site with share tags, and by API v2 with short links."""

import io
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image

from cms.campagnes.models import CampagnePage, LienCourt
from tests.factories import EvenementFactory

pytestmark = pytest.mark.django_db
# Wagtail's listing of landing pages with their share image and short links, whatever their
# number: pages, their specific rows, images with their renditions, the links.
QUERIES = 7


def meta(soup, key):
    tag = soup.find("meta", property=key) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def test_landing_page_share_tags_point_to_an_existing_1200x630_rendition(client):
    response = client.get("/campagnes/lea-cyber/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    image_url = meta(soup, "og:image")
    assert image_url.startswith("http://testserver/")
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "twitter:image") == image_url
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
    assert meta(soup, "twitter:title") == meta(soup, "og:title") != ""
    path = urlparse(image_url).path
    assert path.startswith(settings.MEDIA_URL)
    with default_storage.open(path.removeprefix(settings.MEDIA_URL)) as stream:
        assert Image.open(io.BytesIO(stream.read())).size == (1200, 630)


def test_calls_to_action_carry_the_campaign(client):
    soup = BeautifulSoup(client.get("/campagnes/lea-cyber/").content, "html.parser")
    links = [a["href"] for a in soup.select(".appels a.button")]
    assert "/test/?c=lea-cyber" in links
    assert "/charly/?c=lea-cyber" in links
    assert "/metiers/pentester/?c=lea-cyber" in links
    # Arriving through a short link, the link's code is carried instead.
    soup = BeautifulSoup(
        client.get("/campagnes/lea-cyber/?c=TikTok-Lea-Cyber").content, "html.parser"
    )
    assert soup.select_one(".appels a.button")["href"] == "/test/?c=tiktok-lea-cyber"


def test_hostile_campaign_parameter_is_ignored(client):
    for value in ["<script>alert(1)</script>", "' OR 1=1 --", "a" * 5000, "%00", "é-ç"]:
        response = client.get("/campagnes/lea-cyber/", {"c": value})
        assert response.status_code == 200
        assert b"<script>alert" not in response.content
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select_one(".appels a.button")["href"] == "/test/?c=lea-cyber"


def test_video_is_embedded_without_cookies(client, campagne):
    campagne.video_url = "https://www.youtube.com/watch?v=abcDEF12345"
    campagne.video_titre = "Alex présente son métier"
    campagne.save_revision().publish()
    soup = BeautifulSoup(client.get(campagne.url).content, "html.parser")
    assert soup.find("iframe")["src"] == "https://www.youtube-nocookie.com/embed/abcDEF12345"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.tiktok.com/@lea/video/7234567890",
        "https://www.instagram.com/reel/Cabc123/",
        "https://evil.example/watch?v=abc",
        "https://youtube.com.evil.example/watch?v=abc",
    ],
)
def test_video_outside_the_allow_list_is_refused_in_french(campagne, url):
    campagne.video_url = url
    campagne.video_titre = "Une vidéo"
    with pytest.raises(ValidationError) as error:
        campagne.full_clean()
    assert "ne peut pas être intégrée" in " ".join(error.value.message_dict["video_url"])


def test_campaign_must_end_after_it_starts(campagne):
    campagne.fin = campagne.debut.replace(year=campagne.debut.year - 1)
    with pytest.raises(ValidationError) as error:
        campagne.full_clean()
    assert "fin" in error.value.message_dict


def test_api_v2_serves_the_landing_page_with_its_short_links(client):
    page = CampagnePage.objects.get(slug="lea-cyber")
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["type"] == "campagnes.CampagnePage"
    assert data["influenceur_compte"] == "@lea.cyber.demo"
    assert (data["plateforme"], data["theme"]) == ("tiktok", "femmes-diversite")
    assert data["image_partage"]["width"] == 1200
    assert data["image_partage"]["height"] == 630
    assert data["appels"][0]["type"] == "test"
    assert data["appels"][0]["value"]["url"] == "/test/"
    metier = next(block for block in data["appels"] if block["type"] == "metier")
    assert metier["value"]["slug"] == "pentester"
    assert data["liens_courts"] == [
        {
            "code": code,
            "url": f"http://testserver/go/{code}",
            "qr_png": f"http://testserver/go/{code}/qr.png",
            "qr_svg": f"http://testserver/go/{code}/qr.svg",
        }
        for code in ["affiche-lea-cyber", "tiktok-lea-cyber"]
    ]
    for link in data["liens_courts"]:
        png = client.get(link["qr_png"])
        assert png.status_code == 200
        assert png["Content-Type"] == "image/png"
        svg = client.get(link["qr_svg"])
        assert svg.status_code == 200
        assert svg["Content-Type"] == "image/svg+xml"


def test_api_v2_lists_campaigns_by_type(client):
    response = client.get(
        "/api/v2/pages/", {"type": "campagnes.CampagnePage", "fields": "theme,liens_courts"}
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert {item["theme"] for item in items} >= {
        "tech-for-good",
        "femmes-diversite",
        "orientation",
        "reconversion",
    }
    assert [len(item["liens_courts"]) for item in items] == [2, 2, 2, 2]


def test_listing_short_links_costs_the_same_queries_for_more_pages(
    client, campagne, django_assert_num_queries
):
    params = {"type": "campagnes.CampagnePage", "fields": "liens_courts,image_partage"}
    client.get("/api/v2/pages/", params)  # the site's root paths and the renditions, cached
    with django_assert_num_queries(QUERIES):
        assert len(client.get("/api/v2/pages/", params).json()["items"]) == 5
    other = CampagnePage(
        **{
            field: getattr(campagne, field)
            for field in ("influenceur_nom", "influenceur_compte", "plateforme", "theme")
        },
        title="Une autre campagne",
        slug="une-autre-campagne",
        debut=campagne.debut,
        fin=campagne.fin,
        image=CampagnePage.objects.get(slug="lea-cyber").image,
    )
    campagne.get_parent().add_child(instance=other)
    other.save_revision().publish()
    LienCourt.objects.create(code="une-autre", campagne=other)
    with django_assert_num_queries(QUERIES):
        assert len(client.get("/api/v2/pages/", params).json()["items"]) == 6


def test_a_call_to_action_can_open_a_semaine_event(client, campagne):
    evenement = EvenementFactory(titre="Escape game cyber au lycée Monge")
    campagne.appels = [
        {
            "type": "evenement",
            "value": {
                "titre": "Viens jouer",
                "texte": "",
                "bouton": "Je m'inscris",
                "evenement": evenement.pk,
            },
        }
    ]
    campagne.save_revision().publish()
    soup = BeautifulSoup(client.get(campagne.url).content, "html.parser")
    href = soup.select_one(".appels a.button")["href"]
    assert href == f"/semaine-du-numerique/?c=campagne-de-test#{evenement.slug}"
    data = client.get(f"/api/v2/pages/{campagne.pk}/").json()
    assert data["appels"][0]["value"]["slug"] == evenement.slug
    assert data["appels"][0]["value"]["url"] == f"/semaine-du-numerique/#{evenement.slug}"
    evenement.publie = False
    evenement.save()
    soup = BeautifulSoup(client.get(campagne.url).content, "html.parser")
    assert soup.select(".appels a.button") == []  # an unpublished event is not offered
