"""Named markup hints: tags, class/id/role patterns and thresholds.

Every heuristic of the HTML path that looks at markup lives here, as a named
constant with a comment saying why it exists (in the spirit of the regex table
at the top of Readability.js).  Patterns look at class names, ids, roles and
itemprops, which are English-ish on every site in every language; the words of
the page itself go through :mod:`newsextract.lexicon` instead.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------- tags

#: Elements whose content is never visible text.  (``<noscript>`` is read:
#: pages saved without JavaScript show it, and some blogs put the whole
#: post there.)
DROP_TAGS: frozenset[str] = frozenset(
    {
        "script", "style", "template", "svg", "math", "canvas", "iframe", "object",
        "embed", "video", "audio", "source", "track", "picture", "img", "map", "head", "link",
        "meta", "title", "input", "select", "option", "textarea", "button", "dialog", "frameset",
        "frame", "applet", "param", "datalist", "output", "progress", "meter",
    }
)  # fmt: skip

#: Elements that start a new block (a paragraph boundary) in the text flow.
BLOCK_TAGS: frozenset[str] = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "ul", "menu",
        "html", "legend", "listing", "plaintext", "xmp", "dir", "noframes", "search",
    }
)  # fmt: skip

HEADING_TAGS: frozenset[str] = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LIST_TAGS: frozenset[str] = frozenset({"ul", "ol", "dir", "menu"})
#: Preformatted elements: whitespace is kept as the page wrote it.
PRE_TAGS: frozenset[str] = frozenset({"pre", "listing", "plaintext", "xmp"})
#: Table cells.
CELL_TAGS: frozenset[str] = frozenset({"td", "th"})

# ---------------------------------------------------------------- class / id hints

#: Class/id words of containers that usually hold the article body.  A match
#: raises a container's score; it never decides alone.
POSITIVE_HINT = re.compile(
    r"article|body|content|entry|h-entry|main|page|post|story|text|blog|prose|"
    r"single|detail|permalink|hentry|markdown|rich-?text|news-?item|column",
    re.IGNORECASE,
)

#: Class/id words of page chrome: menus, share bars, ads, newsletter boxes,
#: author boxes, related and comment areas, cookie banners.  A container
#: matching this (and not the positive words of :data:`STRONG_POSITIVE_HINT`)
#: is removed from the article.  Footnotes are not chrome: they are the
#: article's own notes.
NEGATIVE_HINT = re.compile(
    r"(?:^|[\s_-])(?:"
    r"ad|ads|adv|advert\w*|advertisement|banner|breadcrumbs?|byline|combx|comment\w*|"
    r"community|contact|cookie\w*|disqus|donat\w*|dropdown|footer|foot|"
    r"gdpr|header|jump|login|masthead|menu|meta|modal|most-?\w*|"
    r"nav|navbar|navigation|newsletter\w*|outbrain|overlay|pager|pagination|paywall|"
    r"popular|popup|promo\w*|rail|recommend\w*|related\w*|remark|rss|scroll|"
    r"share\w*|sharing|shopping|sidebar|skyscraper|social\w*|sponsor\w*|subscri\w*|"
    r"tags?|taboola|teaser\w*|toolbar|tools|trending|tweet|twitter|facebook|"
    r"author-?(?:bio|box|info|card)|bio|signup|sign-up|more-(?:stories|news|articles|posts|from|on|in|like|links|videos|reading)|read-?more|"
    r"caption|credit\w*|copyright|disclaimer|inline-?(?:related|promo)|newsletter|"
    r"skip|screen-?reader\w*|sr-only|visually-?hidden|wp-caption-text|top-?stories"
    r")(?:$|[\s_-])",
    re.IGNORECASE,
)

#: Names that contain a chrome word but describe the article body itself
#: (``article-header`` is chrome, ``article-body`` is not).  Checked first.
STRONG_POSITIVE_HINT = re.compile(
    r"article-?body|articlebody|article-?content|article-?text|entry-?content|post-?content|"
    r"post-?body|story-?body|story-?content|main-?content|body-?text|"
    r"text-?body|news-?body|content-?body|page-?content|blog-?post|single-?post|"
    r"^content$|^article$|^story$",
    re.IGNORECASE,
)

#: ``role`` values of chrome.
CHROME_ROLES: frozenset[str] = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search", "dialog",
     "alert", "tablist", "toolbar", "form"}
)  # fmt: skip

#: Inline styles that hide an element.
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

#: The id of a React streaming-SSR segment (``<div hidden id="S:0">``): the
#: server sends a suspended part of the page as a hidden ``div`` at the end
#: of the body, and a script moves it into its place at once, so it is shown.
STREAMED_SEGMENT_ID = re.compile(r"^S:\d+$")

#: Captions and their credit lines ("Photo: AP", "Getty Images").
CAPTION_HINT = re.compile(r"caption|credit|photo-?info|image-?info|media-?info", re.IGNORECASE)

# ---------------------------------------------------------------- comments

#: Containers of a comments section (WordPress, Disqus, generic).
COMMENTS_REGION_HINT = re.compile(
    r"^(?:comments?|comment-?list|commentlist|comments-?(?:area|section|wrapper|container|block|list)|"
    r"disqus_thread|dsq-\w+|respond|discussion|reader-?comments|user-?comments|"
    r"comment-?section|comment-?area|comments?-?\w*|reactions|replies|thread|talk)$",
    re.IGNORECASE,
)
#: One comment of a list (``li.comment``, ``article.comment-body``, Disqus ``post``).
COMMENT_ITEM_HINT = re.compile(
    r"^(?:comment|comment-?item|comment-?(?:body|container|wrap\w*)|commentlist-?item|"
    r"comment-?\d+|post|reply|athing|comtr|message|status|timeline-?item)$",
    re.IGNORECASE,
)
#: Parts of a comment: author, date, text, and the controls to skip.
COMMENT_AUTHOR_HINT = re.compile(
    r"(?:^|[\s_-])(?:author|fn|nick\w*|user\w*|hnuser|commenter|name|display-?name|handle)(?:$|[\s_-])",
    re.IGNORECASE,
)
COMMENT_DATE_HINT = re.compile(
    r"(?:^|[\s_-])(?:date|time|age|timestamp|published|posted|comment-?meta|commentmetadata|live-?timestamp)(?:$|[\s_-])",
    re.IGNORECASE,
)
COMMENT_TEXT_HINT = re.compile(
    r"(?:^|[\s_-])(?:comment-?(?:content|text|body)|commtext|usertext-?body|md|text|content|"
    r"message|body|post-?message|status-?content|e-content)(?:$|[\s_-])",
    re.IGNORECASE,
)
COMMENT_CONTROL_HINT = re.compile(
    r"(?:^|[\s_-])(?:reply|comment-?reply-?link|edit|flat-?list|buttons|actions|toolbar|votes?|"
    r"report|permalink|navs|reply-?link|like|share)(?:$|[\s_-])",
    re.IGNORECASE,
)
#: Comment forms alone show a comments section (WordPress ``#respond``).
COMMENT_FORM_HINT = re.compile(r"comment|respond|reply", re.IGNORECASE)

# ---------------------------------------------------------------- related

#: Containers of related-article teasers.
RELATED_HINT = re.compile(
    r"related|more-?(?:stories|news|articles|from|on)|recommend\w*|read-?(?:more|next|also)|"
    r"you-?may|also-?like|most-?(?:read|popular|viewed|shared)|trending|popular|outbrain|taboola|"
    r"further-?reading|see-?also|next-?(?:article|story)|top-?stories|crosslink|teaser-?list",
    re.IGNORECASE,
)
#: Parts of one teaser.
TEASER_SOURCE_HINT = re.compile(r"source|publisher|brand|site-?name|provider", re.IGNORECASE)
TEASER_SUMMARY_HINT = re.compile(
    r"summary|excerpt|dek|description|teaser-?text|abstract|standfirst", re.IGNORECASE
)

# ---------------------------------------------------------------- thresholds

#: A block with at least this many characters and little link text is body
#: prose (jusText's "long" paragraphs are 200; ours count characters of one
#: block, and news paragraphs of 1-2 sentences are often 80-150).
LONG_BLOCK_CHARS = 100
#: Below this a block is "short": a label, a menu item, a caption, a heading.
SHORT_BLOCK_CHARS = 45
#: Share of a block's characters inside links above which it is navigation.
MAX_LINK_DENSITY = 0.45
#: Link density above which a long block is still navigation (lists of links).
MAX_LINK_DENSITY_LONG = 0.6
#: Weight of boilerplate text against body text when choosing the container of
#: the article (set on aeb-dev: higher cuts body parts split by inserts, lower
#: takes in sidebars).
BAD_TEXT_WEIGHT = 0.6
#: Weight of medium-length prose-like blocks (between short and long).
MEDIUM_WEIGHT = 0.5
#: Multiplier for containers with a body-like class/id or itemprop=articleBody.
POSITIVE_BOOST = 1.15
#: Multiplier for containers inside chrome (a sidebar, a footer): they win
#: only when the page has no better candidate outside chrome.
CHROME_PENALTY = 0.4
#: Text that is markup (``<img src=...>`` inside a ``<noscript>`` that the
#: parser kept as text), never visible prose.
MARKUP_TEXT = re.compile(r"^\s*<[a-zA-Z!/][^>]*>?")
#: A sibling of the chosen container continues the article when its score
#: is at least this, and at least this share of the container's (Readability
#: uses 20%).
SIBLING_MIN_SCORE = 100.0
SIBLING_SHARE = 0.2
#: A chrome-named container holding more than this share of the page's
#: prose is the article's container after all.
CHROME_VETO_SHARE = 0.5
#: ...in at least this many prose blocks (a footer's one long legal blurb
#: does not make it the article).
CHROME_VETO_MIN_BLOCKS = 3
#: Below this many characters of body text the page has no article.
MIN_ARTICLE_CHARS = 120
#: The relaxed second try accepts less text, in sentences of a few words.
MIN_RELAXED_CHARS = 40
MIN_RELAXED_WORDS = 4
#: A listing page shows at least this many linked headings...
LISTING_MIN_LINKED_HEADINGS = 4
#: ...and at least this many linked headings per prose block.
LISTING_HEADINGS_PER_BLOCK = 0.5
#: A container with a heading that links to another page and less text than
#: this beside it is a teaser card (a section front's lead story), not an article.
TEASER_CARD_CHARS = 300
#: A heading this long that reads as sentences is prose set in heading markup
#: (a standfirst in an ``<h2>``, a blog written in ``<h3>``/``<h4>``): news
#: headlines stay well below it.
PROSE_HEADING_CHARS = 120
#: The standfirst (lead, dek, intro) is looked for in at most this many
#: segments between the headline and the first body segment.
LEAD_WINDOW = 8
#: Teaser titles are at least this long (shorter links are labels: "More").
MIN_TEASER_TITLE_CHARS = 12
#: In-body "Read also: ..." inserts are at most this long.
MAX_INSERT_CHARS = 300
