"""The CLI on an HTML sample: Markdown with the article, comments and teasers."""

from __future__ import annotations

from typer.testing import CliRunner

from newsextract.cli import EXIT_NO_ARTICLE, app

from .conftest import SAMPLES

runner = CliRunner()


def test_parse_wordpress_sample_as_markdown() -> None:
    result = runner.invoke(app, ["parse", str(SAMPLES / "news-wordpress.html"), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("# Millbrook opens a tool library in the old fire station\n")
    assert "By Dana Okafor" in out
    assert "## From engine bay to workshop" in out
    assert "- Ladders and a scaffold tower, for weekend loans only" in out
    body, rest = out.split("\n## Comments\n", 1)
    assert "Brennan hopes the library will cover its own running costs" in body
    assert "Share this" not in body and "Leave a Reply" not in body and "Photo:" not in body
    comments, related = rest.split("\n## Related articles\n", 1)
    assert "**Priya Raman**" in comments
    assert "> **Hal Brennan**" in comments  # the reply is quoted one level in
    assert "evening opening hours" in comments
    assert (
        "- [Repair café draws a record crowd at the community hall]"
        "(https://millbrookgazette.example/2025/03/02/repair-cafe-record-crowd/)"
    ) in related
    assert related.count("\n- [") + related.startswith("- [") == 4


def test_parse_index_page_reports_no_article() -> None:
    result = runner.invoke(app, ["parse", str(SAMPLES / "index-page.html"), "--format", "json"])
    assert result.exit_code == EXIT_NO_ARTICLE
