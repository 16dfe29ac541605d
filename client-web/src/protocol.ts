// The generated protocol, re-exported with the few helpers every view needs.
import { create, fromBinary, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import {
  ClientMessageSchema,
  ErrorCode,
  ServerMessageSchema,
  type ServerMessage,
} from "./gen/talkingstick/v1/protocol_pb";

export * from "./gen/talkingstick/v1/protocol_pb";
export { create };

export const PROTOCOL = "talkingstick.v1";

// A command as an initialiser: { case: "post", value: { text } }.
export type Command = NonNullable<MessageInitShape<typeof ClientMessageSchema>["command"]>;

export function encodeClient(requestId: bigint, command: Command): Uint8Array {
  return toBinary(ClientMessageSchema, create(ClientMessageSchema, { requestId, command }));
}

export function decodeServer(bytes: Uint8Array): ServerMessage {
  return fromBinary(ServerMessageSchema, bytes);
}

// An error the server sent, as a value a view can show.
export class ServerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterMs = 0,
    // DAMAGED: the entries of the record that cannot be read (inclusive).
    readonly damaged?: { from: bigint; to: bigint },
  ) {
    super(message);
  }
}

// Plain words for each error code, for people rather than programs.
export function describeError(code: ErrorCode): string {
  switch (code) {
    case ErrorCode.BAD_REQUEST:
      return "That was not accepted";
    case ErrorCode.UNAUTHENTICATED:
      return "This link or device is not recognised";
    case ErrorCode.PERMISSION_DENIED:
      return "You cannot do that in this room";
    case ErrorCode.NOT_FOUND:
      return "That room does not exist";
    case ErrorCode.RATE_LIMITED:
      return "Please wait a moment";
    case ErrorCode.TOO_LARGE:
      return "That is too long";
    case ErrorCode.CONFLICT:
      return "That is not possible right now";
    case ErrorCode.STORE_UNAVAILABLE:
      return "The server cannot save right now";
    case ErrorCode.READ_ONLY:
      return "This room is read-only";
    case ErrorCode.NOT_LIVE:
      return "Not now";
    case ErrorCode.BANNED:
      return "The facilitators removed you from this room";
    case ErrorCode.DAMAGED:
      return "Part of this room's record cannot be read";
    case ErrorCode.RESTARTING:
      return "The server is restarting";
    default:
      return "Something went wrong";
  }
}
