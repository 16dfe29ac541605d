// A series, folded by the browser's model as the server folds it (series_part): its meetings,
// each meeting's latest report, its updates and this person's own say on carrying over; and
// in a meeting of a series, its link, with the last meeting's actions as they change.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { ActionStatus, EventSchema, RoomPhase, WelcomeSchema, create, type Event } from "../src/protocol";
import { RoomModel } from "../src/room_model";

let seq = 10n;
const event = (kind: MessageInitShape<typeof EventSchema>["kind"]): Event =>
  create(EventSchema, { seq: ++seq, atMs: 1000n, kind });

function seriesModel(): RoomModel {
  const model = new RoomModel();
  model.welcomed(
    create(WelcomeSchema, {
      memberId: "m2",
      room: { roomId: "s1", title: "Better call-backs", seq: 10n, series: {} },
      myCarryOver: { memberId: "m2", carry: true },
      myUpdatesSeen: 1,
    }),
  );
  return model;
}

test("a series' page follows its meetings, their reports and its updates", () => {
  const model = seriesModel();
  assert.equal(model.myUpdatesSeen, 1);
  assert.equal(model.myCarryOver?.carry, true);
  assert.equal(
    model.apply(event({ case: "meetingPlanned", value: { number: 1, roomId: "s1-m1", title: "First" } }))?.kind,
    "series",
  );
  assert.equal(model.series?.meetings.length, 1);
  model.apply(event({ case: "meetingReported", value: { number: 1, phase: RoomPhase.LIVE } }));
  model.apply(
    event({
      case: "meetingReported",
      value: {
        number: 1,
        phase: RoomPhase.CLOSED,
        actions: [{ actionId: "act1", text: "Pilot", status: ActionStatus.ACTION_DONE }],
      },
    }),
  );
  // The latest report of each meeting, not one per report.
  assert.equal(model.series?.reports.length, 1);
  assert.equal(model.series?.reports[0].phase, RoomPhase.CLOSED);
  const published = model.apply(event({ case: "updatePublished", value: { updateId: "upd1", text: "We did it" } }));
  assert.deepEqual(published, { kind: "series", update: "We did it" });
  assert.equal(model.series?.updates.length, 1);
  // Someone else's say on carrying over is not this person's.
  model.apply(event({ case: "carryOverSet", value: { memberId: "m3", carry: false } }));
  assert.equal(model.myCarryOver?.carry, true);
  model.apply(event({ case: "carryOverSet", value: { memberId: "m2", carry: false, forgotten: true } }));
  assert.equal(model.myCarryOver?.forgotten, true);
});

test("a meeting of a series follows the last meeting's actions as their owners report", () => {
  const model = new RoomModel();
  model.welcomed(create(WelcomeSchema, { memberId: "m2", room: { roomId: "s1-m2", title: "Second", seq: 10n } }));
  assert.ok(!model.seriesLink);
  const link = () => model.seriesLink;
  const linked = model.apply(
    event({
      case: "seriesLinked",
      value: {
        seriesRoomId: "s1",
        number: 2,
        previous: 1,
        previousActions: [{ actionId: "act1", text: "Pilot", status: ActionStatus.ACTION_UNDER_WAY }],
      },
    }),
  );
  assert.equal(linked?.kind, "seriesLink");
  assert.equal(link()?.previousActions[0].status, ActionStatus.ACTION_UNDER_WAY);
});

test("the outcome survey's average is said in words", async () => {
  const { averageWords } = await import("../src/views/outcome_survey");
  assert.equal(averageWords([0, 0, 0, 0, 0]), "no answers yet");
  assert.equal(averageWords([1, 0, 0, 1, 0]), "2.5 of 5 on average (2 answers)");
  assert.equal(averageWords([0, 0, 0, 0, 1]), "5.0 of 5 on average (1 answer)");
});
