// What a screen reader hears as the room changes. Only what concerns this person is urgent
// (the floor, their warning, time up, their hand, an invitation); room news, messages
// included, is queued and every item is read in order (see announcer.ts).
import { t } from "../i18n/i18n";
import { FloorChange, InvitationAnswer, QueueChange, Role, RoomMode, RoomPhase, ThreadNote } from "../protocol";
import { duration, queuePolicies, reactionName, type Change } from "../room_model";
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
    return place === 1 ? t("announcements.you_are_next") : t("queue.place_in_queue", { place });
  }

  // Read aloud (when the person has it on): what people say, the floor's changes and this
  // person's own moments, as the screen reader hears them.
  const aloud = (text: string) => ctx.readAloud?.say(text);

  function floor(change: Extract<Change, { kind: "floor" }>): void {
    const e = change.event;
    const mine = e.memberId === me()?.memberId;
    if (e.change === FloorChange.GRANTED) {
      if (!mine) {
        const text = t("announcements.has_the_floor", { name: model.name(e.memberId) });
        aloud(text);
        return announcer.news(text);
      }
      const text = t("announcements.you_have_the_floor_for", {
        time: duration(Number(e.floor?.grantedSeconds ?? 0) * 1000),
      });
      aloud(text);
      announcer.urgentNow(text);
      if (loadSettings().turnSound) playTurnCue();
      moment("floor-heading");
    } else if (e.change === FloorChange.WARNING && mine) {
      const text = t("floor.left", { time: duration(model.remainingMs() ?? 0) });
      aloud(text);
      announcer.urgentNow(text);
      moment("floor-heading");
    } else if (e.change === FloorChange.TIME_UP) {
      if (mine) {
        aloud(t("announcements.time_is_up"));
        announcer.urgentNow(t("announcements.time_is_up"));
        moment("floor-heading");
      } else if (me()?.role === Role.MODERATOR)
        announcer.news(t("announcements.time_is_up_for", { name: model.name(e.memberId) }));
    } else if (e.change === FloorChange.PAUSED) announcer.news(t("announcements.the_clock_is_paused"));
    else if (e.change === FloorChange.RESUMED) announcer.news(t("announcements.the_clock_is_running_again"));
    else if (e.change === FloorChange.ENDED && mine) {
      aloud(t("announcements.your_turn_has_ended"));
      announcer.personal(t("announcements.your_turn_has_ended"));
    }
  }

  function announce(change: Change): void {
    const moderator = me()?.role === Role.MODERATOR;
    switch (change.kind) {
      case "joined":
        if (change.member.memberId !== me()?.memberId && !change.member.roomScreen)
          announcer.news(t("announcements.joined", { name: change.member.displayName }), true);
        break;
      case "left":
        if (!change.member.roomScreen)
          announcer.news(
            change.removed
              ? t("announcements.facilitators_removed", { name: change.member.displayName })
              : t("announcements.left", { name: change.member.displayName }),
            true,
          );
        break;
      case "joinCode":
        if (me()?.role === Role.MODERATOR) announcer.news(t("announcements.the_participant_link_was_changed"));
        break;
      case "message":
        if (change.message.memberId !== me()?.memberId || !change.message.memberId) {
          const text = t("conversation.said", { name: model.name(change.message.memberId), text: change.message.text });
          aloud(text);
          announcer.news(text, true);
        }
        break;
      case "released":
        for (const m of change.messages)
          if (m.memberId !== me()?.memberId || !m.memberId) {
            const text = t("conversation.said", { name: model.name(m.memberId), text: m.text });
            aloud(text);
            announcer.news(text, true);
          }
        break;
      case "room":
        announcer.news(t("announcements.now_called", { title: change.title }));
        break;
      case "queue": {
        const e = change.event;
        const mine = e.memberId === me()?.memberId;
        if (mine && e.change === QueueChange.REMOVED)
          announcer.personal(
            e.note ? t("announcements.hand_taken_down_because", { note: e.note }) : t("announcements.hand_taken_down"),
          );
        else if (mine && e.change === QueueChange.EXPIRED)
          announcer.personal(t("announcements.your_place_in_the_queue"));
        else if (e.change === QueueChange.CLOSED) announcer.news(t("announcements.the_queue_is_closed_to"));
        else if (e.change === QueueChange.OPENED) announcer.news(t("announcements.the_queue_is_open_again"));
        else if (mine && e.change === QueueChange.RAISED) announcer.personal(placeText());
        break;
      }
      case "floor":
        floor(change);
        break;
      case "mode":
        announcer.news(
          change.mode === RoomMode.STRUCTURED
            ? t("announcements.structured_mode_only_the_person")
            : t("announcements.open_mode_anyone_can_post"),
        );
        break;
      case "fairness": {
        const name = queuePolicies.find(([policy]) => policy === change.settings.policy)?.[1];
        announcer.news(
          name
            ? t("announcements.queue_ordered", { name: name.toLowerCase() })
            : t("announcements.queue_ordered_differently"),
        );
        break;
      }
      case "agenda":
        // Said once per change of item; the clock's warnings are the moderators' to act on.
        if (change.note) announcer.news(change.note.text);
        else if (change.time && moderator)
          announcer.news(
            change.time === "timeUp"
              ? t("announcements.time_is_up_for_this")
              : t("announcements.this_agenda_item_is_nearly"),
          );
        break;
      case "invited":
        if (change.invitation.memberId === me()?.memberId) {
          aloud(t("announcements.the_moderator_has_invited_you"));
          announcer.personal(t("announcements.the_moderator_has_invited_you"));
          moment("invitation-heading");
        }
        break;
      case "answered":
        if (moderator) {
          const words: Record<number, string> = {
            [InvitationAnswer.ACCEPT]: t("announcements.accepted_the_invitation_to_speak"),
            [InvitationAnswer.DECLINE]: t("announcements.would_rather_not_speak_now"),
            [InvitationAnswer.ASK_SUPPORT]: t("announcements.would_like_some_support_before"),
          };
          announcer.news(`${model.name(change.answer.memberId)} ${words[change.answer.answer] ?? "answered"}`);
        }
        break;
      case "pause":
        announcer.personal(
          change.paused ? t("announcements.the_room_is_paused_take") : t("announcements.the_pause_is_over"),
        );
        break;
      case "pauseRequested":
        if (moderator) announcer.urgentNow(t("announcements.asked_for_pause", { n: change.requests }));
        break;
      case "readCheck":
        if (change.count === 0 && !moderator) announcer.personal(t("announcements.the_moderator_asks_everyone_to"));
        break;
      case "reaction":
        if (moderator || model.holder() === me()?.memberId)
          announcer.news(`${model.name(change.memberId)}: ${reactionName(change.reaction)}`, true);
        break;
      case "role":
        if (change.memberId === me()?.memberId)
          announcer.personal(
            change.role === Role.MODERATOR
              ? t("announcements.you_are_now_a_co")
              : t("announcements.you_are_no_longer_a"),
          );
        else
          announcer.news(
            t(
              change.role === Role.MODERATOR
                ? "announcements.now_co_moderator"
                : "announcements.no_longer_co_moderator",
              {
                name: model.name(change.memberId),
              },
            ),
          );
        break;
      case "phase":
        announcer.personal(
          change.phase === RoomPhase.LIVE
            ? t("announcements.the_meeting_has_started")
            : change.phase === RoomPhase.LOBBY
              ? t("announcements.the_lobby_is_open_the")
              : change.phase === RoomPhase.CLOSED
                ? t("announcements.the_meeting_has_closed")
                : t("announcements.the_room_is_preparing"),
        );
        break;
      case "question": {
        const q = model.questions.get(change.questionId);
        if (change.opened && q) {
          aloud(t("announcements.question_open", { text: q.text }));
          announcer.news(t("announcements.question_open", { text: q.text }));
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
        // A call for help reaches facilitators at once; everything else politely, with the count.
        if (moderator && m.note === ThreadNote.NEEDS_SUPPORT) {
          announcer.urgentNow(t("announcements.asks_for_help", { name: model.name(change.threadId), text: m.text }));
          moment("conversations-heading");
        } else if (moderator)
          announcer.news(t("announcements.new_message_from", { name: model.name(change.threadId), unread }));
        else announcer.news(t("announcements.new_message_from_facilitators", { unread }));
        break;
      }
      default:
        break;
    }
  }

  let lastPlace = 0;
  function checkPlace(): void {
    const place = model.placeOf(me()?.memberId ?? "");
    if (place === 1 && lastPlace !== 1 && model.holder() !== me()?.memberId)
      announcer.personal(t("announcements.you_are_next"));
    lastPlace = place;
  }

  return { announce, checkPlace };
}
