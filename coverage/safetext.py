"""Text from files or the address shown as text: escaped for Markdown.

Streamlit renders captions, labels and messages as Markdown, where a file name such as
``[x](http://evil)`` or ``![](http://host/pixel)`` would become a link or an image
loaded from another host. Every character Markdown (and its HTML) gives a meaning to is
escaped with a backslash.
"""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])")


def md_escape(text: object) -> str:
    """``text`` with every Markdown and HTML special character escaped."""
    return _MARKDOWN.sub(r"\\\1", str(text))
