// The small REST API: creating rooms and reading a room's public facts.
import { t } from "./i18n/i18n";
import { fromJson, toJson } from "@bufbuild/protobuf";
import {
  CreateRoomRequestSchema,
  CreateRoomResponseSchema,
  ErrorSchema,
  RoomInfoSchema,
  TextLimitsSchema,
  RoomPhase,
  ServerError,
  create,
  type CreateRoomResponse,
  type RoomInfo,
  type TextLimits,
} from "./protocol";

async function failure(res: Response): Promise<ServerError> {
  try {
    const error = fromJson(ErrorSchema, await res.json(), { ignoreUnknownFields: true });
    return new ServerError(error.code, error.message, error.retryAfterMs);
  } catch {
    return new ServerError(0, t("api.server_answered", { status: String(res.status) }));
  }
}

// prepare: the room opens as preparing, not live.
// series: a series of meetings (a co-design project) instead of one meeting.
export async function createRoom(
  title: string,
  purpose: string,
  prepare = false,
  series = false,
): Promise<CreateRoomResponse> {
  const body = toJson(
    CreateRoomRequestSchema,
    create(CreateRoomRequestSchema, {
      title,
      purpose,
      phase: prepare ? RoomPhase.PREPARING : RoomPhase.LIVE,
      series,
    }),
  );
  const res = await fetch("/api/rooms", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await failure(res);
  return fromJson(CreateRoomResponseSchema, await res.json(), { ignoreUnknownFields: true });
}

// The longest text a new room takes in each field (for the start page's form).
export async function textLimits(): Promise<TextLimits> {
  const res = await fetch("/api/limits");
  if (!res.ok) throw await failure(res);
  return fromJson(TextLimitsSchema, await res.json(), { ignoreUnknownFields: true });
}

export async function roomInfo(roomId: string): Promise<RoomInfo | null> {
  const res = await fetch(`/api/rooms/${encodeURIComponent(roomId)}`);
  if (res.status === 404) return null;
  if (!res.ok) throw await failure(res);
  return fromJson(RoomInfoSchema, await res.json(), { ignoreUnknownFields: true });
}
