// When and where the meeting is, as the organiser put it: the same line on the join page,
// at the top of the room, in every phase of its life.
import { t } from "../i18n/i18n";
import { h } from "../dom";

// "When: … · Where: …", for the top of the room and the join page.
export function whenAndWhere(when: string, place: string): (Node | string)[] {
  const parts: (Node | string)[] = [];
  if (when) parts.push(h("span", { class: "label" }, t("when_where.when")), when);
  if (when && place) parts.push(" · ");
  if (place) parts.push(h("span", { class: "label" }, t("when_where.where")), place);
  return parts;
}
