// The clocks' arithmetic and wording, with time passed in.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  agendaDriftMs,
  agendaLeftMs,
  agendaSpentMs,
  clockLabel,
  clockText,
  duration,
  turnClockState,
  turnRemainingMs,
} from "../src/clock";
import { AgendaItemSchema, AgendaItemStatus, FloorStateSchema, create } from "../src/protocol";

const t0 = 1_700_000_000_000;
const turn = (init: Parameters<typeof create<typeof FloorStateSchema>>[1]) =>
  create(FloorStateSchema, {
    holderMemberId: "m2",
    startedAtMs: BigInt(t0),
    grantedSeconds: 120,
    deadlineMs: BigInt(t0 + 120_000),
    ...init,
  });

test("a turn's time left runs down, stands still while paused, and goes negative in overtime", () => {
  assert.equal(turnRemainingMs(undefined, t0), null);
  assert.equal(turnRemainingMs(turn({ holderMemberId: "" }), t0), null, "nobody has the floor");
  assert.equal(turnRemainingMs(turn({}), t0 + 30_000), 90_000);
  assert.equal(turnRemainingMs(turn({ paused: true, remainingMs: 45_000n }), t0 + 100_000), 45_000);
  assert.equal(turnRemainingMs(turn({}), t0 + 125_000), -5_000);
});

test("a turn's clock is running, then warns, then time is up; paused wins until then", () => {
  const warnAt = 30;
  assert.equal(turnClockState(undefined, warnAt, t0), "none");
  assert.equal(turnClockState(turn({}), warnAt, t0 + 80_000), "running");
  assert.equal(turnClockState(turn({}), warnAt, t0 + 90_000), "warning", "30 s left");
  assert.equal(turnClockState(turn({ warned: true }), warnAt, t0 + 10_000), "warning", "the server said so");
  assert.equal(turnClockState(turn({}), 0, t0 + 119_000), "running", "no warning asked for");
  assert.equal(turnClockState(turn({}), warnAt, t0 + 120_001), "timeUp");
  assert.equal(turnClockState(turn({ timeUp: true }), warnAt, t0 + 60_000), "timeUp", "the server said so");
  assert.equal(turnClockState(turn({ paused: true, remainingMs: 50_000n }), warnAt, t0 + 500_000), "paused");
  assert.equal(turnClockState(turn({ paused: true, remainingMs: -1n }), warnAt, t0), "timeUp", "paused in overtime");
});

const item = (init: Parameters<typeof create<typeof AgendaItemSchema>>[1]) =>
  create(AgendaItemSchema, { itemId: "a1", title: "Item", ...init });
const running = (minutes: number, startedAt: number, pausedTotal = 0, pausedAt?: number) =>
  item({
    status: AgendaItemStatus.AGENDA_CURRENT,
    minutes,
    clock: create(FloorStateSchema, {
      holderMemberId: "a1",
      startedAtMs: BigInt(startedAt),
      pausedTotalMs: BigInt(pausedTotal),
      ...(pausedAt !== undefined ? { paused: true, pausedAtMs: BigInt(pausedAt) } : {}),
    }),
  });

test("an agenda item's time spent leaves out the room's pauses, past and under way", () => {
  assert.equal(agendaSpentMs(running(10, t0), t0 + 60_000), 60_000);
  assert.equal(agendaSpentMs(running(10, t0, 20_000), t0 + 60_000), 40_000, "a pause of 20 s earlier");
  assert.equal(agendaSpentMs(running(10, t0, 0, t0 + 30_000), t0 + 90_000), 30_000, "paused since 30 s in");
  assert.equal(
    agendaSpentMs(item({ status: AgendaItemStatus.AGENDA_DONE, usedMs: 420_000n }), t0),
    420_000,
    "done: as recorded",
  );
  assert.equal(agendaLeftMs(running(10, t0), t0 + 60_000), 540_000);
  assert.equal(agendaLeftMs(running(1, t0), t0 + 75_000), -15_000, "over time");
  assert.equal(agendaLeftMs(running(0, t0), t0), null, "no time box");
  assert.equal(agendaLeftMs(undefined, t0), null);
});

test("the meeting against its plan: done items count their whole difference, the current one once it is over", () => {
  const done = (minutes: number, usedMinutes: number) =>
    item({ status: AgendaItemStatus.AGENDA_DONE, minutes, usedMs: BigInt(usedMinutes * 60_000) });
  const planned = item({ status: AgendaItemStatus.AGENDA_PLANNED, minutes: 30 });
  assert.equal(agendaDriftMs([done(10, 12), done(5, 4), planned], t0), 60_000, "+2 min, −1 min");
  assert.equal(agendaDriftMs([done(10, 10), running(5, t0)], t0 + 3 * 60_000), 0, "the current item within its box");
  assert.equal(agendaDriftMs([done(10, 8), running(5, t0)], t0 + 7 * 60_000), 0, "2 min ahead, 2 min over now");
  assert.equal(agendaDriftMs([], t0), 0);
});

test("clocks and durations are written for people", () => {
  assert.equal(clockLabel(92_000), "1:32 left");
  assert.equal(clockLabel(-4_000), "4 s over time");
  assert.equal(clockText(65_000), "1:05");
  assert.equal(clockText(500), "0:01", "a part of a second still shows");
  assert.equal(clockText(-12_000), "−0:12");
  assert.equal(duration(65_000), "1 min 05 s");
  assert.equal(duration(45_000), "45 s");
  assert.equal(duration(120_000), "2 min");
  assert.equal(duration(-3_000), "0 s");
});
