"""What the web map shows besides its regions and centres: names, legend, controls.

Region names are a layer of text that lets clicks through to the regions; the legend is a
Leaflet control in the map's frame, carried by a layer, so that it changes with the
figures when a page swaps the layers; the scale is in kilometres only and the attribution
plain text.
"""

from __future__ import annotations

import json

import folium
import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template

from . import settings, style
from .i18n import fmt_minutes, t
from .indicators import Classes
from .labels import legend_items
from .regions import short_name
from .safetext import html_text as esc

#: Minutes classes of the settlement layer, and their colours (light = near).
SETTLEMENT_CLASSES = (30, 60, 120, 180)
SILENT_COLOUR = style.TEAL
PLANNED_COLOUR = style.PURPLE

#: Where a name goes from its region's point (px): each city's beside it, clear of the
#: region around it; East Kazakhstan's inwards, off the map's right edge.
_LABEL_SHIFT = {"KZ-71": (0, -12), "KZ-75": (0, 12), "KZ-79": (0, 12), "KZ-63": (-14, 0)}
_LABEL_CSS = (
    "<style>.kz-label{pointer-events:none;white-space:nowrap;font:600 12px/1.1 sans-serif;"
    f"color:{style.INK};text-align:center;text-shadow:0 0 2px #fff,0 0 2px #fff,"
    "0 0 3px #fff,0 0 4px #fff}.kz-label.kz-city{font-size:11px;font-weight:500;"
    "font-style:italic}.kz-legend{background:rgba(255,255,255,0.93);padding:6px 9px;"
    "border-radius:4px;box-shadow:0 1px 4px #0004;font:12px/1.35 sans-serif;"
    "column-count:2;column-gap:18px;max-height:40vh;overflow:auto}"
    ".kz-legend .kz-row{display:flex;align-items:center;margin:1px 0;break-inside:avoid}"
    ".kz-legend b{display:block;margin:2px 0 3px;column-span:all}</style>")


class Script(MacroElement):
    """A piece of script run once its parent exists (the parent's name is ``parent``)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function(parent){ {{ this.code }} })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, code: str) -> None:
        super().__init__()
        self._name = "Script"
        self.code = code


def map_controls(m: folium.Map, *, zoom_buttons: bool, fill_frame: bool = False,
                 lang: str = "en") -> None:
    """Add the scale (km only, the unit in ``lang``) and a plain attribution.

    Drop the zoom buttons if asked; ``fill_frame``: the map is as high as its frame, its
    names and legend larger (a presentation).
    """
    km, m_ = _js(t("unit_km", lang)), _js(t("unit_m", lang))
    code = ("var s = L.control.scale({imperial: false});"
            # Leaflet writes "km" and "m": the language's own units instead.
            "s._updateMetric = function(maxMeters){ var d = this._getRoundNum(maxMeters);"
            f" this._updateScale(this._mScale, d < 1000 ? d + ' ' + {m_} :"
            f" (d / 1000) + ' ' + {km}, d / maxMeters); }};"
            "s.addTo(parent); parent.attributionControl.setPrefix('Leaflet');")
    if not zoom_buttons:
        code += "parent.zoomControl.remove();"
    Script(code).add_to(m)
    css = _LABEL_CSS + ("<style>html,body{height:100%;margin:0}"
                        ".folium-map,#map_div{height:100vh !important}"
                        ".kz-label{font-size:14px}.kz-legend{font-size:15px}</style>"
                        if fill_frame else "")
    m.get_root().header.add_child(folium.Element(css))  # type: ignore[attr-defined]


def fit_on_resize(m: folium.Map, bounds: list[list[float]], padding: dict) -> None:
    """Fit the country again when the map's frame changes size, until the user moves it.

    The page sizes the frame after the map is made, which would leave the country cut.
    """
    code = (f"var b = L.latLngBounds({json.dumps(bounds)}), o = {json.dumps(padding)};"
            "var moved = false, c = parent.getContainer();"
            "parent.on('dragstart', function(){ moved = true; });"
            "c.addEventListener('wheel', function(){ moved = true; }, {passive: true});"
            "c.addEventListener('dblclick', function(){ moved = true; });"
            "var z = c.querySelector('.leaflet-control-zoom');"
            "if (z) { z.addEventListener('click', function(){ moved = true; }); }"
            "parent.on('resize', function(){ if (!moved) { parent.fitBounds(b, o); } });")
    Script(code).add_to(m)


def label_layer(regions: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    """Name every region on the map, short, with a white halo; clicks pass through."""
    group = folium.FeatureGroup(name="labels", control=False)
    # Larger regions' names first; a name that would overlap one already shown is hidden
    # until the user zooms in (see _DECLUTTER).
    areas = regions.geometry.to_crs(settings.CRS_EQUAL_AREA).area / 1e6  # km²
    for rid, name, kind, geom, area in zip(regions["region_id"], regions[f"name_{lang}"],
                                           regions["kind"], regions.geometry, areas,
                                           strict=True):
        p = geom.representative_point()
        dx, dy = _LABEL_SHIFT.get(rid, (0, 0))
        city = kind == "city"
        html = (f'<div class="kz-label{" kz-city" if city else ""}" '
                f'data-rank="{0.0 if city else float(area):.0f}" '
                f'style="transform:translate(-50%,-50%) translate({dx}px,{dy}px)">'
                f"{'<br>'.join(esc(part) for part in _two_lines(short_name(name, lang)))}"
                "</div>")
        folium.Marker([p.y, p.x], icon=folium.DivIcon(html=html, icon_size=(0, 0)),
                      interactive=False, keyboard=False).add_to(group)
    Script(_DECLUTTER).add_to(group)
    return group


#: Hide names that overlap a name already shown (larger regions first), after every
#: zoom, pan or resize.
_DECLUTTER = """
function declutter(){
  var els = [];
  parent.eachLayer(function(l){ var e = l.getElement && l.getElement();
    if (e && e.firstChild) { els.push(e.firstChild); } });
  els.sort(function(a, b){ return (+b.dataset.rank) - (+a.dataset.rank); });
  var shown = [];
  els.forEach(function(el){
    el.style.visibility = 'visible';
    var r = el.getBoundingClientRect();
    var hit = shown.some(function(p){ return !(r.right < p.left || r.left > p.right ||
                                               r.bottom < p.top || r.top > p.bottom); });
    if (hit) { el.style.visibility = 'hidden'; } else { shown.push(r); }
  });
}
var on = null;
function attach(){ var m = parent._map; if (!m || on) { return; }
  on = m; m.on('zoomend moveend resize', declutter); setTimeout(declutter, 0); }
parent.on('add', attach);
parent.on('remove', function(){ if (on) { on.off('zoomend moveend resize', declutter); }
  on = null; });
attach();
"""


def _two_lines(name: str, longest: int = 12) -> list[str]:
    """Split a long name in two at the space or hyphen nearest its middle."""
    if len(name) <= longest:
        return [name]
    cuts = [i for i, ch in enumerate(name) if ch in " -"]
    if not cuts:
        return [name]
    i = min(cuts, key=lambda c: abs(c - len(name) / 2))
    return [name[:i + 1].strip(), name[i + 1:].strip()]


def legend_layer(legend: str) -> folium.FeatureGroup:
    """Carry the legend (HTML, already escaped) as a control in the map's lower left.

    The control comes and goes with its layer, so new figures bring their own legend.
    """
    group = folium.FeatureGroup(name="legend", control=False)
    code = ("var c = L.control({position: 'bottomleft'});"
            "c.onAdd = function(){ var d = L.DomUtil.create('div', 'kz-legend');"
            f"d.setAttribute('data-testid', 'map-legend'); d.innerHTML = {_js(legend)};"
            "L.DomEvent.disableClickPropagation(d); L.DomEvent.disableScrollPropagation(d);"
            "return d; };"
            "function show(){ if (parent._map) { c.addTo(parent._map); } }"
            "parent.on('add', show); parent.on('remove', function(){ c.remove(); });"
            "show();")
    Script(code).add_to(group)
    return group


def _js(text: str) -> str:
    # A JSON string is data in a script; "</" is written so that no tag can close it, and
    # braces as escapes, so that branca's second pass over the script finds no template tag.
    return (json.dumps(text).replace("</", "<\\/").replace("{", "\\u007b")
            .replace("}", "\\u007d"))


def settlement_colour(minutes: float) -> str:
    """Colour of a settlement's travel time (the last class is beyond 180 min)."""
    import numpy as np

    return style.SETTLEMENT_COLOURS[int(np.searchsorted(SETTLEMENT_CLASSES, minutes,
                                                        side="left"))]


def _swatch(colour: str, text: str, *, round_: bool = False, hollow: bool = False,
            border: str | None = None, rows: bool = False) -> str:
    shape = "border-radius:50%;" if round_ else ""
    fill = "#fff" if hollow else colour
    edge = border or (f"2px dashed {style.NAVY}" if hollow else
                      f"1px solid {style.NAVY if round_ else style.BORDER}")
    box = ("display:flex;align-items:center;margin:1px 0" if rows else
           "display:inline-flex;align-items:center;margin:2px 14px 2px 0")
    return (f'<span class="kz-row" style="{box}"><span style="width:14px;height:14px;'
            f"{shape}background:{fill};border:{edge};display:inline-block;flex:none;"
            f'margin-right:6px"></span>{esc(text)}</span>')


def legend_html(classes: Classes, lang: str, label: str, show_settlements: bool, *,
                planned: bool = False, incomplete: bool = False,
                silent_minutes: int | None = None, rows: bool = False) -> str:
    """Write the map's legend as HTML, every text escaped.

    ``rows``: one entry a line (the legend in the map's frame); else entries flow.
    """
    def sw(colour: str, text: str, **kw: object) -> str:
        return _swatch(colour, text, rows=rows, **kw)  # type: ignore[arg-type]

    parts = [f'<div data-testid="map-legend-body" style="line-height:1.5">'
             f"<b>{esc(t('legend_title', lang, indicator=label))}</b>"]
    parts += [sw(c, text) for c, text in legend_items(classes, lang)]
    if incomplete:
        parts.append(sw("#fff", t("legend_incomplete_web", lang), border="2px dashed #222"))
    if silent_minutes is not None:
        parts.append(sw("#fff", t("legend_silent", lang, t=silent_minutes),
                        border=f"4px solid {SILENT_COLOUR}").replace(
            'class="kz-row"', 'class="kz-row" data-testid="legend-silent"', 1))
    parts.append(sw(style.NAVY, t("legend_centre", lang), round_=True))
    parts.append(sw(style.NAVY, t("legend_centre_unknown", lang), round_=True, hollow=True))
    if planned:
        parts.append(sw(PLANNED_COLOUR, t("legend_planned", lang), border="2px solid #fff")
                     .replace('class="kz-row"', 'class="kz-row" data-testid="legend-planned"',
                              1).replace("width:14px;height:14px;",
                                         "width:11px;height:11px;transform:rotate(45deg);"
                                         f"box-shadow:0 0 0 1.5px {PLANNED_COLOUR};", 1))
    if show_settlements:
        parts.append(f"<b>{esc(t('legend_settlements', lang))}</b>")
        for m in (*SETTLEMENT_CLASSES, None):
            text = (f"≤ {fmt_minutes(m, lang)}" if m is not None
                    else f"> {fmt_minutes(SETTLEMENT_CLASSES[-1], lang)}")
            parts.append(sw(settlement_colour(m if m is not None else 1e9), text,
                            round_=True))
    parts.append("</div>")
    return "".join(parts)
