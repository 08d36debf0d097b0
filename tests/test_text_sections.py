"""Comments and related teasers in text dumps."""

from __future__ import annotations

from newsextract.text import parse_text

from .story import PARA, PARA2, PARA3, PARA4

SUMMARY = (
    "The regional grid operator has warned that at least fourteen coastal substations will need upgrades "
    "within five years to cope with the electrification of ports, ferries and fish farms in the region."
)


def test_daily8_teasers_source_before_title() -> None:
    text = (
        f"Story title goes here\n{PARA}\nRelated Articles\n\n\nArabGT\n3 hours ago\n- ArabGT\n"
        f"Grid operator warns of substation upgrades\n{SUMMARY}\n\n\nArab News\n7 hours ago\n- Arab News\n"
        f"Second teaser title for the list\n{SUMMARY}"
    )
    related = parse_text(text).related
    assert [(t.source, t.age, t.title) for t in related] == [
        ("ArabGT", "3 hours ago", "Grid operator warns of substation upgrades"),
        ("Arab News", "7 hours ago", "Second teaser title for the list"),
    ]
    assert related[0].summary == SUMMARY


def test_glued_source_and_age() -> None:
    text = (
        f"Story title goes here\n{PARA}\nRelated Articles\n• Northwind Wire\nShipyard hires 300 workers after contracts\n"
        f"Northwind Wire3 hours ago\n{SUMMARY}\n• Coastline Today\nCommuters launch petition for late ferries\n"
        f"Coastline Today11-03-2025\n{SUMMARY}"
    )
    related = parse_text(text).related
    assert [(t.source, t.age, t.published) for t in related] == [
        ("Northwind Wire", "3 hours ago", None),
        ("Coastline Today", None, "2025-03-11"),
    ]


def test_titles_followed_by_ages() -> None:
    text = f"Story title goes here\n{PARA}\n{PARA2}\nMost read\nCanada beats U.S. in Davis Cup tie\n13 hours ago\nHistoric win sets up quarterfinal\n1 day ago"
    related = parse_text(text).related
    assert [(t.title, t.age) for t in related] == [
        ("Canada beats U.S. in Davis Cup tie", "13 hours ago"),
        ("Historic win sets up quarterfinal", "1 day ago"),
    ]


def test_empty_comments_in_french_and_arabic() -> None:
    for heading, empty in (
        ("Commentaires", "Aucun commentaire pour le moment..."),
        ("التعليقات", "لا توجد تعليقات بعد..."),
    ):
        doc = parse_text(f"Story title goes here\n{PARA}\n{heading}\n{empty}")
        assert doc.comments.found and doc.comments.items == []


def test_no_comments_section() -> None:
    assert parse_text(f"Story title goes here\n{PARA}\n{PARA2}").comments.found is False


def test_comment_thread_with_reply_marker() -> None:
    text = (
        f"Story title goes here\n{PARA}\nComments (2)\nRob Calloway\n3h ago\nSix weeks is going to be a nightmare.\nReply\n"
        "Ana Ferreira\nReplying to Rob Calloway\nMar 4, 2025\nThe engineers explained this at the meeting.\nReply"
    )
    items = parse_text(text).comments.items
    assert [(c.author, c.age, c.published, c.depth) for c in items] == [
        ("Rob Calloway", "3h ago", None, 0),
        ("Ana Ferreira", None, "2025-03-04", 1),
    ]
    assert items[1].text == "The engineers explained this at the meeting."


def test_read_also_insert_is_a_teaser_not_body() -> None:
    doc = parse_text(
        f"Story title goes here\n{PARA}\nRead more: Storm surge leaves damage along the harbor\n{PARA2}"
    )
    assert [t.title for t in doc.related] == ["Storm surge leaves damage along the harbor"]
    assert "Storm surge" not in doc.article.text


def test_a_long_first_comment_stays_a_comment() -> None:
    comment = (
        "I have lived on this street for thirty years and I have never seen the council move this fast "
        "on anything, which makes me wonder what they are not telling us about the state of the wall."
    )
    text = (
        f"Story title goes here\n{PARA}\n{PARA2}\nHashtags\nTry Our AI Features\nComments\nJane Roe\n2 hours ago\n"
        + "\n".join(comment.replace("thirty", n) for n in ("thirty", "forty", "fifty", "sixty"))
        + "\nRelated Articles\n"
    )
    doc = parse_text(text)
    assert len(doc.article.blocks) == 2
    assert [(c.author, c.age) for c in doc.comments.items] == [("Jane Roe", "2 hours ago")]
    assert doc.comments.items[0].text.count("\n\n") == 3


def test_comment_counter_near_the_byline_does_not_hide_the_story() -> None:
    text = f"Story title goes here\nComments\nBy Carrie Arnold\nNovember 15, 2019\n{PARA}\n{PARA2}\n{PARA3}\n{PARA4}"
    doc = parse_text(text)
    assert len(doc.article.blocks) == 4
    assert doc.article.authors == ["Carrie Arnold"]


def test_hashtags_go_to_tags() -> None:
    doc = parse_text(f"Story title goes here\n{PARA}\nHashtags\n#Xiaomi #EV\nxiaomi, electric cars\n\nTry Our AI Features")
    assert doc.article.tags == ["#Xiaomi", "#EV", "xiaomi", "electric cars"]
    assert "#EV" not in doc.article.text


def test_a_comments_link_in_the_byline_block_does_not_swallow_the_story() -> None:
    # Blog themes print "Posted by X / date / Leave a comment" above the post;
    # the story that follows is made of short lines, never a run of prose long
    # enough to close a comments section on its own.
    story = [
        "What is new in the October pack?",
        "New tasks for the game!",
        "More questions for your opponent",
        "Challenges coming soon",
        "Better Android support",
        "Who is this game for?",
        "Couples who have been together for a long time and want to try something new but do not know where to start.",
        "New couples who want to know each other better.",
        "This game will help you!",
        "Hundreds of tasks that will make your evenings fuller and more varied than before, for both of you.",
    ]
    text = "\n".join(
        [
            "Home",
            "Blog",
            "Dare to Play 3 / October pack",
            "October 5, 2018",
            "Posted by Vortex",
            "Leave a comment",
            *story,
            "Leave a Reply",
            "You must be logged in to post a comment.",
        ]
    )
    doc = parse_text(text)
    assert all(s in doc.article.text for s in (story[6], story[9]))
    assert doc.comments.found and doc.comments.items == []


def test_a_comments_heading_after_the_byline_with_a_thread_is_still_the_comments() -> None:
    text = "\n".join(
        [
            "A video page title with no story under it",
            "Posted by Vortex",
            "Comments (1)",
            "Anna Berg",
            "3 hours ago",
            "Great video, thanks for putting it together so quickly after the match last night.",
        ]
    )
    doc = parse_text(text)
    assert [(c.author, c.age) for c in doc.comments.items] == [("Anna Berg", "3 hours ago")]


def test_a_related_heading_that_trails_off_opens_the_teasers() -> None:
    # "You may also like..." ends like a sentence but is a heading.
    text = (
        f"Story title goes here\n{PARA}\n{PARA2}\nVocê pode gostar...\n"
        f"Shipyard hires 300 workers after new contracts\n{PARA3}\nFerry fares rise again in spring\n{PARA4}"
    )
    doc = parse_text(text)
    assert doc.article.text == f"{PARA}\n\n{PARA2}"
    assert [t.title for t in doc.related][:1] == ["Shipyard hires 300 workers after new contracts"]


def test_comment_times_with_a_time_of_day() -> None:
    # "2 days ago at 07:52 am": the age and the clock time both belong to the header.
    text = (
        f"Story title goes here\n{PARA}\n{PARA2}\nTop Rated Comments\n"
        f"Woyzeck\n2 days ago at 07:52 am\n{PARA3}\nNick A\n2 days ago at 07:47 am\n{PARA4}\n"
    )
    doc = parse_text(text)
    assert doc.article.text == f"{PARA}\n\n{PARA2}"
    assert [(c.author, c.age, c.text) for c in doc.comments.items] == [
        ("Woyzeck", "2 days ago at 07:52 am", PARA3),
        ("Nick A", "2 days ago at 07:47 am", PARA4),
    ]
