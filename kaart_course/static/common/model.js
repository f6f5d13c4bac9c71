// A minimal anywidget model (get/set/on/off/save_changes/send) over plain values: what kaart-mount.js gives a
// widget on the static site, and what a widget gives another widget it draws inside itself.

/** A model holding `initial`'s values; `set` calls the listeners of `change:<key>`. */
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
