"""Language detection."""

from __future__ import annotations

import pytest

from newsextract.language import (
    ANY_SCRIPT,
    COMMON_PUNCTUATION,
    LETTERS,
    ONE_BYTE_CODECS,
    SAMPLE_CHARS,
    SCRIPT_RANGES,
    WORD,
    _blank_punctuation,
    _words,
    detect_language,
    lower_words,
    lower_words_by_line,
    script_counts,
)

CASES = {
    "en": "The council voted on Tuesday to close the street for six weeks while the crews repair the seawall.",
    "fr": "Le conseil a voté mardi la fermeture de la rue pendant six semaines, le temps de réparer la digue.",
    "de": "Der Rat hat am Dienstag beschlossen, die Straße für sechs Wochen zu sperren, während die Mauer repariert wird.",
    "pt": "O conselho votou na terça-feira para fechar a rua durante seis semanas enquanto as equipes reparam o muro.",
    "ru": "Совет во вторник проголосовал за то, чтобы закрыть улицу на шесть недель, пока ремонтируют дамбу.",
    "ar": "صوت المجلس يوم الثلاثاء على إغلاق الشارع لمدة ستة أسابيع بينما تقوم الفرق بإصلاح السور البحري.",
    "ja": "市議会は火曜日、防波堤の修理のため、通りを六週間閉鎖することを決めました。",
    "ko": "시의회는 화요일 방파제 수리를 위해 거리를 6주 동안 폐쇄하기로 결정했습니다.",
    "zh": "市议会周二投票决定关闭这条街道六周，以便工人修复海堤。",
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_detects(lang: str) -> None:
    assert detect_language(CASES[lang] * 2) == lang


def test_too_little_text_is_unknown() -> None:
    assert detect_language("OK") is None


def test_words_split_as_the_word_regex() -> None:
    # _words replaces WORD.findall(text.lower()) for speed: the same tokens for
    # every character, as a separator between letters, as a word of its own and
    # in a run; with the common punctuation only (the ASCII path) and without.
    everything = [chr(c) for c in range(0x110000)]
    texts = ["".join(everything), "a".join(everything), " ".join(everything), "x_y’z—İ a.b", "ΑΣ’Β ΑΣ Σ"]
    texts += ["Don’t «Stop» — “Now”…\xa0A_B © £3 · •", "Don’t «Stop» — “Now”…\xa0A_B © £3 · • é"]
    for codec in ONE_BYTE_CODECS:  # the paths for one-byte encodable text
        chars = [bytes([b]).decode(codec, "ignore") for b in range(256)]
        texts += ["".join(chars), "a".join(chars), "Á".join(chars), "Ж".join(chars), " ".join(chars)]
    texts += ["Ça «VA» ÀÉÎ ß µ ª²¼ — ’x", "Ёлка «ВСЁ» — №1, Ђ’ђ £"]
    for text in texts:
        assert _words(text, _blank_punctuation(text)) == WORD.findall(text.lower())


def test_lower_words_split_as_the_word_regex() -> None:
    # lower_words (stopword density of a line) skips the blanking of ASCII text
    ascii_chars = "".join(chr(c) for c in range(128))
    texts = [ascii_chars, "a".join(ascii_chars), " ".join(ascii_chars), "Hello, World_2 -- IT'S x.Y", ""]
    texts += ["Don’t «Stop» — “Now”…\xa0A_B © £3", "Ça VA? ΑΣ’Β ΑΣ Σ İstanbul", "".join(chr(c) for c in range(0x3000))]
    for text in texts:
        assert lower_words(text) == WORD.findall(text.lower())


def test_one_byte_codecs_have_no_context_dependent_lowercase() -> None:
    # _words lowercases their text after blanking: no "Σ" (nor "İ") there
    for codec in ONE_BYTE_CODECS:
        for ch in "Σİ":
            with pytest.raises(UnicodeEncodeError):
                ch.encode(codec)


def test_common_punctuation_is_no_word_and_no_script() -> None:
    for ch in COMMON_PUNCTUATION:
        assert not WORD.match(ch) and ch.lower() == ch and not ANY_SCRIPT.match(ch)


def test_script_counts_count_every_script_character() -> None:
    # script_counts skips the scan of a script whose high bytes do not occur
    def reference(text: str) -> dict[str, int]:
        counts = {name: sum(1 for ch in text if any(lo <= ord(ch) <= hi for lo, hi in ranges)) for name, ranges in SCRIPT_RANGES.items()}
        latin = sum(map(len, LETTERS.findall(text))) - sum(counts.values())
        return {name: n for name, n in {**counts, "latin": latin}.items() if n > 0}

    texts = ["".join(chr(c) for c in range(0xE000)), "Русский текст 𝔘𝔫 \ud800", "中文 日本語 ひらがな 한국어 עברית ไทย हिन्दी العربية Ελληνικά", "plain"]
    for text in texts:
        assert dict(script_counts(text)) == reference(text)


def test_detect_language_with_the_callers_words() -> None:
    # the text path passes the sample's words, split line by line
    for lang, text in CASES.items():
        sample = "\n".join([text] * 3)
        assert detect_language(sample, lambda sample=sample: lower_words(sample[:SAMPLE_CHARS])) == detect_language(sample) == lang


def test_sample_words_split_the_cut_sample_line_by_line() -> None:
    # analyse splits the language sample line by line, once for the language
    # and for the lines' stopword density: the same words as the cut sample's
    from newsextract.text import _language_lines, _sample_words
    from newsextract.text.features import Profile, set_densities, stopword_density
    from newsextract.text.lines import split_lines

    for filler in ("Der Rat hat am Dienstag beschlossen, die STRAßE ", "ΟΔΟΣ ΚΑΙ ΠΟΛΗΣ ", "Совет во вторник: ", "ab "):
        for extra in range(0, 200, 37):
            text = "\n".join(
                ["x " * extra] + [filler * (14 + (i * extra) % 23) + "ΣΑΣ" for i in range(120)] + ["short"]
            )
            lines = split_lines(text)
            sample_lines = _language_lines(lines)
            sample = "\n".join([ln.text for ln in sample_lines])
            whole: list[list[str]] = []
            assert _sample_words(sample, whole) == lower_words(sample[:SAMPLE_CHARS])
            assert whole == [lower_words(ln.text) for ln in sample_lines[: len(whole)]]
            assert len(sample) > SAMPLE_CHARS and 0 < len(whole) < len(sample_lines)
            profile = Profile.for_language("de")
            set_densities(sample_lines, whole, profile)
            for ln in lines:
                if ln._density is not None:
                    assert ln._density == stopword_density(ln.text, profile)
            assert sample_lines[len(whole)]._density is None  # the cut line's stays lazy


def test_lower_words_by_line_as_each_line_alone() -> None:
    lines = ["ΟΔΟΣ", "ΣΑΣ ΟΔΟΣ.", "", "Straße, İstanbul — «Ça va» … ok", "Совет: ВО вторник", "中文 日本語 ΣΑΣ", "a_b 1-2"]
    for i in range(len(lines)):
        for j in range(i + 1, len(lines) + 1):
            text = "\n".join(lines[i:j])
            assert lower_words_by_line(text) == [WORD.findall(ln.lower()) for ln in lines[i:j]]
            assert lower_words(text) == WORD.findall(text.lower())
