// The search page's result snippets: the text of the page's article only. Sphinx takes the text of the whole
// [role=main] element, which in this theme begins with the header buttons (« Guide PDF », « .pdf »…) and the
// page's table of contents (« Contenu »), so a result read « ….pdf Lire un cahier en vingt minutes Contenu… ».
// Loaded with `defer` on search.html only (kaart_course/sphinxext/search.py), after Sphinx's searchtools.js.
(() => {
  if (typeof Search === "undefined") return;
  const NOISE = [
    ".headerlink", "script", "style", ".bd-header-article", ".d-print-none", "nav", ".toctree-wrapper",
    ".kaart-widget", ".kaart-print-form", ".footnote-reference", ".prev-next-area", "footer", "h1",
    ".admonition-title",
  ].join(", ");
  const original = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    const article = page.querySelector("article.bd-article");
    if (!article) return original(htmlString, anchor);
    article.querySelectorAll(NOISE).forEach((element) => element.remove());
    let root = article;
    if (anchor) {
      try {
        root = article.querySelector(anchor) ?? article;
      } catch {
        root = article; // an anchor that is not a valid selector
      }
    }
    return root.textContent.replace(/\s+/g, " ").trim();
  };
})();
