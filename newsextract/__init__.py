"""newsextract: split a scraped news page (HTML or a text dump) into its article,
its comments and its related-article teasers.

    >>> import newsextract
    >>> doc = newsextract.parse(open("story.txt", "rb").read())
    >>> doc.article.title, len(doc.related)
"""

from .api import clear_caches, compiled_modules, parse, parse_file
from .errors import InputError, NewsextractError, UnsupportedInputError
from .model import (
    SCHEMA_VERSION,
    Article,
    Block,
    Comment,
    Comments,
    Document,
    Source,
    Teaser,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Block",
    "Comment",
    "Comments",
    "Document",
    "InputError",
    "NewsextractError",
    "Source",
    "Teaser",
    "UnsupportedInputError",
    "__version__",
    "clear_caches",
    "compiled_modules",
    "parse",
    "parse_file",
]
