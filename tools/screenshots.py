"""Take the README's screenshots from a running demo (`make run` in another terminal).

    .venv/bin/python tools/screenshots.py [--url http://127.0.0.1:8000] [--out docs/screenshots]

Signs in as the demo HR inspector and saves the staff registry, the first employee's personal
card and the staffing table as PNG files. Uses Debian's Chromium like the browser tests.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kadry.browser_tests import launch_chromium  # noqa: E402 (needs the project on sys.path)

USERNAME = "inspector"
PASSWORD = "demo12345"  # the demo's password, printed by `manage.py demo`
VIEWPORT = {"width": 1280, "height": 800}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="where the demo is served")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="folder for the PNG files")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(base_url=args.url, viewport=VIEWPORT, locale="ru-RU")
        page.goto("/accounts/login/")
        page.fill("#id_username", USERNAME)
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Войти").click()

        page.goto("/staff/employees/")
        page.screenshot(path=args.out / "employee-list.png")
        page.locator("#employee-rows a[href*='/staff/employees/']").first.click()
        page.wait_for_load_state()
        page.screenshot(path=args.out / "personal-card.png")
        page.goto("/staff/staffing/")
        page.screenshot(path=args.out / "staffing-table.png")
        browser.close()
    print(f"Saved 3 screenshots to {args.out}")


if __name__ == "__main__":
    main()
