// What the room's panels share: the model, who "I" am, and the one connection, through
// which every panel sends its commands. Failures are explained to the person, never
// silently dropped. No panel reaches into another's elements: they share only this.
import type { Announcer } from "../announcer";
import type { ReadAloud } from "../read_aloud";
import type { RequestOptions } from "../connection";
import type { Command, Event, Role } from "../protocol";
import type { RoomModel } from "../room_model";

export interface Me {
  memberId: string;
  role: Role;
}

// Where an action is recorded from: a decision, an agenda item or a message.
export interface ActionSource {
  questionId?: string;
  itemId?: string;
  seq?: bigint;
}

export interface RoomContext {
  // Read-only to panels: they change it only through its methods (welcomed, keepOwnBallot…).
  model: Readonly<RoomModel>;
  announcer: Announcer;
  // The browser reading the meeting aloud; null where the browser has no speech.
  readAloud: ReadAloud | null;
  me(): Me | null;
  // Sends a command; true once the server has saved it. On failure the person is told why.
  send(command: Command): Promise<boolean>;
  // Sends a command and lets the caller handle the outcome (the composer does).
  request(command: Command, options?: RequestOptions): Promise<unknown>;
  // Earlier events, up to max just before beforeSeq (see RoomConnection.history).
  history(beforeSeq: bigint, max: number): Promise<Event[]>;
  // The connection line in the top bar ("Connected · saved").
  setStatusText(text: string): void;
  // Something only this browser knows changed (its own answer to an anonymous question):
  // every panel renders again.
  changed(): void;
  // Opens the form to record an action from a decision, an item or a message (moderators and
  // the note-taker).
  startAction(source: ActionSource): void;
}
