"""Text on static figures: region names clear of one another, text fitted to its room.

A static map or brief goes on a slide as it is, so no name may hide another, a centre or
the legend, and no line may run off the page, in English, Russian or Kazakh alike. Every
width here is measured with the figure's own renderer, never guessed from a character
count: Cyrillic and Latin letters differ in width.
"""

from __future__ import annotations

import functools
import math
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import geopandas as gpd
import pandas as pd
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text
from matplotlib.textpath import TextToPath
from matplotlib.transforms import Bbox, Transform
from shapely.ops import polylabel

from . import style
from .regions import short_name

#: Gap kept between a label and anything else, in pixels.
CLEARANCE_PX = 2.0
#: Share of a region's label that must lie on the region, per attempt: a label on its
#: own region first, then one that leans over a border, then anywhere that is free.
INSIDE_SHARES = (0.95, 0.8, 0.45, 0.0)
#: Distances of a region's label from its visual centre, in label heights.
REGION_RINGS = (0.0, 0.5, 1.0, 1.5, 2.0, 2.75, 3.5, 4.5)
#: Distances of a city's label from the city, in label heights (the leader line's length).
CITY_RINGS = (2.0, 2.75, 3.5, 4.5, 5.5, 7.0)
#: Directions tried around each point, in degrees: sideways first (names are wide).
ANGLES = (0, 180, 90, 270, 30, 150, 210, 330, 60, 120, 240, 300)
#: How much wider than on screen a label may come out in a PDF (unhinted glyphs).
PDF_WIDENING = 1.07
#: A space between digit groups, as in "100 000".
_DIGIT_GROUP = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
#: Measures text by its glyphs' outlines, as a PDF draws them.
_OUTLINES = TextToPath()
#: Each figure's measuring renderer (see :func:`renderer_of`).
_RENDERERS: weakref.WeakKeyDictionary[Figure, RendererAgg] = weakref.WeakKeyDictionary()


def renderer_of(fig: Figure) -> RendererBase:
    """Return the renderer that measures ``fig``'s text at its dpi (one per figure).

    A renderer of its own rather than an Agg canvas on the figure: with a canvas,
    geopandas would redraw the whole figure after every layer it plots.
    """
    renderer = _RENDERERS.get(fig)
    if renderer is None or renderer.dpi != fig.dpi:
        renderer = RendererAgg(int(fig.bbox.width), int(fig.bbox.height), fig.dpi)
        _RENDERERS[fig] = renderer
    return renderer


@functools.lru_cache(maxsize=4)
def _measurer(dpi: float) -> RendererAgg:
    return RendererAgg(1, 1, dpi)


@functools.lru_cache(maxsize=8192)
def _width(text: str, size: float, weight: str, dpi: float) -> float:
    """Width in pixels of one line: the wider of the screen's and the font's own.

    A PNG is drawn with hinted glyphs, which at 100 dpi run some 6% narrower than the
    same text in a PDF; what fits both fits either.
    """
    font = FontProperties(size=size, weight=weight)
    hinted = _measurer(dpi).get_text_width_height_descent(text, font, ismath=False)[0]
    outline = _OUTLINES.get_text_width_height_descent(text, font, ismath=False)[0]
    return max(float(hinted), float(outline) * dpi / 72)


def _dpi(renderer: RendererBase) -> float:
    return cast(float, renderer.points_to_pixels(72.0))


def text_width(renderer: RendererBase, text: str, size: float, weight: str = "normal") -> float:
    """Width in pixels of the widest line of ``text`` at ``size`` points (PNG or PDF)."""
    dpi = _dpi(renderer)
    return max((_width(line, size, weight, dpi) for line in text.split("\n") if line),
               default=0.0)


def _chop(word: str, width_px: float, width: Callable[[str], float]) -> list[str]:
    """Cut a word wider than a whole line (a long file name) into pieces that fit."""
    pieces = [""]
    for ch in word:
        if pieces[-1] and width(pieces[-1] + ch) > width_px:
            pieces.append("")
        pieces[-1] += ch
    return pieces


def fill(renderer: RendererBase, text: str, width_px: float, size: float,
         weight: str = "normal") -> str:
    """Wrap ``text`` into lines no wider than ``width_px``.

    Lines break at ordinary spaces: a no-break space (``68,7 %``) holds, and so do
    digit groups (``100 000``). Only a word wider than a whole line is cut.
    """
    dpi = _dpi(renderer)

    def width(s: str) -> float:
        return _width(s, size, weight, dpi)

    space = width("a a") - width("aa")
    out: list[str] = []
    for paragraph in _DIGIT_GROUP.sub("\u00a0", text).split("\n"):
        words = [piece for word in paragraph.split(" ")
                 for piece in (_chop(word, width_px, width) if width(word) > width_px
                               else [word])]
        while words:  # words' widths add up; the whole line is measured once to confirm
            n, used = 1, width(words[0])
            while n < len(words) and used + space + width(words[n]) <= width_px:
                used += space + width(words[n])
                n += 1
            while n > 1 and width(" ".join(words[:n])) > width_px:
                n -= 1
            out.append(" ".join(words[:n]))
            words = words[n:]
    return "\n".join(out)


@dataclass(frozen=True)
class Block:
    """Where a block of text goes on a figure, in figure fractions.

    ``y`` is its top, or its bottom when ``from_bottom`` (a source line at the foot).
    """

    x: float
    y: float
    width: float
    from_bottom: bool = False


def put_text(fig: Figure, text: str, where: Block, *, size: float, **props: Any) -> float:
    """Write ``text`` wrapped to ``where.width``, from ``where.y`` down (or up).

    Returns
    -------
    float
        The far edge of the text in figure fractions: its bottom, or its top when
        ``where.from_bottom`` (``where.y`` when there is no text).
    """
    if not text:
        return where.y
    renderer = renderer_of(fig)
    weight = str(props.get("fontweight", "normal"))
    wrapped = fill(renderer, text, where.width * fig.bbox.width, size, weight)
    artist = fig.text(where.x, where.y, wrapped, fontsize=size,
                      va="bottom" if where.from_bottom else "top", **props)
    box = artist.get_window_extent(renderer)
    return float((box.y1 if where.from_bottom else box.y0) / fig.bbox.height)


# ------------------------------------------------------------------ region labels
@dataclass(frozen=True)
class Place:
    """A name to put on the map.

    Attributes
    ----------
    names : tuple of str
        The name as written, in the order tried: on one line, then on two.
    anchor : tuple of float
        Where it wants to be, in display pixels: a region's visual centre, or the city.
    shape : shapely geometry
        The region in display pixels: a region's label should lie on it.
    city : bool
        A city too small for its name: labelled beside it, with a leader line.
    """

    names: tuple[str, ...]
    anchor: tuple[float, float]
    shape: shapely.Geometry
    city: bool = False


def two_lines(name: str) -> str:
    """Break a name at the space (else the hyphen) nearest its middle; "" if it has none."""
    cuts = [i for i, ch in enumerate(name) if ch == " "]
    if cuts:
        i = min(cuts, key=lambda c: abs(c - len(name) / 2))
        return f"{name[:i]}\n{name[i + 1:]}"
    cuts = [i for i, ch in enumerate(name) if ch == "-"]
    if cuts:
        i = min(cuts, key=lambda c: abs(c - len(name) / 2))
        return f"{name[:i + 1]}\n{name[i + 1:]}"
    return ""


def halo(size: float) -> list:
    """White outline that keeps dark text legible on the darkest class and on hatching."""
    return [patheffects.withStroke(linewidth=max(2.0, size / 3.5), foreground="white")]


def _free(box: Bbox, taken: list[Bbox], room: Bbox) -> bool:
    inside = (box.x0 >= room.x0 and box.x1 <= room.x1 and box.y0 >= room.y0
              and box.y1 <= room.y1)
    return inside and not any(box.overlaps(other) for other in taken)


def _rect(box: Bbox) -> shapely.Geometry:
    return shapely.box(box.x0, box.y0, box.x1, box.y1)


def _share_on(box: Bbox, shape: shapely.Geometry) -> float:
    rect = _rect(box)
    return float(shapely.area(shapely.intersection(rect, shape)) / max(rect.area, 1e-9))


def _overlap(a: Bbox, b: Bbox) -> float:
    return (max(0.0, min(a.x1, b.x1) - max(a.x0, b.x0))
            * max(0.0, min(a.y1, b.y1) - max(a.y0, b.y0)))


def _offsets(rings: tuple[float, ...], unit: float) -> list[tuple[float, float]]:
    """Candidate shifts, nearest first; sideways steps are wider since names are wide."""
    out = []
    for r in rings:
        for a in ANGLES if r else (0,):
            rad = math.radians(a)
            out.append((r * unit * 1.8 * math.cos(rad), r * unit * math.sin(rad)))
    return out


class Labeller:
    """Put names on a map one by one, each where it hides nothing already there.

    Deterministic: candidates are tried in a fixed order around each name's anchor, and
    the first whose measured box is clear of the names placed, the centre markers and
    the edges of the map's room is kept.

    Parameters
    ----------
    ax : Axes
        The map, with its limits and aspect final (``ax.apply_aspect()`` called).
    room : Bbox
        Where names may go, in display pixels (the map's share of the figure).
    marks : list of Bbox
        What names must not cover (centre markers, city shapes), in display pixels.
    size : float
        Font size in points.
    """

    def __init__(self, ax: Axes, room: Bbox, marks: list[Bbox], size: float) -> None:
        self.ax, self.room, self.size = ax, room, size
        self.marks = list(marks)
        self.labels: list[Bbox] = []
        self.renderer = renderer_of(ax.get_figure(root=True))  # type: ignore[arg-type]
        # The halo reaches beyond the glyphs' box: keep it off the neighbours too.
        self.pad = CLEARANCE_PX + max(2.0, size / 3.5) / 2

    def _box(self, text: Text, anchor: tuple[float, float], shift: tuple[float, float]) -> Bbox:
        x, y = anchor[0] + shift[0], anchor[1] + shift[1]
        text.set_position(tuple(self.ax.transData.inverted().transform((x, y))))
        box = text.get_window_extent(self.renderer).expanded(PDF_WIDENING, 1.0)
        return box.padded(self.pad)

    def _fits(self, box: Bbox, place: Place, need: float) -> bool:
        if not _free(box, self.marks + self.labels, self.room):
            return False
        if place.city:  # its leader line may cross no other name
            line = shapely.LineString([place.anchor, ((box.x0 + box.x1) / 2,
                                                      (box.y0 + box.y1) / 2)])
            return not any(shapely.intersects(line, _rect(b)) for b in self.labels)
        return not need or _share_on(box, place.shape) >= need

    def _search(self, text: Text, place: Place) -> Bbox | None:
        for need in (0.0,) if place.city else INSIDE_SHARES:
            for name in place.names:
                text.set_text(name)
                unit = text.get_window_extent(self.renderer).height / (name.count("\n") + 1)
                for shift in _offsets(CITY_RINGS if place.city else REGION_RINGS, unit):
                    box = self._box(text, place.anchor, shift)
                    if self._fits(box, place, need):
                        return box
        return None

    def _least_crowded(self, text: Text, place: Place) -> Bbox:
        """Nowhere is clear: the candidate that covers least of the others."""
        text.set_text(place.names[-1])
        unit = text.get_window_extent(self.renderer).height / (place.names[-1].count("\n") + 1)
        taken = self.marks + self.labels

        def crowding(shift: tuple[float, float]) -> float:
            box = self._box(text, place.anchor, shift)
            outside = 0.0 if _free(box, [], self.room) else box.width * box.height
            return outside + sum(_overlap(box, b) for b in taken)

        best = min(_offsets(CITY_RINGS if place.city else REGION_RINGS, unit), key=crowding)
        return self._box(text, place.anchor, best)

    def place(self, place: Place) -> Text:
        """Put one name where it is clear of everything placed so far, and return it."""
        text = self.ax.text(0, 0, place.names[0], ha="center", va="center",
                            fontsize=self.size, color=style.INK,
                            fontweight="bold" if place.city else "normal",
                            multialignment="center", zorder=6, path_effects=halo(self.size),
                            gid="city-label" if place.city else "region-label")
        box = self._search(text, place) or self._least_crowded(text, place)
        self.labels.append(box)
        if place.city:
            self._leader(box, place)
        return text

    def _leader(self, box: Bbox, place: Place) -> None:
        """Draw a thin line from the city to the edge of its label, and a dot on the city."""
        centre = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
        line = shapely.LineString([place.anchor, centre]).difference(_rect(box))
        if line.is_empty:
            return
        to_data = self.ax.transData.inverted()
        xy = to_data.transform(shapely.get_coordinates(line))
        self.ax.plot(xy[:, 0], xy[:, 1], color=style.INK, linewidth=0.9, zorder=5,
                     solid_capstyle="round", gid="city-leader")
        self.ax.plot(*to_data.transform(place.anchor), marker="o", markersize=2.5,
                     color=style.INK, zorder=5, gid="city-dot")


def map_names(regions: pd.DataFrame, lang: str) -> list[str]:
    """Return each region's name as a map or a brief's table writes it, in row order.

    Short names ("Akmola", not "Akmola Region"); a region whose short name is a city's
    keeps its full name ("Almaty Region" beside the city of Almaty).
    """
    short = [short_name(n, lang) for n in regions[f"name_{lang}"]]
    cities = {s for s, k in zip(short, regions["kind"]) if k == "city"}
    return [full if kind != "city" and name in cities else name
            for name, full, kind in zip(short, regions[f"name_{lang}"], regions["kind"])]


def places_of(regions: gpd.GeoDataFrame, lang: str, to_px: Transform, *,
              dagger: frozenset[str] = frozenset()) -> list[Place]:
    """Return the names to put on the map (:func:`map_names`), regions smallest first.

    ``regions`` are in the map's projection; cities come last, labelled beside their
    shape. Regions in ``dagger`` are named with " †" (their figures are explained in the
    map's note).
    """
    places = []
    labels = [n + " †" if r in dagger else n
              for n, r in zip(map_names(regions, lang), regions["region_id"].astype(str))]
    for geom, name, kind in zip(regions.geometry, labels, regions["kind"]):
        shape = shapely.transform(geom, to_px.transform)
        city = kind == "city"
        if city:
            anchor = shapely.centroid(shape)
        else:  # the visual centre of the largest part, far from its edges
            parts = list(getattr(shape, "geoms", [shape]))
            anchor = polylabel(max(parts, key=lambda p: p.area), tolerance=1.0)
        names = (name,) if city else tuple(n for n in (name, two_lines(name)) if n)
        places.append(Place(names, (anchor.x, anchor.y), shape, city=city))
    return sorted(places, key=lambda p: (p.city, p.shape.area))


def city_boxes(places: list[Place]) -> list[Bbox]:
    """Return the cities' own shapes (boxes): region names must leave them visible."""
    return [Bbox.from_extents(*p.shape.bounds) for p in places if p.city]
