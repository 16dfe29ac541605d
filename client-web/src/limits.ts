// The longest text the server takes in each field, as it says it (Welcome, RoomInfo,
// GET /api/limits). A form field names its limit — h("textarea", { limit: "message" }) — and
// its maxlength is the server's, set as soon as it is known, so no number is typed twice.
import type { TextLimits } from "./protocol";

export type LimitName = Exclude<keyof TextLimits, "$typeName" | "$unknown">;

let known: TextLimits | undefined;

type TextField = HTMLInputElement | HTMLTextAreaElement;

// The limits as the server said them; fields already made take them at once.
export function setLimits(limits: TextLimits | undefined, root: ParentNode = document): void {
  if (!limits) return;
  known = limits;
  for (const field of root.querySelectorAll<TextField>("[data-limit]")) applyLimit(field);
}

export function limitOf(name: LimitName): number | undefined {
  const n = known?.[name];
  return n ? n : undefined;
}

// Sets a field's maxlength from the limit it names (data-limit), once the limits are known.
export function applyLimit(field: TextField): void {
  const n = limitOf(field.dataset.limit as LimitName);
  if (n !== undefined) field.maxLength = n;
}
