"""Tests for newsextract.lexicon and the data files it loads."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from newsextract import lexicon as L

CORE_LANGUAGES = ("en", "fr", "de", "es", "pt", "it", "nl", "ru", "ar", "tr", "pl", "ja", "ko", "zh")
_STOPWORD_CODES = (
    "ar bg ca cs da de el en es fa fi fr he hi hr hu id it ja ko ms nl no pl pt ro ru sk sr sv th tr uk vi zh"
)
STOPWORD_LANGUAGES = tuple(_STOPWORD_CODES.split())


def _data(*parts: str) -> str:
    node = resources.files("newsextract") / "data"
    for part in parts:
        node = node / part
    return node.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# the data files


def test_markers_json_has_every_category_with_a_doc() -> None:
    data = json.loads(_data("markers.json"))
    assert {*L.LIST_CATEGORIES, "age_words", "months"} <= set(data)
    for category, value in data.items():
        assert isinstance(value.get("_doc"), str) and len(value["_doc"]) > 30, category


@pytest.mark.parametrize("category", L.LIST_CATEGORIES)
def test_list_categories_cover_the_core_languages(category: str) -> None:
    by_language = L.phrases_by_language(category)
    languages = set(CORE_LANGUAGES)
    if category == "related_heading_prefix":
        languages -= {"ja", "ko"}  # these write "<section> の記事" / "<섹션> 더보기": a suffix, not a prefix
    missing = languages - set(by_language)
    assert not missing, f"{category} lacks {sorted(missing)}"
    for lang, phrases in by_language.items():
        assert phrases, f"{category}.{lang} is empty"
        for phrase in phrases:
            assert phrase == L.normalize(phrase)


@pytest.mark.parametrize("category", L.LIST_CATEGORIES)
def test_raw_phrases_are_clean(category: str) -> None:
    data = json.loads(_data("markers.json"))[category]
    for lang, items in data.items():
        if lang == "_doc":
            continue
        assert len(items) == len(set(items)), f"duplicates in {category}.{lang}"
        for item in items:
            assert item == item.strip() and "  " not in item, (category, lang, item)


def test_months_are_twelve_per_language() -> None:
    data = json.loads(_data("markers.json"))["months"]
    languages = [lang for lang in data if lang != "_doc"]
    assert set(CORE_LANGUAGES) <= set(languages)
    assert len(languages) >= 30
    for lang in languages:
        assert len(data[lang]) == 12, lang
        assert all(names for names in data[lang]), lang


def test_age_words_structure() -> None:
    ages = L.age_lexicon()
    assert set(CORE_LANGUAGES) <= set(ages)
    for lang, words in ages.items():
        assert set(words.units.values()) == set(L.UNITS), lang
        assert words.before or words.after, lang
        assert words.yesterday, lang
    assert ages["ar"].units["ساعات"] == "hour"
    assert ages["ar"].units["ساعتين"] == "hour"
    assert ages["ar"].units["أيام"] == "day"
    assert ages["ru"].units["часов"] == "hour"
    assert ages["ru"].units["минуту"] == "minute"
    assert ages["ru"].units["дней"] == "day"
    assert "il y a" in ages["fr"].before
    assert "ago" in ages["en"].after
    assert "назад" in ages["ru"].after
    assert "前" in ages["ja"].after and "전" in ages["ko"].after
    assert ages["hu"].fused["órája"] == "hour"
    assert "for" in ages["da"].before_optional and "for" not in ages["da"].before
    assert "gestern" in ages["de"].yesterday and "昨天" in ages["zh"].yesterday


@pytest.mark.parametrize("lang", STOPWORD_LANGUAGES)
def test_stopword_files(lang: str) -> None:
    lines = _data("stopwords", f"{lang}.txt").splitlines()
    assert lines[0].startswith("# ") and lines[0].endswith(
        ": the most frequent function words (articles, pronouns, prepositions, conjunctions, "
        "auxiliaries, common adverbs)."
    )
    words = [w for w in lines[1:] if w]
    assert all(not w.startswith("#") for w in words)
    assert len(words) == len(set(words)), "duplicates"
    assert all(w == w.lower() and w == w.strip() and " " not in w for w in words)
    assert 90 <= len(words) <= 420, len(words)


def test_korean_suffix_file() -> None:
    text = _data("stopwords", "ko.suffixes.txt")
    assert not text.startswith("#")
    suffixes = L.korean_suffixes()
    required = "은 는 이 가 을 를 에 의 로 으로 에서 와 과 도 만"
    assert set(required.split()) <= set(suffixes)
    assert len(suffixes[0]) >= len(suffixes[-1])  # longest first


# ---------------------------------------------------------------------------
# normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Comments  ", "comments"),
        ("READ MORE »", "read more"),
        ("Read more...", "read more"),
        ("Read more…", "read more"),
        ("• Related Articles:", "related articles"),
        ("- Share", "share"),
        ("* Tags", "tags"),
        ("► Most read", "most read"),
        ("Lire aussi :", "lire aussi"),
        ("Required fields are marked *", "required fields are marked"),
        ("Name *", "name"),
        ("Was ist das?", "was ist das"),
        ("Kommentare\u00a0\u00a0(3)", "kommentare (3)"),
        ("Straße", "strasse"),
        ("ＣＯＭＭＥＮＴＳ", "comments"),
        ("関連記事：", "関連記事"),
        ("【関連記事】", "関連記事"),
        ("اقرأ أيضاً:", "اقرا ايضا"),
        ("إعلان", "اعلان"),
        ("التعليقات", "التعليقات"),
        ("İLGİLİ HABERLER", "ilgili haberler"),
        ("ILGILI HABERLER", "ilgili haberler"),
        ("ⓒ 연합뉴스", "© 연합뉴스"),
        ("zero\u200bwidth", "zerowidth"),
        ("", ""),
        ("  ...  ", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert L.normalize(raw) == expected


def test_normalize_keeps_inner_punctuation() -> None:
    assert L.normalize("См. также") == "см. также"
    assert L.normalize("Mots-clés") == "mots-clés"


# ---------------------------------------------------------------------------
# is_phrase


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("Comments", "comments_heading"),
        ("COMMENTS", "comments_heading"),
        ("Leave a Reply", "comments_heading"),
        ("Join the conversation", "comments_heading"),
        ("12 Comments", "comments_heading"),
        ("1 Comment", "comments_heading"),
        ("Comments (12)", "comments_heading"),
        ("Comments 12", "comments_heading"),
        ("Comments: 12", "comments_heading"),
        ("Commentaires", "comments_heading"),
        ("Réactions (4)", "comments_heading"),
        ("Kommentare", "comments_heading"),
        ("Comentarios", "comments_heading"),
        ("Comentários (3)", "comments_heading"),
        ("Commenti", "comments_heading"),
        ("Reacties", "comments_heading"),
        ("Комментарии", "comments_heading"),
        ("12 комментариев", "comments_heading"),
        ("3 комментария", "comments_heading"),
        ("التعليقات", "comments_heading"),
        ("تعليقات (١٢)", "comments_heading"),
        ("Yorumlar", "comments_heading"),
        ("Komentarze (7)", "comments_heading"),
        ("コメント", "comments_heading"),
        ("コメント(3件)", "comments_heading"),
        ("댓글", "comments_heading"),
        ("댓글 12개", "comments_heading"),
        ("评论", "comments_heading"),
        ("留言", "comments_heading"),
        ("12条评论", "comments_heading"),
        ("No comments yet", "no_comments"),
        ("No comments yet...", "no_comments"),
        ("Be the first to comment!", "no_comments"),
        ("0 Comments", "no_comments"),
        ("Aucun commentaire", "no_comments"),
        ("Soyez le premier à commenter", "no_comments"),
        ("لا توجد تعليقات بعد", "no_comments"),
        ("كن أول من يعلق", "no_comments"),
        ("Noch keine Kommentare", "no_comments"),
        ("Sé el primero en comentar", "no_comments"),
        ("Seja o primeiro a comentar", "no_comments"),
        ("Ещё нет комментариев", "no_comments"),
        ("Комментариев пока нет", "no_comments"),
        ("まだコメントはありません", "no_comments"),
        ("아직 댓글이 없습니다", "no_comments"),
        ("暂无评论", "no_comments"),
        ("Post Comment", "comment_form"),
        ("Your email address will not be published.", "comment_form"),
        ("Required fields are marked *", "comment_form"),
        ("Name *", "comment_form"),
        ("Email", "comment_form"),
        ("Website", "comment_form"),
        ("Cancel reply", "comment_form"),
        ("Répondre", "comment_form"),
        ("Antworten", "comment_form"),
        ("إلغاء الرد", "comment_form"),
        ("답글쓰기", "comment_form"),
        ("返信", "comment_form"),
        ("Related Articles", "related_heading"),
        ("Related", "related_heading"),
        ("You may also like", "related_heading"),
        ("Most read", "related_heading"),
        ("Trending now", "related_heading"),
        ("Don't miss", "related_heading"),
        ("More in Business", "related_heading"),
        ("More from The Guardian", "related_heading"),
        ("More from the BBC", "related_heading"),
        ("More Washington Examiner", "related_heading"),
        ("More Weather", "related_heading"),
        ("Articles connexes", "related_heading"),
        ("À lire aussi", "related_heading"),
        ("A LIRE AUSSI", "related_heading"),
        ("Les plus lus", "related_heading"),
        ("Plus de Sport", "related_heading"),
        ("مقالات ذات صلة", "related_heading"),
        ("اقرأ أيضا", "related_heading"),
        ("اقرأ أيضاً", "related_heading"),
        ("الأكثر قراءة", "related_heading"),
        ("Das könnte Sie auch interessieren", "related_heading"),
        ("Meistgelesen", "related_heading"),
        ("Artículos relacionados", "related_heading"),
        ("Lo más leído", "related_heading"),
        ("Leia também", "related_heading"),
        ("Articoli correlati", "related_heading"),
        ("Читайте также", "related_heading"),
        ("Самое читаемое", "related_heading"),
        ("İlgili Haberler", "related_heading"),
        ("ÇOK OKUNANLAR", "related_heading"),
        ("関連記事", "related_heading"),
        ("관련기사", "related_heading"),
        ("관련 기사", "related_heading"),
        ("相关新闻", "related_heading"),
        ("热门文章", "related_heading"),
        ("Tags", "tags_heading"),
        ("Related topics", "tags_heading"),
        ("Mots-clés", "tags_heading"),
        ("Schlagwörter", "tags_heading"),
        ("Теги", "tags_heading"),
        ("الوسوم", "tags_heading"),
        ("Etiketler", "tags_heading"),
        ("タグ", "tags_heading"),
        ("태그", "tags_heading"),
        ("标签", "tags_heading"),
        ("Skip to main content", "chrome_line"),
        ("Share on Facebook", "chrome_line"),
        ("ADVERTISEMENT", "chrome_line"),
        ("Advertisement", "chrome_line"),
        ("Sign up for our newsletter", "chrome_line"),
        ("Try Our AI Features", "chrome_line"),
        ("Partager", "chrome_line"),
        ("Teilen", "chrome_line"),
        ("Compartir", "chrome_line"),
        ("Compartilhar", "chrome_line"),
        ("Condividi", "chrome_line"),
        ("Поделиться", "chrome_line"),
        ("مشاركة", "chrome_line"),
        ("Publicité", "chrome_line"),
        ("Werbung", "chrome_line"),
        ("Anzeige", "chrome_line"),
        ("Реклама", "chrome_line"),
        ("إعلان", "chrome_line"),
        ("Abonnez-vous", "chrome_line"),
        ("本文へスキップ", "chrome_line"),
        ("본문 바로가기", "chrome_line"),
        ("返回顶部", "chrome_line"),
    ],
)
def test_is_phrase_positive(line: str, category: str) -> None:
    assert L.is_phrase(line, category)


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("Comments from the minister were not available", "comments_heading"),
        ("The discussion continued late into the night.", "comments_heading"),
        ("12", "comments_heading"),
        ("", "comments_heading"),
        ("No comments were made by officials", "no_comments"),
        ("Related parties agreed to the deal", "related_heading"),
        ("More from the interview below.", "related_heading"),
        ("Más de la mitad de los votos", "related_heading"),
        ("Plus de 200 morts", "related_heading"),
        ("More than 200 people were killed", "related_heading"),
        ("More “Questions” for your opponent", "related_heading"),
        ("More Questions about the mayor’s plan", "related_heading"),
        ("Share prices fell sharply on Monday", "chrome_line"),
        ("Search continues for missing hikers", "chrome_line"),
        ("Tags were found on the animals", "tags_heading"),
    ],
)
def test_is_phrase_negative(line: str, category: str) -> None:
    assert not L.is_phrase(line, category)


def test_is_phrase_unknown_category() -> None:
    with pytest.raises(KeyError):
        L.is_phrase("Comments", "no_such_category")
    with pytest.raises(ValueError):
        L.phrases("months")


# ---------------------------------------------------------------------------
# starts_with_phrase


@pytest.mark.parametrize(
    ("line", "category", "expected"),
    [
        ("Read also: The budget debate", "read_also_prefix", "read also"),
        ("READ MORE: Why prices rise", "read_also_prefix", "read more"),
        ("Related: Five things to know", "read_also_prefix", "related"),
        ("Lire aussi : Le gouvernement recule", "read_also_prefix", "lire aussi"),
        ("À lire aussi - La réforme", "read_also_prefix", "à lire aussi"),
        ("Lesen Sie auch: Der Streit", "read_also_prefix", "lesen sie auch"),
        ("Lee también: El debate", "read_also_prefix", "lee también"),
        ("Leia também: O debate", "read_also_prefix", "leia também"),
        ("Leggi anche: Il dibattito", "read_also_prefix", "leggi anche"),
        ("Читайте также: Новости", "read_also_prefix", "читайте также"),
        ("اقرأ أيضا: الحكومة", "read_also_prefix", "اقرا ايضا"),
        ("Ayrıca okuyun: Haber", "read_also_prefix", "ayrica okuyun"),
        ("【関連記事】首相が会見", "read_also_prefix", "関連記事"),
        ("© 2025 The Company", "chrome_prefix", "©"),
        ("©2025 Reuters", "chrome_prefix", "©"),
        ("Copyright 2025 Foo Media", "chrome_prefix", "copyright"),
        ("Photo: AFP", "chrome_prefix", "photo"),
        ("Photo - Getty Images", "chrome_prefix", "photo"),
        ("Image copyright Getty Images", "chrome_prefix", "image copyright"),
        ("Image caption The scene on Monday", "chrome_prefix", "image caption"),
        ("Getty Images", "chrome_prefix", "getty images"),
        ("This article originally appeared on Vox", "chrome_prefix", "this article originally appeared"),
        ("We use cookies to improve your experience", "chrome_prefix", "we use cookies"),
        ("Crédit photo : AFP", "chrome_prefix", "crédit photo"),
        ("Foto: dpa", "chrome_prefix", "foto"),
        ("Фото: РИА Новости", "chrome_prefix", "фото"),
        ("صورة: رويترز", "chrome_prefix", "صورة"),
        ("<저작권자 ⓒ 연합뉴스, 무단 전재-재배포 금지>", "chrome_prefix", "저작권자"),
        ("责任编辑：王小明", "chrome_prefix", "责任编辑"),
        ("By Jane Doe", "byline_prefix", "by"),
        ("Written by Jane Doe", "byline_prefix", "written by"),
        ("Par Jean Dupont", "byline_prefix", "par"),
        ("Von Hans Müller", "byline_prefix", "von"),
        ("Автор: Иван Петров", "byline_prefix", "автор"),
        ("بقلم أحمد علي", "byline_prefix", "بقلم"),
        ("文／王小明", "byline_prefix", "文/"),
        ("More from Politics", "related_heading_prefix", "more from"),
        ("Plus d'Europe", "related_heading_prefix", "plus d'"),
        ("No comments yet. Be the first!", "no_comments", "no comments yet"),
    ],
)
def test_starts_with_phrase(line: str, category: str, expected: str) -> None:
    assert L.starts_with_phrase(line, category) == expected


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("Related to this, the ministry said", "read_also_prefix"),  # "Related:" needs a colon
        ("Readers also asked about", "read_also_prefix"),
        (
            "Watch: How a Freight Train Is Assembled",
            "read_also_prefix",
        ),  # a video kicker is part of the title
        ("Video: Snowplough Train Clears Horn Pass", "read_also_prefix"),
        ("Photo of the day", "chrome_prefix"),
        ("Photographer Jane Doe won", "chrome_prefix"),
        ("Credit card debt is rising", "chrome_prefix"),
        ("Follow-up talks are planned", "chrome_prefix"),
        ("Share prices fell", "chrome_prefix"),
        ("Bypass road reopened", "byline_prefix"),
        ("Text messages show", "byline_prefix"),
        ("記者会見で首相は", "byline_prefix"),
        ("文部科学省は", "byline_prefix"),
        ("Nothing here", "no_comments"),
        ("", "chrome_prefix"),
    ],
)
def test_starts_with_phrase_negative(line: str, category: str) -> None:
    assert L.starts_with_phrase(line, category) is None


def test_starts_with_phrase_prefers_the_longest() -> None:
    assert L.starts_with_phrase("Image credit: NASA", "chrome_prefix") == "image credit"
    assert L.starts_with_phrase("Read more about this", "read_also_prefix") == "read more"


def test_phrases_are_merged_and_per_language() -> None:
    merged = L.phrases("comments_heading")
    assert {"comments", "commentaires", "التعليقات", "댓글", "评论"} <= merged
    by_language = L.phrases_by_language("comments_heading")
    assert "kommentare" in by_language["de"]
    assert "kommentare" not in by_language["en"]
    assert frozenset().union(*by_language.values()) == merged


# ---------------------------------------------------------------------------
# stopwords


def test_stopword_languages() -> None:
    assert L.stopword_languages() == tuple(sorted(STOPWORD_LANGUAGES))


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", {"the", "and", "of", "is", "which"}),
        ("fr", {"le", "la", "les", "et", "dans", "être", "l'", "l’"}),
        ("de", {"der", "die", "und", "nicht", "wurde"}),
        ("es", {"el", "que", "para", "está"}),
        ("ru", {"и", "в", "не", "что", "который"}),
        ("ar", {"في", "من", "على", "أن", "ان"}),
        ("zh", {"的", "了", "是", "在", "这"}),
        ("ja", {"の", "は", "が", "を", "です", "ます"}),
        ("ko", {"그리고", "있다", "있는", "하는", "것이", "수", "등", "및"}),
        ("th", {"และ", "ที่", "ของ"}),
    ],
)
def test_stopwords_contain(lang: str, words: set[str]) -> None:
    assert words <= L.stopwords(lang)


def test_stopwords_aliases_and_unknown() -> None:
    assert L.stopwords("pt-BR") == L.stopwords("pt")
    assert L.stopwords("zh_TW") == L.stopwords("zh")
    assert L.stopwords("nb") == L.stopwords("no")
    assert L.stopwords("EN") == L.stopwords("en")
    assert L.stopwords("xx") == frozenset()


def test_stopword_lists_differ_between_languages() -> None:
    en, fr, de = L.stopwords("en"), L.stopwords("fr"), L.stopwords("de")
    assert len(en & fr) < 10
    assert len(en & de) < 15


# ---------------------------------------------------------------------------
# months


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("january", 1),
        ("sept", 9),
        ("février", 2),
        ("fevrier", 2),
        ("févr", 2),
        ("août", 8),
        ("aout", 8),
        ("märz", 3),
        ("maerz", 3),
        ("marzo", 3),
        ("março", 3),
        ("января", 1),
        ("марта", 3),
        ("березня", 3),
        ("października", 10),
        ("mayıs", 5),
        ("mayis", 5),
        ("μαρτίου", 3),
        ("μαρτιου", 3),
        ("يناير", 1),
        ("كانون الثاني", 1),
        ("آذار", 3),
        ("اذار", 3),
        ("أغسطس", 8),
        ("اغسطس", 8),
        ("במרץ", 3),
        ("मार्च", 3),
        ("มีนาคม", 3),
        ("ม.ค", 1),
        ("tháng 3", 3),
        ("listopad", 11),
        ("listopadu", 11),
    ],
)
def test_month_lexicon(name: str, number: int) -> None:
    assert L.month_lexicon()[name] == number


def test_month_lexicon_by_language_resolves_conflicts() -> None:
    by_language = L.month_lexicon_by_language()
    assert by_language["hr"]["listopad"] == 10
    assert by_language["pl"]["listopad"] == 11
    assert L.month_number("Listopada", "hr") == 10
    assert L.month_number("Listopada") == 11
    assert L.month_number("MÄRZ") == 3
    assert L.month_number("ΜΑΡΤΙΟΥ") == 3
    assert L.month_number("EKİM") == 10
    assert L.month_number("Mar.") == 3
    assert L.month_number("Smarch") is None


def test_month_lexicon_returns_a_copy() -> None:
    first = L.month_lexicon()
    first["january"] = 99
    assert L.month_lexicon()["january"] == 1


def test_every_language_names_all_twelve_months() -> None:
    for lang, table in L.month_lexicon_by_language().items():
        assert set(table.values()) == set(range(1, 13)), lang


def test_line_matcher_many_reads_long_lines_by_their_head() -> None:
    # A long line is matched by its first words: the same prefixes as the
    # whole line, and no whole-line phrase (a cut line is no phrase).
    match = L.line_matcher(("comments_heading", "chrome_line"), ("read_also_prefix", "chrome_prefix"))
    long_tail = " and the council said on Tuesday that the work would go on" * 5
    lines = [
        "Read also: " + long_tail,
        "Comments" + long_tail,  # starts like a whole-line phrase
        "Comments",
        "Der\u200b" * 60 + " Read also: x",  # zero-width characters: the head folds too short
        "Read  also:\ttabs and  double spaces",
        "READ ALSO: an ASCII line",
    ]
    many = match.many(lines, prefixes_only_over=40)
    for line, got in zip(lines, many, strict=True):
        want = match(line)
        assert dict(got.prefixes) == dict(want.prefixes), line
        if len(line) <= 40:
            assert got.whole == want.whole, line
    assert dict(many[0].prefixes) == {"read_also_prefix": "read also"}
    assert many[1] is L.NO_MATCH  # not "comments" cut short
    assert "comments_heading" in many[2].whole


def test_space_is_the_only_printable_whitespace() -> None:
    # lexicon._fold_text returns a printable text without double, leading or
    # trailing spaces as it is, for " ".join(text.split()): this must hold
    assert [c for c in map(chr, range(0x110000)) if c.isspace() and c.isprintable()] == [" "]
