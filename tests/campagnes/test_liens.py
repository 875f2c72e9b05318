"""Short links: the redirect, its QR codes, and the visit counts that identify nobody."""

import io
import os
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from PIL import Image

from cms.campagnes.models import LienCourt, VisiteJour

from .conftest import USER_AGENT

pytestmark = pytest.mark.django_db


def decoder():
    """pyzbar over Debian's libzbar; CI installs both, so there it must not be missing."""
    try:
        from pyzbar.pyzbar import decode
    except (ImportError, OSError) as error:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"zbar is not installed here ({error})")
    return decode


def visits(code):
    return sum(VisiteJour.objects.filter(lien__code=code).values_list("visites", flat=True))


# The redirect


def test_known_code_redirects_with_utm_parameters(browser):
    response = browser.get("/go/tiktok-lea-cyber")
    assert response.status_code == 302
    assert response["Location"] == (
        "/campagnes/lea-cyber/?utm_source=tiktok&utm_medium=social"
        "&utm_campaign=lea-cyber&c=tiktok-lea-cyber"
    )
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response
    assert browser.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("code", ["TIKTOK-LEA-CYBER", "TikTok-Lea-Cyber", "tiktok-lea-cyber/"])
def test_codes_are_case_insensitive(browser, code):
    response = browser.get(f"/go/{code}")
    assert response.status_code == 302
    assert response["Location"].endswith("c=tiktok-lea-cyber")


def test_a_link_can_open_another_page(browser, campagne):
    LienCourt.objects.create(
        code="affiche-alex-pentester",
        campagne=campagne,
        page=campagne.get_site().root_page.get_children().get(slug="metiers"),
        utm_source="affiche",
        utm_medium="print",
        utm_campaign="semaine-2026",
    )
    response = browser.get("/go/Affiche-Alex-Pentester")
    assert response["Location"] == (
        "/metiers/?utm_source=affiche&utm_medium=print&utm_campaign=semaine-2026"
        "&c=affiche-alex-pentester"
    )


def test_codes_are_unique_whatever_their_case(campagne):
    with pytest.raises(ValidationError) as error:
        LienCourt(code=" TikTok-Alex-Test", campagne=campagne).full_clean()
    assert "existe déjà" in error.value.message_dict["code"][0]
    lien = LienCourt(code="Insta-Alex-Test", campagne=campagne)
    lien.full_clean()
    assert lien.code == "insta-alex-test"
    with pytest.raises(IntegrityError), transaction.atomic():
        LienCourt.objects.create(code="TIKTOK-ALEX-TEST", campagne=campagne)
    assert LienCourt.objects.filter(code__iexact="tiktok-alex-test").count() == 1


@pytest.mark.parametrize("code", ["léa-cyber", "lea cyber", "lea--cyber", "-lea", "lea/cyber", ""])
def test_unreadable_codes_are_refused_in_french(campagne, code):
    with pytest.raises(ValidationError) as error:
        LienCourt(code=code, campagne=campagne).full_clean()
    [message] = error.value.message_dict["code"]
    assert "tirets" in message or "vide" in message
    assert LienCourt.objects.filter(campagne=campagne).count() == 1


@pytest.mark.parametrize(
    "code",
    ["inconnu", "tiktok-lea-cyber-x", "<script>", "' OR '1'='1", "a" * 3000, "%00", "..%2f..%2f"],
)
def test_unknown_or_hostile_codes_give_the_site_404_page(browser, code):
    response = browser.get(f"/go/{code}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert response.content == browser.get("/cette-page-n-existe-pas/").content
    assert not VisiteJour.objects.filter(lien__code=code.lower()).exists()


def test_link_of_an_unpublished_campaign_gives_404(browser, campagne):
    campagne.unpublish()
    assert browser.get("/go/tiktok-alex-test").status_code == 404
    assert visits("tiktok-alex-test") == 0


def test_only_get_and_head_are_answered(browser):
    assert browser.post("/go/tiktok-lea-cyber").status_code == 405
    assert browser.head("/go/tiktok-lea-cyber").status_code == 302


# QR codes


def test_qr_png_decodes_back_to_the_short_link(client):
    decode = decoder()
    response = client.get("/go/tiktok-lea-cyber/qr.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    [symbol] = decode(image)
    assert symbol.type == "QRCODE"
    assert symbol.data.decode() == "http://testserver/go/tiktok-lea-cyber"


def test_qr_code_of_any_case_encodes_the_canonical_link(client):
    decode = decoder()
    response = client.get("/go/TIKTOK-LEA-CYBER/qr.png")
    [symbol] = decode(Image.open(io.BytesIO(response.content)))
    assert symbol.data.decode() == "http://testserver/go/tiktok-lea-cyber"


def test_qr_svg_is_a_standalone_svg_of_the_same_link(client):
    response = client.get("/go/tiktok-lea-cyber/qr.svg", {"download": ""})
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == 'attachment; filename="qr-tiktok-lea-cyber.svg"'
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}title").text == (
        "http://testserver/go/tiktok-lea-cyber"
    )
    assert root.find("{http://www.w3.org/2000/svg}path") is not None


def test_qr_of_an_unknown_code_is_404(client):
    assert client.get("/go/inconnu/qr.png").status_code == 404
    assert client.get("/go/inconnu/qr.svg").status_code == 404


def test_admin_lists_short_links_with_qr_downloads(admin_client_fr):
    response = admin_client_fr.get("/admin/snippets/campagnes/liencourt/")
    assert response.status_code == 200
    assert b'href="/go/tiktok-lea-cyber/qr.png?download"' in response.content
    assert b'href="/go/tiktok-lea-cyber/qr.svg?download"' in response.content


# Counting without tracking


def test_visits_are_counted_per_day_in_one_row(browser, campagne):
    for _ in range(3):
        browser.get("/go/tiktok-alex-test")
    browser.get("/go/TIKTOK-ALEX-TEST")
    rows = VisiteJour.objects.filter(lien__code="tiktok-alex-test")
    assert [(row.jour, row.visites) for row in rows] == [(timezone.localdate(), 4)]


def test_a_new_day_starts_a_new_row(browser, campagne):
    lien = campagne.liens.get()
    yesterday = timezone.localdate() - timedelta(days=1)
    VisiteJour.objects.create(lien=lien, jour=yesterday, visites=7)
    browser.get("/go/tiktok-alex-test")
    assert sorted(lien.visites.values_list("jour", "visites")) == [
        (yesterday, 7),
        (timezone.localdate(), 1),
    ]


@pytest.mark.parametrize(
    "user_agent",
    [
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Twitterbot/1.0",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "WhatsApp/2.23.20.0 A",
        "TelegramBot (like TwitterBot)",
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like "
        "Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5",
        # iMessage's link preview
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) "
        "Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0",
        "Viber/20.3",
        "Snap URL Preview Service; bot; snapchat; https://developers.snap.com/robots",
        "curl/8.5.0",
        "python-requests/2.32",
        "",
        "Mozilla/5.0 " + "x" * 600,
    ],
)
def test_robots_and_link_previews_are_not_counted(client, campagne, user_agent):
    response = client.get("/go/tiktok-alex-test", HTTP_USER_AGENT=user_agent)
    assert response.status_code == 302  # the redirect still works for them
    assert visits("tiktok-alex-test") == 0


@pytest.mark.parametrize(
    "user_agent",
    [
        USER_AGENT,
        # TikTok's and Instagram's in-app browsers: students following the link.
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
        "like Gecko) Mobile/15E148 musical_ly_31.5.0 JsSdk/2.0 NetType/WIFI Channel/App Store",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
        "like Gecko) Mobile/15E148 Instagram 300.0.0.0",
    ],
)
def test_students_browsers_are_counted(client, campagne, user_agent):
    client.get("/go/tiktok-alex-test", HTTP_USER_AGENT=user_agent)
    assert visits("tiktok-alex-test") == 1


def test_prefetches_and_head_requests_are_not_counted(browser, campagne):
    browser.get("/go/tiktok-alex-test", HTTP_SEC_PURPOSE="prefetch")
    browser.get("/go/tiktok-alex-test", HTTP_PURPOSE="prefetch")
    browser.head("/go/tiktok-alex-test")
    assert visits("tiktok-alex-test") == 0


def test_nothing_identifying_is_stored(browser, campagne):
    browser.get(
        "/go/tiktok-alex-test",
        REMOTE_ADDR="203.0.113.42",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        HTTP_REFERER="https://www.tiktok.com/@alex.test/video/123",
        HTTP_COOKIE="sessionid=abc123",
    )
    with connection.cursor() as cursor:
        columns = [
            column.name
            for column in connection.introspection.get_table_description(
                cursor, VisiteJour._meta.db_table
            )
        ]
    assert sorted(columns) == ["id", "jour", "lien_id", "visites"]
    [row] = VisiteJour.objects.filter(lien__code="tiktok-alex-test").values()
    stored = " ".join(str(value) for value in row.values())
    for secret in ["203.0.113", "198.51.100", "Mozilla", "abc123", "tiktok.com", "Chrome"]:
        assert secret not in stored


def test_oversized_headers_never_make_a_500(client, campagne):
    response = client.get(
        "/go/tiktok-alex-test",
        HTTP_USER_AGENT="Mozilla/5.0 " + "(" * 20000,
        HTTP_SEC_PURPOSE="x" * 20000,
    )
    assert response.status_code == 302
    assert visits("tiktok-alex-test") == 0
