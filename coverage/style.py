"""Every colour of the maps, charts and legends, in one place.

Class colours come from ColorBrewer (YlOrRd, light = better); marks over them (incomplete
register, silent zones, planned centres) use colours no class uses, so they stay apart.
"""

from __future__ import annotations

#: Light (better) to dark (worse): ColorBrewer YlOrRd, 5 classes.
PALETTE: tuple[str, ...] = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
#: Regions without a figure ("no data", never drawn as zero).
NO_DATA = "#d4d4d4"
#: Regions without a centre, for "women per centre" (worse than any class): near-black, so
#: it is not read as the darkest red class.
NO_CENTRE = "#2b2b2b"
#: Regions whose reported count is under 5 (not mapped).
SUPPRESSED = "#ececec"
#: Travel time of settlements, near to far (ColorBrewer RdYlGn, reversed).
SETTLEMENT_COLOURS: tuple[str, ...] = ("#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027")

#: Crisis centres, the selected region's outline, the "help near" points.
NAVY = "#1f3b73"
#: Planned centres of a what-if scenario (diamonds).
PURPLE = "#7b3294"
#: Silent zones: outline on the maps, their points and quadrant on the scatter.
TEAL = "#008b8b"
#: "Many reports, help far away" on the scatter.
ORANGE = "#d95f02"
#: Marks of a break in a series (16 June 2024) and the 2020 quarantine.
RED = "#b00020"
#: Bars of the national series, and 2019 beside 2020.
BLUE_BAR = "#5b7fb0"
BLUE_PALE = "#9fb3d1"

#: Region borders; hatching and dashes of incomplete registers.
BORDER = "#4a4a4a"
HATCH = "#555555"
DASH = "#222222"
#: Text: titles, body, notes, small print, faint.
INK_TITLE = "#111111"
INK = "#222222"
INK_NOTE = "#333333"
INK_LABEL = "#444444"
INK_SMALL = "#555555"
INK_FAINT = "#777777"
#: Greys of points and bars that are not the point.
GREY = "#8c8c8c"
GREY_LIGHT = "#b0b0b0"
#: Settlement markers' edge; the web map's background without tiles.
SETTLEMENT_EDGE = "#333333"
MAP_BACKGROUND = "#f2f5f8"
WHITE = "#ffffff"
