// DOM helpers shared by the course's widgets. Every text from course data or typed by a reader goes through
// createTextNode or textContent: nothing is ever parsed as HTML.

import rules from "./rules.json" with { type: "json" };

const SAFE_HREF = new RegExp(rules.safeHref, "i");

/** Whether a link target may become a link: web and mail addresses, and the book's own pages. */
export function isSafeHref(href) {
  return typeof href === "string" && SAFE_HREF.test(href.trim());
}

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

/** DOM nodes of an inline tree ({t: "text"|"code", v} | {t: "br"} | {t: "strong"|"em"|"span", c} |
 * {t: "link", href, c}, built by kaart_course/_markdown.py); a link whose target is not safe stays text. */
export function renderInline(nodes) {
  const fragment = document.createDocumentFragment();
  for (const node of nodes ?? []) {
    if (node.t === "text") fragment.append(document.createTextNode(node.v));
    else if (node.t === "br") fragment.append(document.createElement("br"));
    else if (node.t === "code") fragment.append(element("code", { text: node.v }));
    else if (node.t === "strong" || node.t === "em") fragment.append(element(node.t, {}, renderInline(node.c)));
    else if (node.t === "link" && isSafeHref(node.href)) {
      fragment.append(element("a", { href: node.href.trim(), rel: "noopener" }, renderInline(node.c)));
    } else if (node.c) fragment.append(renderInline(node.c));
  }
  return fragment;
}

/** The inline tree as plain text (for a downloaded sheet, a word count). */
export function plainText(nodes) {
  return (nodes ?? []).map((n) => (n.t === "text" || n.t === "code" ? n.v : n.t === "br" ? "\n" : plainText(n.c))).join("");
}

/** Saves `text` as a file named `name` (the browser's download), nothing sent anywhere. */
export function downloadText(name, text, type = "text/plain;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = element("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `callback` once `delay` ms after the last call; `.flush()` runs it now. */
export function debounce(callback, delay) {
  let timer = null;
  const run = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => callback(...args), delay);
  };
  run.flush = (...args) => {
    clearTimeout(timer);
    callback(...args);
  };
  return run;
}
