// What a widget keeps in the reader's browser (localStorage), and nowhere else.

/** localStorage when the browser allows it, else a memory stand-in for this visit (private browsing,
 * storage disabled, some file:// pages). */
export function browserStorage() {
  try {
    const storage = globalThis.localStorage;
    storage.setItem("kaart:probe", "1");
    storage.removeItem("kaart:probe");
    return storage;
  } catch {
    return memoryStorage();
  }
}

/** A storage that forgets everything when the page closes (also the tests' storage). */
export function memoryStorage() {
  const memory = new Map();
  return {
    getItem: (key) => (memory.has(key) ? memory.get(key) : null),
    setItem: (key, value) => memory.set(key, String(value)),
    removeItem: (key) => memory.delete(key),
  };
}

/** The JSON value saved under `key`, or `fallback` when nothing (or something of another shape) is stored. */
export function loadJSON(storage, key, fallback) {
  try {
    const value = JSON.parse(storage.getItem(key) ?? "null");
    if (value !== null && typeof value === typeof fallback && Array.isArray(value) === Array.isArray(fallback)) return value;
  } catch {
    // unreadable storage: start afresh rather than break the page
  }
  return fallback;
}

export function saveJSON(storage, key, value) {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or forbidden: the widget still works for this visit
  }
}

export function removeKey(storage, key) {
  try {
    storage.removeItem(key);
  } catch {
    // nothing to remove
  }
}
