"""Serve the built site as a static host would, for `make serve`.

Python's own ``http.server`` answers a missing page with its bare "Error
response"; static hosts (GitHub Pages, Netlify) send the site's ``404.html``.
This does the same, on any port (0 picks a free one) and address, and prints
the address that works.

Usage: python scripts/serve.py [DIRECTORY] [--port 8000] [--bind 127.0.0.1]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import socket
from pathlib import Path


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm"}

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def addresses(bind: str, port: int) -> list[str]:
    """Where to point a browser: the bound address, or this machine's addresses when bound to all."""
    if bind not in ("", "0.0.0.0", "::"):
        host = f"[{bind}]" if ":" in bind else bind
        return [f"http://{host}:{port}/"]
    found = [f"http://127.0.0.1:{port}/"]
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            found.append(f"http://{probe.getsockname()[0]}:{port}/")
        except OSError:
            pass
    return found


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default="output")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1", help="0.0.0.0 to let phones on your network see it")
    args = parser.parse_args(argv)
    if not (Path(args.directory) / "index.html").is_file():
        parser.exit(1, f"serve: {args.directory}/index.html is missing; build the site first (make build)\n")
    handler = functools.partial(SiteHandler, directory=args.directory)
    family = socket.AF_INET6 if ":" in args.bind else socket.AF_INET
    server_class = type("SiteServer", (http.server.ThreadingHTTPServer,), {"address_family": family})
    with server_class((args.bind, args.port), handler) as httpd:
        port = httpd.server_address[1]
        print("Serving the site on " + " and ".join(addresses(args.bind, port)) + "  (Ctrl+C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            httpd.serve_forever()


if __name__ == "__main__":
    main()
