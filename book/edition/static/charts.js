// Draws every chart of the page with the Vega bundle served with the book.
// Bundled by vl_convert.javascript_bundle() as an ES module: vegaEmbed is in scope.
const EMBED_OPTIONS = {
  renderer: "svg",
  actions: { export: true, source: false, compiled: false, editor: false },
};

function currentTheme() {
  return document.documentElement.dataset.theme === "dark" ? "dark" : undefined;
}

async function drawChart(figure) {
  const view = figure.querySelector(".edition-chart__view");
  const spec = JSON.parse(figure.querySelector("script.edition-chart__spec").textContent);
  try {
    await vegaEmbed(view, spec, { ...EMBED_OPTIONS, theme: currentTheme() });
    figure.dataset.rendered = "true";
  } catch (error) {
    figure.dataset.rendered = "error";
    view.textContent = "This chart could not be drawn: " + error.message;
    console.error(error);
  }
}

function drawAll() {
  return Promise.all([...document.querySelectorAll("figure.edition-chart")].map(drawChart));
}

window.editionCharts = drawAll();
// Redraw when the reader switches between light and dark mode.
new MutationObserver(() => { window.editionCharts = drawAll(); }).observe(
  document.documentElement, { attributes: true, attributeFilter: ["data-theme"] },
);
