"""Placeholder: this area's pages are being built."""

urlpatterns = []
