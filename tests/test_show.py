"""The terminal view: ``newsextract show`` and ``parse`` on a terminal.

Snapshots: the view of hand-built documents (stable while the parsers change),
exported as plain text at 80 columns, lives in ``tests/snapshots/show-*.txt``.
After a deliberate change to the view, regenerate them and review the diff::

    UPDATE_SNAPSHOTS=1 python -m pytest -p no:cacheprovider tests/test_show.py

The real command also runs in a pseudo-terminal (colour expected) and through a
pipe (no escape code at all expected).
"""

from __future__ import annotations

import io
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from newsextract.api import KINDS, parse_file
from newsextract.cli import EXIT_INPUT, EXIT_NO_ARTICLE, EXIT_OUTPUT, app
from newsextract.cli_show import InputKind
from newsextract.model import Article, Block, Comment, Comments, Document, Source, Teaser
from newsextract.render.terminal import READING_WIDTH, reading_stats, render_terminal, view_width

from .conftest import ROOT, SAMPLES

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE = bool(os.environ.get("UPDATE_SNAPSHOTS"))
WIDTH = 80
SAMPLE = SAMPLES / "daily8-comments.txt"
runner = CliRunner()

# Environment variables that would make Rich (or a pager) behave differently
# from a plain terminal or pipe; every subprocess here runs without them.
RICH_ENV = ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "LINES", "COLORTERM")
PAGER_ENV = ("PAGER", "MANPAGER", "LESS")


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in RICH_ENV:
        monkeypatch.delenv(name, raising=False)


# -- Documents built by hand ---------------------------------------------------


def _doc(article: Article, comments: Comments | None = None, related: list[Teaser] | None = None) -> Document:
    return Document(
        article=article,
        comments=comments or Comments(),
        related=related or [],
        source=Source(kind="text"),
    )


def full_doc() -> Document:
    """Every section and every block type, with a reply thread."""
    article = Article(
        title="Port Calder Bets Its Future on Kelp as Cod Quotas Shrink",
        authors=["Ines Vukovic", "Tom Aldous"],
        published="2025-03-12T10:42:00",
        site_name="Daily8",
        url="https://daily8.example/kelp",
        blocks=[
            Block(
                "paragraph",
                "When the regional fisheries board cut the cod quota for the third year running, "
                "the fishing town of Port Calder voted to lease forty hectares of its harbor to kelp farmers.",
            ),
            Block("heading", "A Quota Cut Too Far", level=2),
            Block(
                "paragraph",
                "Port Calder's fleet once landed more than 9,000 tonnes of cod a year. Under the new "
                "limits, the twenty-two boats still registered share fewer than 1,400 tonnes.",
            ),
            Block(
                "list",
                "",
                items=[
                    "Kelp needs no feed, fertilizer or fresh water.",
                    "A single long line seeded in November can yield several tonnes of sugar kelp by May, "
                    "well before the warm water arrives.",
                    "Buyers range from alginate processors to a bakery.",
                ],
            ),
            Block(
                "quote",
                "We could see the end coming for a decade. The only question was whether we would wait "
                "for it or build something before it arrived.",
            ),
            Block("heading", "The numbers", level=3),
            Block(
                "table",
                "",
                rows=[
                    ["Year", "Cod quota (t)", "Kelp harvest (t)"],
                    ["2023", "3,100", "0"],
                    ["2025", "1,400", "85"],
                ],
            ),
            Block("code", "harvest = lines * 4.2  # tonnes\nprint(harvest)"),
            Block(
                "paragraph", "If the second season goes well, a processing shed could employ thirty people."
            ),
        ],
    )
    comments = Comments(
        found=True,
        items=[
            Comment(
                "My grandfather fished out of Port Calder for forty years. Good to see the harbor "
                "working again instead of rusting away.",
                author="Tomasz Wrobel",
                age="2 hours ago",
            ),
            Comment("Same here: mine too.", author="Aileen MacRury", age="1 hour ago", depth=1),
            Comment(
                "Warm water took most of our crop in August, twice. Seed three weeks earlier.",
                author="Dev Chandrasekar",
                age="40 minutes ago",
                depth=2,
            ),
            Comment(
                "Forty hectares sounds like a lot.\n\nCurious what the numbers look like after year three.",
                published="2025-03-12T18:05:00",
            ),
        ],
    )
    related = [
        Teaser(
            "Seaweed Startups Race to Replace Plastic Film in Food Packaging",
            url="https://coastline.example/seaweed-film",
            source="Coastline Today",
            age="5 hours ago",
            summary="A handful of young companies along the northern coast say they can turn farmed kelp "
            "into a clear, compostable film that keeps cheese and cured meat fresh as long as "
            "conventional plastic wrap, and two supermarket chains have agreed to trial it.",
        ),
        Teaser("Fisheries Board Defends Third Cod Cut", source="Northbridge Post", published="2025-03-11"),
        Teaser("Mussel Growers Report Record Spat Settlement"),
    ]
    return _doc(article, comments, related)


def no_comments_doc() -> Document:
    """A page without a comments section: the section is left out, not shown empty."""
    article = Article(
        title="Glacier-fed lake in the Korvath Range is warming twice as fast as the air around it",
        authors=["Priya Natarajan"],
        published="2025-02-02",
        blocks=[
            Block(
                "paragraph",
                "Lake Siren has warmed by almost 2.4 degrees Celsius at its surface since 1995, roughly "
                "twice the rate of the surrounding air.",
            ),
            Block("list", "Earlier ice break-up in spring.\nLess glacial meltwater after mid-July."),
        ],
    )
    related = [
        Teaser(
            "Siren Glacier lost a fifth of its volume in a decade, survey shows",
            summary="A new drone survey finds the glacier is thinning faster at its lower edge.",
        )
    ]
    return _doc(article, Comments(found=False), related)


def arabic_doc() -> Document:
    article = Article(
        title="مدينة الواحة الخضراء تطلق أول محطة لتحلية المياه بالطاقة الشمسية في المنطقة",
        authors=["سامي العبدالله"],
        published="2025-03-09",
        site_name="صحيفة الساحل اليوم",
        language="ar",
        blocks=[
            Block(
                "paragraph",
                "أعلنت بلدية مدينة الواحة الخضراء، يوم الأحد، تشغيل أول محطة لتحلية مياه البحر تعمل "
                "بالكامل بالطاقة الشمسية، بطاقة إنتاجية تبلغ 30 ألف متر مكعب يومياً.",
            ),
            Block("heading", "تفاصيل المشروع", level=2),
            Block(
                "paragraph",
                "أُقيمت المحطة على مساحة 18 هكتاراً على الساحل الشرقي للمدينة، مُوّلت بالشراكة بين "
                "البلدية وصندوق التنمية الإقليمي.",
            ),
            Block("quote", "المدينة لن تحتاج بعد اكتمال المرحلة الثانية إلى شراء المياه."),
            Block(
                "list", "", items=["خزانات استراتيجية تكفي المدينة لمدة أسبوع", "أنابيب تصريف بطول كيلومترين"]
            ),
        ],
    )
    comments = Comments(
        found=True,
        items=[
            Comment(
                "خطوة ممتازة، نتمنى أن تنخفض فواتير المياه بعد تشغيل المحطة.",
                author="نورة القحطاني",
                age="منذ ساعتين",
            ),
            Comment("أتفق معك تماماً.", author="يوسف الحداد", age="منذ ساعة", depth=1),
        ],
    )
    related = [
        Teaser(
            "ارتفاع الطلب على المياه في المدن الساحلية بنسبة 12 في المئة",
            source="نشرة الطاقة النظيفة",
            age="منذ 3 ساعات",
            summary="كشف تقرير صادر عن هيئة الموارد المائية أن الطلب على مياه الشرب ارتفع خلال الصيف.",
            url="https://sahel.example/water",
        )
    ]
    return _doc(article, comments, related)


def cjk_doc() -> Document:
    article = Article(
        title="瀬戸浦市、廃校を活用した「夜間の学び舎」開設へ 外国人住民の日本語教育を支援する新たな取り組み",
        published="2025-03-12T10:30:00",
        site_name="瀬戸浦新聞",
        language="ja",
        blocks=[
            Block(
                "paragraph",
                "瀬戸浦市は11日、昨年3月に閉校した旧瀬戸浦北小学校の校舎を改修し、外国人住民や学び直しを"
                "希望する大人向けの夜間学級「瀬戸浦夜間の学び舎」を4月から開設すると発表した。",
            ),
            Block("heading", "定員は1学期あたり60人", level=2),
            Block(
                "list",
                "",
                items=["授業料は無料", "教材費のみ自己負担とする。講師は退職した教員ら15人が務める。"],
            ),
            Block("table", "", rows=[["曜日", "時間"], ["月曜日から金曜日", "午後6時から9時まで"]]),
        ],
    )
    related = [
        Teaser("瀬戸浦市の外国人住民、過去最多の4,800人に 造船業の人手不足背景に", published="2025-02-20"),
        Teaser(
            "閉校舎の活用策、市民アンケートで「教育施設」が最多",
            source="瀬戸浦新聞",
            age="3時間前",
            summary="市が実施したアンケートで、閉校舎の活用策として「教育施設」を挙げた回答が最も多かった。"
            "次いで「福祉施設」「地域の集会所」が続き、市は結果を踏まえて活用方針を決める。",
        ),
    ]
    return _doc(article, Comments(found=True, items=[]), related)


def hostile_doc() -> Document:
    """Page text that tries to be markup or terminal control."""
    evil = (
        "\x1b]0;pwned-title\x07Evil \x1b[2J\x1b[H[bold red]Title[/] \u202eeulav\u202c "
        "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\ \x9b31mred\x1b[0m \x1b[8mhidden\x1b[28m"
        " over\rwrite back\x08space \x1bP+q544e\x1b\\ :smile:"
    )
    article = Article(
        title=evil,
        authors=[evil],
        site_name="[link=file:///etc/passwd]site[/link]",
        url="javascript:alert(1)\x1b[31m",
        blocks=[
            Block("paragraph", evil),
            Block("heading", evil, level=2),
            Block("list", "", items=[evil, "[/]"]),
            Block("quote", evil),
            Block("code", evil),
            Block("table", "", rows=[[evil, "[b]x[/b]"], ["\x1b[5mblink", "\u2066iso\u2069"]]),
        ],
    )
    comments = Comments(found=True, items=[Comment(evil, author=evil, age=evil, depth=1)])
    related = [
        Teaser(evil, url="https://ok.example/\x1b]0;pwned-url\x07a", source=evil, age=evil, summary=evil)
    ]
    return _doc(article, comments, related)


# -- Helpers -------------------------------------------------------------------


def record(doc: Document, *, width: int = WIDTH, **options: bool) -> str:
    """The view as plain text, as a recording console at ``width`` columns exports it."""
    console = Console(file=io.StringIO(), width=width, record=True, color_system=None, legacy_windows=False)
    render_terminal(doc, console, **options)
    return console.export_text()


def styled(doc: Document, *, width: int = WIDTH) -> str:
    """The view with every escape code Rich would send to a true-colour terminal."""
    out = io.StringIO()
    console = Console(
        file=out, width=width, force_terminal=True, color_system="truecolor", legacy_windows=False
    )
    render_terminal(doc, console)
    return out.getvalue()


def tidy(text: str) -> str:
    """Trailing spaces dropped (padding, not content), so snapshots diff cleanly."""
    return "\n".join(line.rstrip() for line in text.split("\n")).rstrip("\n") + "\n"


def check_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    text = tidy(text)
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"{path} is missing: run with UPDATE_SNAPSHOTS=1 to create it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"view changed; review and regenerate {path.name}"


SGR = re.compile(r"\x1b\[([0-9;]*)m")
OSC8 = re.compile(r"\x1b\]8;[^;\x07\x1b]*;([^\x07\x1b]*)\x1b\\")


def without_rich_codes(text: str) -> str:
    """``text`` minus the escape codes Rich itself writes: SGR styles and OSC 8 links."""
    return OSC8.sub("", SGR.sub("", text))


def has_colour(text: str) -> bool:
    """True when some SGR sequence sets a foreground or background colour."""
    for match in SGR.finditer(text):
        params = [p for p in match.group(1).split(";") if p]
        if any(
            p in {"38", "48"} or 30 <= int(p) <= 37 or 40 <= int(p) <= 47 or 90 <= int(p) <= 97
            for p in params
            if p.isdigit()
        ):
            return True
    return False


def assert_inert(output: str) -> None:
    """No control from the page reached ``output``; its markup shows as text."""
    rest = without_rich_codes(output)
    for bad in ("\x1b", "\x07", "\x9b", "\x9d", "\x90", "\x08", "\u202e", "\u202c", "\u2066", "\u2069"):
        assert bad not in rest, f"{bad!r} reached the output"
    assert "pwned" not in output, "an OSC string's payload reached the output"
    assert "[bold red]Title[/]" in rest, "Rich markup in page text must show as text"
    assert "[link=file:///etc/passwd]site[/link]" in rest
    assert ":smile:" in rest and "😄" not in rest, "no emoji codes either"
    assert "hidden" in rest, "text a page tries to conceal is shown"
    for target in OSC8.findall(output):
        assert target in ("", "https://ok.example/a"), f"unexpected link target {target!r}"


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in RICH_ENV + PAGER_ENV}
    env["PYTHONPATH"] = str(ROOT)
    env["TERM"] = "xterm-256color"
    env.update(extra or {})
    return env


def run_piped(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsextract", *args],
        input=stdin,
        capture_output=True,
        env=_env(env),
        timeout=60,
    )


def run_in_pty(
    *args: str, columns: int = 100, env: dict[str, str] | None = None, stdin: bytes | None = None
) -> tuple[int, str]:
    """Run the CLI with stdout and stderr (and stdin, unless ``stdin`` is given)
    on a pseudo-terminal; return its exit code and output."""
    if sys.platform == "win32":
        pytest.skip("no pseudo-terminals on Windows")
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsextract", *args],
        stdin=slave if stdin is None else subprocess.PIPE,
        stdout=slave,
        stderr=slave,
        env=_env(env),
        close_fds=True,
    )
    os.close(slave)
    if stdin is not None:
        assert proc.stdin is not None
        proc.stdin.write(stdin)
        proc.stdin.close()
    chunks: list[bytes] = []
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        code = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return code, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


# -- Snapshots -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("show-full", full_doc),
        ("show-no-comments", no_comments_doc),
        ("show-arabic", arabic_doc),
        ("show-cjk", cjk_doc),
    ],
)
def test_snapshot(name: str, make: object) -> None:
    assert callable(make)
    check_snapshot(name, record(make()))


@pytest.mark.parametrize("make", [full_doc, no_comments_doc, arabic_doc, cjk_doc])
@pytest.mark.parametrize("width", [80, 44, 24])
def test_no_line_wider_than_the_view(make: object, width: int) -> None:
    assert callable(make)
    for line in record(make(), width=width).split("\n"):
        assert cell_len(line) <= width, line


def test_full_view_sections_in_order() -> None:
    text = record(full_doc())
    marks = [
        "Port Calder",
        "By Ines Vukovic and Tom Aldous · 2025-03-12 10:42 · Daily8",
        "Comments (4)",
        "Related articles",
    ]
    positions = [text.index(m) for m in marks]
    assert positions == sorted(positions)
    assert "│ │ Dev Chandrasekar · 40 minutes ago" in text, "a reply of a reply has two guides"
    assert "Anonymous · 2025-03-12 18:05" in text
    assert "…" in text, "a long teaser summary is cut to two lines"


def test_empty_comments_section_says_so() -> None:
    text = record(cjk_doc())
    assert "Comments" in text and "No comments yet" in text


def test_missing_sections_are_left_out() -> None:
    text = record(no_comments_doc())
    assert "Comments" not in text and "No comments" not in text
    bare = _doc(Article(title="Only a title", blocks=[Block("paragraph", "Some words here.")]))
    text = record(bare)
    assert "Related" not in text and "Comments" not in text and "By " not in text


def test_options_leave_sections_out() -> None:
    text = record(full_doc(), comments=False, related=False)
    assert "Comments" not in text and "Tomasz" not in text
    assert "Related articles" not in text and "Seaweed" not in text
    assert "A Quota Cut Too Far" in text


def test_bidi_controls_are_removed() -> None:
    doc = arabic_doc()
    doc.article.blocks.append(Block("paragraph", "\u202bنص\u202c \u2067معزول\u2069 \u200fعلامة"))
    text = record(doc)
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", text)
    assert "نص معزول \u200fعلامة" in text, "the text stays, and bidi marks (RLM) are harmless"


# -- Width and reading time ------------------------------------------------------


def test_view_width() -> None:
    assert view_width(Console(width=200)) == READING_WIDTH
    assert view_width(Console(width=60)) == 60
    assert view_width(Console(width=200), 120) == 120
    wide = Console(file=io.StringIO(), width=200, record=True, color_system=None)
    render_terminal(full_doc(), wide)
    assert max(cell_len(line) for line in wide.export_text().split("\n")) <= READING_WIDTH


def test_reading_stats() -> None:
    assert reading_stats("").describe() == ""
    stats = reading_stats("Don't panic: 4,800 year-round jobs, 2.5 times more.")
    assert stats.words == 8 and stats.cjk_chars == 0
    assert reading_stats("word " * 230).minutes == 1
    assert reading_stats("word " * 231).minutes == 2
    ja = reading_stats("日本語の文章です。" * 100)
    assert ja.cjk_chars == 800 and ja.words == 0 and ja.minutes == 2
    assert ja.describe() == "800 characters · 2 min read"
    assert reading_stats("한국어 문장은 띄어 씁니다").words == 4, "Hangul is counted in words"


# -- Safety ----------------------------------------------------------------------


def test_page_text_is_never_markup_or_control() -> None:
    output = styled(hostile_doc())
    assert has_colour(output), "the console does style the view"
    assert_inert(output)
    assert_inert(record(hostile_doc()))


def test_hostile_page_through_the_real_command(tmp_path: Path) -> None:
    evil = "\x1b]0;pwned-title\x07Evil \x1b[2J[bold red]Title[/] \u202eeulav \x9b31mred \x1b[8mhidden"
    body = (
        f"{evil} [link=file:///etc/passwd]site[/link] :smile: and enough ordinary words to make a paragraph."
    )
    page = tmp_path / "evil.html"
    page.write_text(
        f"<!doctype html><html><head><title>{evil}</title></head><body><article><h1>{evil}</h1>"
        + f"<p>{body}</p>" * 4
        + "</article></body></html>",
        encoding="utf-8",
    )
    piped = run_piped("show", str(page))
    assert piped.returncode == 0, piped.stderr
    assert b"\x1b" not in piped.stdout
    assert_inert(piped.stdout.decode())
    code, output = run_in_pty("show", str(page))
    assert code == 0, output
    assert has_colour(output)
    assert_inert(output)


def test_exports_escape_page_text(tmp_path: Path) -> None:
    doc = hostile_doc()
    doc.article.blocks.append(Block("paragraph", "<script>alert(1)</script> & <b>bold</b>"))
    from newsextract.cli_show import export_view

    html, svg = tmp_path / "v.html", tmp_path / "v.svg"
    export_view(doc, html=html, svg=svg, width=80, comments=True, related=True, no_color=False)
    for out in (html.read_text(encoding="utf-8"), svg.read_text(encoding="utf-8")):
        assert "<script>" not in out and "<b>bold" not in out
        assert "\x1b" not in out and "pwned" not in out


# -- The command -------------------------------------------------------------------


def test_show_command_is_registered() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "show" in result.output
    result = runner.invoke(app, ["show", "--help"])
    assert result.exit_code == 0 and "Usage" in result.output and "--export-svg" in result.output


def test_kind_choices_match_the_library() -> None:
    assert tuple(k.value for k in InputKind) == KINDS


def test_piped_output_has_no_escape_codes() -> None:
    proc = run_piped("show", str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "\x1b" not in out
    assert "Comments" in out and "Related articles" in out
    assert max(cell_len(line) for line in out.split("\n")) <= WIDTH, "a pipe gets 80 columns"


def test_show_stdin_and_width() -> None:
    proc = run_piped("show", "-", "--width", "50", stdin=SAMPLE.read_bytes())
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.decode().split("\n")
    assert max(cell_len(line) for line in lines) <= 50
    assert max(cell_len(line) for line in lines) > 40


def test_show_options() -> None:
    result = runner.invoke(app, ["show", str(SAMPLE), "--no-comments", "--no-related"])
    assert result.exit_code == 0, result.output
    assert "Comments" not in result.stdout and "Related articles" not in result.stdout
    assert "\x1b" not in result.stdout


def test_show_errors_like_parse(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = run_piped("show", str(empty))
    assert proc.returncode == EXIT_INPUT
    assert proc.stderr.decode().count("\n") == 1 and proc.stdout == b""
    proc = run_piped("show", str(SAMPLES / "daily8-video.txt"))
    assert proc.returncode == EXIT_NO_ARTICLE
    assert "Related articles" in proc.stdout.decode(), "teasers are still shown"


def test_export_files(tmp_path: Path) -> None:
    html, svg = tmp_path / "view.html", tmp_path / "view.svg"
    result = runner.invoke(app, ["show", str(SAMPLE), "--export-html", str(html), "--export-svg", str(svg)])
    assert result.exit_code == 0, result.output
    title = parse_file(SAMPLE).article.title
    assert title
    assert svg.read_text(encoding="utf-8").startswith("<svg") and "Comments" in html.read_text(
        encoding="utf-8"
    )
    assert not list(tmp_path.glob(".*.tmp"))
    proc = run_piped("show", str(SAMPLE), "--export-svg", str(tmp_path / "missing" / "x.svg"))
    assert proc.returncode == EXIT_OUTPUT and "cannot write" in proc.stderr.decode()


def test_colour_on_a_terminal() -> None:
    code, output = run_in_pty("show", str(SAMPLE))
    assert code == 0, output
    assert has_colour(output)
    assert "Port Calder" in output


def test_parse_on_a_terminal_shows_the_view() -> None:
    code, output = run_in_pty("parse", str(SAMPLE))
    assert code == 0, output
    assert has_colour(output)
    assert "Related articles" in output and '"schema_version"' not in output


def test_no_color_on_a_terminal() -> None:
    for args, env in ((("--no-color",), {}), ((), {"NO_COLOR": "1"})):
        code, output = run_in_pty("show", str(SAMPLE), *args, env=env)
        assert code == 0, output
        assert not has_colour(output), (args, env)
        assert "Port Calder" in output


def test_pager_on_a_terminal() -> None:
    pager = {"PAGER": "sed 's/^/PAGED:/'"}
    code, output = run_in_pty("show", str(SAMPLE), "--pager", env=pager)
    assert code == 0, output
    assert has_colour(output) and "Related articles" in output
    assert all(line.startswith("PAGED:") for line in output.splitlines() if line), (
        "the view went through $PAGER"
    )
    # The page on stdin: the pager still runs (it reads keys from the terminal, not stdin).
    code, output = run_in_pty("show", "--pager", env=pager, stdin=SAMPLE.read_bytes())
    assert code == 0, output
    assert "PAGED:" in output and "Related articles" in output


def test_pager_is_skipped_when_piped() -> None:
    proc = run_piped("show", str(SAMPLE), "--pager", env={"PAGER": "sed 's/^/PAGED:/'"})
    assert proc.returncode == 0
    assert b"PAGED:" not in proc.stdout and b"\x1b" not in proc.stdout


# -- The samples (parser output may shift: only the title and section headers) -------


@pytest.mark.parametrize("name", ["daily8-comments", "generic-w3m", "daily8-ar", "generic-ja"])
def test_sample_smoke(name: str) -> None:
    doc = parse_file(SAMPLES / f"{name}.txt")
    text = record(doc)
    squeezed = "".join(text.split())
    assert doc.article.title and "".join(doc.article.title.split()) in squeezed
    assert ("Comments" in text) == doc.comments.found
    assert ("Related articles" in text) == bool(doc.related)
    if name == "daily8-comments":
        assert doc.comments.found and doc.related
    if name == "generic-w3m":
        assert not doc.comments.found
