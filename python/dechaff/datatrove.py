"""A datatrove extractor: ``DechaffExtractor`` takes a document's HTML and sets its text.

Importable only where datatrove is installed::

    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove.executor import LocalPipelineExecutor
    from dechaff.datatrove import DechaffExtractor

    LocalPipelineExecutor(pipeline=[
        JsonlReader("pages/"),          # records whose "text" is raw HTML
        DechaffExtractor(),             # "text" becomes the clean body
        JsonlWriter("clean/"),
    ]).run()
"""

from typing import Optional

from datatrove.pipeline.extractors.base import BaseExtractor

from . import Stripper


class DechaffExtractor(BaseExtractor):
    """Replaces each document's HTML with its clean body, as ``dechaff.Stripper.strip_html``.

    ``preset``, ``rules`` and ``threshold`` are ``Stripper``'s; ``timeout`` is datatrove's
    per-document limit in seconds (dechaff takes about a millisecond a page).
    """

    name = "🌾 dechaff"

    def __init__(
        self,
        preset: str = "balanced",
        rules: Optional[str] = None,
        threshold: Optional[float] = None,
        timeout: float = 1.0,
    ):
        super().__init__(timeout)
        self.stripper = Stripper(preset=preset, rules=rules, threshold=threshold)

    def extract(self, text: str) -> str:
        return self.stripper.strip_html(text)
