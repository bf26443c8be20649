"""Text from files or the address shown as text: escaped for Markdown.

Streamlit renders captions, labels, messages and table cells as Markdown, where a file
name such as ``[x](http://host)`` or ``![](http://host/pixel)`` would become a link or
an image loaded from another host. Every character Markdown (and its HTML) gives a
meaning to is escaped with a backslash, and a zero-width space breaks web and e-mail
addresses, which GitHub-flavoured Markdown would otherwise turn into links whatever the
escaping (it finds them in the text after escapes are resolved).
"""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])")
#: Where an address would start: "http://", "https://", "www.", "ftp://", "x@y".
_ADDRESS = re.compile(r"(?i)(https?|ftp|mailto)(?=\\?:)|(www)(?=\\?\.)|(@)")
_ZWSP = "\u200b"


def md_escape(text: object) -> str:
    """Escape every Markdown and HTML special character of ``text``.

    Web and e-mail addresses are broken so that they show as text, never as links.
    """
    escaped = _MARKDOWN.sub(r"\\\1", str(text))
    return _ADDRESS.sub(lambda m: (m.group(0) + _ZWSP), escaped)
