"""Type stubs of the Rust extension module."""

import os
from typing import Iterable, List, Literal, Optional, Tuple, TypedDict, Union

__version__: str

Format = Literal["auto", "text", "html"]
Document = Union[str, bytes]

class RuleError(ValueError):
    """A rule file or rule text that does not compile; the message names the file, line and rule."""

class LimitError(ValueError):
    """A document over the stripper's ``max_bytes`` or ``max_paragraphs``."""

class RuleHit(TypedDict):
    name: str
    weight: float
    span: Optional[Tuple[int, int]]

class ParagraphVerdict(TypedDict):
    start: int
    end: int
    text: str
    kept: bool
    score: float
    #: ``good``, ``near``, ``short`` or ``bad``: the class from the score alone.
    class_: str
    reason: str
    rules: List[RuleHit]

class Stripper:
    """Cuts boilerplate and promotional spam from scraped pages.

    ``preset``: ``"precision"``, ``"balanced"`` or ``"recall"``. ``rules``: a path
    (``os.PathLike``, or a one-line ``str`` naming a file) or rule text, adding to or
    overriding the built-in rules (raises ``RuleError`` naming file and line).
    ``threshold`` overrides the preset's. ``max_bytes`` and ``max_paragraphs``
    bound a document (``LimitError`` beyond them; defaults 64 MiB and 1,000,000).
    """

    def __init__(
        self,
        preset: Literal["precision", "balanced", "recall"] = "balanced",
        rules: Union[str, "os.PathLike[str]", None] = None,
        threshold: Optional[float] = None,
        max_bytes: Optional[int] = None,
        max_paragraphs: Optional[int] = None,
    ) -> None: ...
    def strip(self, text: str) -> str:
        """The clean body of plain text (paragraphs separated by blank lines, or one per line)."""
    def strip_html(self, page: Document) -> str:
        """The clean body of an HTML page: ``bytes`` in any charset, or ``str``."""
    def explain(self, doc: Document, format: Format = "auto") -> List[dict]:
        """Every paragraph with its verdict: dicts with ``start``, ``end``, ``text``, ``kept``,
        ``score``, ``class``, ``reason`` and ``rules`` (see ``ParagraphVerdict``; the key is
        ``class``)."""
    def strip_many(
        self, docs: Iterable[Document], format: Format = "auto", threads: Optional[int] = None
    ) -> List[str]:
        """The clean bodies, in order, stripped on ``threads`` threads (all cores when None)
        with the interpreter released."""
    def __reduce__(self) -> tuple: ...

def strip(text: str) -> str:
    """The clean body of plain text, with the built-in rules."""
