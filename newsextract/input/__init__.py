"""Reading input: bytes from a path or stdin, decoding, and sniffing HTML versus text."""

from .decode import Decoded, decode
from .read import read_input
from .sniff import looks_like_html

__all__ = ["Decoded", "decode", "looks_like_html", "read_input"]
