// Relevance conditions of the survey form: the expression trees that kaart_course/survey/conditions.py
// compiles (condition_to_dict), evaluated with XLSForm's meaning, exactly as conditions.evaluate does in
// Python. Both sides answer the cases of tests/fixtures/enquete/conditions-cases.json.
//
// Tree: {op: "=" | "!=" | "<" | "<=" | ">" | ">=", question, value: string | number}
//     | {op: "selected", question, value: choice id} | {op: "not", operand} | {op: "and" | "or", operands}
// Values: question id -> string (a choice, a code, a text), number, or array of choice ids; absent, null or
// undefined means unanswered.

const COMPARE = {
  "=": (a, b) => a === b,
  "!=": (a, b) => a !== b,
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
};

/** Whether the condition `tree` holds for `values`; a comparison with an unanswered question is false. */
export function evaluate(tree, values) {
  if (tree.op === "not") return !evaluate(tree.operand, values);
  if (tree.op === "and") return tree.operands.every((operand) => evaluate(operand, values));
  if (tree.op === "or") return tree.operands.some((operand) => evaluate(operand, values));
  const value = values[tree.question];
  if (tree.op === "selected") return Array.isArray(value) ? value.includes(tree.value) : value === tree.value;
  if (value === undefined || value === null || Array.isArray(value)) return false;
  if (typeof tree.value === "number") return typeof value === "number" && COMPARE[tree.op](value, tree.value);
  return COMPARE[tree.op](String(value), tree.value);
}

/** The ids of the questions asked, in order, given `values`: a question is asked when its group's condition
 * and its own hold for the answers to the questions asked before it (an answer to a question that was not
 * asked counts as none) — Questionnaire.asked in Python. */
export function askedQuestions(state, values) {
  const kept = {};
  const asked = [];
  for (const group of state.groups) {
    for (const question of group.questions) {
      const holds = [group.relevant, question.relevant].every((tree) => !tree || evaluate(tree, kept));
      if (!holds) continue;
      asked.push(question.id);
      if (values[question.id] !== undefined && values[question.id] !== null) kept[question.id] = values[question.id];
    }
  }
  return asked;
}
