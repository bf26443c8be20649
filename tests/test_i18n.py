"""The string catalogue is complete in English, Russian and Kazakh, and every key the code
uses exists."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from coverage import settings
from coverage.catalogue import placeholders, same_placeholders
from coverage.evidence import load_evidence
from coverage.i18n import (
    CATALOGUE,
    LANGUAGES,
    fmt_int,
    fmt_minutes,
    fmt_num,
    fmt_pct,
    incident_label,
    kk_possessive,
    plural,
    t,
)
from coverage.method import METHOD, method_markdown

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_in_every_language_with_the_same_placeholders(key):
    entry = CATALOGUE[key]
    assert set(entry) == set(LANGUAGES), f"{key}: languages {sorted(entry)}"
    assert all(entry[lang].strip() for lang in LANGUAGES), key
    assert all(same_placeholders(entry[lang], entry["en"]) for lang in LANGUAGES), key


def test_method_text_in_every_language_with_the_same_placeholders(bundled, report):
    assert set(METHOD) == set(LANGUAGES)
    assert placeholders(METHOD["ru"]) == placeholders(METHOD["en"]) == \
        placeholders(METHOD["kk"])
    # Filled from the report: the register's counts, the chosen kernel and its evidence.
    names = dict(zip(bundled.regions["region_id"], bundled.regions["name_en"]))
    text = " ".join(method_markdown(report, lang="en", evidence=load_evidence(),
                                    centres=bundled.centres, region_names=names,
                                    incident_set="x").split())
    assert "Officials report 69 crisis centres (2024); the register in use locates 29" in text
    assert "East Kazakhstan Region 0/4" in text and "Kyzylorda Region 0/at least 1" in text
    assert f"Gaussian kernel of {settings.KERNEL_BANDWIDTH_KM:g} km" in text
    assert "{" not in text and "}" not in text
    ru = " ".join(method_markdown(report, lang="ru", evidence=load_evidence(),
                                  centres=bundled.centres, region_names=names,
                                  incident_set="x").split())
    assert "кризисных центров 69 (2024)" in ru


def test_every_key_the_code_uses_exists():
    used = set()
    for path in [ROOT / "dashboard.py", *(ROOT / "app").glob("*.py"),
                 *(ROOT / "coverage").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_\-]+)["']""", text))
    assert used, "no keys found: the pattern is wrong"
    assert sorted(used - set(CATALOGUE)) == []
    # Keys built from parts: scenarios, indicators, kinds, precisions.
    for name in ("car", "no-car", "winter"):
        assert f"scenario_{name}" in CATALOGUE and f"scenario_{name}_desc" in CATALOGUE
    from coverage.indicators import INDICATORS
    assert all(f"ind_{i}" in CATALOGUE for i in INDICATORS)


def test_missing_key_or_language_is_an_error():
    with pytest.raises(KeyError):
        t("no_such_key", "en")
    with pytest.raises(KeyError):
        t("title", "de")


def test_number_formats_per_language():
    assert fmt_int(10_118_282, "en") == "10,118,282"
    assert fmt_int(10_118_282, "ru") == "10\u00a0118\u00a0282"
    assert fmt_int(10_118_282, "kk") == "10\u00a0118\u00a0282"
    assert fmt_pct(0.68655, "en") == "68.7%"
    assert fmt_pct(0.68655, "ru") == "68,7\u00a0%"  # CLDR: a no-break space in Russian
    assert fmt_pct(0.68655, "kk") == "68,7%"  # and none in Kazakh
    assert fmt_num(1234.567, "kk", 2) == "1\u00a0234,57"
    assert fmt_minutes(38.66, "ru") == "39\u00a0мин"  # a number stays with its unit
    assert fmt_minutes(math.inf, "en") == "no centre in reach"
    assert fmt_pct(math.nan, "kk") == "деректер жоқ"
    assert fmt_int(None, "ru") == "нет данных"


def test_incident_labels():
    assert incident_label("protective_orders_issued", "ru") == "выдано защитных предписаний"
    assert incident_label("my_own_count", "en") == "my own count"


@pytest.mark.parametrize(("n", "ru", "en"), [(1, "центр", "centre"), (2, "центра", "centres"),
                                             (5, "центров", "centres"), (21, "центр", "centres"),
                                             (11, "центров", "centres"),
                                             (22, "центра", "centres")])
def test_counted_words_follow_cldr_plural_rules(n, ru, en):
    assert plural(n, "ru", "центр", "центра", "центров") == ru
    assert plural(n, "en", "centre", "centres") == en
    assert t("in_use_centres", "ru", file="f.csv", n=n) == \
        f"Используется: f.csv ({n} {ru})."
    assert t("in_use_centres", "en", file="f.csv", n=n) == f"In use: f.csv ({n} {en})."


def test_kazakh_numbers_take_their_ending():
    # The ending of the last number word said: жеті -> -сі, алты -> -сы, бір -> -і, он -> -ы.
    assert kk_possessive(6_946_727) == "6\u00a0946\u00a0727-сі"
    assert kk_possessive(6_946_726) == "6\u00a0946\u00a0726-сы"
    assert kk_possessive(21) == "21-і"
    assert kk_possessive(10) == "10-ы"
    assert kk_possessive(50) == "50-сі"
    assert t("head_women_of", "kk", n="6\u00a0946\u00a0727", total="10\u00a0118\u00a0282") == \
        "10\u00a0118\u00a0282 әйелдің 6\u00a0946\u00a0727-сі"
