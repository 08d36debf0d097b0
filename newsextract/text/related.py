"""Related-article teasers in a text dump.

Inside a related section every line gets a role (source, time, title,
summary, url) and teasers are assembled in page order.  Pages put a teaser's
source and age either *before* its title (daily8: "ArabGT / 3 hours ago /
- ArabGT / Title / Summary") or *after* it ("Title / 13 hours ago"); which one
is read off the section itself: whichever comes first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from .. import dates
from ..model import Teaser
from .features import CJK_CHAR
from .lines import Line

URL: Final = re.compile(r"^(?:https?://|www\.)\S+$")

#: A source name ("Arab News", "Reuters") is at most this many words; names
#: longer than SURE_SOURCE_WORDS count only when the page repeats them (daily8
#: prints "Le Courrier du Val" above the age and again as "- Le Courrier du Val").
MAX_SOURCE_WORDS: Final = 5
SURE_SOURCE_WORDS: Final = 3
#: A teaser title has at least this many words (or CJK characters x 3): shorter
#: lines in a teaser list are section kickers or topic links ("Handwerk").
MIN_TITLE_WORDS: Final = 3
#: A source name is short on screen too (effective characters, so a CJK
#: headline without spaces is not taken for a one-word source).
MAX_SOURCE_CHARS: Final = 40
#: A teaser title is at most this long (effective characters); longer lines are summaries.
MAX_TITLE_CHARS: Final = 220
#: Source, age and date lines are short; longer lines are not parsed for dates.
MAX_META_LINE_CHARS: Final = 80


@dataclass(slots=True, init=False)
class Role:
    kind: str  # source | time | title | summary | url | skip
    text: str
    published: str | None = None
    age: str | None = None

    def __init__(self, kind: str, text: str, published: str | None = None, age: str | None = None) -> None:
        # (written out, as Line's: a compiled __init__, see lines.Line)
        self.kind, self.text, self.published, self.age = kind, text, published, age


#: Lines that are no part of a teaser: buttons, headings, forms.
SKIP_LABELS: Final = frozenset({"chrome", "form", "related", "comments", "tags", "no_comments"})


def _role(
    line: Line, next_line: Line | None, repeated: Callable[[str], bool], memo: dates.DocumentDates
) -> Role:
    """The line's part in a teaser; ``repeated``: whether a text occurs more
    than once in the section (a repeated name is a source); ``memo``: the
    document's parsed dates."""
    text = line.text
    if text.startswith(("http", "www.")) and URL.match(text):
        return Role("url", text)
    if not text[:1].isalpha() and not any(ch.isalpha() for ch in text):
        return Role("skip", text)  # "1", "2": list numbering
    if len(text) <= MAX_META_LINE_CHARS:
        meta = line.label == "meta"
        age: str | None = None
        if meta:  # a glued source, an age ("3 hours ago") or a date: one age search for the first two
            glued, age = memo.glued_source_or_age(text, lang=line.lang)
        elif dates.may_be_glued(text, lang=line.lang):
            glued = memo.split_glued_source(text, lang=line.lang)
        else:
            glued = None  # most lines: one set lookup
        if glued:
            source, when, iso = glued
            is_age = memo.parse_age(when, lang=line.lang) is not None
            return Role("source", source, published=iso or None, age=when if is_age else None)
        if meta:
            if age and age == text:
                return Role("time", text, age=age)
            found = memo.find_date(text)
            if found:
                return Role("time", text, published=found[1])
    if line.label == "read_also":
        return Role("title", _strip_prefix(text))
    if (
        (line.bullet or (next_line is not None and next_line.label == "meta"))
        and line.length <= MAX_SOURCE_CHARS
        and not line.sentence
        and (words := len(text.split())) <= MAX_SOURCE_WORDS
        and (words <= SURE_SOURCE_WORDS or repeated(text))
    ):
        return Role("source", text)
    if line.length > MAX_TITLE_CHARS or (line.label in ("good", "near") and line.sentence):
        return Role("summary", text)
    return Role("title", text)


def _strip_prefix(text: str) -> str:
    """The title part of "Read also: Title" (the text after the first colon or dash)."""
    for sep in (":", "：", " - ", " – ", " — "):
        if sep in text:
            return text.split(sep, 1)[1].strip()
    return text


def parse_teasers(lines: list[Line], memo: dates.DocumentDates | None = None) -> list[Teaser]:
    """The teasers of a related section; ``memo``: the document's parsed dates."""
    memo = memo or dates.DocumentDates()
    counts: Counter[str] | None = None

    def repeated(text: str) -> bool:
        nonlocal counts
        if counts is None:  # counted when first asked (few sections have a long source name)
            counts = Counter(ln.text for ln in lines)
        return counts[text] > 1

    last = len(lines) - 1
    roles = [
        role
        for i, ln in enumerate(lines)
        if ln.label not in SKIP_LABELS
        and (role := _role(ln, lines[i + 1] if i < last else None, repeated, memo)).kind != "skip"
    ]
    first_title = next((i for i, r in enumerate(roles) if r.kind == "title"), None)
    first_meta = next((i for i, r in enumerate(roles) if r.kind in ("source", "time")), None)
    meta_first = first_title is not None and first_meta is not None and first_meta < first_title

    teasers: list[Teaser] = []
    cur: Teaser | None = None
    pending = Teaser(title="")

    def flush() -> None:
        nonlocal cur
        if (
            cur is not None
            and cur.title
            and (cur.summary or cur.age or cur.published or cur.url or _long_enough(cur.title))
        ):
            teasers.append(cur)
        cur = None

    for role in roles:
        if role.kind == "title":
            if meta_first:
                flush()
                cur, pending = pending, Teaser(title="")
                cur.title = role.text
            else:
                flush()
                cur = Teaser(title=role.text)
            continue
        if role.kind in ("source", "time"):
            target = cur if cur is not None else pending
            if meta_first and cur is not None and (cur.summary or _has_field(cur, role)):
                target = pending  # the meta of the next teaser
            if role.kind == "source":
                target.source = target.source or role.text
            target.age = target.age or role.age
            target.published = target.published or role.published
            continue
        if role.kind == "summary" and cur is not None and cur.title:
            cur.summary = role.text if not cur.summary else cur.summary + "\n\n" + role.text
        elif role.kind == "url" and cur is not None:
            cur.url = cur.url or role.text
    flush()
    return teasers


def _long_enough(title: str) -> bool:
    return len(title.split()) >= MIN_TITLE_WORDS or len(CJK_CHAR.findall(title)) >= 2 * MIN_TITLE_WORDS


def _has_field(teaser: Teaser, role: Role) -> bool:
    """Whether ``teaser`` already has what ``role`` would fill."""
    if role.age or role.published:
        return bool(teaser.age or teaser.published)
    return teaser.source is not None and teaser.source != role.text


def read_also_teaser(line: Line) -> Teaser | None:
    title = _strip_prefix(line.text)
    return Teaser(title=title) if title and title != line.text else None
