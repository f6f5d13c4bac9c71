// Mounts the course's widgets on the static book, with no kernel and no module loader, so that it also works
// from a downloaded copy opened with file://. Each widget's classic script (kaart-<name>.js, built from
// static/<name>/<name>.js) registers its module in globalThis.kaartWidgets; each widget element is followed by
// an inline `kaartMount(document.currentScript)`, so it mounts where it stands, before the rest of the page
// is laid out. The module renders on a plain model made from the state saved in the page, exactly as
// anywidget renders it on a kernel-backed model in Jupyter.

import { plainModel } from "./common/model.js";

document.documentElement.classList.add("kaart-js");

export { plainModel };

/** Mounts the widget element just before `script` (the inline script that follows every widget). */
function mount(script) {
  const el = script?.previousElementSibling;
  if (!el?.matches("[data-kaart-widget]") || el.dataset.kaartMounted) return;
  el.dataset.kaartMounted = "true";
  const name = el.dataset.kaartWidget;
  try {
    const widget = globalThis.kaartWidgets?.[name];
    if (!widget) throw new Error(`module du widget « ${name} » absent`);
    const model = plainModel({ state: JSON.parse(el.querySelector(":scope > script.kaart-state").textContent) });
    const host = document.createElement("div");
    host.className = "kaart-widget-host";
    el.append(host);
    widget.initialize?.({ model });
    widget.render({ model, el: host });
  } catch (error) {
    el.dataset.kaartError = String(error);
    // The print form after the widget stays visible: the exercise can still be done on paper.
    script.nextElementSibling?.classList.add("kaart-print-form-shown");
    console.error("KAART : l'exercice n'a pas pu s'afficher.", error);
  }
}

globalThis.kaartMount = mount;
