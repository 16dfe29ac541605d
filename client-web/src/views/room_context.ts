// What the room's panels share: the model, who "I" am, and a way to send commands whose
// failures are explained to the person (never silently dropped).
import type { Announcer } from "../announcer";
import type { Command, Role } from "../protocol";
import type { RoomModel } from "../room_model";

export interface Me {
  memberId: string;
  role: Role;
}

export interface RoomContext {
  model: RoomModel;
  announcer: Announcer;
  me(): Me | null;
  // Sends a command; true once the server has saved it. On failure the person is told why.
  send(command: Command): Promise<boolean>;
}
