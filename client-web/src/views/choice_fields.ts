// Radio buttons and checkboxes for a set of numbered answers (a survey's 1-5, a poll's
// options), each with its label, and reading or setting what is chosen.
import { h } from "../dom";

// One "check" row per option; the inputs share name, and each has the id name-value.
export function choiceFields(
  name: string,
  options: [number, string][],
  type: "radio" | "checkbox" = "radio",
): HTMLElement[] {
  return options.map(([value, label]) => {
    const id = `${name}-${value}`;
    return h("div", { class: "check" }, h("input", { type, name, id, value }), h("label", { for: id }, label));
  });
}

// The values chosen among the inputs named name inside container, in order.
export function chosen(container: Element, name: string): number[] {
  return [...container.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => Number(i.value));
}

// Checks the input named name with this value, if there is one.
export function choose(container: Element, name: string, value: number): void {
  const input = container.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
  if (input) input.checked = true;
}
