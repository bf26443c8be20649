"""Tell the encoding of a text file, and what may have been lost in it.

Files met in Kazakh offices: UTF-8 (with or without BOM, sometimes with a stray byte from
another encoding pasted in), UTF-16 (Excel's "Unicode text"; sometimes behind a UTF-8 BOM
that a converter put before it), Windows-1251 (Russian Excel's "CSV"), KZ-1048
(Kazakhstan's own code page, Windows-1251 with Kazakh letters in place of Serbian,
Macedonian, Belarusian and Ukrainian ones) and Western European text (Windows-1252).

Windows-1251 has no Kazakh letter (ә і ң ғ ү ұ қ ө һ: і it has): Excel writes each as
``?``, so "Қарағанды" arrives as "?ара?анды". Nothing can bring the letters back; the
reader is told (:func:`reading_notices`) and how to save the file as UTF-8.

Every step reads the bytes a fixed number of times: no guess costs more than a few
decodings of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import DataError, Problem, shown

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: Words mixing Latin and Cyrillic letters: Western text read as Windows-1251 ("Mйnard").
_MIXED = re.compile(r"[A-Za-z][\u0400-\u04FF]|[\u0400-\u04FF][A-Za-z]")
#: What Windows-1251 makes of the bytes KZ-1048 uses for қ Қ һ Һ ұ Ұ ә Ә ң Ң: letters
#: of Macedonian, Serbian and Belarusian that no Russian, Kazakh or Ukrainian word holds.
_NOT_HERE = re.compile("[ЌЋќћЎўЈјЅѕ]")
#: ... and for ө Ө ғ Ғ ү Ү: Ukrainian letters, which no Ukrainian word puts beside ы э ъ ё.
_UKRAINIAN = re.compile("[ҐґЄєЇї]")
_RUSSIAN_ONLY = re.compile("[ыэъёЫЭЪЁ]")
_NOT_WORD = re.compile(r"\W")
#: Occurrences of a Ukrainian letter looked at, at most (a bound on a hostile file).
_UKRAINIAN_LOOKS = 200
#: A question mark before a Cyrillic letter, inside a word or at its start: a letter the
#: encoding could not hold, written as ``?`` ("?ара?анды"). A question ends with "?" and
#: a space. (A plain pattern: one with the whole word would backtrack on long cells.)
_LOST = re.compile("\\?[\u0400-\u04FF]")
_REPLACED = re.compile("\ufffd")
_WORD_PART = re.compile(r"[^\w?]")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from a file's bytes.

    Attributes
    ----------
    text : str
        The text.
    encoding : str
        ``UTF-8``, ``UTF-16``, ``UTF-16-LE``, ``UTF-16-BE``, ``KZ-1048``,
        ``Windows-1251`` or ``Windows-1252``.
    unreadable : int
        Bytes of a UTF-8 file that were not UTF-8, each read as U+FFFD.
    """

    text: str
    encoding: str
    unreadable: int = 0


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the start looks like Latin and Cyrillic UTF-16.

    That is: no NUL in the low bytes, and the high bytes NUL (Latin) or 4 (Cyrillic,
    U+0400 to U+04FF), with at least one NUL.
    """
    head = data[:2000]
    if len(head) < 4 or b"\x00" * 2 in head[:2]:
        return None
    for codec, high, low in (("utf-16-le", head[1::2], head[0::2]),
                             ("utf-16-be", head[0::2], head[1::2])):
        if low.count(0) == 0 and high.count(0) and \
                high.count(0) + high.count(4) > 0.9 * len(high):
            return codec
    return None


def _wide(data: bytes, name: str) -> Decoded | None:
    """UTF-16 with or without its BOM; ``None`` when the bytes are not UTF-16."""
    if data.startswith(_UTF16_BOMS):
        codec, label = "utf-16", "UTF-16"
    elif (guess := _utf16_without_bom(data)) is not None:
        codec, label = guess, guess.upper()
    else:
        return None
    # A byte left over at the end (a newline a converter added) holds no character.
    whole = data[:-1] if len(data) % 2 else data
    try:
        return Decoded(whole.decode(codec), label)
    except UnicodeDecodeError:
        raise DataError.single(name, key="not_text") from None


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bytes of another encoding: read as UTF-8, the bytes counted.

    Chosen when the file holds at least twice as many letters that are good UTF-8 beyond
    ASCII as bytes that are not: a Windows-1251 file is the other way round (each of its
    Cyrillic letters is a bad byte, a good pair only by chance).
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    return Decoded(text, "UTF-8", unreadable=bad) if good and good >= 2 * bad else None


def _looks_kz1048(cyrillic: str) -> bool:
    """Whether text read as Windows-1251 is KZ-1048 (see the module's text)."""
    if _NOT_HERE.search(cyrillic):
        return True
    for i, m in enumerate(_UKRAINIAN.finditer(cyrillic)):
        if i >= _UKRAINIAN_LOOKS:
            break
        before = _NOT_WORD.split(cyrillic[max(0, m.start() - 40):m.start()])[-1]
        after = _NOT_WORD.split(cyrillic[m.end():m.end() + 40])[0]
        if _RUSSIAN_ONLY.search(before + after):
            return True
    return False


def _single_byte(data: bytes) -> Decoded | None:
    """KZ-1048, Windows-1251 or Windows-1252 (see :func:`decode`)."""
    try:
        cyrillic: str | None = data.decode("cp1251")
    except UnicodeDecodeError:
        cyrillic = None
    if cyrillic is not None and _looks_kz1048(cyrillic):
        try:
            return Decoded(data.decode("kz1048"), "KZ-1048")
        except UnicodeDecodeError:
            pass
    if cyrillic is not None and not _MIXED.search(cyrillic):
        return Decoded(cyrillic, "Windows-1251")
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and not _MIXED.search(western):
        return Decoded(western, "Windows-1252")
    return Decoded(cyrillic, "Windows-1251") if cyrillic is not None else None


def decode(data: bytes, name: str) -> Decoded:
    """Decode a text file's bytes.

    In this order: UTF-16 (BOM or not, behind a UTF-8 BOM or not); UTF-8 (BOM or not);
    UTF-8 with a few bytes that are not (read as U+FFFD and counted); KZ-1048 when
    Windows-1251 would give letters no Russian, Kazakh or Ukrainian word has; Windows-1251,
    unless that mixes Latin and Cyrillic letters in a word where Windows-1252 does not.

    Raises
    ------
    DataError
        ``not_text`` when no encoding reads the bytes.
    """
    body = data
    if data.startswith(_UTF8_BOM):
        rest = data[len(_UTF8_BOM):]
        # A converter that put a UTF-8 BOM before UTF-16 text: the BOM is not the text's.
        if rest.startswith(_UTF16_BOMS) or _utf16_without_bom(rest) is not None:
            body = rest
    wide = _wide(body, name)
    if wide is not None:
        return wide
    try:
        return Decoded(body.decode("utf-8-sig"), "UTF-8")
    except UnicodeDecodeError:
        pass
    body = body.removeprefix(_UTF8_BOM)
    found = _mostly_utf8(body) or _single_byte(body)
    if found is None:
        raise DataError.single(name, key="not_text")
    return found


def _word(cell: str, start: int, end: int) -> str:
    """Return the word around ``cell[start:end]`` (at most 40 characters each side)."""
    before = _WORD_PART.split(cell[max(0, start - 40):start])[-1]
    return before + cell[start:end] + _WORD_PART.split(cell[end:end + 40])[0]


def _first(header: list[str], rows: list[tuple[int, list[str]]],
           match: re.Pattern[str]) -> tuple[int, int, str, str | None] | None:
    """Count the cells where ``match`` finds something.

    Returns the count and the first one's row, the word found and its column (``None`` in
    the header); ``None`` when no cell matches.
    """
    count, first = 0, None
    for number, cells in [(0, header), *rows]:
        for j, cell in enumerate(cells):
            found = match.search(cell)
            if found is None:
                continue
            count += 1
            if first is None:
                column = header[j].strip() if number and j < len(header) else ""
                first = (number or 1, _word(cell, found.start(), found.end()),
                         shown(column) if column else None)
    return None if first is None else (count, *first)


def reading_notices(decoded: Decoded | None, header: list[str],
                    rows: list[tuple[int, list[str]]], name: str) -> list[Problem]:
    """Notices (not errors) on how a table's text was read.

    Parameters
    ----------
    decoded : Decoded or None
        How the file was decoded (``None`` for XLSX, whose text is Unicode).
    header, rows : list
        The header and the numbered data rows as read.
    name : str
        File name for the notices.

    Returns
    -------
    list of Problem
        ``kz1048_text`` when the file was read as KZ-1048; ``unreadable_bytes`` naming
        the first row and column that hold a byte UTF-8 could not read; ``lost_letters``
        naming the first cell with a ``?`` inside a Cyrillic word.
    """
    notices: list[Problem] = []
    if decoded is not None and decoded.encoding == "KZ-1048":
        notices.append(Problem(name, None, None, key="kz1048_text"))
    if decoded is not None and decoded.unreadable:
        found = _first(header, rows, _REPLACED)
        row, column = (found[1], found[3]) if found else (None, None)
        notices.append(Problem(name, row, column, key="unreadable_bytes",
                               values={"n": decoded.unreadable}))
    if found := _first(header, rows, _LOST):
        count, row, word, column = found
        notices.append(Problem(name, row, column, key="lost_letters",
                               values={"n": count, "word": shown(word, 40)}))
    return notices
