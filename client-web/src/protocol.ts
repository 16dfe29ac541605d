// The generated protocol, re-exported with the few helpers every view needs.
import { create, fromBinary, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import {
  ClientMessageSchema,
  ErrorCode,
  ServerMessageSchema,
  type ServerMessage,
} from "./gen/talkingstick/v1/protocol_pb";
import { language, t, type MessageKey } from "./i18n/i18n";
import { defaultLanguage } from "./i18n/languages";

export * from "./gen/talkingstick/v1/protocol_pb";
export { create };

const errorKeys: Record<string, true> = Object.fromEntries(
  Object.keys(ErrorCode).map((name) => [`error.${name}`, true]),
);

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

// What the server refused, in the person's language: from the error's typed code, with the
// server's own (English) reason where the interface is in English, and a more precise
// sentence of the interface's own (specific) where the view knows what was refused.
export function refusalText(err: ServerError, specific?: MessageKey): string {
  const what = t(codeKey(err.code));
  let text =
    language().code === defaultLanguage.code && err.message
      ? t("error.with_reason", { what, reason: err.message })
      : specific
        ? t(specific)
        : t("error.plain", { what });
  if (err.retryAfterMs) text += ` ${t("error.try_again_in", { s: Math.ceil(err.retryAfterMs / 1000) })}`;
  return text;
}

function codeKey(code: ErrorCode): MessageKey {
  const key = `error.${ErrorCode[code]}`;
  return key in errorKeys ? (key as MessageKey) : "error.OTHER";
}
