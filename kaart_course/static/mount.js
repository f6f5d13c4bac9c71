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

// The theme's « Haut de page » button floats over the bottom of the screen when the reader scrolls up: it must
// never hide a widget's answer, feedback or buttons. While any widget passes under the button's band, the
// button is hidden (class on <html>, rule in kaart-widget.css).
function guardBackToTop() {
  const button = document.getElementById("pst-back-to-top");
  if (!button) return;
  let pending = false;
  const check = () => {
    pending = false;
    const top = window.innerHeight * 0.9 - 8; // the theme places it at 90vh
    const bottom = top + Math.max(button.offsetHeight, 44) + 16;
    const covered = [...document.querySelectorAll(".kaart-widget")].some((widget) => {
      const box = widget.getBoundingClientRect();
      return box.height > 0 && box.top < bottom && box.bottom > top;
    });
    document.documentElement.classList.toggle("kaart-widget-under-back-to-top", covered);
  };
  const schedule = () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(check);
    }
  };
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", schedule, { passive: true });
  check();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", guardBackToTop);
else guardBackToTop();
