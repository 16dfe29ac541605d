// The moderators' texts (briefing, glossary, agenda) in the reader's language. Moderators write
// them in the room's language and may give each in other languages, and the briefing in easy
// read too: a person sees their own language's text, or else the room's. Each text says which
// language it is in, for the page's lang attribute (a screen reader and read-aloud pick their
// voice by it).
import { create, GlossaryTextSchema, type AgendaItem, type BriefingUpdated, type GlossaryChanged } from "./protocol";

// The key of one of the briefing's other versions in RoomModel.briefingTexts.
export const briefingKey = (language: string, easyRead: boolean) => (easyRead ? `${language} easy` : language);

export interface ShownBriefing {
  text: string;
  version: number; // the briefing's version it was written for
  language: string; // "" when the room's language is not said
  easyRead: boolean;
  outOfDate: boolean; // written for an earlier version of the briefing
}

// The version of the briefing for someone reading in `language`, in easy read or not: in
// easy read, their language's easy-read version, else their language's, else the room's
// easy-read version, else the room's own text. Without easy read, theirs or the room's.
export function briefingFor(
  briefing: BriefingUpdated | undefined,
  texts: ReadonlyMap<string, BriefingUpdated>,
  roomLanguage: string,
  language: string,
  easyRead: boolean,
): ShownBriefing | undefined {
  if (!briefing?.text) return undefined;
  const own = language === roomLanguage ? "" : language;
  const order = easyRead
    ? [briefingKey(own, true), briefingKey(own, false), briefingKey("", true)]
    : [briefingKey(own, false)];
  const found = order.map((key) => texts.get(key)).find((b) => b?.text);
  const shown = found ?? briefing;
  return {
    text: shown.text,
    version: shown.version,
    language: shown.language || roomLanguage,
    easyRead: shown.easyRead,
    outOfDate: shown.version < briefing.version,
  };
}

export interface ShownItem {
  title: string;
  description: string;
  language: string; // of the title; "" when the room's language is not said
  descriptionLanguage: string;
}

// An agenda item's title and description in `language`, each falling back to the room's.
export function agendaItemFor(item: AgendaItem, roomLanguage: string, language: string): ShownItem {
  const own = language === roomLanguage ? undefined : item.translations.find((t) => t.language === language);
  return {
    title: own?.title || item.title,
    description: own?.description || item.description,
    language: own?.title ? language : roomLanguage,
    descriptionLanguage: own?.description ? language : roomLanguage,
  };
}

export interface ShownTerm {
  term: string; // as said in the shown language
  explanation: string;
  language: string;
  roomTerm: string; // as the room says it (the same when no other is given)
}

// A glossary entry in `language`, or as the room has it.
export function glossaryFor(entry: GlossaryChanged, roomLanguage: string, language: string): ShownTerm {
  const own = language === roomLanguage ? undefined : entry.translations.find((t) => t.language === language);
  return {
    term: own?.term || entry.term,
    explanation: own?.explanation || entry.explanation,
    language: own ? language : roomLanguage,
    roomTerm: entry.term,
  };
}

// A glossary entry after one change (GlossaryChanged as an event), as the server folds it:
// a change in another language updates that language's text; a new explanation keeps them.
export function foldGlossary(glossary: Map<string, GlossaryChanged>, change: GlossaryChanged): void {
  const key = change.term.toLowerCase();
  const entry = glossary.get(key);
  if (change.language) {
    if (!entry) return;
    const translations = entry.translations.filter((t) => t.language !== change.language);
    if (change.explanation)
      translations.push(
        create(GlossaryTextSchema, {
          language: change.language,
          term: change.termInLanguage,
          explanation: change.explanation,
        }),
      );
    glossary.set(key, { ...entry, translations });
  } else if (!change.explanation) glossary.delete(key);
  else glossary.set(key, { ...change, translations: entry?.translations ?? [] });
}
