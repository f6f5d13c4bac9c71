// Mounts the course's widget modules on the static book (no kernel): each `[data-kaart-widget]` element
// carries its saved state; the module of the same name renders on a plain model made from it, exactly as
// anywidget would render it on a kernel-backed model in Jupyter.

const BASE = new URL(".", import.meta.url);
const NAME = /^[a-z][a-z-]*$/;

/** A minimal anywidget model (get/set/on/off/save_changes/send) over plain values. */
export function plainModel(initial) {
  const values = { ...initial };
  const listeners = new Map();
  return {
    get: (key) => values[key],
    set(key, value) {
      values[key] = value;
      for (const callback of listeners.get(`change:${key}`) ?? []) callback();
    },
    on(event, callback) {
      listeners.set(event, [...(listeners.get(event) ?? []), callback]);
    },
    off(event, callback) {
      listeners.set(event, (listeners.get(event) ?? []).filter((c) => callback && c !== callback));
    },
    save_changes() {},
    send() {},
  };
}

async function mount(el) {
  el.dataset.kaartMounted = "true";
  const name = el.dataset.kaartWidget;
  if (!NAME.test(name)) throw new Error(`nom de widget invalide : ${name}`);
  const state = JSON.parse(el.querySelector(":scope > script.kaart-state").textContent);
  const module = await import(new URL(`kaart-${name}.js`, BASE).href);
  const widget = module.default ?? module;
  const model = plainModel({ state });
  const host = document.createElement("div");
  host.className = "kaart-widget-host";
  el.querySelector(":scope > .kaart-widget-fallback")?.remove();
  el.append(host);
  await widget.initialize?.({ model });
  await widget.render({ model, el: host });
}

for (const el of document.querySelectorAll("[data-kaart-widget]:not([data-kaart-mounted])")) {
  mount(el).catch((error) => {
    el.dataset.kaartError = String(error);
    console.error("KAART : l'exercice n'a pas pu s'afficher.", error);
  });
}
