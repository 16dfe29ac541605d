import { t } from "./i18n/i18n";
// One person's live connection to one room. Joins, keeps the last sequence number seen,
// and on any drop reconnects by itself with back-off, resuming with the personal token
// so that exactly the missed events arrive. Requests resolve with the server's answer.
import {
  PROTOCOL,
  ServerError,
  refusalText,
  decodeServer,
  encodeClient,
  type Command,
  type Event,
  ErrorCode,
  type ParticipationReport,
  type RoomStatus,
  type TableStatus,
  type VoiceSignal,
  type VoiceStatus,
  type Welcome,
} from "./protocol";

// ended: the room is gone for this person for good (removed by the facilitators, or deleted).
export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "left" | "failed" | "ended";
// Why, where a view acts on it (the detail is words in the person's language).
export type StatusCause = "lost" | "restarting" | "moved";

export interface JoinDetails {
  roomId: string;
  displayName: string;
  pronouns?: string;
  supportNote?: string;
  joinCode?: string;
  moderatorKey?: string;
  joinToken?: string;
  resumeToken?: string;
  asObserver?: boolean;
  asRoomScreen?: boolean;
}

export interface ConnectionHandlers {
  onWelcome(welcome: Welcome, resumed: boolean): void;
  onEvent(event: Event): void;
  // Participation figures: not part of the record, sent when they change.
  onParticipation?(report: ParticipationReport): void;
  onStatus(status: ConnectionStatus, detail: string, cause?: StatusCause): void;
  // The join itself was refused (wrong code, name not accepted, …): nothing to retry.
  onJoinRefused(error: ServerError): void;
  // The room became read-only (its record is damaged), after joining.
  onRoomStatus?(status: RoomStatus): void;
  // A plenary's moderators: how one of the tables is doing (not part of the record).
  onTableStatus?(status: TableStatus): void;
  // In a room with voice: whether the media server carries it now (not part of the record).
  onVoiceStatus?(status: VoiceStatus): void;
  // Voice signalling from the media server, to this connection (voice_call.ts).
  onVoiceSignal?(signal: VoiceSignal): void;
}

export interface RequestOptions {
  // Kept across a lost connection and sent again, with the same request id, once
  // reconnected: the server answers a repeat with the first acknowledgement, so it is
  // never applied twice.
  resend?: boolean;
  // The server has the request but saving is delayed; it is still held and will be
  // acknowledged once saved.
  onDelayed?(): void;
}

interface Pending {
  resolve(seq: bigint): void;
  page?(events: Event[]): void; // a GetHistory's answer
  reject(error: Error): void;
  command?: Command; // set when it is to be sent again after a reconnect
  onDelayed?(): void;
}

// Request ids are unique for this person over the room's life, across reloads and
// reconnects: a random start, then counting up.
function randomRequestStart(): bigint {
  const words = crypto.getRandomValues(new Uint32Array(2));
  return ((BigInt(words[0] & 0xfffff) << 32n) | BigInt(words[1])) << 8n;
}

const closeTooSlow = 4008;
const closeRoomDeleted = 4404; // a moderator deleted the room: nothing to reconnect to
const closeRemoved = 4003; // a moderator removed this person: not ours to reconnect
const closeMovedTable = 4009; // moved to another table: the plenary says which
const closeRestarting = 1012; // the server is restarting (an upgrade): reconnect, calmly

export class RoomConnection {
  private socket: WebSocket | null = null;
  private nextRequest = randomRequestStart();
  private pending = new Map<bigint, Pending>();
  private lastSeq = 0n;
  private attempt = 0;
  private retryTimer: number | undefined;
  private stopped = false;
  private joined = false;
  // Set when the server asked us to come back later (saving paused): when, and why.
  private retryAfter = 0;
  private retryReason = "";

  constructor(
    private details: JoinDetails,
    private readonly handlers: ConnectionHandlers,
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  get connected(): boolean {
    return this.joined && this.socket?.readyState === WebSocket.OPEN;
  }

  // Sends a command; resolves with the sequence number of its last event once the server
  // has saved it, or rejects with a ServerError (or a connection error).
  request(command: Command, options: RequestOptions = {}): Promise<bigint> {
    if (!this.connected) return Promise.reject(new Error("not connected"));
    const id = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve,
        reject,
        command: options.resend ? command : undefined,
        onDelayed: options.onDelayed,
      });
      this.socket!.send(encodeClient(id, command));
    });
  }

  // Earlier events: up to max just before beforeSeq, in order (empty: none before it).
  history(beforeSeq: bigint, max: number): Promise<Event[]> {
    if (!this.connected) return Promise.reject(new Error("not connected"));
    const id = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: () => resolve([]), page: resolve, reject });
      this.socket!.send(encodeClient(id, { case: "getHistory", value: { beforeSeq, max } }));
    });
  }

  // Says goodbye: the server records the departure and closes the connection.
  async leave(): Promise<void> {
    this.stopped = true;
    try {
      await this.request({ case: "leave", value: {} });
    } catch {
      // Already gone: leaving is what we wanted anyway.
    }
    this.handlers.onStatus("left", t("connection.you_have_left_the_room"));
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    this.socket?.close(1000, t("connection.closed_by_the_user"));
  }

  private open(): void {
    this.handlers.onStatus(
      this.attempt === 0 ? "connecting" : "reconnecting",
      this.attempt === 0 ? t("connection.connecting") : t("connection.reconnecting_attempt", { attempt: this.attempt }),
    );
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
    const socket = new WebSocket(url, PROTOCOL);
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    socket.onopen = () => this.sendJoin();
    socket.onmessage = (e) => this.receive(new Uint8Array(e.data as ArrayBuffer));
    socket.onclose = (e) => this.closed(e.code, e.reason);
  }

  private sendJoin(): void {
    const d = this.details;
    const id = this.nextRequest++;
    this.pending.set(id, {
      resolve: () => undefined,
      reject: () => undefined,
      onDelayed: () =>
        this.handlers.onStatus(
          this.attempt === 0 ? "connecting" : "reconnecting",
          t("connection.the_room_is_temporarily_read"),
        ),
    });
    this.socket!.send(
      encodeClient(id, {
        case: "join",
        value: {
          roomId: d.roomId,
          displayName: d.displayName,
          pronouns: d.pronouns ?? "",
          supportNote: d.supportNote ?? "",
          joinCode: d.resumeToken ? "" : (d.joinCode ?? ""),
          moderatorKey: d.resumeToken ? "" : (d.moderatorKey ?? ""),
          joinToken: d.resumeToken ? "" : (d.joinToken ?? ""),
          resumeToken: d.resumeToken ?? "",
          lastSeq: this.lastSeq,
          asObserver: d.asObserver ?? false,
          asRoomScreen: d.asRoomScreen ?? false,
        },
      }),
    );
  }

  private receive(bytes: Uint8Array): void {
    let message;
    try {
      message = decodeServer(bytes);
    } catch {
      return; // not ours to understand (a newer server?); ignore rather than crash
    }
    const kind = message.kind;
    switch (kind.case) {
      case "welcome": {
        const resumed = this.joined || this.lastSeq > 0n;
        this.pending.delete(kind.value.requestId);
        this.joined = true;
        this.attempt = 0;
        if (kind.value.resumeToken) this.details = { ...this.details, resumeToken: kind.value.resumeToken };
        for (const event of kind.value.history) if (event.seq > this.lastSeq) this.lastSeq = event.seq;
        this.handlers.onWelcome(kind.value, resumed);
        this.handlers.onStatus("connected", t("connection.connected"));
        // What was sent but not answered before the connection dropped goes again.
        for (const [id, p] of this.pending) if (p.command) this.socket!.send(encodeClient(id, p.command));
        break;
      }
      case "saveDelayed":
        for (const id of kind.value.requestIds) this.pending.get(id)?.onDelayed?.();
        break;
      case "roomStatus":
        this.handlers.onRoomStatus?.(kind.value);
        break;
      case "event":
        if (kind.value.seq <= this.lastSeq) return; // already have it
        this.lastSeq = kind.value.seq;
        this.handlers.onEvent(kind.value);
        break;
      case "historyPage": {
        const p = this.pending.get(kind.value.requestId);
        this.pending.delete(kind.value.requestId);
        p?.page?.(kind.value.events);
        break;
      }
      case "ack": {
        const p = this.pending.get(kind.value.requestId);
        this.pending.delete(kind.value.requestId);
        p?.resolve(kind.value.seq);
        break;
      }
      case "error": {
        const error = new ServerError(
          kind.value.code,
          kind.value.message,
          kind.value.retryAfterMs,
          kind.value.code === ErrorCode.DAMAGED
            ? { from: kind.value.damagedFromSeq, to: kind.value.damagedToSeq }
            : undefined,
        );
        const p = this.pending.get(kind.value.requestId);
        this.pending.delete(kind.value.requestId);
        if (!this.joined && error.code === ErrorCode.STORE_UNAVAILABLE) {
          // Saving is paused: the room cannot take anyone in for now. Try again shortly.
          this.retryAfter = error.retryAfterMs || 2000;
          this.retryReason = refusalText(new ServerError(error.code, error.message));
          this.socket?.close(1000);
        } else if (!this.joined) {
          this.stopped = true;
          this.handlers.onJoinRefused(error);
          this.socket?.close(1000);
        } else {
          p?.reject(error);
        }
        break;
      }
      case "participation":
        this.handlers.onParticipation?.(kind.value);
        break;
      case "tableStatus":
        this.handlers.onTableStatus?.(kind.value);
        break;
      case "voiceStatus":
        this.handlers.onVoiceStatus?.(kind.value);
        break;
      case "voiceSignal":
        this.handlers.onVoiceSignal?.(kind.value);
        break;
      case "batch":
        // Several frames the server had waiting for us, in order.
        for (const frame of kind.value.frames) this.receive(frame);
        break;
      default:
        break;
    }
  }

  private closed(code: number, reason: string): void {
    const wasJoined = this.joined;
    this.joined = false;
    for (const [id, p] of this.pending) {
      if (p.command && !this.stopped) continue; // sent again once reconnected
      p.reject(new Error("connection lost"));
      this.pending.delete(id);
    }
    if (this.stopped) return;
    if (this.retryAfter > 0) {
      const delay = this.retryAfter;
      this.retryAfter = 0;
      this.handlers.onStatus(
        "reconnecting",
        t("connection.trying_again_in", { why: this.retryReason, s: Math.ceil(delay / 1000) }),
      );
      this.retryTimer = window.setTimeout(() => this.open(), delay);
      return;
    }
    if (code === 1002 || code === 1003) {
      this.handlers.onStatus("failed", t("connection.refused_client", { reason: reason || String(code) }));
      return;
    }
    if (code === closeRemoved) {
      this.handlers.onStatus("ended", t("connection.the_facilitators_removed_you_from"));
      return;
    }
    if (code === closeMovedTable) {
      this.handlers.onStatus("ended", t("connection.you_were_moved_to_another"), "moved");
      return;
    }
    if (code === closeRoomDeleted) {
      this.handlers.onStatus("ended", t("connection.a_moderator_deleted_this_room"));
      return;
    }
    if (!wasJoined && this.attempt === 0 && code === 1006 && !navigator.onLine) {
      this.handlers.onStatus("reconnecting", t("connection.you_seem_to_be_offline"));
    }
    this.attempt += 1;
    // Back off 1, 2, 4 … 30 s, with jitter so that a room does not reconnect in lock-step.
    const base = code === closeTooSlow ? 500 : Math.min(30000, 1000 * 2 ** Math.min(this.attempt - 1, 5));
    const delay = base / 2 + Math.random() * (base / 2);
    const why = code === closeRestarting ? t("connection.the_server_is_restarting") : t("connection.connection_lost");
    this.handlers.onStatus(
      "reconnecting",
      t("connection.reconnecting_in", { why, s: Math.ceil(delay / 1000) }),
      code === closeRestarting ? "restarting" : "lost",
    );
    this.retryTimer = window.setTimeout(() => this.open(), delay);
  }
}
