// The room's clocks as the browser reads them: a turn's time left and where it stands, an
// agenda item's time spent and left, and how the meeting runs against its plan; and how
// they are written for people. Pure: "now" (the server's time as this browser reckons it)
// is passed in, so that each is unit-tested in Node (client-web/test/clock.test.ts).
import { t } from "./i18n/i18n";
import { AgendaItemStatus, type AgendaItem, type FloorState } from "./protocol";

export type ClockState = "none" | "running" | "warning" | "timeUp" | "paused";

// Milliseconds left in the turn (negative in overtime), or null when nobody has the floor.
export function turnRemainingMs(floor: FloorState | undefined, now: number): number | null {
  if (!floor || !floor.holderMemberId) return null;
  return floor.paused ? Number(floor.remainingMs) : Number(floor.deadlineMs) - now;
}

// Where the turn clock stands: warned by the server or within warningSeconds of the end,
// time up (said by the server, or past the deadline), paused, or running.
export function turnClockState(floor: FloorState | undefined, warningSeconds: number, now: number): ClockState {
  const left = turnRemainingMs(floor, now);
  if (!floor || left === null) return "none";
  if (floor.timeUp || left < 0) return "timeUp";
  if (floor.paused) return "paused";
  const warning = warningSeconds * 1000;
  return floor.warned || (warning > 0 && left <= warning) ? "warning" : "running";
}

// How long an agenda item has run, pauses of the room excluded (its recorded time once done).
export function agendaSpentMs(item: AgendaItem, now: number): number {
  const c = item.clock;
  if (!c) return Number(item.usedMs);
  const paused = Number(c.pausedTotalMs) + (c.paused ? now - Number(c.pausedAtMs) : 0);
  return Math.max(0, now - Number(c.startedAtMs) - paused);
}

// Milliseconds left in the item (negative over time), or null without a time box.
export function agendaLeftMs(item: AgendaItem | undefined, now: number): number | null {
  if (!item || !item.minutes) return null;
  return item.minutes * 60000 - agendaSpentMs(item, now);
}

// The meeting against its plan: positive, that many ms over; negative, ahead. Items done
// count their whole difference; the item under way only once it runs over.
export function agendaDriftMs(agenda: AgendaItem[], now: number): number {
  let drift = 0;
  for (const item of agenda) {
    if (item.status === AgendaItemStatus.AGENDA_DONE) drift += Number(item.usedMs) - item.minutes * 60000;
    if (item.status === AgendaItemStatus.AGENDA_CURRENT && item.minutes)
      drift += Math.max(0, agendaSpentMs(item, now) - item.minutes * 60000);
  }
  return drift;
}

// The clock as a person reads it, in every state: "1:32 left", "4 s over time".
export function clockLabel(ms: number): string {
  return ms >= 0 ? t("clock.left", { clock: clockText(ms) }) : t("clock.over_time", { time: duration(-ms) });
}

// "1 min 05 s", "45 s": for people, not machines.
export function duration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  if (m === 0) return t("clock.seconds", { s });
  return s === 0 ? t("clock.minutes", { m }) : t("clock.minutes_seconds", { m, s: String(s).padStart(2, "0") });
}

// The clock as shown: "1:05", or "−0:12" in overtime.
export function clockText(ms: number): string {
  const sign = ms < 0 ? "−" : "";
  const total = Math.ceil(Math.abs(ms) / 1000);
  return `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}
