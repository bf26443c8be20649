"""The interactive map (folium / Leaflet) that works offline.

Folium links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs. This map needs only
Leaflet, and takes it from wherever the caller says: the dashboard serves the files of
the ``xstatic-leaflet`` package itself, :func:`inline_assets` embeds them in a standalone
page. No tile server is used unless ``basemap=True``: the regions are the basemap.

Every text that reaches the map's HTML (names, settlements, links) is escaped here, so a
centre named ``<img src=x onerror=alert(1)>`` shows as that text.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypedDict, TypeVar, Unpack, cast

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from . import style
from .basis import register_cell
from .completeness import is_planned
from .i18n import fmt_int, fmt_minutes, fmt_num, fmt_pct_floor, t
from .incidents import IncidentSet
from .indicators import Classes
from .labels import MapTexts, indicator_label, value_text
from .names import centre_name, centre_place
from .report import Report
from .safetext import html_text as esc
from .staticmap import marks_of
from .webparts import (
    PLANNED_COLOUR,
    SILENT_COLOUR,
    Script,
    fit_on_resize,
    label_layer,
    legend_html,
    legend_layer,
    map_controls,
    settlement_colour,
)

#: Map view of the whole country (south-west and north-east corners, lat/lon).
KZ_BOUNDS = [[40.5, 46.4], [55.5, 87.4]]
#: Height kept free under the country for the legend in the map's frame (px).
LEGEND_PX = 150
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
CENTRE_COLOUR = style.NAVY
_PLANNED_ICON = ('<div class="kz-planned" style="width:12px;height:12px;margin:3px;'
                 f'background:{PLANNED_COLOUR};border:2px solid #fff;'
                 f'box-shadow:0 0 0 1.5px {PLANNED_COLOUR};transform:rotate(45deg)"></div>')


def leaflet_dir() -> Path:
    """Folder of Leaflet's files in the installed ``xstatic-leaflet`` package."""
    import xstatic.pkg.leaflet as xl

    return Path(xl.BASE_DIR)


def _offsets(lat: np.ndarray, lon: np.ndarray, radius_deg: float = 0.05) -> tuple[
        np.ndarray, np.ndarray]:
    """Spread centres that share a settlement on a small ring, so each can be seen."""
    lat, lon = lat.astype(float).copy(), lon.astype(float).copy()
    keys = pd.Series(list(zip(np.round(lat, 4), np.round(lon, 4))))
    for _, idx in keys.groupby(keys).groups.items():
        if len(idx) < 2:
            continue
        angles = np.linspace(0, 2 * np.pi, len(idx), endpoint=False) + np.pi / 2
        base_lat, base_lon = lat[idx[0]], lon[idx[0]]
        lat[idx] = base_lat + radius_deg * np.sin(angles)
        lon[idx] = base_lon + radius_deg * np.cos(angles) / np.cos(np.radians(base_lat))
    return lat, lon


class _Bound(MacroElement):
    """A popup or tooltip bound to its parent layer, content passed as a JSON string.

    folium's own Popup needs jQuery, and its Tooltip puts text in a JavaScript template
    literal where ``${...}`` would run; a JSON string is only ever data.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.{{ this.method }}({{ this.content|tojson }},
            {{ this.options|tojson }});
        {% endmacro %}
    """)

    def __init__(self, method: str, content: str, **options: object) -> None:
        super().__init__()
        self._name = "Bound"
        self.method, self.content, self.options = method, content, options


_Layer = TypeVar("_Layer", bound=Element)


def bind_popup(layer: _Layer, html_text: str, max_width: int = 320) -> _Layer:
    """Bind already-escaped HTML as the popup of a layer."""
    _Bound("bindPopup", html_text, maxWidth=max_width).add_to(layer)
    return layer


def bind_tooltip(layer: _Layer, html_text: str, sticky: bool = False) -> _Layer:
    """Bind already-escaped HTML as the tooltip of a layer."""
    _Bound("bindTooltip", html_text, sticky=sticky).add_to(layer)
    return layer


def _centre_popup(c: dict, lang: str) -> str:
    beds = c.get("beds")
    capacity = t("pop_unknown", lang) if pd.isna(beds) else fmt_int(beds, lang)
    kind = c.get("kind") or ""
    kind_text = t(f"kind_{kind}", lang) if f"kind_{kind}" in _KINDS else esc(kind)
    precision = c.get("location_precision") or "settlement"
    # Name and settlement only, in the reader's language: never a street or an address.
    rows = [f"<b>{esc(centre_name(c, lang))}</b>",
            f"{esc(t('tt_settlement', lang))}: {esc(centre_place(c, lang))}",
            *([f"<i>{esc(t('pop_planned', lang))}</i>"] if c.get("status") == "planned"
              else []),
            f"{esc(t('pop_kind', lang))}: {kind_text}",
            f"{esc(t('pop_capacity', lang))}: {esc(capacity)}"]
    if precision in ("district", "region"):
        rows.append(f"<i>{esc(t(f'pop_precision_{precision}', lang))}</i>")
    url = c.get("source_url") or ""
    if url.startswith(("http://", "https://")):
        year = c.get("source_year") or ""
        rows.append(f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">'
                    f"{esc(t('pop_source', lang, year=year))}</a>")
    return "<br>".join(rows)


_KINDS = {"kind_state", "kind_NGO", "kind_"}


@dataclass(frozen=True)
class MapOptions:
    """What the map shows besides regions and centres, and its height.

    :func:`map_parts` and :func:`region_map` also take each of them as a keyword of the
    same name.

    Attributes
    ----------
    basemap : bool
        Add OpenStreetMap tiles (needs the internet).
    settlements : DataFrame, optional
        Settlement demand points with ``name``, ``lat``, ``lon``, ``minutes`` and
        ``nearest_name`` (names in the map's language: :mod:`coverage.names`): drawn as a
        travel-time layer.
    selected : str, optional
        Region to outline.
    height : int
        Height of the map, in pixels.
    legend : str, optional
        The legend's HTML (:func:`coverage.webparts.legend_html`, escaped), shown in the
        map's frame.
    zoom_buttons : bool
        Leaflet's + and - buttons (a presentation leaves them out).
    fill_frame : bool
        The map takes the whole height of its frame, whatever ``height`` (a page that
        sizes the frame to the screen).
    """

    basemap: bool = False
    settlements: pd.DataFrame | None = None
    selected: str | None = None
    height: int = 560
    legend: str | None = None
    zoom_buttons: bool = True
    fill_frame: bool = False


class MapKeywords(TypedDict, total=False):
    """The fields of :class:`MapOptions`, as keywords of :func:`map_parts`."""

    basemap: bool
    settlements: pd.DataFrame | None
    selected: str | None
    height: int
    legend: str | None
    zoom_buttons: bool
    fill_frame: bool


def region_map(regions: gpd.GeoDataFrame, figures: pd.DataFrame, classes: Classes, *,
               centres: pd.DataFrame, lang: str, threshold: int, asset_base: str,
               options: MapOptions | None = None,
               **keywords: Unpack[MapKeywords]) -> folium.Map:
    """Build the whole map in one :class:`folium.Map` (see :func:`map_parts`)."""
    m, layers = map_parts(regions, figures, classes, centres=centres, lang=lang,
                          threshold=threshold, asset_base=asset_base, options=options,
                          **keywords)
    for layer in layers:
        layer.add_to(m)
    return m


def _region_tip(rid: str, name: str, classes: Classes, fig: pd.DataFrame, *, lang: str,
                threshold: int) -> str:
    """Write a region's tooltip: its name, the map's figure, its centres (three lines).

    A silent zone says so on the third line.
    """
    row = cast(pd.Series, fig.loc[rid])
    label = indicator_label(classes.indicator, lang, threshold=threshold)
    third = f"{t('col_register', lang)}: {register_cell(row, lang)}"
    if bool(row.get("silent", False)):
        third += f" · {t('tt_silent', lang)}"
    value = value_text(classes, rid, lang)
    if classes.indicator == "share_within" and bool(row["register_incomplete"]):
        # Centres are missing from the register: the share is a floor ("≥ 0.1%").
        value = fmt_pct_floor(float(classes.values[rid]), lang, floor=True)
    return (f"<b>{esc(name)}</b><br>{esc(label)}: <b>{esc(value)}</b><br>{esc(third)}")


def map_parts(regions: gpd.GeoDataFrame, figures: pd.DataFrame, classes: Classes, *,
              centres: pd.DataFrame, lang: str, threshold: int, asset_base: str,
              options: MapOptions | None = None, **keywords: Unpack[MapKeywords]
              ) -> tuple[folium.Map, list[folium.FeatureGroup]]:
    """Build an empty base map and the layers to draw on it.

    The base map depends only on ``asset_base``, ``basemap`` and ``height``, so a page
    can keep it and swap only the layers (regions, settlements, centres) when figures
    change, without reloading Leaflet.

    Parameters
    ----------
    regions : GeoDataFrame
        ``region_id``, names and shapes (:func:`coverage.load_regions`).
    figures : DataFrame
        :attr:`coverage.report.Report.regions` (for the tooltips).
    classes : Classes
        Colours of the indicator (:func:`coverage.indicators.classify`).
    centres : DataFrame
        ``name``, ``lat``, ``lon``, ``beds``, ``settlement``, ``kind``, ``source_url``...
    asset_base : str
        URL of the folder holding ``leaflet.js`` and ``leaflet.css``.
    options : MapOptions, optional
        Tiles, settlement layer, outlined region and height (see :class:`MapOptions`).
    **keywords
        Any field of :class:`MapOptions` (``basemap=True``, ``selected="KZ-75"``...),
        taking precedence over ``options``.
    """
    opts = replace(options or MapOptions(), **keywords)
    basemap, settlements, selected = opts.basemap, opts.settlements, opts.selected
    m = folium.Map(location=[48.0, 67.0], zoom_start=5, tiles=None, height=opts.height,
                   control_scale=False, prefer_canvas=False, zoom_snap=0.25)
    map_controls(m, zoom_buttons=opts.zoom_buttons, fill_frame=opts.fill_frame, lang=lang)
    m.default_js = [("leaflet", f"{asset_base}/leaflet.js")]
    m.default_css = [("leaflet_css", f"{asset_base}/leaflet.css")]
    # Without tiles the regions are the basemap: a pale background instead of grey.
    cast(Figure, m.get_root()).header.add_child(folium.Element(
        f"<style>.leaflet-container{{background:{style.MAP_BACKGROUND}}}</style>"))
    if basemap:
        folium.TileLayer(OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap").add_to(m)
    # With a legend in the frame, the country fits above it, not under it.
    pad = {"paddingTopLeft": [8, 8], "paddingBottomRight": [8, LEGEND_PX if opts.legend else 8]}
    m.fit_bounds(KZ_BOUNDS, padding_top_left=(8, 8),
                 padding_bottom_right=(8, LEGEND_PX if opts.legend else 8))
    fit_on_resize(m, KZ_BOUNDS, pad)

    fig = figures.set_index("region_id")

    gdf = regions[["region_id", "geometry"]].copy()
    gdf["tip"] = [_region_tip(rid, name, classes, fig, lang=lang, threshold=threshold)
                  for rid, name in zip(regions["region_id"], regions[f"name_{lang}"],
                                       strict=True)]
    fill = {rid: classes.colour_of(rid) for rid in classes.region_class.index}
    # Muted under the settlement layer (its own colours must stand out) and under tiles.
    opacity = 0.35 if settlements is not None else 0.65 if basemap else 0.9

    incomplete = set(fig.index[fig["register_incomplete"].astype(bool)])

    def region_style(feature: dict) -> dict:
        rid = feature["properties"]["region_id"]
        chosen = rid == selected
        out = {"fillColor": fill.get(rid, style.NO_DATA), "fillOpacity": opacity,
               "color": style.NAVY if chosen else style.BORDER,
               "weight": 3.5 if chosen else 0.8}
        if rid in incomplete and not chosen:
            # Register incomplete: a dashed outline (the static maps hatch instead).
            out.update(color=style.INK, weight=2.0, dashArray="6 4")
        return out

    region_layer = folium.FeatureGroup(name="regions")
    shapes = folium.GeoJson(
        gdf.to_json(), name="regions", style_function=region_style,
        highlight_function=lambda f: {"weight": 2.5, "color": style.NAVY},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    ).add_to(region_layer)
    # A click chooses the region: its tooltip closes, the region view beside says more.
    Script("parent.on('click', function(){ parent.closeTooltip(); });").add_to(shapes)
    silent = set(fig.index[fig["silent"].astype(bool)]) if "silent" in fig else set()
    if silent:
        _silent_outline(gdf[gdf["region_id"].isin(silent)], incomplete).add_to(region_layer)
    layers = [region_layer]

    if settlements is not None and len(settlements):
        group = folium.FeatureGroup(name="settlements")
        for s in settlements.itertuples():
            lat, lon, minutes = cast("tuple[float, float, float]", (s.lat, s.lon, s.minutes))
            tip = (f"<b>{esc(s.name)}</b><br>{esc(t('tt_minutes', lang))}: "
                   f"{esc(fmt_minutes(minutes, lang))}<br>{esc(t('tt_nearest', lang))}: "
                   f"{esc(s.nearest_name)}")
            marker = folium.CircleMarker(
                [lat, lon], radius=3.5, weight=0.6, color=style.INK_NOTE, fill=True,
                fill_color=settlement_colour(minutes), fill_opacity=0.95,
                class_name="kz-settlement")
            bind_tooltip(marker, tip).add_to(group)
        layers.append(group)

    layers.append(_centre_layer(centres, lang))
    layers.append(label_layer(regions, lang))
    if opts.legend:
        layers.append(legend_layer(opts.legend))
    return m, layers


def _silent_outline(gdf: gpd.GeoDataFrame, incomplete: set[str]) -> folium.GeoJson:
    """Outline the silent zones in wide teal over the indicator's colours.

    The dashes of an incomplete register are drawn again on top (both marks stay
    visible).
    """
    def outline_style(feature: dict) -> dict:
        dashed = feature["properties"]["region_id"] in incomplete
        return {"fill": False, "color": SILENT_COLOUR, "weight": 5, "opacity": 0.95,
                "className": "kz-silent", **({"dashArray": "6 4"} if dashed else {})}

    return folium.GeoJson(gdf[["region_id", "geometry"]].to_json(), name="silent",
                          style_function=outline_style, interactive=False)


def mark_regions(figures: pd.DataFrame, *, silent: Collection[str],
                 incidents: IncidentSet | None, lang: str) -> pd.DataFrame:
    """Add the columns the map shows for reported violence to ``figures``.

    ``reported`` (the rate per 100,000 women of ``incidents``, "<5", or "no data", "†"
    where the figure covers part of 2022 or a larger area) and ``silent`` (the regions
    of ``silent``, see :func:`coverage.silence.silent_zones`).
    """
    out = figures.copy()
    ids = out["region_id"]
    out["silent"] = ids.isin(list(silent)).to_numpy()
    texts = []
    for rid in ids:
        if incidents is None or rid not in incidents.rates.index:
            texts.append(t("no_data", lang))
        elif bool(incidents.suppressed.get(rid, False)):
            texts.append(t("suppressed", lang))
        else:
            texts.append(fmt_num(float(incidents.rates[rid]), lang) + (
                " †" if rid in incidents.marked.index else ""))
    out["reported"] = texts
    return out


def _centre_layer(centres: pd.DataFrame, lang: str) -> folium.FeatureGroup:
    """Draw the centres: existing ones as circles, planned ones as diamonds.

    Circles are sized by places (hollow when unknown); diamonds are labelled "planned".
    """
    lat, lon = _offsets(centres["lat"].to_numpy(), centres["lon"].to_numpy())
    planned = is_planned(centres)
    group = folium.FeatureGroup(name="centres")
    for i, c in enumerate(centres.to_dict("records")):
        if planned[i]:
            marker = folium.Marker([lat[i], lon[i]], icon=folium.DivIcon(
                html=_PLANNED_ICON, icon_size=(18, 18), icon_anchor=(9, 9),
                class_name="kz-planned-icon"))
            bind_tooltip(marker, f"{esc(t('pop_planned', lang))}: {esc(centre_name(c, lang))}")
            bind_popup(marker, _centre_popup(c, lang)).add_to(group)
            continue
        known = not pd.isna(c.get("beds"))
        radius = 4.0 + 1.6 * math.sqrt(float(c["beds"])) if known else 6.0
        marker = folium.CircleMarker(
            [lat[i], lon[i]], radius=radius, color=CENTRE_COLOUR, weight=2,
            fill=True, fill_color=CENTRE_COLOUR if known else style.WHITE,
            fill_opacity=0.85 if known else 0.9, dash_array=None if known else "3 2",
            # A click on a centre opens its card only: it does not also pick the region.
            class_name="kz-centre", bubbling_mouse_events=False)
        bind_tooltip(marker, esc(centre_name(c, lang)))
        bind_popup(marker, _centre_popup(c, lang)).add_to(group)
    return group


def map_html(m: folium.Map) -> str:
    """Render the whole map as one HTML page (assets as linked by the map)."""
    return m.get_root().render()


#: The standalone page may load nothing from any host: its scripts and styles are inline,
#: images only data: URLs (Leaflet's own icons).
CSP = ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
       "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
       "font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'\">")


def standalone_page(m: folium.Map, *, asset_base: str, title: str, legend: str,
                    source_line: str) -> str:
    """Write one HTML file that opens offline.

    Leaflet is inlined; title, legend and sources are laid over the map.
    """
    box = ("position:fixed;z-index:1000;background:rgba(255,255,255,0.92);padding:8px 12px;"
           "font-family:sans-serif;border-radius:4px;box-shadow:0 1px 4px #0003;")
    overlay = (f'<div style="{box}top:10px;left:60px;font-size:18px;font-weight:bold">'
               f"{esc(title)}</div>"
               f'<div style="{box}bottom:30px;left:10px;max-width:46%">{legend}</div>'
               f'<div style="{box}bottom:4px;right:10px;font-size:11px;max-width:60%">'
               f"{esc(source_line)}</div>")
    page = inline_assets(map_html(m), asset_base)
    page = page.replace("<head>", f"<head>\n{CSP}\n<title>{esc(title)}</title>", 1)
    return page.replace("</body>", overlay + "\n</body>", 1)


def inline_assets(page: str, asset_base: str) -> str:
    """Replace links to ``asset_base`` with the content of Leaflet's files.

    The result opens offline from a file: nothing is loaded from anywhere.
    """
    folder = leaflet_dir()
    js = (folder / "leaflet.js").read_text(encoding="utf-8")
    css = (folder / "leaflet.css").read_text(encoding="utf-8")
    page = page.replace(f'<script src="{asset_base}/leaflet.js"></script>',
                        f"<script>{js}</script>")
    return page.replace(f'<link rel="stylesheet" href="{asset_base}/leaflet.css"/>',
                        f"<style>{css}</style>")


def standalone_map(report: Report, regions: gpd.GeoDataFrame, classes: Classes, *,
                   centres: pd.DataFrame, lang: str, threshold: int, texts: MapTexts,
                   incidents: IncidentSet | None) -> str:
    """Write the map as one HTML file that opens offline.

    Regions in ``classes``' colours with their silent zones and incomplete registers
    marked, centres, legend, title, what the figures stand on and the source line (the
    page's download and ``map``).
    """
    base = "leaflet-assets"  # replaced by the files' content
    marks = marks_of(report.regions, threshold)
    figures = mark_regions(report.regions, silent=marks.silent, incidents=incidents,
                           lang=lang)
    m = region_map(regions, figures, classes, centres=centres, lang=lang,
                   threshold=threshold, asset_base=base, height=900)
    legend = legend_html(classes, lang, texts.legend_title, False,
                         planned=report.basis.planned > 0,
                         incomplete=bool(marks.incomplete),
                         silent_minutes=marks.silent_minutes)
    return standalone_page(m, asset_base=base, title=texts.title,
                           legend=legend + f"<div>{esc(texts.note)}</div>",
                           source_line=texts.source_line)
