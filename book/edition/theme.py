"""The edition's chart theme: readable type and a colour-blind-safe palette.

Categorical colours are the Okabe-Ito palette (ordered so the low-contrast
yellow comes last); charts also encode categories by shape or label so they
can be read without colour. No text colours are fixed here, so the reader's
light or dark mode decides them.
"""
import altair as alt

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#999999", "#F0E442"]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', sans-serif"


@alt.theme.register("edition", enable=True)
def edition_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "background": "transparent",
            "view": {"stroke": None},
            "range": {"category": OKABE_ITO},
            "title": {"anchor": "start", "fontSize": 15, "subtitleFontSize": 12, "offset": 10},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "grid": True, "gridOpacity": 0.4},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
        }
    }
