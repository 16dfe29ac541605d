// What a screen reader hears as the room changes. Only what concerns this person is urgent
// (the floor, their warning, time up, their hand, an invitation); room news, messages
// included, is queued and every item is read in order (see announcer.ts).
import { FloorChange, InvitationAnswer, QueueChange, Role, RoomMode, RoomPhase, ThreadNote } from "../protocol";
import { duration, ordinal, queuePolicies, reactionName, type Change } from "../room_model";
import { loadSettings } from "../settings";
import { playTurnCue } from "../sound";
import type { RoomContext } from "./room_context";
import type { Place } from "./status_bar";

export interface Announcements {
  announce(change: Change): void;
  // Says "You are next" once, when it becomes true.
  checkPlace(): void;
}

// moment: an important moment of this person's own, for the status bar.
export function announcements(ctx: RoomContext, moment: (place: Place) => void): Announcements {
  const { model, announcer } = ctx;
  const me = () => ctx.me();

  function placeText(): string {
    const place = model.placeOf(me()?.memberId ?? "");
    return place === 1 ? "You are next." : `You are ${ordinal(place)} in the queue.`;
  }

  function floor(change: Extract<Change, { kind: "floor" }>): void {
    const e = change.event;
    const mine = e.memberId === me()?.memberId;
    if (e.change === FloorChange.GRANTED) {
      if (!mine) return announcer.news(`${model.name(e.memberId)} has the floor`);
      announcer.urgentNow(`You have the floor, ${duration(Number(e.floor?.grantedSeconds ?? 0) * 1000)}.`);
      if (loadSettings().turnSound) playTurnCue();
      moment("floor-heading");
    } else if (e.change === FloorChange.WARNING && mine) {
      announcer.urgentNow(`${duration(model.remainingMs() ?? 0)} left.`);
      moment("floor-heading");
    } else if (e.change === FloorChange.TIME_UP) {
      if (mine) {
        announcer.urgentNow("Time is up.");
        moment("floor-heading");
      } else if (me()?.role === Role.MODERATOR) announcer.news(`Time is up for ${model.name(e.memberId)}`);
    } else if (e.change === FloorChange.PAUSED) announcer.news("The clock is paused");
    else if (e.change === FloorChange.RESUMED) announcer.news("The clock is running again");
    else if (e.change === FloorChange.ENDED && mine) announcer.personal("Your turn has ended.");
  }

  function announce(change: Change): void {
    const moderator = me()?.role === Role.MODERATOR;
    switch (change.kind) {
      case "joined":
        if (change.member.memberId !== me()?.memberId && !change.member.roomScreen)
          announcer.news(`${change.member.displayName} joined`, true);
        break;
      case "left":
        if (!change.member.roomScreen)
          announcer.news(
            change.removed
              ? `The facilitators removed ${change.member.displayName}`
              : `${change.member.displayName} left`,
            true,
          );
        break;
      case "joinCode":
        if (me()?.role === Role.MODERATOR)
          announcer.news("The participant link was changed; the old one no longer lets anyone new in");
        break;
      case "message":
        if (change.message.memberId !== me()?.memberId || !change.message.memberId)
          announcer.news(`${model.name(change.message.memberId)} said: ${change.message.text}`, true);
        break;
      case "released":
        for (const m of change.messages)
          if (m.memberId !== me()?.memberId || !m.memberId)
            announcer.news(`${model.name(m.memberId)} said: ${m.text}`, true);
        break;
      case "room":
        announcer.news(`The room is now called ${change.title}`);
        break;
      case "queue": {
        const e = change.event;
        const mine = e.memberId === me()?.memberId;
        if (mine && e.change === QueueChange.REMOVED)
          announcer.personal(`A moderator took your hand down${e.note ? `: ${e.note}` : ""}.`);
        else if (mine && e.change === QueueChange.EXPIRED)
          announcer.personal("Your place in the queue lapsed while you were disconnected.");
        else if (e.change === QueueChange.CLOSED) announcer.news("The queue is closed to new hands");
        else if (e.change === QueueChange.OPENED) announcer.news("The queue is open again");
        else if (mine && e.change === QueueChange.RAISED) announcer.personal(placeText());
        break;
      }
      case "floor":
        floor(change);
        break;
      case "mode":
        announcer.news(
          change.mode === RoomMode.STRUCTURED
            ? "Structured mode: only the person with the floor can post"
            : "Open mode: anyone can post",
        );
        break;
      case "fairness": {
        const name = queuePolicies.find(([policy]) => policy === change.settings.policy)?.[1];
        announcer.news(`The queue is now ordered ${name?.toLowerCase() ?? "differently"}`);
        break;
      }
      case "agenda":
        // Said once per change of item; the clock's warnings are the moderators' to act on.
        if (change.note) announcer.news(change.note.text);
        else if (change.time && moderator)
          announcer.news(
            change.time === "timeUp" ? "Time is up for this agenda item." : "This agenda item is nearly out of time.",
          );
        break;
      case "invited":
        if (change.invitation.memberId === me()?.memberId) {
          announcer.personal("The moderator has invited you to speak. You can answer in your own time.");
          moment("invitation-heading");
        }
        break;
      case "answered":
        if (moderator) {
          const words: Record<number, string> = {
            [InvitationAnswer.ACCEPT]: "accepted the invitation to speak",
            [InvitationAnswer.DECLINE]: "would rather not speak now",
            [InvitationAnswer.ASK_SUPPORT]: "would like some support before speaking",
          };
          announcer.news(`${model.name(change.answer.memberId)} ${words[change.answer.answer] ?? "answered"}`);
        }
        break;
      case "pause":
        announcer.personal(change.paused ? "The room is paused. Take your time." : "The pause is over.");
        break;
      case "pauseRequested":
        if (moderator)
          announcer.urgentNow(
            `${change.requests} ${change.requests === 1 ? "person has" : "people have"} asked for a pause`,
          );
        break;
      case "readCheck":
        if (change.count === 0 && !moderator)
          announcer.personal("The moderator asks everyone to confirm they have read a message.");
        break;
      case "reaction":
        if (moderator || model.holder() === me()?.memberId)
          announcer.news(`${model.name(change.memberId)}: ${reactionName(change.reaction)}`, true);
        break;
      case "role":
        if (change.memberId === me()?.memberId)
          announcer.personal(
            change.role === Role.MODERATOR
              ? "You are now a co-moderator: the moderator tools are open to you."
              : "You are no longer a co-moderator.",
          );
        else
          announcer.news(
            `${model.name(change.memberId)} is ${change.role === Role.MODERATOR ? "now a co-moderator" : "no longer a co-moderator"}`,
          );
        break;
      case "phase":
        announcer.personal(
          change.phase === RoomPhase.LIVE
            ? "The meeting has started."
            : change.phase === RoomPhase.LOBBY
              ? "The lobby is open: the meeting starts soon."
              : change.phase === RoomPhase.CLOSED
                ? "The meeting has closed."
                : "The room is preparing.",
        );
        break;
      case "question": {
        const q = model.questions.get(change.questionId);
        if (change.opened && q) {
          announcer.news(`A question is open: ${q.text}`);
          if (me()?.role === Role.PARTICIPANT) moment("decisions-heading");
        }
        break;
      }
      case "decision":
      case "actions":
        announcer.news(`${change.note.text}.`);
        break;
      case "thread": {
        const m = change.message;
        if (m.from === me()?.memberId) break;
        const unread = model.unreadTotal();
        const count = `${unread} unread`;
        // A call for help reaches facilitators at once; everything else politely, with the count.
        if (moderator && m.note === ThreadNote.NEEDS_SUPPORT) {
          announcer.urgentNow(`${model.name(change.threadId)} asks for help: ${m.text}`);
          moment("conversations-heading");
        } else if (moderator)
          announcer.news(`New message from ${model.name(change.threadId)}. ${count} in conversations.`);
        else announcer.news(`New message from the facilitators. ${count}.`);
        break;
      }
      default:
        break;
    }
  }

  let lastPlace = 0;
  function checkPlace(): void {
    const place = model.placeOf(me()?.memberId ?? "");
    if (place === 1 && lastPlace !== 1 && model.holder() !== me()?.memberId) announcer.personal("You are next.");
    lastPlace = place;
  }

  return { announce, checkPlace };
}
