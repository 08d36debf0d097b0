"""Body segments to :class:`~newsextract.model.Block` objects.

* ``<h1>``-``<h6>`` give ``heading`` blocks with their ``level``;
* consecutive items of one ``<ul>``/``<ol>`` give one ``list`` block (``items``,
  and ``text`` = the items joined by newlines);
* consecutive segments of one ``<blockquote>`` give one ``quote`` block (its
  paragraphs joined by newlines);
* ``<pre>`` gives a ``code`` block with its whitespace as written;
* a data table gives a ``table`` block with ``rows`` (``text``: cells joined by
  tabs, rows by newlines, as a browser's innerText);
* everything else is a ``paragraph``.  A single ``<br>`` inside a paragraph
  stays a "\\n" in its text.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Block
from .segments import Segment


def to_blocks(segments: Sequence[Segment]) -> list[Block]:
    blocks: list[Block] = []
    # The texts of multi-segment quote and code blocks, joined once at the end:
    # growing ``block.text`` segment by segment copies it each time, which is
    # quadratic on a hostile page with 100,000 items in one list or quote.
    pieces: dict[int, list[str]] = {}
    item_pieces: dict[int, list[list[str]]] = {}  # the same for list items, per list block
    last: Segment | None = None
    for seg in segments:
        if seg.rows is not None:
            blocks.append(Block("table", seg.text, rows=seg.rows))
        elif seg.heading:
            blocks.append(Block("heading", " ".join(seg.text.split()), level=seg.heading))
        elif seg.pre:
            if (
                last is not None
                and last.pre
                and blocks
                and blocks[-1].type == "code"
                and last.path == seg.path
            ):
                pieces.setdefault(len(blocks) - 1, [blocks[-1].text]).append(seg.text)
            else:
                blocks.append(Block("code", seg.text))
        elif seg.list_item is not None:
            item = seg.text
            if (
                last is not None
                and last.list_el is seg.list_el
                and blocks
                and blocks[-1].type == "list"
                and blocks[-1].items is not None
            ):
                parts = item_pieces[len(blocks) - 1]
                if last.list_item is seg.list_item:
                    parts[-1].append(item)  # several paragraphs of one item
                else:
                    parts.append([item])
            else:
                item_pieces[len(blocks)] = [[item]]
                blocks.append(Block("list", item, items=[item]))
        elif seg.quote is not None:
            if last is not None and last.quote is seg.quote and blocks and blocks[-1].type == "quote":
                pieces.setdefault(len(blocks) - 1, [blocks[-1].text]).append(seg.text)
            else:
                blocks.append(Block("quote", seg.text))
        else:
            blocks.append(Block("paragraph", seg.text))
        last = seg
    for i, texts in pieces.items():
        blocks[i].text = "\n".join(texts)
    for i, item_parts in item_pieces.items():
        items = ["\n".join(parts) for parts in item_parts]
        blocks[i].items = items
        blocks[i].text = "\n".join(items)
    return blocks
