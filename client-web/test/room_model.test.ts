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
