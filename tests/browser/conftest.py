"""Browser fixtures: one chromium and one live server (own SQLite file, demo data) for the run.

Every test gets fresh browser contexts from `open_page`, closed afterwards. The tests skip only
when /usr/bin/chromium is absent; CI (.ci/run) installs it, so there they run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.browser.live import CHROMIUM, DESKTOP, PHONE, LiveServer, launch_chromium, serve_demo
from tests.browser.pages import sign_in


def pytest_collection_modifyitems(config, items):
    """Skip the browser tests cleanly where chromium is not installed."""
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium fonts-noto-cjk)")
    for item in items:
        if "browser" in item.nodeid.split("/"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    """The desk with the demo data, served by werkzeug in a thread on a free port."""
    with serve_demo(tmp_path_factory.mktemp("live")) as server:
        yield server


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """One headless chromium for the whole run."""
    with launch_chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def signed_in() -> dict:
    """Each demo account's cookies after its first sign-in through the form, reused by later pages."""
    return {}


@pytest.fixture
def open_page(chromium, live_server, signed_in):
    """Factory: a page in a fresh browser context (phone-sized unless told), signed in as `user`."""
    contexts = []

    def open_(user: str | None = None, viewport: dict = PHONE):
        state = signed_in.get(user) if user else None
        context = chromium.new_context(viewport=viewport, locale="zh-CN", storage_state=state)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        if user and state is None:
            sign_in(page, live_server, user)
            signed_in[user] = context.storage_state()
        return page

    yield open_
    for context in contexts:
        context.close()


__all__ = ["DESKTOP", "PHONE"]
