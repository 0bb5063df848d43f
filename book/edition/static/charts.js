// Draws every chart of the page with the Vega bundle served with the book.
// vl_convert.javascript_bundle() puts this code after Vega, Vega-Lite and
// Vega-Embed; the edition's Sphinx extension wraps the whole in a function so
// it loads as a classic script (module scripts are blocked on file:// pages).
// The specs are Vega, compiled from Vega-Lite when the book is built (edition.render).
const EMBED_OPTIONS = {
  mode: "vega",
  renderer: "svg",
  actions: { export: true, source: false, compiled: false, editor: false },
};

function currentTheme() {
  return document.documentElement.dataset.theme === "dark" ? "dark" : undefined;
}

async function drawChart(figure) {
  const view = figure.querySelector(".edition-chart__view");
  const fallback = figure.querySelector("noscript");  // the static picture
  const spec = JSON.parse(figure.querySelector("script.edition-chart__spec").textContent);
  try {
    await vegaEmbed(view, spec, { ...EMBED_OPTIONS, theme: currentTheme() });
    const actions = view.querySelector("details > summary");
    if (actions) actions.setAttribute("aria-label", "Chart actions: save the chart as SVG or PNG");
    const svg = view.querySelector("svg.marks");
    if (svg) svg.setAttribute("aria-label", figure.querySelector("figcaption").textContent);
    figure.dataset.rendered = "true";
  } catch (error) {
    figure.dataset.rendered = "error";
    if (fallback) view.innerHTML = fallback.textContent;  // show the static picture instead
    console.error("edition chart", figure.id, error);
  }
}

function drawAll() {
  return Promise.all([...document.querySelectorAll("figure.edition-chart")].map(drawChart));
}

// Resolves when every chart of the page is drawn; the time is kept for the benchmark.
window.editionCharts = drawAll().then(() => { window.editionChartsDrawnAt = performance.now(); });
// Redraw when the reader switches between light and dark mode. The theme also
// sets data-theme once as the page loads, usually to the same value: no redraw then.
let drawnTheme = currentTheme();
new MutationObserver(() => {
  if (currentTheme() === drawnTheme) return;
  drawnTheme = currentTheme();
  window.editionCharts = drawAll();
}).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
