"""dechaff: the clean article body of a scraped page, without boilerplate or promotional spam.

    >>> import dechaff
    >>> s = dechaff.Stripper()
    >>> s.strip("Home | News | Sport\\n\\nThe council approved the new budget on Tuesday "
    ...         "after a long debate that went on late into the night.\\n\\n(c) 2024 Example News")
    'The council approved the new budget on Tuesday after a long debate that went on late into the night.'

The engine is Rust; a ``Stripper`` compiles its rules once, is safe to share
between threads, releases the interpreter while it works, and pickles (it is
rebuilt from its settings), so Spark, Ray and multiprocessing closures can
capture one.
"""

from ._dechaff import LimitError, RuleError, Stripper, __version__, strip

__all__ = ["Stripper", "strip", "RuleError", "LimitError", "__version__"]
