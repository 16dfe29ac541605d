// The browser's model of a room, without a browser: every golden log the server's
// replay-equivalence test uses (tests/golden, recorded from real meetings over real sockets)
// is replayed through RoomModel, event by event, and what the model then holds is checked
// against the events themselves.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fromBinary } from "@bufbuild/protobuf";
import { EventSchema, type Event } from "../src/protocol";
import { RoomModel } from "../src/room_model";

const goldenDir = process.env.TS_GOLDEN_DIR ?? join(process.cwd(), "..", "tests", "golden");
const goldenFiles = readdirSync(goldenDir)
  .filter((f) => f.endsWith(".golden"))
  .sort();

// A golden line: EVENT_HEX PRIVATE_HEX SNAPSHOT_SHA256 NEXT_DEADLINE.
function events(file: string): Event[] {
  return readFileSync(join(goldenDir, file), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => fromBinary(EventSchema, Buffer.from(line.split(" ")[0], "hex")));
}

test("there are golden logs to replay", () => {
  assert.ok(goldenFiles.length >= 5, `only ${goldenFiles.length} golden logs in ${goldenDir}`);
});

for (const file of goldenFiles) {
  test(`RoomModel folds ${file} as the events say`, () => {
    const log = events(file);
    const model = new RoomModel();
    for (const event of log) assert.doesNotThrow(() => model.apply(event), `event ${event.seq} (${event.kind.case})`);

    assert.equal(model.lastSeq, log[log.length - 1].seq);
    // Its title, as created or last renamed.
    const titles = log.flatMap((e) =>
      e.kind.case === "roomCreated" || e.kind.case === "roomUpdated" ? [e.kind.value.title] : [],
    );
    assert.equal(model.title, titles[titles.length - 1]);
    // Everyone who joined, once each.
    const joined = new Set(log.flatMap((e) => (e.kind.case === "memberJoined" ? [e.kind.value.member!.memberId] : [])));
    assert.deepEqual(new Set(model.members.keys()), joined);
    // Every message posted is shown or waits to be (paced), in the order of the log.
    const posted = log.flatMap((e) => (e.kind.case === "messagePosted" ? [e.seq] : []));
    const held = [...model.messages, ...model.upNext].map((m) => m.seq).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    assert.deepEqual(held, posted);
    assert.deepEqual(
      model.messages.map((m) => m.seq),
      [...model.messages.map((m) => m.seq)].sort((a, b) => (a < b ? -1 : 1)),
    );
    // The queue holds known people, each entry once.
    for (const entry of model.queue)
      assert.ok(model.members.has(entry.memberId), `queue entry of unknown ${entry.memberId}`);
    assert.equal(new Set(model.queue.map((e) => e.entryId)).size, model.queue.length);
    // Folding the same events again changes nothing: each is taken once, by its number.
    const before = JSON.stringify({
      members: [...model.members.keys()],
      messages: model.messages.length,
      queue: model.queue.length,
    });
    for (const event of log) assert.equal(model.apply(event), null);
    assert.equal(
      JSON.stringify({
        members: [...model.members.keys()],
        messages: model.messages.length,
        queue: model.queue.length,
      }),
      before,
    );
  });
}

test("who can answer a question, and this person's own answer where the room does not show it back", async () => {
  const { create, BallotSchema, MemberSchema, QuestionStateSchema, Role } = await import("../src/protocol");
  const model = new RoomModel();
  model.myId = "m2";
  const member = (memberId: string, role: number, extra: Record<string, unknown> = {}) =>
    model.members.set(
      memberId,
      create(MemberSchema, { memberId, displayName: memberId, role, present: true, ...extra }),
    );
  member("m1", Role.MODERATOR);
  member("m2", Role.PARTICIPANT);
  member("m3", Role.PARTICIPANT, { present: false, inRoom: true }); // in the room, no device
  member("m4", Role.PARTICIPANT, { present: false }); // gone
  member("m5", Role.OBSERVER);
  member("m6", Role.PARTICIPANT, { roomScreen: true });
  const q = create(QuestionStateSchema, { question: { questionId: "q1", settings: { anonymous: true } }, version: 1 });
  assert.deepEqual(
    model.couldAnswer(q).map((m) => m.memberId),
    ["m2", "m3"],
  );
  q.question!.settings!.observersMayAnswer = true;
  assert.deepEqual(
    model.couldAnswer(q).map((m) => m.memberId),
    ["m2", "m3", "m5"],
  );

  assert.equal(model.hasAnswered(q), false);
  model.keepOwnBallot(q, create(BallotSchema, { response: 1 }));
  assert.equal(model.hasAnswered(q), true);
  assert.equal(model.ownBallot(q)?.response, 1);
  q.version = 2; // amended: a new version asks again
  assert.equal(model.hasAnswered(q), false);
});

// What each kind of person sees, as the server's room says it (tests/golden/NAME.view.json,
// written by the unit test GoldenViews): each log is replayed as that person receives it —
// the events they may see whole, the others as their number only — and what RoomModel then
// holds is compared with the room's snapshot.
interface GoldenView {
  viewers: { memberId: string; seen: number[] }[];
  snapshot: unknown;
}

for (const file of goldenFiles) {
  test(`RoomModel holds what the server's room holds at the end of ${file}, for each kind of person`, async () => {
    const {
      create,
      fromJson,
      EventSchema: Events,
      RoomSnapshotSchema,
    } = await import("../src/protocol").then(async (p) => ({
      ...p,
      fromJson: (await import("@bufbuild/protobuf")).fromJson,
    }));
    const view = JSON.parse(
      readFileSync(join(goldenDir, file.replace(/\.golden$/, ".view.json")), "utf8"),
    ) as GoldenView;
    const room = fromJson(RoomSnapshotSchema, view.snapshot as never);
    const log = events(file);
    assert.ok(view.viewers.length >= 1, "a view for at least the moderator");
    for (const viewer of view.viewers) {
      const seen = new Set(viewer.seen.map(BigInt));
      const model = new RoomModel();
      model.myId = viewer.memberId;
      for (const event of log)
        model.apply(seen.has(event.seq) ? event : create(Events, { seq: event.seq, atMs: event.atMs }));
      const who = `${file} as ${viewer.memberId}`;
      assert.equal(model.lastSeq, room.seq, who);
      assert.equal(model.title, room.title, who);
      assert.equal(model.phase, room.phase, `${who}: phase`);
      assert.equal(model.mode, room.mode, `${who}: mode`);
      const person = (m: { memberId: string; displayName: string; role: number; present: boolean; inRoom: boolean }) =>
        `${m.memberId} ${m.displayName} ${m.role} ${m.present ? "here" : "gone"}${m.inRoom ? " in-room" : ""}`;
      assert.deepEqual(
        [...model.members.values()].map(person).sort(),
        room.members.map(person).sort(),
        `${who}: the people`,
      );
      const entry = (e: { entryId: string; memberId: string; kind: number }) => `${e.entryId} ${e.memberId} ${e.kind}`;
      assert.deepEqual(model.queue.map(entry), room.queue.map(entry), `${who}: the queue, in order`);
      assert.equal(model.queueOpen, room.queueOpen, `${who}: whether the queue is open`);
      assert.equal(model.holder(), room.floor?.holderMemberId ?? "", `${who}: who has the floor`);
      assert.deepEqual(
        model.agenda.map((i) => `${i.itemId} ${i.status}`),
        room.agenda.map((i) => `${i.itemId} ${i.status}`),
        `${who}: the agenda`,
      );
      assert.deepEqual(
        [...model.questions.keys()],
        room.questions.map((q) => q.question!.questionId),
        `${who}: questions`,
      );
      // Settings are the room's defaults (in the snapshot a welcome brings) until changed.
      if (model.fairness) assert.equal(model.fairness.policy, room.fairness?.policy, `${who}: the queue's policy`);
      if (model.pacing) assert.equal(model.pacing.slowModeSeconds, room.pacing?.slowModeSeconds, `${who}: slow mode`);
      assert.equal(model.lineHeld, room.lineHeld, `${who}: the reading line`);
      assert.equal(model.paused, room.paused, `${who}: the pause`);
      assert.deepEqual([...model.glossary.keys()].sort(), room.glossary.map((g) => g.term.toLowerCase()).sort(), who);
    }
  });
}
