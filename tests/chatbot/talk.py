"""Reading Charly's answers in tests."""

import re


def flat(text):
    """Any kind of space (non-breaking, narrow) as a plain one, to compare with fiche figures."""
    return re.sub(r"\s+", " ", text)


def texts(response):
    return flat(" ".join(message["text"] for message in response["messages"]))


def cards(response):
    return [card for message in response["messages"] for card in message["cards"]]


def replies(response):
    return response["messages"][-1]["quick_replies"]


def reply_value(response, label_start):
    return next(r["value"] for r in replies(response) if r["label"].startswith(label_start))
