"""Walk the portal's pages as a user would: follow every same-site link from the home page.

Used by the checks that must hold on every page (form hints that exist, Chinese without stray
English). Pages whose paths differ only in numbers (/suggestions/12/ and /suggestions/13/) share a
template, so a few of each shape are enough.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.test import Client

# Not pages: downloads, exports, the API and its schema, the admin, signing out.
SKIP = re.compile(
    r"^/(api/|admin/|static/|media/|favicon)|/(export|download|files?|scan|attachments?)/|\.(xlsx|csv|pdf|json|ics)$|[?&](format|export)="
)
NUMBER = re.compile(r"\d+")
# Not the page's prose: scripts and styles, and what is shown as code (a file's column names, a URL).
NOT_PROSE = {"script", "style", "code", "kbd", "samp", "pre"}


@dataclass
class Page(HTMLParser):
    """What the checks need from a page: its links, the ids present and the ids referred to, its text."""

    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    described_by: list[tuple[str, str]] = field(default_factory=list)  # (element, id referred to)
    text: list[str] = field(default_factory=list)
    primary_actions: list[str] = field(default_factory=list)  # the text-less tags of .button--primary
    _skip_depth: int = 0

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        for ref in a.get("aria-describedby", "").split():
            self.described_by.append((f"<{tag} name={a.get('name', '')!r}>", ref))
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if "button--primary" in a.get("class", "").split():
            self.primary_actions.append(f"<{tag} {a.get('href') or a.get('name') or a.get('value') or ''}>")
        if tag in NOT_PROSE:
            self._skip_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in NOT_PROSE and self._skip_depth:
            self._skip_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip_depth and data.strip():
            self.text.append(data.strip())


def crawl(
    client: Client, start: str = "/", *, per_shape: int = 2, limit: int = 400
) -> Iterator[tuple[str, Page]]:
    """Yield (path, parsed page) for each HTML page reached from `start` with a 200 answer."""
    seen: set[str] = set()
    shapes: Counter[str] = Counter()
    queue = deque([start])
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = Page()
        page.feed(response.content.decode())
        yield url, page
        for href in page.links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/") or SKIP.search(href):
                continue
            shape = NUMBER.sub("#", parts.path)
            if href in seen or shapes[shape] >= per_shape:
                continue
            shapes[shape] += 1
            queue.append(href)
