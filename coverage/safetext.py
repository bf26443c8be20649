"""Text from files or the address shown as text: escaped for Markdown.

Streamlit renders captions, labels, messages and table cells as Markdown, where a file
name such as ``[x](http://host)`` or ``![](http://host/pixel)`` would become a link or
an image loaded from another host. Every character Markdown (and its HTML) gives a
meaning to is escaped with a backslash, and a zero-width space breaks web and e-mail
addresses, which GitHub-flavoured Markdown would otherwise turn into links whatever the
escaping (it finds them in the text after escapes are resolved).
"""

from __future__ import annotations

import html
import math
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


#: Characters Markdown gives a meaning to, written as HTML character references: HTML
#: shown through ``st.markdown`` is also read as Markdown, where "[x](http://host)" would
#: become a link and "![](http://host/p.png)" an image loaded from another host.
_MARKDOWN_ENTITIES = {ord(c): f"&#{ord(c)};" for c in "[]()*_`!$~\\"}


def html_text(value: object) -> str:
    """Write any value as inert HTML text.

    Escaped for HTML and for Markdown, on one line (``None`` and NaN become empty).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    # One line: runs of white space become one space, but a no-break space stays (it keeps
    # "≥ 0.1 %" and "50 000" together).
    one_line = re.sub(r"[^\S\u00a0]+", " ", str(value)).strip()
    return html.escape(one_line, quote=True).translate(_MARKDOWN_ENTITIES)
