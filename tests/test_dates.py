"""Tests for newsextract.dates: relative ages, absolute dates, glued source names."""

from __future__ import annotations

import time

import pytest

from newsextract import dates as D
from newsextract import lexicon as L

# ---------------------------------------------------------------------------
# parse_age


@pytest.mark.parametrize(
    "line",
    [
        "3 hours ago",
        "3 HOURS AGO",
        "1 hour ago",
        "an hour ago",
        "a few minutes ago",
        "about 2 hours ago",
        "5 mins ago",
        "3h ago",
        "2 days ago",
        "4 weeks ago",
        "6 months ago",
        "1 year ago",
        "Yesterday",
        "yesterday at 3:45 PM",
        "Just now",
        "il y a 3 heures",
        "Il y a 3 h",
        "il y a un an",
        "il y a quelques minutes",
        "à l'instant",
        "vor 3 Stunden",
        "vor einer Stunde",
        "gestern",
        "hace 3 horas",
        "hace un momento",
        "há 3 horas",
        "3 horas atrás",
        "3 ore fa",
        "3 uur geleden",
        "3 часа назад",
        "час назад",
        "5 минут назад",
        "вчера",
        "3 години тому",
        "3 godziny temu",
        "před 3 hodinami",
        "pred 3 hodinami",
        "för 3 timmar sedan",
        "3 timmar sedan",
        "for 3 timer siden",
        "3 tuntia sitten",
        "3 saat önce",
        "acum 3 ore",
        "3 órája",
        "3 órával ezelőtt",
        "πριν από 3 ώρες",
        "3 ώρες πριν",
        "منذ 3 ساعات",
        "منذ ساعتين",
        "منذ ساعة",
        "قبل يومين",
        "منذ ٣ ساعات",
        "أمس",
        "۳ ساعت پیش",
        "לפני 3 שעות",
        "3 घंटे पहले",
        "3 jam yang lalu",
        "3 giờ trước",
        "3 ชั่วโมงที่แล้ว",
        "3時間前",
        "数時間前",
        "昨日",
        "3시간 전",
        "한 시간 전",
        "어제",
        "3小时前",
        "3天前",
        "刚刚",
        "преди 3 часа",
        "prije 3 sata",
        "пре 3 сата",
        "fa 3 hores",
    ],
)
def test_parse_age_whole_line(line: str) -> None:
    assert D.parse_age(line) == line
    assert D.parse_age(line, whole_line=True) == line
    assert D.parse_age(f"  {line}.  ") == line


@pytest.mark.parametrize(
    ("line", "age"),
    [
        ("time3 hours ago", "3 hours ago"),
        ("Axios3 hours ago", "3 hours ago"),
        ("Reuters2 days ago", "2 days ago"),
        ("Updated 3 hours ago", "3 hours ago"),
        ("By Jane Doe 3 hours ago", "3 hours ago"),
        ("CNN · 2 hours ago", "2 hours ago"),
        ("The Washington Post | 5 hours ago", "5 hours ago"),
        ("Le Mondeil y a 3 heures", "il y a 3 heures"),
        ("الجزيرة منذ 3 ساعات", "منذ 3 ساعات"),
        ("朝日新聞3時間前", "3時間前"),
    ],
)
def test_parse_age_tail(line: str, age: str) -> None:
    assert D.parse_age(line) == age
    assert D.parse_age(line, whole_line=True) is None


@pytest.mark.parametrize(
    "line",
    [
        "",
        "ago",
        "hours",
        "3 hours",
        "for 3 hours",
        "vor 3 hours",
        "3 hours agony",
        "Chicago",
        "He left the company 3 years ago.",
        "He left the company 3 years ago",
        "The war began two years ago and is still going on",
        "Twenty years ago, the company was founded",
        "Three years ago, I moved to Paris.",
        "Il y a 3 heures, le président a parlé.",
        "3 minutes ago · 5 min read",
        "12345 hours ago",
    ],
)
def test_parse_age_negative(line: str) -> None:
    assert D.parse_age(line) is None


@pytest.mark.parametrize(
    "line",
    ["Updated 3 hours ago", "He said it happened 3 years ago", "Posted yesterday", "News 2 days ago"],
)
def test_parse_age_whole_line_rejects_sentences(line: str) -> None:
    assert D.parse_age(line, whole_line=True) is None


@pytest.mark.parametrize(
    ("line", "lang"),
    [("2 days ago at 07:52 am", None), ("3 hours ago · 10:15", None), ("il y a 2 jours à 14h30", "fr"), ("вчера в 12:05", "ru")],
)
def test_parse_age_at(line: str, lang: str | None) -> None:
    assert D.parse_age_at(line, lang=lang) == line


@pytest.mark.parametrize("line", ["Meeting at 10:30", "Updated 10:30 am", "2 days ago", "He left 2 days ago at 07:52 am", "07:52"])
def test_parse_age_at_negative(line: str) -> None:
    assert D.parse_age_at(line) is None


# ---------------------------------------------------------------------------
# find_date


@pytest.mark.parametrize(
    ("text", "matched", "iso"),
    [
        ("2025-03-12", "2025-03-12", "2025-03-12"),
        ("2025/03/12", "2025/03/12", "2025-03-12"),
        ("12-03-2025", "12-03-2025", "2025-03-12"),
        ("12/03/2025", "12/03/2025", "2025-03-12"),
        ("12.03.2025", "12.03.2025", "2025-03-12"),
        ("March 12, 2025", "March 12, 2025", "2025-03-12"),
        ("March 12 2025", "March 12 2025", "2025-03-12"),
        ("12 March 2025", "12 March 2025", "2025-03-12"),
        ("1st April 2025", "1st April 2025", "2025-04-01"),
        ("Sept. 3, 2025", "Sept. 3, 2025", "2025-09-03"),
        ("Mar. 12, 2025 3:45 PM ET", "Mar. 12, 2025 3:45 PM ET", "2025-03-12T15:45:00"),
        ("November 18, 2019 11:03 PM", "November 18, 2019 11:03 PM", "2019-11-18T23:03:00"),
        ("March 12, 2025 at 3:45 p.m. EDT", "March 12, 2025 at 3:45 p.m. EDT", "2025-03-12T15:45:00"),
        ("12 March 2025 at 12:30 am", "12 March 2025 at 12:30 am", "2025-03-12T00:30:00"),
        ("12 mars 2025", "12 mars 2025", "2025-03-12"),
        ("1er février 2025", "1er février 2025", "2025-02-01"),
        ("12 fevrier 2025", "12 fevrier 2025", "2025-02-12"),
        ("Publié le 12 mars 2025 à 15h30", "12 mars 2025 à 15h30", "2025-03-12T15:30:00"),
        ("١٢ مارس ٢٠٢٥", "١٢ مارس ٢٠٢٥", "2025-03-12"),
        ("12 آذار 2025", "12 آذار 2025", "2025-03-12"),
        ("12 مارس/آذار 2025", "12 مارس/آذار 2025", "2025-03-12"),
        ("١٢ مارس ٢٠٢٥ - ٠٣:٤٥ م", "١٢ مارس ٢٠٢٥ - ٠٣:٤٥ م", "2025-03-12T15:45:00"),
        ("۱۲ مارس ۲۰۲۵", "۱۲ مارس ۲۰۲۵", "2025-03-12"),
        ("12. März 2025", "12. März 2025", "2025-03-12"),
        ("12.03.2025, 14:30 Uhr", "12.03.2025, 14:30 Uhr", "2025-03-12T14:30:00"),
        ("12 de marzo de 2025", "12 de marzo de 2025", "2025-03-12"),
        ("12 de marzo de 2025 a las 10:30", "12 de marzo de 2025 a las 10:30", "2025-03-12T10:30:00"),
        ("12 de março de 2025", "12 de março de 2025", "2025-03-12"),
        ("12 d'abril de 2025", "12 d'abril de 2025", "2025-04-12"),
        ("12 marzo 2025", "12 marzo 2025", "2025-03-12"),
        ("12 maart 2025", "12 maart 2025", "2025-03-12"),
        ("12 марта 2025", "12 марта 2025", "2025-03-12"),
        ("12 марта 2025 года в 14:30", "12 марта 2025 года в 14:30", "2025-03-12T14:30:00"),
        ("12 березня 2025", "12 березня 2025", "2025-03-12"),
        ("12 marca 2025", "12 marca 2025", "2025-03-12"),
        ("12. března 2025", "12. března 2025", "2025-03-12"),
        ("12 Mart 2025", "12 Mart 2025", "2025-03-12"),
        ("12 MAYIS 2025", "12 MAYIS 2025", "2025-05-12"),
        ("12 EKİM 2025", "12 EKİM 2025", "2025-10-12"),
        ("12 martie 2025", "12 martie 2025", "2025-03-12"),
        ("2025. március 12.", "2025. március 12.", "2025-03-12"),
        ("12. maaliskuuta 2025", "12. maaliskuuta 2025", "2025-03-12"),
        ("12 Μαρτίου 2025", "12 Μαρτίου 2025", "2025-03-12"),
        ("12 במרץ 2025", "12 במרץ 2025", "2025-03-12"),
        ("12 मार्च 2025", "12 मार्च 2025", "2025-03-12"),
        ("12 Maret 2025", "12 Maret 2025", "2025-03-12"),
        ("12 tháng 3 năm 2025", "12 tháng 3 năm 2025", "2025-03-12"),
        ("12 มีนาคม 2568", "12 มีนาคม 2568", "2025-03-12"),
        ("2025年3月12日", "2025年3月12日", "2025-03-12"),
        ("2025年3月12日（水）15時45分", "2025年3月12日（水）15時45分", "2025-03-12T15:45:00"),
        ("2025年03月12日 下午3:45", "2025年03月12日 下午3:45", "2025-03-12T15:45:00"),
        ("２０２５年３月１２日", "２０２５年３月１２日", "2025-03-12"),
        ("2025년 3월 12일", "2025년 3월 12일", "2025-03-12"),
        ("2025년 3월 12일 오후 3:45", "2025년 3월 12일 오후 3:45", "2025-03-12T15:45:00"),
        ("2025. 3. 12. 15:45", "2025. 3. 12. 15:45", "2025-03-12T15:45:00"),
        ("2025-03-12T15:45:00Z", "2025-03-12T15:45:00Z", "2025-03-12T15:45:00+00:00"),
        ("2025-03-12T15:45:00.123-05:00", "2025-03-12T15:45:00.123-05:00", "2025-03-12T15:45:00-05:00"),
        ("2025-03-12 15:45:00+03:00", "2025-03-12 15:45:00+03:00", "2025-03-12T15:45:00+03:00"),
        ("12.03.2025 14:30 GMT+3", "12.03.2025 14:30 GMT+3", "2025-03-12T14:30:00+03:00"),
        ("Wednesday 12 March 2025 15.45 GMT", "12 March 2025 15.45 GMT", "2025-03-12T15:45:00+00:00"),
    ],
)
def test_find_date(text: str, matched: str, iso: str) -> None:
    assert D.find_date(text) == (matched, iso)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("05/06/2025", "2025-06-05"),  # ambiguous: day first
        ("05-06-2025", "2025-06-05"),
        ("13/06/2025", "2025-06-13"),  # only day first is possible
        ("06/13/2025", "2025-06-13"),  # second number > 12: month first
        ("12/12/2025", "2025-12-12"),
    ],
)
def test_find_date_numeric_order(text: str, iso: str) -> None:
    assert D.find_date(text) == (text, iso)


def test_find_date_month_first_option() -> None:
    assert D.find_date("05/06/2025", month_first=True) == ("05/06/2025", "2025-05-06")
    assert D.find_date("13/06/2025", month_first=True) == ("13/06/2025", "2025-06-13")


@pytest.mark.parametrize(
    "text",
    [
        "13/13/2025",
        "31/02/2025",
        "2025-02-30",
        "2025-13-01",
        "32 March 2025",
        "12/03/1750",
        "12 Smarch 2025",
        "",
    ],
)
def test_find_date_invalid(text: str) -> None:
    assert D.find_date(text) is None


@pytest.mark.parametrize(
    ("text", "matched", "iso"),
    [
        ("31.10.23", "31.10.23", "2023-10-31"),
        ("  Stand: 1.2.24  ", "1.2.24", "2024-02-01"),
        ("23.09.22 um 14:30", "23.09.22 um 14:30", "2022-09-23T14:30:00"),
        ("12.5.99", "12.5.99", "1999-05-12"),
    ],
)
def test_find_date_two_digit_year_on_short_lines(text: str, matched: str, iso: str) -> None:
    assert D.find_date(text) == (matched, iso)


@pytest.mark.parametrize(
    "text",
    [
        "2.26.1",  # a version
        "v1.12.23",
        "release 1.2.26.4",
        "31.10.23.5",
        "13.13.23",
        "31/10/23",  # only dots
        "The vote was held on 31.10.23 after a long debate in parliament",  # prose, not a dateline
    ],
)
def test_find_date_two_digit_year_not_read(text: str) -> None:
    assert D.find_date(text) is None


def test_find_date_four_digit_year_first() -> None:
    assert D.find_date("1.2.24 / 3.4.2025") == ("3.4.2025", "2025-04-03")


def test_find_date_language_decides_conflicting_month_names() -> None:
    assert D.find_date("12 listopada 2025") == ("12 listopada 2025", "2025-11-12")  # Polish
    assert D.find_date("12 listopada 2025", lang="hr") == ("12 listopada 2025", "2025-10-12")  # Croatian


def test_find_date_in_running_text() -> None:
    text = "Posted by Jane Doe on Wednesday, March 12, 2025 at 3:45 PM, updated later."
    assert D.find_date(text) == ("March 12, 2025 at 3:45 PM", "2025-03-12T15:45:00")
    assert D.find_date("Version 1.2.3 shipped; see 2025-03-12 notes") == ("2025-03-12", "2025-03-12")


@pytest.mark.parametrize(
    ("text", "matched", "iso"),
    [
        ("Updated 10:42 AM EST, Tue March 4, 2025", "10:42 AM EST, Tue March 4, 2025", "2025-03-04T10:42:00"),
        ("14:30, 12 марта 2025", "14:30, 12 марта 2025", "2025-03-12T14:30:00"),
        ("٠٣:٤٥ م ١٢ مارس ٢٠٢٥", "٠٣:٤٥ م ١٢ مارس ٢٠٢٥", "2025-03-12T15:45:00"),
    ],
)
def test_find_date_with_the_time_before_the_date(text: str, matched: str, iso: str) -> None:
    assert D.find_date(text) == (matched, iso)


def test_find_date_drops_an_invalid_time() -> None:
    assert D.find_date("12/03/2025 25:99") == ("12/03/2025", "2025-03-12")
    assert D.find_date("March 12, 2025 15 people died") == ("March 12, 2025", "2025-03-12")


@pytest.mark.parametrize(
    "text",
    [
        "The meeting on 12 March 2025 was postponed",
        "March 12, 2025 was a Wednesday.",
        "May I come in?",
        "March on Washington",
        "In 2025 May 12 people came",
        "Published 12 March 2025",
    ],
)
def test_find_date_whole_line_rejects_sentences(text: str) -> None:
    assert D.find_date(text, whole_line=True) is None


@pytest.mark.parametrize(
    "text",
    [
        "12 March 2025",
        "  March 12, 2025 3:45 PM ET. ",
        "2025年3月12日",
        "١٢ مارس ٢٠٢٥",
        "10:42 AM EST, Tue March 4, 2025",
    ],
)
def test_find_date_whole_line(text: str) -> None:
    found = D.find_date(text, whole_line=True)
    assert found is not None and found[0] == text.strip().rstrip(". ")


@pytest.mark.parametrize(
    "text", ["May I come in?", "Mars is a planet", "COVID19 cases", "Call 555-1234", "Room 12-3"]
)
def test_find_date_no_date(text: str) -> None:
    assert D.find_date(text) is None


# ---------------------------------------------------------------------------
# split_glued_source


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Axios12-03-2025", ("Axios", "12-03-2025", "2025-03-12")),
        ("Reuters2025-03-12 14:30", ("Reuters", "2025-03-12 14:30", "2025-03-12T14:30:00")),
        ("AxiosMarch 12, 2025", ("Axios", "March 12, 2025", "2025-03-12")),
        ("The Times12 March 2025", ("The Times", "12 March 2025", "2025-03-12")),
        ("time3 hours ago", ("time", "3 hours ago", "")),
        ("Axios3 hours ago", ("Axios", "3 hours ago", "")),
        ("Reuters2 days ago", ("Reuters", "2 days ago", "")),
        ("Le Mondeil y a 3 heures", ("Le Monde", "il y a 3 heures", "")),
        ("朝日新聞3時間前", ("朝日新聞", "3時間前", "")),
    ],
)
def test_split_glued_source(line: str, expected: tuple[str, str, str] | None) -> None:
    assert D.split_glued_source(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "COVID19 cases",
        "G7 summit",
        "Windows 11 review",
        "12-03-2025",
        "3 hours ago",
        "Axios 3 hours ago",
        "Axios 12-03-2025",
        "Channel412-03-2025",
        "He left the company 3 years ago.",
        "",
    ],
)
def test_split_glued_source_negative(line: str) -> None:
    assert D.split_glued_source(line) is None


# ---------------------------------------------------------------------------
# regex safety


def _worst_cases() -> list[str]:
    n = 50_000
    runs = [
        "1",
        " ",
        "a",
        "١",
        "1 ",
        "12-",
        "12.",
        "1:",
        "ago ",
        "3 hours ",
        "منذ ",
        "年",
        "March ",
        "12 March ",
        "Mar. 12, ",
        "2025. ",
        "il y a ",
        "\u00a0",
        "(1",
        "comments ",
        ".",
        "-",
        "» ",
    ]
    texts = [(run * (n // len(run) + 1))[:n] for run in runs]
    # long runs of strippable characters that do not reach the end of the text
    return [*texts, "." * n + "a", "-" * n + "x", " " * n + "x", "a" + "." * n]


def test_regexes_are_linear_on_worst_case_input() -> None:
    inputs = _worst_cases()
    regexes = (*D.patterns(), *L.patterns())
    assert len(regexes) >= 8
    start = time.process_time()
    for regex in regexes:
        for text in inputs:
            for _ in regex.finditer(text):
                pass
    elapsed = time.process_time() - start
    assert elapsed < 2.0, f"regexes took {elapsed:.2f}s on 50,000-character inputs"


def test_public_functions_are_fast_on_long_input() -> None:
    inputs = _worst_cases()
    start = time.process_time()
    for text in inputs:
        D.parse_age(text)
        D.split_glued_source(text)
        D.find_date(text, whole_line=True)
        L.normalize(text)
        L.is_phrase(text, "comments_heading")
        L.is_phrase(text, "related_heading")
        L.starts_with_phrase(text, "chrome_prefix")
    elapsed = time.process_time() - start
    assert elapsed < 2.0, f"took {elapsed:.2f}s"
