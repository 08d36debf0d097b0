"""Reader comments in a text dump.

A comments section (see :mod:`.sections`) holds comment *headers* (an author
name and a time, on one line or two) each followed by the comment's text.
Form lines ("Leave a reply", "Post comment") and per-comment buttons ("Reply",
"Like") are dropped.
"""

from __future__ import annotations

import re
from typing import Final

from .. import dates, lexicon
from ..model import Comment, Comments
from .lines import INDENT_STEP, Line

#: An author line is a short name: at most this many words.
MAX_AUTHOR_WORDS: Final = 5
MAX_AUTHOR_CHARS: Final = 60
#: The longest line that can be a comment header ("Gary M on September 17, 2018 at 8:50 pm said:").
MAX_TIME_LINE_CHARS: Final = 120

#: Letters that can end an age followed by a time of day (dates.parse_age_at):
#: "07:52 am", "7.52 a.m." (other ends are a digit or ".").
AGE_AT_ENDS: Final = frozenset("mM")

DROP_LABELS: Final = frozenset({"comments", "no_comments", "form", "chrome", "related", "tags"})


#: "Martina S." ends with a period but is a name: a final initial.
FINAL_INITIAL: Final = re.compile(r"\s\w\.$")


def _is_name(line: Line) -> bool:
    text = line.text
    return (
        line.label == "short"
        and (not line.sentence or bool(FINAL_INITIAL.search(text)))
        and len(text) <= MAX_AUTHOR_CHARS
        and len(text.split()) <= MAX_AUTHOR_WORDS
        and not text.endswith((":", "?"))
    )


def _time_of(line: Line, memo: dates.DocumentDates) -> tuple[str | None, str | None, str] | None:
    """(published, age, rest) when the line carries a comment time; ``memo``:
    the document's parsed dates (classify parsed the lines labelled ``meta``)."""
    text = line.text
    if len(text) > MAX_TIME_LINE_CHARS:
        return None  # a comment header is short; prose is not parsed for dates
    # most lines end with a letter that ends no age and no time of day
    # ("2 days ago at 07:52 am" ends with a digit, "m" or "."): no age parsing
    last = text[-1:]
    age = (
        None
        if last in dates.ages_never_end_with(line.lang) and last not in AGE_AT_ENDS
        else memo.parse_age(text, lang=line.lang) or dates.parse_age_at(text, lang=line.lang)
    )
    if age:
        rest = text.replace(age, " ", 1).strip(" ·|-–—,")
        if len(rest.split()) <= MAX_AUTHOR_WORDS:
            return None, age, rest
    found = memo.find_date(text)
    if found:
        rest = text.replace(found[0], " ", 1).strip(" ·|-–—,@")
        for word in ("at", "um", "à", "a las", "às", "в"):
            if str.lower(rest).endswith(" " + word):
                rest = rest[: -len(word) - 1].strip()
        if len(rest.split()) <= MAX_AUTHOR_WORDS and len(text) - len(found[0]) <= MAX_AUTHOR_CHARS:
            return found[1], None, rest
    return None


def parse_comments(lines: list[Line], memo: dates.DocumentDates | None = None) -> list[Comment]:
    """Parse the lines of one comments section (its heading included or not);
    ``memo``: the document's parsed dates."""
    memo = memo or dates.DocumentDates()
    body = [ln for ln in lines if ln.label not in ("comments", "no_comments", "related", "tags")]
    # (first line, time line, author, published, age, depth)
    headers: list[tuple[int, int, str | None, str | None, str | None, int]] = []
    used_as_author: set[int] = set()
    for k, line in enumerate(body):
        when = _time_of(line, memo)
        if when is None:
            continue
        published, age, rest = when
        author: str | None = rest or None
        first = k
        depth = 0
        above = k - 1
        if above >= 0 and lexicon.starts_with_phrase(body[above].text, "reply_marker"):
            depth, first, above = 1, above, above - 1  # "Replying to X" between author and time
        if (
            author is None
            and above >= 0
            and _is_name(body[above])
            and above not in used_as_author
            and (not headers or headers[-1][1] < above)
        ):
            author = body[above].text
            first = above
            used_as_author.add(above)
        headers.append((first, k, author, published, age, depth))
    if not headers:
        return []
    base_indent = min((ln.indent for ln in body), default=0)
    out: list[Comment] = []
    for n, (_first, t, author, published, age, reply) in enumerate(headers):
        end = headers[n + 1][0] if n + 1 < len(headers) else len(body)
        texts: list[str] = []
        for ln in body[t + 1 : end]:
            if ln.label in DROP_LABELS or ln.label == "meta":
                if texts:
                    break  # "Reply", "Report", a form or a footer ends the text
                continue
            texts.append(ln.text)
        if not texts:
            continue
        depth = max(reply, (body[t].indent - base_indent) // INDENT_STEP)
        out.append(Comment(text="\n\n".join(texts), author=author, published=published, age=age, depth=depth))
    return out


def comments_from_spans(
    lines: list[Line], spans: list[tuple[int, int]], after: int, memo: dates.DocumentDates | None = None
) -> Comments:
    """The comments section: of the comments ``spans`` (first line, end), the
    first one after line ``after`` (the article's end), else the first anywhere.
    ``memo``: the document's parsed dates."""
    if not spans:
        return Comments(found=False)
    chosen = next((s for s in spans if s[0] > after), spans[0])
    items = parse_comments(lines[chosen[0] : chosen[1]], memo)
    if not items:  # a heading that was only a counter: try the other sections
        for span in spans:
            if span != chosen:
                items = parse_comments(lines[span[0] : span[1]], memo)
                if items:
                    break
    return Comments(found=True, items=items)
