"""Segmentation of text dumps into lines."""

from __future__ import annotations

from newsextract.text.lines import split_lines


def test_blank_lines_are_counted_not_kept() -> None:
    lines = split_lines("Title\n\n\nFirst paragraph.\nSecond.")
    assert [ln.text for ln in lines] == ["Title", "First paragraph.", "Second."]
    assert [ln.blank_before for ln in lines] == [0, 2, 0]
    assert [ln.lineno for ln in lines] == [1, 4, 5]


def test_w3m_bullets_become_list_markers() -> None:
    lines = split_lines("  • Home\n      □ World\n 1. First step\n - ArabGT")
    assert [(ln.text, ln.bullet) for ln in lines] == [
        ("Home", "•"),
        ("World", "□"),
        ("First step", "1."),
        ("ArabGT", "-"),
    ]
    assert lines[1].indent > lines[0].indent


def test_a_date_is_not_a_numbered_item() -> None:
    (line,) = split_lines("12. März 2025, 14:30 Uhr")
    assert line.bullet is None and line.text == "12. März 2025, 14:30 Uhr"


def test_placeholders_rules_and_form_fields_are_dropped() -> None:
    text = "[image]\n━━━━━━━━━━\n[                    ]\n[Associated] Associated Press\n-----\nBody"
    assert [ln.text for ln in split_lines(text)] == ["Associated Press", "Body"]


def test_wrapped_w3m_paragraph_is_rejoined() -> None:
    first = "word " * 205
    lines = split_lines(first.rstrip() + "\ncontinues here.\n\nNext")
    assert len(lines) == 2
    assert lines[0].text.endswith("wordcontinues here.") or lines[0].text.endswith("word continues here.")


def test_no_break_and_full_width_spaces_are_kept() -> None:
    (line,) = split_lines("«\u00a0Bonjour\u00a0»  dit-il\u3000ici")
    assert line.text == "«\u00a0Bonjour\u00a0» dit-il\u3000ici"


def test_crlf_and_invisible_lines() -> None:
    lines = split_lines("A\r\n\u200b\r\nB\rC")
    assert [ln.text for ln in lines] == ["A", "B", "C"]
    assert lines[1].blank_before == 1
