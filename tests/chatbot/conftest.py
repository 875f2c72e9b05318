"""A conversation with Charly, started through its service as the API does."""

import pytest

from chatbot import service


@pytest.fixture
def conversation():
    """A conversation started by the welcome flow: its id and Charly's first messages."""
    started = service.start_conversation()
    return started["id"], started
