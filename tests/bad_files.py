"""Tiny bad (and good) files shared by the loader, command-line and dashboard tests."""

from __future__ import annotations

ASTANA = "51.1801,71.44598"

#: name -> (file name, bytes, words the message must contain)
BAD_CENTRES = {
    "missing column": ("no_lon.csv", b"name,lat\nA,51.18\n", "column 'lon'"),
    "text in a number column": ("text.csv", f"name,lat,lon\nA,{ASTANA}\nB,fifty,71.4\n"
                                .encode(), "row 3, column 'lat'"),
    "outside Kazakhstan": ("moscow.csv", b"name,lat,lon\nMoscow,55.75,37.62\n",
                           "outside Kazakhstan"),
    "empty file": ("empty.csv", b"", "the file is empty"),
    "binary garbage": ("garbage.csv", bytes(range(256)) * 4, "not text"),
    "duplicate names": ("dups.csv", f"name,lat,lon\nA,{ASTANA}\nA,{ASTANA}\n".encode(),
                        "row 3, column 'name'"),
    "unknown region": ("narnia.csv", f"name,lat,lon,region\nA,{ASTANA},Narnia\n".encode(),
                       "unknown region 'Narnia'"),
}

#: A register in Windows-1251 with semicolons and decimal commas (valid).
CP1251 = ("название;широта;долгота;область\n"
          "Кризисный центр «Шанс»;53,28414;69,39364;Акмолинская область\n").encode("cp1251")

#: Incident figures in the 17-unit layout (before June 2022; valid): the three split
#: units' counts are shared between their successors.
OLD_LAYOUT = (b"region,indicator,period,value\n"
              b"East Kazakhstan Region,protective_orders_issued,2021,1000\n"
              b"Almaty Region,protective_orders_issued,2021,800\n"
              b"Karaganda Region,protective_orders_issued,2021,600\n"
              b"Akmola Region,protective_orders_issued,2021,3\n")
