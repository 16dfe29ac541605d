// Actions, folded by the browser's model as the server folds them (action_part): recorded,
// changed, their progress, and the words the conversation and screen readers get for each.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { ActionStatus, EventSchema, Role, create, type Event } from "../src/protocol";
import { RoomModel, actionStatusWords } from "../src/room_model";

let seq = 0n;
const event = (kind: MessageInitShape<typeof EventSchema>["kind"], atMs = 1000n): Event =>
  create(EventSchema, { seq: ++seq, atMs, kind });

test("the model keeps each action as it stands, and says what changed", () => {
  const model = new RoomModel();
  seq = 0n;
  model.apply(event({ case: "roomCreated", value: { title: "Review" } }));
  model.apply(
    event({
      case: "memberJoined",
      value: { member: { memberId: "m2", displayName: "Ada", role: Role.PARTICIPANT } },
    }),
  );
  const recorded = model.apply(
    event(
      {
        case: "actionRecorded",
        value: { action: { actionId: "act1", text: "Write to the trust", ownerMemberId: "m2", status: 1 } },
      },
      5000n,
    ),
  );
  assert.equal(recorded?.kind, "actions");
  assert.equal(recorded?.kind === "actions" && recorded.note.text, "Action recorded: Write to the trust (Ada)");
  assert.equal(model.actions[0].updatedAtMs, 5000n);
  const marked = model.apply(
    event({
      case: "actionStatusChanged",
      value: {
        actionId: "act1",
        status: ActionStatus.ACTION_DROPPED,
        note: "The trust answered first",
        byMemberId: "m1",
      },
    }),
  );
  assert.equal(
    marked?.kind === "actions" && marked.note.text,
    "Write to the trust — dropped, because: The trust answered first",
  );
  assert.equal(model.actions[0].status, ActionStatus.ACTION_DROPPED);
  assert.equal(model.actions[0].updatedByMemberId, "m1");
  const changed = model.apply(
    event({
      case: "actionRecorded",
      value: {
        changed: true,
        action: { actionId: "act1", text: "Write to the council", ownerName: "The council", status: 4 },
      },
    }),
  );
  assert.equal(changed?.kind === "actions" && changed.note.text, "Action changed: Write to the council (The council)");
  assert.equal(model.actions.length, 1);
  assert.equal(model.actionOwner(model.actions[0]), "The council");
});

test("an action's status reads the same in every view", () => {
  assert.equal(actionStatusWords(ActionStatus.ACTION_OPEN), "open");
  assert.equal(actionStatusWords(ActionStatus.ACTION_UNDER_WAY, "Drafted"), "under way: Drafted");
  assert.equal(actionStatusWords(ActionStatus.ACTION_DONE), "done");
});

test("moderators and the note-taker record actions; others do not", () => {
  const model = new RoomModel();
  seq = 0n;
  model.apply(
    event({
      case: "memberJoined",
      value: { member: { memberId: "m3", displayName: "Bo", role: Role.PARTICIPANT, noteTaker: true } },
    }),
  );
  assert.equal(model.records({ memberId: "m1", role: Role.MODERATOR }), true);
  assert.equal(model.records({ memberId: "m3", role: Role.PARTICIPANT }), true);
  assert.equal(model.records({ memberId: "m4", role: Role.PARTICIPANT }), false);
  assert.equal(model.records(null), false);
});
