"""Line classification on synthetic lines (no dump needed to test a rule)."""

from __future__ import annotations

import pytest

from newsextract.text import features
from newsextract.text.classify import classify
from newsextract.text.lines import split_lines

PROSE = (
    "The council voted on Tuesday to close the street for six weeks while the crews repair "
    "the seawall, and the mayor said that the work could not wait until the summer."
)


def labels(text: str, language: str | None = "en") -> list[tuple[str, str]]:
    lines = split_lines(text)
    profile = features.Profile.for_language(language)
    features.compute(lines, profile)
    classify(lines, profile)
    return [(ln.text, ln.label) for ln in lines]


@pytest.mark.parametrize(
    ("line", "label"),
    [
        (PROSE, "good"),
        ("Home", "chrome"),
        ("Transportation", "short"),
        ("Comments", "comments"),
        ("Comments (12)", "comments"),
        ("Top Rated Comments", "comments"),
        ("Commentaires", "comments"),
        ("التعليقات", "comments"),
        ("No comments yet...", "no_comments"),
        ("Be the first to comment", "no_comments"),
        ("Related Articles", "related"),
        ("Articles connexes", "related"),
        ("مقالات ذات صلة", "related"),
        ("Hashtags", "tags"),
        ("Read also: Storm damage tops $18 million", "read_also"),
        ("Share", "chrome"),
        ("© 2025 The Harbor Ledger. All rights reserved.", "chrome"),
        ("Home | News | Sport | Weather", "chrome"),
        ("Sign up for our newsletter", "chrome"),
        ("3 hours ago", "meta"),
        ("il y a 3 heures", "meta"),
        ("منذ 3 ساعات", "meta"),
        ("2 days ago at 07:52 am", "meta"),
        ("il y a 2 jours à 14h30", "meta"),
        ("Meeting at 10:30", "short"),
        ("By Jane Doe and Tom Reyes", "meta"),
        ("November 18, 2019 11:03 PM", "meta"),
        ("Email address [          ] [Sign up]", "chrome"),
    ],
)
def test_single_line_labels(line: str, label: str) -> None:
    # Ages are read in the document's language (and English): say which it is.
    language = {"il y a 3 heures": "fr", "il y a 2 jours à 14h30": "fr", "منذ 3 ساعات": "ar"}.get(line, "en")
    assert labels(line, language)[0][1] == label


def test_read_also_needs_a_separator() -> None:
    # "Les" and "Lire" are read-also prefixes in French only before a colon.
    got = labels(
        "Les habitants de la ville ont voté pour la fermeture de la rue pendant six semaines, a dit le maire.",
        "fr",
    )
    assert got[0][1] != "read_also"


def test_caption_above_a_credit_is_chrome() -> None:
    got = labels("Workers repair the seawall at Pier 9 on Monday.\nPhoto: Jane Doe / Harbor Ledger")
    assert [label for _, label in got] == ["chrome", "chrome"]


def test_sentence_starting_with_video_is_not_a_credit() -> None:
    got = labels("Video shows the crowd at the stadium cheering as the final whistle blew on Sunday night.")
    assert got[0][1] != "chrome"
