// The plenary's small groups and a table's link, folded by the browser's model as the server
// folds them: who sits where after a move, the shared clock, and the reports that come back.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { EventSchema, TableAssignment, create, type Event } from "../src/protocol";
import { RoomModel } from "../src/room_model";

let seq = 0n;
const event = (kind: MessageInitShape<typeof EventSchema>["kind"]): Event =>
  create(EventSchema, { seq: ++seq, atMs: 1000n, kind });

test("the model keeps everyone at exactly one table through a move, and the reports after", () => {
  const model = new RoomModel();
  seq = 0n;
  model.apply(event({ case: "roomCreated", value: { title: "Plenary" } }));
  const opened = model.apply(
    event({
      case: "groupsOpened",
      value: {
        round: 1,
        endsAtMs: 61000n,
        assignment: TableAssignment.ASSIGN_RANDOM,
        tables: [
          { number: 1, name: "Table 1", roomId: "r-1-1", memberIds: ["m2", "m3"] },
          { number: 2, name: "Table 2", roomId: "r-1-2", memberIds: ["m4"] },
        ],
      },
    }),
  );
  assert.deepEqual(opened, { kind: "groups" });
  assert.equal(model.groups.open, true);
  model.apply(event({ case: "tableMoved", value: { round: 1, memberId: "m3", fromTable: 1, toTable: 2 } }));
  model.apply(event({ case: "groupsExtended", value: { round: 1, endsAtMs: 361000n } }));
  model.apply(event({ case: "tablesBroadcast", value: { round: 1, text: "Five minutes more" } }));
  const tables = model.groups.opened!.tables;
  assert.deepEqual(tables[0].memberIds, ["m2"]);
  assert.deepEqual(tables[1].memberIds, ["m4", "m3"]);
  assert.equal(model.groups.opened!.endsAtMs, 361000n);
  assert.deepEqual(model.groups.broadcasts, ["Five minutes more"]);
  model.apply(event({ case: "groupsClosed", value: { round: 1, timeUp: true } }));
  model.apply(event({ case: "tableReported", value: { round: 1, table: 2, report: "Buses", agreed: true } }));
  assert.equal(model.groups.open, false);
  assert.equal(model.groups.reports[0].report, "Buses");
});

test("a table's room keeps its link and its report", () => {
  const model = new RoomModel();
  seq = 0n;
  model.apply(event({ case: "roomCreated", value: { title: "Table 1 — Plenary" } }));
  model.apply(event({ case: "tableLinked", value: { plenaryRoomId: "r", number: 1, tables: 3, memberIds: ["m2"] } }));
  model.apply(event({ case: "tableReportSet", value: { text: "Draft", agreed: false } }));
  // A later link (more time) keeps the report written so far.
  model.apply(event({ case: "tableLinked", value: { plenaryRoomId: "r", number: 1, tables: 3, endsAtMs: 5n } }));
  assert.equal(model.table?.report, "Draft");
  assert.equal(model.table?.endsAtMs, 5n);
});
