"""The edition's helpers, imported by every chapter: ``import edition``.

- ``edition.data``    loads the open dataset in ``book/data``.
- ``edition.charts``  builds the charts (Altair); one function per chart.
- ``edition.render``  shows charts offline in the built book, and as Altair's
                      normal interactive output in Jupyter and Binder.
"""
from edition import charts, data, render
from edition.render import show

render.activate()

__all__ = ["charts", "data", "render", "show"]
