"""Screenshot a kg graph page in headless chromium, for the README.

Usage::

    python scripts/screenshot.py OUTPUT_PNG [HTML] [--view actors] [--width 1400] [--height 860]

HTML defaults to ``output/graph.html`` (written by ``kg`` or :func:`kg.html.write_html`).
The page is opened from ``file://`` with every other request refused, and the picture is
taken once the layout is stable (``window.kgStable``).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def screenshot(html: Path, output: Path, *, view: str | None = None, width: int = 1400,
               height: int = 860, timeout_ms: int = 120_000) -> list[str]:
    """Render ``html`` and save a PNG to ``output``; return the requests that were refused."""
    from playwright.sync_api import sync_playwright

    refused: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height},
                                    device_scale_factor=1)

            def route(r):  # offline: only the file itself
                if r.request.url.startswith("file:"):
                    r.continue_()
                else:
                    refused.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.goto(html.resolve().as_uri())
            page.wait_for_function("() => window.kgStable", timeout=timeout_ms)
            if view:
                page.evaluate("v => window.kgSetView(v)", view)
                page.wait_for_function("v => window.kgStable && window.kgStable.view === v",
                                       arg=view, timeout=timeout_ms)
            page.wait_for_timeout(400)
            output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(output))
        finally:
            browser.close()
    return refused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="PNG file to write")
    parser.add_argument("html", type=Path, nargs="?", default=Path("output/graph.html"))
    parser.add_argument("--view", choices=["events", "actors"], default=None)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=860)
    args = parser.parse_args(argv)
    if not args.html.is_file():
        print(f"{args.html}: no such file; write one with kg.html.write_html", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM}: not found; install it with apt-get install chromium", file=sys.stderr)
        return 2
    refused = screenshot(args.html, args.output, view=args.view, width=args.width,
                         height=args.height)
    for url in refused:
        print(f"refused a network request: {url}", file=sys.stderr)
    print(args.output)
    return 1 if refused else 0


if __name__ == "__main__":
    raise SystemExit(main())
