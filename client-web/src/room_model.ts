import { t } from "./i18n/i18n";
// The room as this client knows it: a fold over the events the server sent, the same
// way the server folds its log. Views render from it; nothing here touches the page.
import {
  agendaDriftMs,
  agendaLeftMs,
  agendaSpentMs,
  duration,
  turnClockState,
  turnRemainingMs,
  type ClockState,
} from "./clock";
import { briefingKey, foldGlossary } from "./moderator_texts";
// The clocks' arithmetic and wording live in clock.ts; views import them from here too.
export { clockLabel, clockText, duration, type ClockState } from "./clock";
import {
  FloorChange,
  HandKind,
  LeaveReason,
  PauseReason,
  RoomPhase,
  QueueChange,
  QueuePolicy,
  ReactionKind,
  Role,
  RoomMode,
  ThreadNote,
  QuestionStateSchema,
  create,
  type Event,
  type AccessNeeds,
  type FollowUp,
  type Welcome,
  type Ballot,
  type DecisionRecorded,
  type MessagePosted,
  type RecordRepaired,
  type QuestionState,
  type FollowUpSummary,
  type SurveySettings,
  type AgendaItemStarted,
  type AgendaItem,
  AgendaItemStatus,
  FloorStateSchema,
  AgendaItemSchema,
  type BriefingUpdated,
  type VoiceSettings,
  type GlossaryChanged,
  type NeedsSummary,
  type Readiness,
  type ReadinessSummary,
  type PacingSettings,
  type FairnessSettings,
  type FloorChanged,
  type FloorState,
  type InvitationAnswered,
  type InvitationSent,
  type ParticipationReport,
  type ParticipationScope,
  type PersonFigures,
  type Member,
  type QueueChanged,
  type QueueEntry,
  type RoomSnapshot,
  type TurnSettings,
  GroupsStateSchema,
  type GroupsState,
  type TableLinked,
  type TableStatus,
  type Action,
  type ActionStatusChanged,
  ActionStatus,
  type SeriesState,
  type SeriesLinked,
  type CarryOverSet,
  type Outcome,
  type OutcomeSummary,
} from "./protocol";

export interface ChatMessage {
  seq: bigint;
  memberId: string;
  text: string;
  atMs: number;
  notedBy?: string;
  // Its text was removed from the record: by its author (withdrawn) or by a moderator.
  removed?: { withdrawn: boolean; by: string };
}

// A line in the conversation that is not a message: a turn beginning or ending.
export interface TurnNote {
  seq: bigint;
  atMs: number;
  text: string;
}

// What changed, in words a screen reader can say; the view decides what to announce.
export type Change =
  | { kind: "groups" }
  // An action was recorded or changed; note: what the conversation says of it.
  | { kind: "actions"; note: TurnNote }
  // A series: its meetings, their reports, its updates, or this person's say on carrying over.
  | { kind: "series"; update?: string }
  // A meeting of a series: its place in the series, or the last meeting's actions, changed.
  | { kind: "seriesLink" }
  | { kind: "table" }
  | { kind: "joined"; member: Member; returning: boolean }
  | { kind: "left"; member: Member; removed: boolean }
  | { kind: "banned"; member: Member; banned: boolean }
  | { kind: "joinCode" }
  | { kind: "message"; message: ChatMessage }
  | { kind: "redacted"; seq: bigint }
  | { kind: "record" }
  | { kind: "room"; title: string }
  | { kind: "repaired"; note: TurnNote }
  | { kind: "queue"; event: QueueChanged }
  | { kind: "floor"; event: FloorChanged; note?: TurnNote }
  | { kind: "mode"; mode: RoomMode }
  | { kind: "reaction"; memberId: string; reaction: ReactionKind }
  | { kind: "settings" }
  | { kind: "noteTaker"; memberId: string; noteTaker: boolean }
  | { kind: "fairness"; settings: FairnessSettings }
  // The agenda changed; note: an item started or ended (said in the conversation); time: the
  // item under way is nearly out of time, or out of it.
  | { kind: "agenda"; note?: TurnNote; time?: "warning" | "timeUp" }
  | { kind: "invited"; invitation: InvitationSent }
  | { kind: "answered"; answer: InvitationAnswered }
  | { kind: "released"; messages: ChatMessage[] }
  | { kind: "queued"; message: ChatMessage }
  | { kind: "pacing" }
  | { kind: "pause"; paused: boolean; by: string }
  | { kind: "pauseRequested"; requests: number; memberId: string; reason: PauseReason }
  | { kind: "readCheck"; checkId: string; seq: bigint; count: number }
  | { kind: "needs" }
  | { kind: "glossary" }
  | { kind: "phase"; phase: RoomPhase }
  | { kind: "briefing" }
  | { kind: "voice" }
  | { kind: "role"; memberId: string; role: Role }
  | { kind: "thread"; threadId: string; message: ThreadMessage }
  | { kind: "threadRead" }
  | { kind: "surveys" }
  | { kind: "question"; questionId: string; opened?: boolean }
  | { kind: "decision"; record: DecisionRecorded; note: TurnNote };

// A message in a participant's conversation with the facilitators.
export interface ThreadMessage {
  seq: bigint;
  atMs: number;
  from: string;
  text: string;
  note: ThreadNote;
  askToRaise: boolean;
  anonymously: boolean;
  raised?: boolean; // a facilitator raised it in the room (it is raised once)
}

export class RoomModel {
  roomId = "";
  // Who this client is (set on joining, before the history is folded).
  myId = "";
  title = "";
  purpose = "";
  when = "";
  place = "";
  // The language the moderators' own texts are in ("" when not said).
  language = "";
  members = new Map<string, Member>();
  messages: ChatMessage[] = [];
  lastSeq = 0n;
  queue: QueueEntry[] = [];
  queueOpen = true;
  floor: FloorState | undefined;
  mode: RoomMode = RoomMode.OPEN;
  phase: RoomPhase = RoomPhase.LIVE;
  briefing: BriefingUpdated | undefined;
  // Voice: the room's settings, and whose microphones are open (in the order opened).
  voice: VoiceSettings | undefined;
  openMicrophones: string[] = [];
  // The briefing's other versions (other languages, easy read), by briefingKey().
  briefingTexts = new Map<string, BriefingUpdated>();
  settings: TurnSettings | undefined;
  reactions = new Map<ReactionKind, number>();
  // Server clock minus this device's clock, so that deadlines show correctly here.
  serverOffsetMs = 0;
  fairness: FairnessSettings | undefined;
  agendaItem: AgendaItemStarted | undefined;
  // How many days the record is kept after the meeting closes.
  retentionDays = 0;
  // Everyone in the room may download the minutes.
  minutesShared = false;
  // The agenda, in order: done, under way (with its clock), planned.
  agenda: AgendaItem[] = [];
  // Why the room was last asked to pause (shown with the pause), if anyone said.
  pauseReason: PauseReason | undefined;
  // Invitations to speak that this person has not answered yet (id -> invitation).
  invitations = new Map<string, InvitationSent>();
  pacing: PacingSettings | undefined;
  // Paced messages accepted but not yet released to readers, in order.
  upNext: ChatMessage[] = [];
  lineHeld = false;
  paused = false;
  pauseRequests = 0;
  readChecks = new Map<string, { seq: bigint; count: number }>();
  glossary = new Map<string, GlossaryChanged>();
  myNeeds: AccessNeeds | undefined;
  needsSummary: NeedsSummary | undefined;
  // The readiness survey: this person's answers, and (for moderators) the summary.
  myReadiness: Readiness | undefined;
  readiness: ReadinessSummary | undefined;
  // What this person wrote when they joined.
  mySupportNote = "";
  // The surveys' questions; this person's follow-up answers; (moderators) the follow-up summary.
  surveys: SurveySettings | undefined;
  myFollowUp: FollowUp | undefined;
  followUp: FollowUpSummary | undefined;
  // Conversations with the facilitators this person may read, by participant: their own, or
  // (for facilitators) everyone's. And how far this person has read each.
  threads = new Map<string, ThreadMessage[]>();
  // Questions open in the room (by id, in order of opening), and the decisions recorded.
  questions = new Map<string, QuestionState>();
  decisions: DecisionRecorded[] = [];
  // Small groups: a plenary's tables (round 0: never opened), or, in a table's room, its
  // place in the plenary. Folded as the server folds them; the screens for them come next.
  groups: GroupsState = create(GroupsStateSchema);
  table: TableLinked | undefined;
  // What is to be done after the meeting, in the order recorded (as action_part keeps them).
  actions: Action[] = [];
  // A series' own room: its meetings, their reports and its updates (undefined: not a series).
  series: SeriesState | undefined;
  // A meeting of a series: which, and the actions of the meeting before as they stand.
  seriesLink: SeriesLinked | undefined;
  // In a series: whether what this person says carries over, and how many updates they had
  // seen when this page opened (the newer are new to them).
  myCarryOver: CarryOverSet | undefined;
  myUpdatesSeen = 0;
  // In a series: this person's answer to the outcome survey; for its moderators, the answers.
  myOutcome: Outcome | undefined;
  outcomeSummary: OutcomeSummary | undefined;
  // A series' moderators: each person's figures over all its closed meetings.
  seriesFigures: ParticipationScope | undefined;
  // A plenary's moderators: how each table is doing, live, by table number.
  tableStatus = new Map<number, TableStatus>();
  threadRead = new Map<string, bigint>();
  // This person's own answers to questions whose answers the server does not show (anonymous,
  // or results hidden): kept by the browser, by question id and version ("q1#2").
  ownBallots = new Map<string, Ballot>();
  // Participation figures, as last received (unsequenced signals, not events).
  mine: PersonFigures | undefined;
  session: ParticipationScope | undefined;
  item: ParticipationScope | undefined;

  // Seqs the snapshot says are not released yet: their messages in the history wait.
  private unreleased = new Set<bigint>();

  applyParticipation(report: ParticipationReport): void {
    if (report.mine) this.mine = report.mine;
    if (report.session) this.session = report.session;
    if (report.agendaItem) this.item = report.agendaItem;
    if (report.series) this.seriesFigures = report.series;
    if (report.outcome) this.outcomeSummary = report.outcome;
    if (report.needs) this.needsSummary = report.needs;
    if (report.readiness) this.readiness = report.readiness;
    if (report.followUp) this.followUp = report.followUp;
  }

  applySnapshot(snapshot: RoomSnapshot): void {
    this.roomId = snapshot.roomId;
    this.title = snapshot.title;
    this.purpose = snapshot.purpose;
    this.when = snapshot.when;
    this.place = snapshot.place;
    this.language = snapshot.language;
    this.members = new Map(snapshot.members.map((m) => [m.memberId, { ...m }]));
    this.queue = [...snapshot.queue];
    this.queueOpen = snapshot.queueOpen;
    this.floor = snapshot.floor;
    this.mode = snapshot.mode;
    this.phase = snapshot.phase;
    this.briefing = snapshot.briefing;
    this.voice = snapshot.voice?.settings;
    this.openMicrophones = [...(snapshot.voice?.openMicrophones ?? [])];
    this.briefingTexts = new Map(snapshot.briefingTexts.map((b) => [briefingKey(b.language, b.easyRead), b]));
    this.surveys = snapshot.surveys;
    this.questions = new Map(snapshot.questions.map((q) => [q.question!.questionId, q]));
    this.decisions = [...snapshot.decisions];
    this.groups = snapshot.groups ?? create(GroupsStateSchema);
    this.table = snapshot.table;
    this.actions = snapshot.actions.map((a) => ({ ...a }));
    this.series = snapshot.series;
    this.seriesLink = snapshot.seriesLink;
    this.settings = snapshot.turnSettings;
    this.fairness = snapshot.fairness;
    this.pacing = snapshot.pacing;
    this.lineHeld = snapshot.lineHeld;
    this.paused = snapshot.paused;
    this.pauseRequests = snapshot.pauseRequests;
    this.readChecks = new Map(
      snapshot.readCheckMessages.map((m) => [
        m.checkId,
        {
          seq: m.seq,
          count: snapshot.readChecks.find((c) => c.checkId === m.checkId)?.count ?? 0,
        },
      ]),
    );
    this.glossary = new Map(snapshot.glossary.map((g) => [g.term.toLowerCase(), g]));
    this.unreleased = new Set(snapshot.unreleased);
    this.agendaItem = snapshot.agendaItem?.itemId ? snapshot.agendaItem : undefined;
    this.agenda = [...snapshot.agenda];
    this.retentionDays = snapshot.retentionDays;
    this.minutesShared = snapshot.minutesShared;
    if (snapshot.serverTimeMs > 0n) this.serverOffsetMs = Number(snapshot.serverTimeMs) - Date.now();
  }

  // A welcome: who this person is here, the room as it stands, and their own private
  // answers (needs, readiness, follow-up).
  welcomed(welcome: Welcome): void {
    this.myId = welcome.memberId;
    this.applySnapshot(welcome.room!);
    this.myNeeds = welcome.myNeeds;
    this.mySupportNote = welcome.mySupportNote;
    this.myReadiness = welcome.myReadiness;
    this.myFollowUp = welcome.myFollowUp;
    this.myCarryOver = welcome.myCarryOver;
    this.myUpdatesSeen = welcome.myUpdatesSeen;
    this.myOutcome = welcome.myOutcome;
  }

  // The conversation starts again (a reconnect found a gap after what was shown).
  forgetMessages(): void {
    this.messages = [];
  }

  // This person answered the follow-up survey (the server keeps it; so does the model).
  answeredFollowUp(followUp: FollowUp): void {
    this.myFollowUp = followUp;
  }

  // This person's own answer to a question whose answers the room does not show back
  // (anonymous, or results hidden): kept here, and by the browser (ownBallots).
  // This person's own answers as this browser kept them (anonymous or hidden questions).
  restoreOwnBallots(ballots: Map<string, Ballot>): void {
    this.ownBallots = ballots;
  }

  keepOwnBallot(q: QuestionState, ballot: Ballot): void {
    this.ownBallots.set(`${q.question!.questionId}#${q.version}`, ballot);
  }

  serverNow(): number {
    return Date.now() + this.serverOffsetMs;
  }

  holder(): string {
    return this.floor?.holderMemberId ?? "";
  }

  // Milliseconds left in the current turn (negative in overtime), or null.
  remainingMs(): number | null {
    return turnRemainingMs(this.floor, this.serverNow());
  }

  // The item under way, if any.
  currentAgendaItem(): AgendaItem | undefined {
    return this.agenda.find((i) => i.status === AgendaItemStatus.AGENDA_CURRENT);
  }

  // "2 of 5 — ", where the item under way stands in the agenda ("" when there is none).
  agendaPosition(): string {
    const i = this.agenda.findIndex((item) => item.status === AgendaItemStatus.AGENDA_CURRENT);
    return i < 0 ? "" : t("room_model.agenda_position", { n: i + 1, total: this.agenda.length });
  }

  // How long the item under way has run so far, pauses excluded.
  agendaSpentMs(item: AgendaItem): number {
    return agendaSpentMs(item, this.serverNow());
  }

  // Milliseconds left in the item under way (negative over time), or null (none, or no time box).
  agendaLeftMs(): number | null {
    return agendaLeftMs(this.currentAgendaItem(), this.serverNow());
  }

  // How the meeting is doing against the plan (see clock.ts).
  agendaDriftMs(): number {
    return agendaDriftMs(this.agenda, this.serverNow());
  }

  // 1-based place of this member's first hand in the queue, or 0.
  placeOf(memberId: string): number {
    const i = this.queue.findIndex((e) => e.memberId === memberId);
    return i + 1;
  }

  // Whether someone notes what the room says and decides: a moderator or the note-taker
  // (they record actions).
  records(me: { memberId: string; role: Role } | null): boolean {
    if (!me) return false;
    return me.role === Role.MODERATOR || Boolean(this.members.get(me.memberId)?.noteTaker);
  }

  // Who owns an action, in words: the person's name, or the organisation or role.
  actionOwner(action: Action): string {
    return action.ownerMemberId ? this.name(action.ownerMemberId) : action.ownerName;
  }

  // What the conversation says of an action recorded or changed.
  actionNote(action: Action, changed: boolean): string {
    return t(changed ? "room_model.action_changed_note" : "room_model.action_recorded_note", {
      text: action.text,
      owner: this.actionOwner(action),
    });
  }

  // What the conversation says of an action's progress.
  statusNote(changed: ActionStatusChanged): string {
    const action = this.actions.find((a) => a.actionId === changed.actionId);
    const status = actionStatusWords(changed.status, changed.note);
    return action
      ? t("room_model.action_status_note", { text: action.text, status })
      : t("room_model.an_action_status_note", { status });
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
        this.when = k.value.when;
        this.place = k.value.place;
        this.language = k.value.language;
        return { kind: "room", title: k.value.title };
      case "memberJoined": {
        const member = k.value.member!;
        if (foldMembers) this.members.set(member.memberId, { ...member, present: true });
        else if (!this.members.has(member.memberId)) this.members.set(member.memberId, { ...member });
        return { kind: "joined", member, returning: k.value.returning };
      }
      case "memberLeft": {
        const member = this.members.get(k.value.memberId);
        if (!member) return null;
        if (foldMembers) {
          member.present = false;
          // As the server's voice part: someone who comes back starts with their microphone closed.
          this.openMicrophones = this.openMicrophones.filter((id) => id !== member.memberId);
        }
        return { kind: "left", member, removed: k.value.reason === LeaveReason.REMOVED };
      }
      case "memberBanChanged": {
        const member = this.members.get(k.value.memberId);
        if (!member) return null;
        if (foldMembers) member.banned = k.value.banned;
        return { kind: "banned", member, banned: k.value.banned };
      }
      case "joinCodeRotated":
        return { kind: "joinCode" };
      case "retentionChanged":
        if (foldMembers) this.retentionDays = k.value.days;
        return { kind: "record" };
      case "minutesShared":
        if (foldMembers) this.minutesShared = k.value.withEveryone;
        return { kind: "record" };
      case "messageRedacted": {
        const removed = [...this.messages, ...this.upNext].find((m) => m.seq === k.value.seq);
        if (removed) {
          removed.text = "";
          removed.removed = { withdrawn: k.value.withdrawn, by: k.value.byMemberId };
        }
        return { kind: "redacted", seq: k.value.seq };
      }
      case "messagePosted": {
        const message = chatMessage(event.seq, Number(event.atMs), k.value);
        if (k.value.paced && (foldMembers || this.unreleased.has(event.seq))) {
          this.upNext.push(message);
          return { kind: "queued", message };
        }
        this.messages.push(message);
        return { kind: "message", message };
      }
      case "messageReleased": {
        const out: ChatMessage[] = [];
        for (const seq of k.value.seqs) {
          const i = this.upNext.findIndex((m) => m.seq === seq);
          if (i >= 0) out.push(...this.upNext.splice(i, 1));
        }
        this.messages.push(...out);
        return { kind: "released", messages: out };
      }
      case "pacingChanged":
        if (foldMembers) this.pacing = k.value.settings;
        return { kind: "pacing" };
      case "lineHeld":
        if (foldMembers) this.lineHeld = k.value.held;
        return { kind: "pacing" };
      case "pauseRequested":
        if (foldMembers) {
          this.pauseRequests = k.value.requests;
          this.pauseReason = k.value.reason;
        }
        return {
          kind: "pauseRequested",
          requests: k.value.requests,
          memberId: k.value.memberId,
          reason: k.value.reason,
        };
      case "pauseChanged":
        if (foldMembers) {
          pauseAgendaClock(this, k.value.paused, Number(event.atMs));
          this.paused = k.value.paused;
          if (k.value.paused) this.pauseRequests = 0;
          else this.pauseReason = undefined;
        }
        return { kind: "pause", paused: k.value.paused, by: k.value.byMemberId };
      case "readCheckStarted":
        this.readChecks.set(k.value.checkId, {
          seq: k.value.seq,
          count: this.readChecks.get(k.value.checkId)?.count ?? 0,
        });
        return { kind: "readCheck", checkId: k.value.checkId, seq: k.value.seq, count: 0 };
      case "readConfirmed": {
        const check = this.readChecks.get(k.value.checkId);
        if (check) check.count = k.value.count;
        return { kind: "readCheck", checkId: k.value.checkId, seq: check?.seq ?? 0n, count: k.value.count };
      }
      case "needsUpdated":
        return { kind: "needs" };
      case "readinessAnswered":
      case "briefingRead":
        return { kind: "needs" };
      // Pace proposals from before they became consensus checks: history, nothing to show.
      case "proposalStarted":
      case "proposalAnswered":
      case "proposalClosed":
        return null;
      case "glossaryChanged":
        foldGlossary(this.glossary, k.value);
        return { kind: "glossary" };
      case "queueChanged":
        if (foldMembers) {
          this.queue = [...k.value.queue];
          this.queueOpen = k.value.open;
        }
        return { kind: "queue", event: k.value };
      case "floorChanged": {
        if (foldMembers) this.floor = k.value.floor;
        const note = this.turnNote(event.seq, Number(event.atMs), k.value);
        return { kind: "floor", event: k.value, note };
      }
      case "roomModeChanged":
        if (foldMembers) this.mode = k.value.mode;
        return { kind: "mode", mode: k.value.mode };
      case "reactionGiven":
        this.reactions.set(k.value.kind, (this.reactions.get(k.value.kind) ?? 0) + 1);
        return { kind: "reaction", memberId: k.value.memberId, reaction: k.value.kind };
      case "turnSettingsChanged":
        if (foldMembers) this.settings = k.value.settings;
        return { kind: "settings" };
      case "fairnessChanged":
        if (foldMembers) this.fairness = k.value.settings;
        return { kind: "fairness", settings: k.value.settings! };
      case "agendaItemStarted":
      case "agendaItemPlanned":
      case "agendaItemRemoved":
      case "agendaItemMoved":
      case "agendaItemEnded":
      case "agendaItemExtended":
      case "agendaItemTime": {
        if (!foldMembers) return null;
        const done = k.case === "agendaItemEnded" ? this.agenda.find((i) => i.itemId === k.value.itemId) : undefined;
        foldAgenda(this, k, Number(event.atMs));
        const note = (text: string): TurnNote => ({ seq: event.seq, atMs: Number(event.atMs), text });
        if (k.case === "agendaItemStarted")
          return {
            kind: "agenda",
            note: note(t("room_model.now_discussing", { position: this.agendaPosition(), title: k.value.title })),
          };
        if (done && k.case === "agendaItemEnded")
          return {
            kind: "agenda",
            note: note(t("room_model.item_ended", { title: done.title, took: duration(Number(k.value.usedMs)) })),
          };
        if (k.case === "agendaItemTime") return { kind: "agenda", time: k.value.timeUp ? "timeUp" : "warning" };
        return { kind: "agenda" };
      }
      case "invitationSent":
        this.invitations.set(k.value.invitationId, k.value);
        return { kind: "invited", invitation: k.value };
      case "invitationAnswered":
        this.invitations.delete(k.value.invitationId);
        return { kind: "answered", answer: k.value };
      case "recordRepaired":
        return { kind: "repaired", note: { seq: event.seq, atMs: Number(event.atMs), text: repairedText(k.value) } };
      case "roleChanged": {
        const member = this.members.get(k.value.memberId);
        if (member && foldMembers) member.role = k.value.role;
        return { kind: "role", memberId: k.value.memberId, role: k.value.role };
      }
      case "threadMessageSent": {
        const v = k.value;
        const message: ThreadMessage = {
          seq: event.seq,
          atMs: Number(event.atMs),
          from: v.fromMemberId,
          text: v.text,
          note: v.note,
          askToRaise: v.askToRaise,
          anonymously: v.anonymously,
        };
        const thread = this.threads.get(v.memberId) ?? [];
        thread.push(message);
        this.threads.set(v.memberId, thread);
        // Writing in a thread means having read it (the server counts it so too).
        if (v.fromMemberId === this.myId) this.threadRead.set(v.memberId, event.seq);
        return { kind: "thread", threadId: v.memberId, message };
      }
      case "threadPointRaised": {
        const raised = this.threads.get(k.value.memberId)?.find((m) => m.seq === k.value.seq);
        if (!raised) return null;
        raised.raised = true;
        return { kind: "thread", threadId: k.value.memberId, message: raised };
      }
      case "threadRead":
        // Only the reader receives their read markers.
        if (k.value.upToSeq > (this.threadRead.get(k.value.memberId) ?? 0n))
          this.threadRead.set(k.value.memberId, k.value.upToSeq);
        return { kind: "threadRead" };
      case "questionOpened": {
        if (!foldMembers) return null;
        const q = k.value;
        this.questions.set(q.questionId, create(QuestionStateSchema, { question: q, version: 1, text: q.text }));
        return { kind: "question", questionId: q.questionId, opened: true };
      }
      case "questionAnswered": {
        const q = this.questions.get(k.value.questionId);
        if (!q || !foldMembers) return null;
        // Anonymous answers name nobody: only the turnout and the counts change. The counts are
        // the server's (none while results are hidden): the browser never counts ballots.
        if (k.value.memberId) q.answers = [...q.answers.filter((a) => a.memberId !== k.value.memberId), k.value];
        q.answered = k.value.answered;
        q.tally = k.value.tally;
        q.roomBallots = k.value.roomBallots;
        return { kind: "question", questionId: k.value.questionId };
      }
      case "questionAmended": {
        const q = this.questions.get(k.value.questionId);
        if (!q || !foldMembers) return null;
        if (k.value.earlier) q.earlier = [...q.earlier, k.value.earlier];
        q.version = k.value.version;
        q.text = k.value.text;
        q.answers = [];
        q.answered = 0;
        q.tally = [];
        q.roomBallots = 0;
        return { kind: "question", questionId: k.value.questionId };
      }
      case "decisionRecorded": {
        const record = k.value;
        if (foldMembers) {
          this.questions.delete(record.questionId);
          this.decisions.push(record);
        }
        return {
          kind: "decision",
          record,
          note: { seq: event.seq, atMs: Number(event.atMs), text: decisionText(record) },
        };
      }
      case "surveysChanged":
        if (foldMembers) this.surveys = k.value.settings;
        return { kind: "surveys" };
      case "followUpAnswered":
        return { kind: "needs" };
      case "briefingUpdated":
        if (foldMembers) foldBriefing(this, k.value);
        return { kind: "briefing" };
      case "roomPhaseChanged":
        if (foldMembers) this.phase = k.value.phase;
        return { kind: "phase", phase: k.value.phase };
      case "noteTakerChanged": {
        const member = this.members.get(k.value.memberId);
        if (member && foldMembers) member.noteTaker = k.value.noteTaker;
        return { kind: "noteTaker", memberId: k.value.memberId, noteTaker: k.value.noteTaker };
      }
      case "groupsOpened":
      case "tableMoved":
      case "groupsExtended":
      case "tablesBroadcast":
      case "groupsClosed":
      case "tableReported":
        if (foldMembers) foldGroups(this.groups, k);
        return { kind: "groups" };
      case "tableLinked":
        if (foldMembers)
          this.table = {
            ...k.value,
            report: this.table?.report ?? "",
            reportAgreed: this.table?.reportAgreed ?? false,
          };
        return null;
      case "actionRecorded": {
        const action = k.value.action!;
        const at = this.actions.findIndex((a) => a.actionId === action.actionId);
        if (foldMembers) {
          if (at >= 0) this.actions[at] = { ...action };
          else this.actions.push({ ...action, updatedAtMs: event.atMs });
        }
        return { kind: "actions", note: noteAt(event, this.actionNote(action, k.value.changed)) };
      }
      case "actionStatusChanged": {
        const action = this.actions.find((a) => a.actionId === k.value.actionId);
        if (action && foldMembers) {
          action.status = k.value.status;
          action.note = k.value.note;
          action.updatedByMemberId = k.value.byMemberId;
          action.updatedAtMs = event.atMs;
        }
        return { kind: "actions", note: noteAt(event, this.statusNote(k.value)) };
      }
      case "meetingPlanned":
        if (foldMembers && this.series) this.series.meetings.push(k.value);
        return { kind: "series" };
      case "meetingReported":
        if (foldMembers && this.series) {
          const at = this.series.reports.findIndex((r) => r.number === k.value.number);
          if (at >= 0) this.series.reports[at] = k.value;
          else this.series.reports.push(k.value);
          this.series.reports.sort((a, b) => a.number - b.number);
        }
        return { kind: "series" };
      case "updatePublished":
        if (foldMembers && this.series) this.series.updates.push(k.value);
        return { kind: "series", update: k.value.text };
      case "carryOverSet":
        if (k.value.memberId === this.myId) this.myCarryOver = k.value;
        return { kind: "series" };
      case "updatesSeen":
        return null;
      case "outcomeSurveySet":
        if (foldMembers && this.series) this.series.outcomeOpen = k.value.open;
        return { kind: "series" };
      case "outcomeAnswered":
        if (k.value.memberId === this.myId) this.myOutcome = k.value.outcome;
        return { kind: "series" };
      case "seriesLinked":
        if (foldMembers) this.seriesLink = k.value;
        return { kind: "seriesLink" };
      case "tableReportSet":
        if (foldMembers && this.table) {
          this.table.report = k.value.text;
          this.table.reportAgreed = k.value.agreed;
        }
        return { kind: "table" };
      case "voiceChanged":
        if (foldMembers) this.voice = k.value.settings;
        return { kind: "voice" };
      case "microphoneChanged":
        if (foldMembers) {
          this.openMicrophones = this.openMicrophones.filter((id) => id !== k.value.memberId);
          if (k.value.open) this.openMicrophones.push(k.value.memberId);
        }
        return { kind: "voice" };
      case "voiceSpoken":
        return null; // counted in the participation figures, which come by themselves
      case undefined:
        return null;
      default: {
        // Every kind of event is handled above: a new one fails to compile until it is.
        const unhandled: never = k;
        return unhandled;
      }
    }
  }

  // An event from before what this client holds (earlier history, loaded on demand): what
  // the conversation shows for it, in front of everything else. Changes nothing but the
  // list of messages (so that a later withdrawal finds it).
  earlier(event: Event): ChatMessage | TurnNote | null {
    const k = event.kind;
    const atMs = Number(event.atMs);
    const note = (text: string): TurnNote => ({ seq: event.seq, atMs, text });
    switch (k.case) {
      case "messagePosted": {
        const message = chatMessage(event.seq, atMs, k.value);
        const at = this.messages.findIndex((m) => m.seq > event.seq);
        this.messages.splice(at < 0 ? this.messages.length : at, 0, message);
        return message;
      }
      case "floorChanged":
        return this.turnNote(event.seq, atMs, k.value) ?? null;
      case "agendaItemStarted":
        return note(t("room_model.now_discussing", { position: "", title: k.value.title }));
      case "decisionRecorded":
        return note(decisionText(k.value));
      case "actionRecorded":
        return note(this.actionNote(k.value.action!, k.value.changed));
      case "actionStatusChanged":
        return note(this.statusNote(k.value));
      case "recordRepaired":
        return note(repairedText(k.value));
      default:
        return null;
    }
  }

  private turnNote(seq: bigint, atMs: number, e: FloorChanged): TurnNote | undefined {
    const who = this.name(e.memberId);
    if (e.change === FloorChange.GRANTED) {
      const time = duration(Number(e.floor?.grantedSeconds ?? 0) * 1000);
      const topic = e.floor?.topic;
      return {
        seq,
        atMs,
        text: topic
          ? t("room_model.has_the_floor_on", { who, topic, time })
          : t("room_model.has_the_floor_for", { who, time }),
      };
    }
    if (e.change === FloorChange.ENDED)
      return { seq, atMs, text: t("room_model.spoke_for", { who, time: duration(Number(e.turnDurationMs)) }) };
    return undefined;
  }

  name(memberId: string): string {
    if (!memberId) return t("room_model.anonymous");
    return this.members.get(memberId)?.displayName ?? t("room_model.someone");
  }

  // People here now: the room's shared screen is not a person.
  present(): Member[] {
    return [...this.members.values()].filter((m) => m.present && !m.roomScreen);
  }

  // What this person wrote when joining, for moderators (from the needs summary).
  supportNote(memberId: string): string {
    return this.needsSummary?.supportNotes.find((n) => n.memberId === memberId)?.note ?? "";
  }

  // Messages in a thread that this person has not read (their own never count).
  // This person's answer to an open question: from the room while answers are named and
  // shown, otherwise as this browser kept it.
  ownBallot(q: QuestionState): Ballot | undefined {
    return (
      q.answers.find((a) => a.memberId === this.myId)?.ballot ??
      this.ownBallots.get(`${q.question!.questionId}#${q.version}`)
    );
  }

  // Who can answer an open question now: participants here or in the room, and observers
  // when the question lets them.
  couldAnswer(q: QuestionState): Member[] {
    const observers = q.question?.settings?.observersMayAnswer ?? false;
    return [...this.members.values()].filter(
      (m) =>
        !m.roomScreen &&
        (m.present || m.inRoom) &&
        (m.role === Role.PARTICIPANT || (observers && m.role === Role.OBSERVER)),
    );
  }

  // Whether this person has answered an open question (named answers show who answered).
  hasAnswered(q: QuestionState): boolean {
    return (
      q.answers.some((a) => a.memberId === this.myId) || this.ownBallots.has(`${q.question!.questionId}#${q.version}`)
    );
  }

  unread(threadId: string): number {
    const read = this.threadRead.get(threadId) ?? 0n;
    return (this.threads.get(threadId) ?? []).filter((m) => m.seq > read && m.from !== this.myId).length;
  }

  // The seq of a thread's latest message (0n: none).
  threadEnd(threadId: string): bigint {
    const messages = this.threads.get(threadId) ?? [];
    return messages.length ? messages[messages.length - 1].seq : 0n;
  }

  // Unread messages across every thread this person can read.
  unreadTotal(): number {
    let n = 0;
    for (const id of this.threads.keys()) n += this.unread(id);
    return n;
  }

  live(): boolean {
    return this.phase === RoomPhase.LIVE;
  }

  // Where the turn clock stands, for every view that shows it.
  clockState(): ClockState {
    return turnClockState(this.floor, this.settings?.warningSeconds ?? 0, this.serverNow());
  }
}

export function roleLabel(role: Role): string {
  switch (role) {
    case Role.MODERATOR:
      return t("room_model.role_moderator");
    case Role.OBSERVER:
      return t("room_model.role_observer");
    default:
      return t("room_model.role_participant");
  }
}

export function handKindName(kind: HandKind): string {
  switch (kind) {
    case HandKind.POINT_OF_ORDER:
      return t("room_model.point_of_order");
    case HandKind.CLARIFYING_QUESTION:
      return t("room_model.clarifying_question");
    case HandKind.REPLY:
      return t("room_model.reply_to_the_current_point");
    default:
      return t("room_model.new_point");
  }
}

// The queue policies, in the order a moderator chooses among them, with their names.
export const queuePolicies: [QueuePolicy, string][] = [
  [QueuePolicy.FIRST_COME, t("room_model.first_come_first_served")],
  [QueuePolicy.FEWEST_TURNS, t("room_model.fewest_turns_first")],
  [QueuePolicy.LEAST_FLOOR_TIME, t("room_model.least_floor_time_first")],
  [QueuePolicy.ROUND_ROBIN, t("room_model.round_robin")],
  [QueuePolicy.LEAST_SPOKEN_TIME, t("room_model.least_spoken_time_first")],
];

export function reactionName(kind: ReactionKind): string {
  switch (kind) {
    case ReactionKind.AGREE:
      return t("room_model.agree");
    case ReactionKind.DISAGREE:
      return t("room_model.disagree");
    case ReactionKind.PLEASE_CLARIFY:
      return t("room_model.please_clarify");
    default:
      return t("room_model.louder_or_slower_please");
  }
}

export function ordinal(n: number): string {
  return t("room_model.ordinal", { n });
}

export { QueueChange };

// The briefing as the server keeps it (briefing_part): its own text, and its other versions,
// which go with it.
function foldBriefing(model: RoomModel, b: BriefingUpdated): void {
  if (b.language || b.easyRead) {
    if (b.text) model.briefingTexts.set(briefingKey(b.language, b.easyRead), b);
    else model.briefingTexts.delete(briefingKey(b.language, b.easyRead));
    return;
  }
  model.briefing = b;
  if (!b.text) model.briefingTexts.clear();
}

// The agenda as the server keeps it (agenda_part), event by event.
function foldAgenda(model: RoomModel, k: Extract<Event["kind"], { case: `agendaItem${string}` }>, atMs: number): void {
  const find = (id: string) => model.agenda.find((i) => i.itemId === id);
  switch (k.case) {
    case "agendaItemPlanned": {
      const given = k.value.item!;
      const item = find(given.itemId);
      if (k.value.added || !item) model.agenda.push({ ...given, status: AgendaItemStatus.AGENDA_PLANNED });
      else
        Object.assign(item, {
          title: given.title,
          description: given.description,
          introducedBy: given.introducedBy,
          kind: given.kind,
          translations: given.translations,
          minutes: item.status === AgendaItemStatus.AGENDA_PLANNED ? given.minutes : item.minutes,
        });
      break;
    }
    case "agendaItemRemoved":
      model.agenda = model.agenda.filter((i) => i.itemId !== k.value.itemId);
      break;
    case "agendaItemMoved": {
      const item = find(k.value.itemId);
      if (!item) break;
      model.agenda = model.agenda.filter((i) => i !== item);
      model.agenda.splice(Math.min(k.value.position, model.agenda.length), 0, item);
      break;
    }
    case "agendaItemStarted": {
      const before = model.currentAgendaItem();
      if (before && before.itemId !== k.value.itemId) {
        before.usedMs = BigInt(model.agendaSpentMs(before));
        before.status = AgendaItemStatus.AGENDA_DONE;
        before.clock = undefined;
      }
      let item = find(k.value.itemId);
      if (!item) {
        item = create(AgendaItemSchema, { itemId: k.value.itemId, title: k.value.title });
        model.agenda.push(item);
      }
      item.status = AgendaItemStatus.AGENDA_CURRENT;
      item.minutes = k.value.minutes;
      const deadline = BigInt(atMs + k.value.minutes * 60000);
      item.clock = create(FloorStateSchema, {
        holderMemberId: item.itemId,
        startedAtMs: BigInt(atMs),
        grantedSeconds: k.value.minutes * 60,
        deadlineMs: deadline,
        ...(model.paused ? { paused: true, remainingMs: deadline - BigInt(atMs), pausedAtMs: BigInt(atMs) } : {}),
      });
      model.agendaItem = k.value;
      break;
    }
    case "agendaItemEnded": {
      const item = find(k.value.itemId);
      if (item) {
        item.status = AgendaItemStatus.AGENDA_DONE;
        item.usedMs = k.value.usedMs;
        item.clock = undefined;
      }
      if (model.agendaItem?.itemId === k.value.itemId) model.agendaItem = undefined;
      break;
    }
    case "agendaItemExtended": {
      const item = find(k.value.itemId);
      if (!item) break;
      const extra = BigInt(k.value.addedMinutes * 60000);
      item.minutes = k.value.minutes;
      if (item.clock) {
        if (item.clock.paused) item.clock.remainingMs += extra;
        else item.clock.deadlineMs += extra;
        item.clock.timeUp = false;
        item.clock.warned = false;
      }
      break;
    }
    case "agendaItemTime": {
      const clock = find(k.value.itemId)?.clock;
      if (clock && k.value.timeUp) clock.timeUp = true;
      else if (clock) clock.warned = true;
      break;
    }
  }
}

// The room paused or went on: the item under way's clock stands still meanwhile.
function pauseAgendaClock(model: RoomModel, paused: boolean, atMs: number): void {
  const clock = model.currentAgendaItem()?.clock;
  if (!clock || clock.paused === paused) return;
  if (paused) {
    clock.remainingMs = clock.deadlineMs - BigInt(atMs);
    clock.pausedAtMs = BigInt(atMs);
  } else {
    clock.deadlineMs = BigInt(atMs) + clock.remainingMs;
    clock.pausedTotalMs += BigInt(atMs) - clock.pausedAtMs;
    clock.remainingMs = 0n;
    clock.pausedAtMs = 0n;
  }
  clock.paused = paused;
}

function chatMessage(seq: bigint, atMs: number, m: MessagePosted): ChatMessage {
  return {
    seq,
    memberId: m.memberId,
    text: m.text,
    atMs,
    notedBy: m.notedByMemberId || undefined,
    removed: m.removedByMemberId ? { withdrawn: m.withdrawn, by: m.removedByMemberId } : undefined,
  };
}

function decisionText(record: DecisionRecorded): string {
  return record.outcome
    ? t("room_model.decision_recorded_outcome", { text: record.text, outcome: record.outcome })
    : t("room_model.decision_recorded", { text: record.text });
}

function repairedText(r: RecordRepaired): string {
  const text = t("room_model.record_repaired", {
    from: Number(r.fromSeq),
    to: Number(r.toSeq),
    one: String(r.fromSeq === r.toSeq),
  });
  return r.note ? `${text} ${t("room_model.note", { note: r.note })}` : text;
}

type GroupsEvent = Extract<
  Event["kind"],
  { case: "groupsOpened" | "tableMoved" | "groupsExtended" | "tablesBroadcast" | "groupsClosed" | "tableReported" }
>;

// The plenary's groups, folded as the server's groups part folds them.
function foldGroups(groups: GroupsState, k: GroupsEvent): void {
  switch (k.case) {
    case "groupsOpened":
      groups.round = k.value.round;
      groups.open = true;
      groups.opened = k.value;
      groups.broadcasts = [];
      groups.closed = undefined;
      return;
    case "tableMoved":
      for (const table of groups.opened?.tables ?? []) {
        table.memberIds = table.memberIds.filter((id) => id !== k.value.memberId);
        if (table.facilitatorId === k.value.memberId) table.facilitatorId = "";
        if (table.number === k.value.toTable) table.memberIds.push(k.value.memberId);
      }
      return;
    case "groupsExtended":
      if (groups.opened) groups.opened.endsAtMs = k.value.endsAtMs;
      return;
    case "tablesBroadcast":
      groups.broadcasts.push(k.value.text);
      return;
    case "groupsClosed":
      groups.open = false;
      groups.closed = k.value;
      return;
    case "tableReported":
      groups.reports.push(k.value);
      return;
  }
}

// How an action stands, in words: "done", "dropped, because: …", "under way: …".
export function actionStatusWords(status: ActionStatus, note = ""): string {
  const words: Record<number, string> = {
    [ActionStatus.ACTION_OPEN]: t("room_model.open"),
    [ActionStatus.ACTION_UNDER_WAY]: t("room_model.under_way"),
    [ActionStatus.ACTION_DONE]: t("room_model.done"),
    [ActionStatus.ACTION_DROPPED]: t("room_model.dropped"),
  };
  const base = words[status] ?? t("room_model.not_said");
  if (!note) return base;
  return t(status === ActionStatus.ACTION_DROPPED ? "room_model.status_because" : "room_model.status_with_note", {
    status: base,
    note,
  });
}

function noteAt(event: Event, text: string): TurnNote {
  return { seq: event.seq, atMs: Number(event.atMs), text };
}
