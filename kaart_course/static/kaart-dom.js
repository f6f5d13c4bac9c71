// DOM helpers shared by the course's widget modules. Every text from course data goes through
// createTextNode: nothing is ever parsed as HTML. The modules import this file; for Jupyter, where anywidget
// loads a single module, kaart_course._widget inlines it into each module (see bundled_module()).

/** An element with attributes (class, text, others verbatim) and children (nodes or strings). */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

const SAFE_HREF = /^(https?:|mailto:|#|\/|\.{1,2}\/|[\w-]+\.html)/i;

/** DOM nodes of an inline tree ({t: "text"|"code", v} | {t: "br"} | {t: "strong"|"em"|"span", c} |
 * {t: "link", href, c}); links keep only safe schemes. */
export function renderInline(nodes) {
  const fragment = document.createDocumentFragment();
  for (const node of nodes ?? []) {
    if (node.t === "text") fragment.append(document.createTextNode(node.v));
    else if (node.t === "br") fragment.append(document.createElement("br"));
    else if (node.t === "code") fragment.append(element("code", { text: node.v }));
    else if (node.t === "strong" || node.t === "em") fragment.append(element(node.t, {}, renderInline(node.c)));
    else if (node.t === "link" && SAFE_HREF.test(node.href)) {
      fragment.append(element("a", { href: node.href, rel: "noopener" }, renderInline(node.c)));
    } else if (node.c) fragment.append(renderInline(node.c));
  }
  return fragment;
}
