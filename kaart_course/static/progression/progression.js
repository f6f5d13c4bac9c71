// KAART « Ma progression » — every quiz of the course with the score saved in this browser.
// Model trait "state" (built by kaart_course/sphinxext/quiz.py): { banks: [{ bank, title, href, total }] }.
// Hooks: data-kaart-progress, data-kaart-progress-bank, data-kaart-action="reset-all".

import { element } from "../common/dom.js";
import { formatDate } from "../common/format.js";
import { browserStorage } from "../common/storage.js";
import { clearProgress, loadProgress } from "../quiz/logic.js";

function row(entry, saved) {
  const scored = saved.score && saved.score.answered > 0;
  const answered = scored ? saved.score.answered : 0;
  return element("tr", { "data-kaart-progress-bank": entry.bank },
    element("td", {}, entry.href ? element("a", { href: entry.href, text: entry.title }) : element("span", { text: entry.title })),
    element("td", { text: scored ? `${saved.score.correct} sur ${entry.total} (${answered} répondue${answered > 1 ? "s" : ""})` : "pas encore commencé" }),
    element("td", { text: saved.updated ? formatDate(new Date(saved.updated)) : "—" }));
}

function render({ model, el }) {
  const { banks } = model.get("state");
  const storage = browserStorage();
  const body = element("tbody");
  const fill = () => body.replaceChildren(...banks.map((entry) => row(entry, loadProgress(storage, entry.bank))));
  const status = element("p", { role: "status", "aria-live": "polite" });
  const reset = element("button", { type: "button", class: "kaart-button", "data-kaart-action": "reset-all", text: "Effacer toute ma progression" });
  reset.addEventListener("click", () => {
    for (const entry of banks) clearProgress(storage, entry.bank);
    fill();
    status.textContent = "Votre progression a été effacée de ce navigateur.";
  });
  fill();
  el.append(element("div", { class: "kaart-progress-wrap kaart-ui" },
    element("table", { class: "kaart-progress", "data-kaart-progress": "" },
      element("caption", { text: "Vos scores enregistrés dans ce navigateur" }),
      element("thead", {}, element("tr", {}, ...["Quiz", "Score", "Dernière activité"].map((text) => element("th", { scope: "col", text })))),
      body),
    reset, status));
}

export default { render };
