"""Influencer campaigns: landing pages, short links with QR codes, and first-party counts."""
