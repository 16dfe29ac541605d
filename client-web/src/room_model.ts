// The room as this client knows it: a fold over the events the server sent, the same
// way the server folds its log. Views render from it; nothing here touches the page.
import { Role, type Event, type Member, type RoomSnapshot } from "./protocol";

export interface ChatMessage {
  seq: bigint;
  memberId: string;
  text: string;
  atMs: number;
}

// What changed, in words a screen reader can say; the view decides what to announce.
export type Change =
  | { kind: "joined"; member: Member; returning: boolean }
  | { kind: "left"; member: Member }
  | { kind: "message"; message: ChatMessage }
  | { kind: "room"; title: string };

export class RoomModel {
  roomId = "";
  title = "";
  purpose = "";
  members = new Map<string, Member>();
  messages: ChatMessage[] = [];
  lastSeq = 0n;

  applySnapshot(snapshot: RoomSnapshot): void {
    this.roomId = snapshot.roomId;
    this.title = snapshot.title;
    this.purpose = snapshot.purpose;
    this.members = new Map(snapshot.members.map((m) => [m.memberId, { ...m }]));
  }

  // Folds one event; returns what changed, or null if it was already known.
  apply(event: Event, foldMembers = true): Change | null {
    if (event.seq <= this.lastSeq) return null;
    this.lastSeq = event.seq;
    const k = event.kind;
    switch (k.case) {
      case "roomCreated":
        this.title = k.value.title;
        this.purpose = k.value.purpose;
        return null;
      case "roomUpdated":
        this.title = k.value.title;
        this.purpose = k.value.purpose;
        return { kind: "room", title: k.value.title };
      case "memberJoined": {
        const member = k.value.member!;
        if (foldMembers) this.members.set(member.memberId, { ...member, present: true });
        return { kind: "joined", member, returning: k.value.returning };
      }
      case "memberLeft": {
        const member = this.members.get(k.value.memberId);
        if (!member) return null;
        if (foldMembers) member.present = false;
        return { kind: "left", member };
      }
      case "messagePosted": {
        const message: ChatMessage = {
          seq: event.seq,
          memberId: k.value.memberId,
          text: k.value.text,
          atMs: Number(event.atMs),
        };
        this.messages.push(message);
        return { kind: "message", message };
      }
      default:
        return null;
    }
  }

  name(memberId: string): string {
    return this.members.get(memberId)?.displayName ?? "Someone";
  }

  present(): Member[] {
    return [...this.members.values()].filter((m) => m.present);
  }
}

export function roleLabel(role: Role): string {
  switch (role) {
    case Role.MODERATOR: return "moderator";
    case Role.OBSERVER: return "observer";
    default: return "participant";
  }
}
