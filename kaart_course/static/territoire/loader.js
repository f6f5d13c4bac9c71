// Loading the commune data on first use. On the site, each data file is a classic script that assigns one
// global (kaart_course/_territories_compact.py), injected next to this widget's own script: a <script> loads
// from a downloaded copy opened with file:// too, where fetch() of a local file is refused. In Jupyter
// (an ES module, no script of its own on a page), the kernel sends the same data when asked.

// The address of this widget's classic script (…/_static/kaart-territoire.js), read while it runs.
const SCRIPT_SRC = (() => {
  try {
    return globalThis.document?.currentScript?.src || null;
  } catch {
    return null;
  }
})();

/** The site's root (the folder above _static/), or null in Jupyter. */
export function siteRoot() {
  return SCRIPT_SRC ? new URL("../", SCRIPT_SRC).href : null;
}

const pending = new Map();

/** Loads the script `file` (next to this widget's script) once, resolving with the global it assigns. */
function loadScript(file, name) {
  if (globalThis[name]) return Promise.resolve(globalThis[name]);
  if (!pending.has(name)) {
    pending.set(name, new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(file, SCRIPT_SRC).href;
      script.async = true;
      script.onload = () => (globalThis[name] ? resolve(globalThis[name]) : reject(new Error(`${file} : données absentes`)));
      script.onerror = () => {
        pending.delete(name);
        script.remove();
        reject(new Error(`${file} introuvable`));
      };
      document.head.append(script);
    }));
  }
  return pending.get(name);
}

/** Asks the kernel for the data (Jupyter): the Python widget answers {kind: "data", search, fiches}. */
function askKernel(model) {
  if (!pending.has("kernel")) {
    pending.set("kernel", new Promise((resolve) => {
      model.on("msg:custom", (message) => {
        if (message?.kind === "data") resolve(message);
      });
      model.send({ kind: "data" });
    }));
  }
  return pending.get("kernel");
}

/**
 * The search data, then the card data: `files` is the state's {search: [file, global], fiches: [file, global]}.
 * @returns {{search: () => Promise<object>, fiches: () => Promise<object>}}
 */
export function dataLoader(model, files) {
  if (SCRIPT_SRC) {
    return { search: () => loadScript(...files.search), fiches: () => loadScript(...files.fiches) };
  }
  return { search: () => askKernel(model).then((m) => m.search), fiches: () => askKernel(model).then((m) => m.fiches) };
}
