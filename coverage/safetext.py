"""Text from files or the address shown as text: escaped for Markdown.

Streamlit renders captions, labels, messages and table cells as Markdown, where a file
name such as ``[x](http://host)`` or ``![](http://host/pixel)`` would become a link or
an image loaded from another host. Every character Markdown (and its HTML) gives a
meaning to is escaped with a backslash, and a zero-width space breaks web and e-mail
addresses, which GitHub-flavoured Markdown would otherwise turn into links whatever the
escaping (it finds them in the text after escapes are resolved).

Text from a file is never template source either: :func:`html_text`, the one door of text
into the web map, writes braces as character references, because folium's library
(branca) compiles the output of its templates as a Jinja template once more. A centre named
``{{ 7*7 }}`` or ``{% for %}`` then shows as that text (see :mod:`coverage.webmap`).
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


#: Characters written as HTML character references. Markdown's: HTML shown through
#: ``st.markdown`` is also read as Markdown, where "[x](http://host)" would become a link
#: and "![](http://host/p.png)" an image loaded from another host. And the braces: folium
#: (branca) compiles what its templates write as a Jinja template again, so a brace from a
#: file could open a template tag there ("{{ 7*7 }}", "{% for %}", "{#").
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in "[]()*_`!$~\\{}"}


def html_text(value: object) -> str:
    """Write any value as inert HTML text.

    Escaped for HTML, for Markdown and for Jinja (no brace), on one line (``None`` and
    NaN become empty).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    # One line: runs of white space become one space, but a no-break space stays (it keeps
    # "≥ 0.1 %" and "50 000" together).
    one_line = re.sub(r"[^\S\u00a0]+", " ", str(value)).strip()
    return html.escape(one_line, quote=True).translate(_ENTITIES)
