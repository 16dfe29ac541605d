// Who is being heard. Everyone sees their own figures. Moderators (and everyone, if the
// room allows) see the balance: shares of floor time as a table (read by screen readers
// as a table, not only as bars), who has not spoken yet, and — for moderators — gentle
// suggestions and a private invitation to speak. People are listed in the order they
// joined, never ranked.
import { formatList, t } from "../i18n/i18n";
import { h, keepFocus } from "../dom";
import { Role, RoomPhase, type PersonFigures } from "../protocol";
import { duration } from "../room_model";
import type { RoomContext } from "./room_context";

const longWaitMs = 5 * 60 * 1000;
const unevenGini = 0.4;

export function balancePanel(ctx: RoomContext): { element: HTMLElement; render(): void } {
  const own = h("dl", { class: "figures" });
  const ownSection = h(
    "section",
    { class: "panel", "aria-labelledby": "own-heading" },
    h("h2", { id: "own-heading" }, t("balance.your_participation")),
    own,
  );

  const suggestions = h("ul", { class: "suggestions" });
  const gini = h("p", { class: "gini" });
  const table = h("table", { class: "balance-table" });
  const notYet = h("p", { class: "not-yet" });
  const invite = h("div", { class: "button-row invite-row" });
  const balance = h(
    "section",
    { class: "panel balance", "aria-labelledby": "balance-heading" },
    h("h2", { id: "balance-heading" }, t("balance.balance_of_voices")),
    suggestions,
    gini,
    table,
    notYet,
    invite,
  );
  const element = h("div", {}, ownSection, balance);

  const row = (label: string, value: string) => [h("dt", {}, label), h("dd", {}, value)];

  function renderOwn(): void {
    const f = ctx.model.mine;
    // Before the meeting there is nothing to count yet: no panel of zeros.
    const started = ctx.model.live() || ctx.model.phase === RoomPhase.CLOSED;
    ownSection.hidden = !f || ctx.me()?.role === Role.OBSERVER || !started;
    if (!f) return;
    own.replaceChildren(
      ...row(t("balance.turns"), String(f.turns)),
      ...row(t("balance.time_with_the_floor"), duration(Number(f.floorMs))),
      // Where the room has voice: the time actually spoken, beside the time with the floor.
      ...(f.voicedMs > 0n ? row(t("balance.time_spoken"), duration(Number(f.voicedMs))) : []),
      ...row(t("balance.messages"), t("balance.messages_words", { messages: f.messages, words: f.words })),
      ...row(t("balance.hands_raised"), String(f.handsRaised)),
      ...row(t("balance.time_waiting_in_the_queue"), duration(Number(f.waitingMs))),
    );
  }

  function bar(share: number): HTMLElement {
    const percent = Math.round(share * 100);
    // The number is the content; the bar only repeats it visually.
    const fill = h("span", { class: "fill" });
    fill.style.width = `${Math.min(100, percent)}%`;
    return h("span", { class: "share" }, h("span", { class: "bar", "aria-hidden": "true" }, fill), ` ${percent}%`);
  }

  function renderBalance(): void {
    const me = ctx.me();
    const scope = ctx.model.session;
    balance.hidden = !scope || !me || me.role === Role.OBSERVER;
    if (!scope || balance.hidden) return;
    const moderator = me!.role === Role.MODERATOR;
    const name = (id: string) => ctx.model.name(id);
    const people: PersonFigures[] = scope.people.filter(
      (p) => ctx.model.members.get(p.memberId)?.role !== Role.MODERATOR,
    );
    const voiced = people.some((p) => p.voicedMs > 0n);
    table.replaceChildren(
      h("caption", {}, t("balance.floor_time_so_far_for")),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, t("balance.person")),
          h("th", { scope: "col" }, t("balance.share_of_floor_time")),
          h("th", { scope: "col" }, t("balance.turns")),
          voiced ? h("th", { scope: "col" }, t("balance.time_spoken")) : null,
          moderator ? h("th", { scope: "col" }, t("balance.waiting_now")) : null,
        ),
      ),
      h(
        "tbody",
        {},
        ...people.map((p) =>
          h(
            "tr",
            {},
            h(
              "th",
              { scope: "row" },
              p.memberId === me!.memberId ? t("balance.name_you", { name: name(p.memberId) }) : name(p.memberId),
            ),
            h("td", {}, bar(p.floorShare)),
            h("td", {}, String(p.turns)),
            voiced ? h("td", {}, duration(Number(p.voicedMs))) : null,
            moderator ? h("td", {}, p.currentWaitMs > 0n ? duration(Number(p.currentWaitMs)) : "—") : null,
          ),
        ),
      ),
    );
    const notSpoken = scope.notYetSpoken.map(name);
    notYet.textContent = notSpoken.length
      ? t("balance.not_yet_spoken", { names: formatList(notSpoken) })
      : t("balance.everyone_has_spoken");
    gini.textContent = moderator ? t("balance.evenness", { gini: scope.floorGini }) : "";
    gini.hidden = !moderator;

    // Suggestions and invitations: for moderators only.
    suggestions.hidden = !moderator;
    invite.hidden = !moderator;
    if (!moderator) return;
    const tips: string[] = [];
    if (scope.notYetSpoken.length > 0) tips.push(t("balance.not_spoken_count", { n: scope.notYetSpoken.length }));
    if (scope.longestWaitMs > BigInt(longWaitMs))
      tips.push(
        t("balance.has_waited", {
          name: name(scope.longestWaitingMemberId),
          time: duration(Number(scope.longestWaitMs)),
        }),
      );
    const total = people.reduce((t, p) => t + Number(p.floorMs), 0);
    if (scope.floorGini >= unevenGini && total > 120000) tips.push(t("balance.very_uneven", { gini: scope.floorGini }));
    suggestions.replaceChildren(...tips.map((t) => h("li", {}, t)));
    const pending = new Set([...ctx.model.invitations.values()].map((i) => i.memberId));
    keepFocus(invite, () =>
      invite.replaceChildren(
        ...scope.notYetSpoken
          .filter((id) => ctx.model.members.get(id)?.present && !ctx.model.members.get(id)?.inRoom)
          .map((id) => {
            const invited = pending.has(id);
            const b = h(
              "button",
              { type: "button", class: "secondary small", "data-focus-key": `invite-${id}`, disabled: invited },
              invited ? t("balance.has_been_invited", { name: name(id) }) : t("balance.invite", { name: name(id) }),
            );
            b.addEventListener("click", () => void ctx.send({ case: "inviteToSpeak", value: { memberId: id } }));
            return b;
          }),
      ),
    );
  }

  return {
    element,
    render() {
      renderOwn();
      renderBalance();
    },
  };
}
