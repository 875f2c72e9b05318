"""Which visits are people: robots and link-preview fetchers are left out of the counts.

The maintained list of `crawlerdetect` (search engines, social previewers such as
facebookexternalhit, Twitterbot, Slackbot, WhatsApp, TelegramBot, Discordbot, LinkedInBot,
Applebot, SkypeUriPreview), plus the few previewers it misses. Its patterns slow down sharply
on very long strings (seconds at 8 kB), so a user agent longer than any browser's is not
matched at all: it is not counted.
"""

import re

from crawlerdetect import CrawlerDetect

MAX_USER_AGENT = 512
MISSED_PREVIEWERS = re.compile(r"viber|link ?preview|preview ?service|bitlybot", re.IGNORECASE)
_detector = CrawlerDetect()


def is_bot(user_agent):
    """True for robots, previewers, a missing user agent or one no browser would send."""
    if not user_agent or len(user_agent) > MAX_USER_AGENT:
        return True
    return bool(MISSED_PREVIEWERS.search(user_agent)) or _detector.isCrawler(user_agent)


def is_prefetch(headers):
    """Browsers announce speculative loads; a prefetch is not a visit."""
    purpose = headers.get("Sec-Purpose", "") or headers.get("Purpose", "")
    return "prefetch" in purpose.lower()
