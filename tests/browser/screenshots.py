"""`make screenshots`: PNGs of every page for each role at 390 and 1280 px, into screenshots/.

    python -m tests.browser.screenshots [--out screenshots]

Serves the demo data like the browser tests (own SQLite file, frozen clock) and needs chromium.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from tests.browser.live import DESKTOP, PHONE, launch_chromium, serve_demo
from tests.browser.pages import first_case_link, sign_in

# role (demo account, None for a citizen) → pages; "case:<list>" is the first case on that list.
TOUR = {
    "citizen": (
        None,
        [
            "/",
            "/write/consultation",
            "/write/complaint",
            "/write/mailbox",
            "/write/disclosure",
            "/track",
            "/letters",
            "/answers",
            "/statistics",
            "/login",
        ],
    ),
    "office": (
        "office",
        [
            "/office/",
            "case:/office/",
            "/office/cases",
            "/office/cases?due=overdue",
            "case:/office/cases?state=in_review",
            "/supervision/",
            "/supervision/extensions",
            "/office/opinions",
            "/office/opinions/new",
            "/knowledge/",
            "/office/publications",
            "case:/office/publications",
            "/office/dashboard",
            "/office/circulars",
            "/disclosure/annual",
            "/disclosure/import",
            "/inbox",
            "/staff/phone",
        ],
    ),
    "staff": ("yh1.staff", ["/staff/queue", "case:/staff/queue", "/supervision/", "/inbox", "/staff/phone"]),
    "head": (
        "yh1.head",
        ["/staff/queue?view=review", "case:/staff/queue?view=review", "/reports/division", "/supervision/"],
    ),
    "disclosure": ("zcfg.head", ["/staff/queue", "case:/staff/queue?view=review"]),
    "counsel": ("counsel", ["/staff/joint-reviews"]),
    "admin": (
        "admin",
        [
            "/admin/",
            "/admin/users",
            "/admin/users/new",
            "/admin/divisions",
            "/admin/calendar",
            "/admin/rules",
            "/admin/channels",
            "/admin/routing",
        ],
    ),
}


def _name(path: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "home"


def take(out: Path) -> list[Path]:
    """Walk the tour at both widths and write one full-page PNG per page; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve_demo(Path(tempfile.mkdtemp())) as server, launch_chromium() as browser:
        for role, (username, paths) in TOUR.items():
            for label, viewport in (("390", PHONE), ("1280", DESKTOP)):
                context = browser.new_context(viewport=viewport, locale="zh-CN")
                page = context.new_page()
                if username:
                    sign_in(page, server, username)
                for path in paths:
                    if path.startswith("case:"):
                        page.goto(server.url + path[5:])
                        if page.locator("table.cases td.number a").count() == 0:
                            continue
                        path = first_case_link(page)
                    page.goto(server.url + path)
                    target = out / f"{role}-{_name(path)}-{label}.png"
                    page.screenshot(path=str(target), full_page=True)
                    written.append(target)
                context.close()
    return written


def main() -> None:
    """Write the screenshots and say where they are."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="screenshots", type=Path)
    args = parser.parse_args()
    written = take(args.out)
    print(f"{len(written)} screenshots in {args.out}/")


if __name__ == "__main__":
    main()
