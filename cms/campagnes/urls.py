from django.urls import path, re_path

from . import views

app_name = "campagnes"

urlpatterns = [
    re_path(r"^go/(?P<code>[^/]+)/?$", views.go, name="go"),
    path("go/<str:code>/qr.png", views.qr_png_view, name="qr-png"),
    path("go/<str:code>/qr.svg", views.qr_svg_view, name="qr-svg"),
]
