// The projection view's logic that needs no page: which key does what, where a move lands, the timer's text.

/** The action of a key in the projection view, or null: → ← Home End move between steps, F is full screen. */
export function keyAction(event) {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  switch (event.key) {
    case "ArrowRight": case "PageDown": return "next";
    case "ArrowLeft": case "PageUp": return "prev";
    case "Home": return "first";
    case "End": return "last";
    case "f": case "F": return "fullscreen";
    case "Escape": return "exit";
    default: return null;
  }
}

/** The step (1-based) an action leads to from `current` among `total` steps. */
export function moveTo(action, current, total) {
  if (action === "next") return Math.min(total, current + 1);
  if (action === "prev") return Math.max(1, current - 1);
  if (action === "first") return 1;
  if (action === "last") return total;
  return current;
}

/** « 03:07 » for 187 seconds (minutes may pass 59: a step never lasts hours). */
export function clock(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(whole / 60)).padStart(2, "0")}:${String(whole % 60).padStart(2, "0")}`;
}

/** The timer of a step: elapsed time, planned minutes, and whether the step runs over. */
export function timerText(elapsedSeconds, plannedMinutes) {
  const over = elapsedSeconds > plannedMinutes * 60;
  return { text: `${clock(elapsedSeconds)} / ${plannedMinutes} min prévues`, over };
}

/** « 0 h 15 – 0 h 40 »: when a step starts and ends, from the session's start. */
export function slot(start, minutes) {
  const at = (m) => `${Math.floor(m / 60)}\u00a0h\u00a0${String(m % 60).padStart(2, "0")}`;
  return `${at(start)} – ${at(start + minutes)}`;
}
