"""The JSON output and its schema: the schema must describe exactly what
``Document.to_dict()`` produces, and must not drift from the model."""

from __future__ import annotations

import copy
import json
from typing import Any, get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsextract.model import (
    SCHEMA_VERSION,
    Article,
    Block,
    BlockType,
    Comment,
    Comments,
    Document,
    Source,
    SourceKind,
    Status,
    Teaser,
)
from newsextract.render import FORMATS, render
from newsextract.render.json_ import render_json, render_ndjson_line
from newsextract.schema import SCHEMA_ID, load_schema


def maximal_doc() -> Document:
    """Every optional field set, so every key that to_dict() can emit is present."""
    return Document(
        article=Article(
            title="T",
            blocks=[
                Block("heading", "H", level=2),
                Block("list", "a\nb", items=["a", "b"]),
                Block("table", "x", rows=[["x", "y"], ["1", "2"]]),
                Block("paragraph", "p", items=["i"], level=1, rows=[["r"]]),
            ],
            authors=["A"],
            published="2024-05-01",
            site_name="S",
            url="https://x.test/",
            language="en",
            description="D",
            image="https://x.test/i.png",
            tags=["t"],
        ),
        comments=Comments(
            found=True, items=[Comment("c", author="a", published="2024-05-01", age="1h", depth=1)]
        ),
        related=[Teaser("t", url="u", source="s", published="2024-05-01", age="1h", summary="m")],
        source=Source(
            kind="html",
            encoding="utf-8",
            length=10,
            path="crawl.warc.gz",
            record_id="<urn:uuid:0>",
            offset=0,
            fetched="2024-05-01T00:00:00Z",
        ),
    )


def minimal_doc() -> Document:
    """Every optional field unset, but one item in each list so nested objects are reached."""
    return Document(
        article=Article(blocks=[Block("paragraph", "")]),
        comments=Comments(items=[Comment("")]),
        related=[Teaser("")],
        source=Source(kind="html"),
    )


def documents() -> list[Document]:
    full = maximal_doc()
    return [
        full,
        minimal_doc(),
        Document(article=Article(), comments=Comments(found=True), related=[], source=Source(kind="html")),
        Document(
            article=Article(title="Only teasers"),
            comments=Comments(),
            related=[Teaser("x", url="javascript:alert(1)")],
            source=Source(kind="html", encoding="windows-1252", length=99),
        ),
        Document(
            article=Article(
                title="Ünïcödé 中文",
                blocks=[
                    Block(
                        t, "x", items=["x"] if t == "list" else None, rows=[["x"]] if t == "table" else None
                    )
                    for t in get_args(BlockType)
                ],
            ),
            comments=Comments(found=True, items=[Comment("a"), Comment("b", depth=3)]),
            related=[],
            source=Source(kind="text", length=0),
        ),
    ]


# --- the schema file ----------------------------------------------------------------------------


def test_load_schema() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID == "https://newsextract.invalid/schema/document-1.0.json"
    assert SCHEMA_VERSION in schema["$id"]
    assert schema["title"] and schema["description"]


def test_load_schema_returns_a_fresh_copy() -> None:
    first = load_schema()
    first["title"] = "changed"
    assert load_schema()["title"] != "changed"


def test_schema_version_is_the_models() -> None:
    assert load_schema()["properties"]["schema_version"]["const"] == SCHEMA_VERSION


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local ``$ref``, merging the referring node's own keywords over the target's."""
    while "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), ref
        target: Any = schema
        for part in ref[2:].split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _walk_objects(
    schema: dict[str, Any], node: dict[str, Any], path: str = "$"
) -> list[tuple[str, dict[str, Any]]]:
    node = _resolve(schema, node)
    found = []
    if node.get("type") == "object":
        found.append((path, node))
        for key, sub in node.get("properties", {}).items():
            found.extend(_walk_objects(schema, sub, f"{path}.{key}"))
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        found.extend(_walk_objects(schema, node["items"], f"{path}[]"))
    return found


def _keys_match(schema: dict[str, Any], node: dict[str, Any], most: Any, least: Any, path: str) -> None:
    """``properties`` are exactly the keys of ``most``; ``required`` exactly the keys of ``least``."""
    node = _resolve(schema, node)
    if isinstance(most, dict):
        assert node.get("type") == "object", path
        assert set(node["properties"]) == set(most), f"{path}: properties vs to_dict() keys"
        assert set(node["required"]) == set(least), f"{path}: required vs always-present keys"
        for key, value in most.items():
            _keys_match(schema, node["properties"][key], value, least.get(key, value), f"{path}.{key}")
    elif isinstance(most, list) and most:
        assert node.get("type") == "array", path
        merged = most[0]
        if all(isinstance(item, dict) for item in most):  # the union of the items' keys
            merged = {k: v for item in reversed(most) for k, v in item.items()}
        _keys_match(schema, node["items"], merged, least[0] if least else merged, f"{path}[]")


def test_schema_keys_match_to_dict_at_every_level() -> None:
    schema = load_schema()
    _keys_match(schema, schema, maximal_doc().to_dict(), minimal_doc().to_dict(), "$")


def test_every_object_is_closed_and_every_property_described() -> None:
    schema = load_schema()
    objects = _walk_objects(schema, schema)
    assert {p for p, _ in objects} >= {
        "$",
        "$.article",
        "$.article.blocks[]",
        "$.comments",
        "$.comments.items[]",
        "$.related[]",
        "$.source",
    }
    for path, node in objects:
        assert node.get("additionalProperties") is False, path
        assert set(node["required"]) <= set(node["properties"]), path
        for key, sub in node["properties"].items():
            assert isinstance(sub.get("description"), str) and sub["description"].strip(), f"{path}.{key}"


def test_enums_match_the_model() -> None:
    schema = load_schema()
    assert schema["properties"]["status"]["enum"] == list(get_args(Status))
    assert schema["$defs"]["block"]["properties"]["type"]["enum"] == list(get_args(BlockType))
    assert schema["$defs"]["source"]["properties"]["kind"]["enum"] == list(get_args(SourceKind))


# --- validation (needs jsonschema) ---------------------------------------------------------------


def _validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_is_valid_draft_2020_12() -> None:
    _validator()


@pytest.mark.parametrize("index", range(len(documents())))
def test_to_dict_validates(index: int) -> None:
    validator = _validator()
    d = documents()[index]
    validator.validate(d.to_dict())
    validator.validate(json.loads(render_json(d)))


def _broken(change: str) -> dict[str, Any]:
    data = copy.deepcopy(maximal_doc().to_dict())
    if change == "list without items":
        del data["article"]["blocks"][1]["items"]
    elif change == "table without rows":
        del data["article"]["blocks"][2]["rows"]
    elif change == "unknown block type":
        data["article"]["blocks"][0]["type"] = "image"
    elif change == "heading level 7":
        data["article"]["blocks"][0]["level"] = 7
    elif change == "bad status":
        data["status"] = "partial"
    elif change == "bad source kind":
        data["source"]["kind"] = "pdf"
    elif change == "extra key":
        data["article"]["extra"] = 1
    elif change == "missing key":
        del data["comments"]["found"]
    elif change == "negative depth":
        data["comments"]["items"][0]["depth"] = -1
    elif change == "null teaser title":
        data["related"][0]["title"] = None
    elif change == "null path":
        data["source"]["path"] = None
    elif change == "other schema version":
        data["schema_version"] = "2.0"
    elif change == "number as author":
        data["article"]["authors"] = [1]
    return data


@pytest.mark.parametrize(
    "change",
    [
        "list without items",
        "table without rows",
        "unknown block type",
        "heading level 7",
        "bad status",
        "bad source kind",
        "extra key",
        "missing key",
        "negative depth",
        "null teaser title",
        "null path",
        "other schema version",
        "number as author",
    ],
)
def test_schema_rejects(change: str) -> None:
    validator = _validator()
    assert not validator.is_valid(_broken(change))


_text = st.text(max_size=20)
_opt = st.none() | _text


@st.composite
def any_document(draw: st.DrawFn) -> Document:
    def block(kind: str) -> st.SearchStrategy[Block]:
        return st.builds(
            Block,
            type=st.just(kind),
            text=_text,
            items=st.lists(_text, max_size=3) if kind == "list" else st.none() | st.lists(_text, max_size=2),
            level=st.none() | st.integers(1, 6),
            rows=st.lists(st.lists(_text, max_size=3), max_size=3) if kind == "table" else st.none(),
        )

    blocks = st.lists(st.sampled_from(get_args(BlockType)).flatmap(block), max_size=4)
    article = st.builds(
        Article,
        title=_opt,
        blocks=blocks,
        authors=st.lists(_text, max_size=2),
        published=_opt,
        site_name=_opt,
        url=_opt,
        language=_opt,
        description=_opt,
        image=_opt,
        tags=st.lists(_text, max_size=2),
    )
    comment = st.builds(Comment, text=_text, author=_opt, published=_opt, age=_opt, depth=st.integers(0, 5))
    teaser = st.builds(Teaser, title=_text, url=_opt, source=_opt, published=_opt, age=_opt, summary=_opt)
    source = st.builds(
        Source,
        kind=st.sampled_from(get_args(SourceKind)),
        encoding=_opt,
        length=st.integers(0, 10**9),
        path=_opt,
    )
    return Document(
        article=draw(article),
        comments=draw(st.builds(Comments, found=st.booleans(), items=st.lists(comment, max_size=3))),
        related=draw(st.lists(teaser, max_size=3)),
        source=draw(source),
    )


@settings(max_examples=100)
@given(any_document())
def test_any_document_validates(d: Document) -> None:
    _validator().validate(json.loads(render_ndjson_line(d)))


# --- the JSON renderers ------------------------------------------------------------------------


def test_render_json() -> None:
    d = maximal_doc()
    out = render_json(d)
    assert out.endswith("}\n") and not out.endswith("\n\n")
    assert json.loads(out) == d.to_dict()
    assert out == d.to_json() + "\n"
    assert render(d, "json") == out
    assert render_json(d, indent=None).count("\n") == 1


def test_render_json_keeps_unicode() -> None:
    d = Document(
        article=Article(title="Ünï 中文 🎉"), comments=Comments(), related=[], source=Source(kind="text")
    )
    assert "Ünï 中文 🎉" in render_json(d)


def test_ndjson_line_is_one_compact_line() -> None:
    title = "a\nb\r\u2028c\u2029d\x85e \x1b[31m 中文"
    d = Document(article=Article(title=title), comments=Comments(), related=[], source=Source(kind="text"))
    line = render_ndjson_line(d)
    assert "\n" not in line and len(line.splitlines()) == 1
    assert ", " not in line and ": " not in line.replace(title, "")
    assert json.loads(line) == d.to_dict()
    assert "中文" in line


def test_ndjson_line_extra_keys() -> None:
    d = minimal_doc()
    data = json.loads(render_ndjson_line(d, {"input": "a.html", "elapsed_ms": 3}))
    assert data["input"] == "a.html" and data["elapsed_ms"] == 3
    assert list(data)[:6] == list(d.to_dict())
    assert json.loads(render_ndjson_line(d, None)) == d.to_dict() == json.loads(render_ndjson_line(d, {}))
    with pytest.raises(ValueError, match="status"):
        render_ndjson_line(d, {"status": "error"})


def test_render_dispatch() -> None:
    assert FORMATS == ("json", "markdown", "text")
    d = maximal_doc()
    for fmt in FORMATS:
        assert render(d, fmt).endswith("\n")
    with pytest.raises(ValueError, match="json, markdown, text"):
        render(d, "html")
