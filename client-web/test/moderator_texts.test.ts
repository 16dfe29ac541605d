// The moderators' texts in the reader's language: which version of the briefing a person sees
// (their language, easy read, the room's), an agenda item's and a glossary entry's texts, and
// the glossary folded event by event as the server folds it.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  AgendaItemSchema,
  BriefingUpdatedSchema,
  GlossaryChangedSchema,
  create,
  type BriefingUpdated,
  type GlossaryChanged,
} from "../src/protocol";
import { agendaItemFor, briefingFor, briefingKey, foldGlossary, glossaryFor } from "../src/moderator_texts";

const version = (text: string, v: number, language = "", easyRead = false) =>
  create(BriefingUpdatedSchema, { text, version: v, language, easyRead });

test("a person sees the briefing in their language, in easy read if they read that way, or the room's", () => {
  const own = version("Aims", 2);
  const texts = new Map<string, BriefingUpdated>(
    [version("Cele", 2, "pl"), version("Easy aims", 2, "", true), version("أهداف", 1, "ar")].map((b) => [
      briefingKey(b.language, b.easyRead),
      b,
    ]),
  );
  const seen = (language: string, easy: boolean) => {
    const b = briefingFor(own, texts, "en", language, easy)!;
    return `${b.text} ${b.language}${b.easyRead ? " easy" : ""}${b.outOfDate ? " old" : ""}`;
  };
  assert.equal(seen("en", false), "Aims en");
  assert.equal(seen("en", true), "Easy aims en easy");
  assert.equal(seen("pl", false), "Cele pl");
  assert.equal(seen("pl", true), "Cele pl"); // their language before easy read in another
  assert.equal(seen("ar", false), "أهداف ar old"); // written for version 1
  texts.set(briefingKey("pl", true), version("Łatwe cele", 2, "pl", true));
  assert.equal(seen("pl", true), "Łatwe cele pl easy");
  assert.equal(seen("pl", false), "Cele pl");
  // A version in the room's own language is not asked for: the room's text is that.
  texts.set("en", version("Other", 2, "en"));
  assert.equal(seen("en", false), "Aims en");
  // No briefing, nothing to see.
  assert.equal(briefingFor(version("", 3), texts, "en", "pl", false), undefined);
});

test("an agenda item and a glossary entry fall back to the room's text field by field", () => {
  const item = create(AgendaItemSchema, {
    title: "Callback promise",
    description: "What we will decide.",
    translations: [{ language: "pl", title: "Obietnica oddzwonienia", description: "" }],
  });
  assert.deepEqual(
    { ...agendaItemFor(item, "en", "pl") },
    {
      title: "Obietnica oddzwonienia",
      description: "What we will decide.",
      language: "pl",
      descriptionLanguage: "en",
    },
  );
  assert.equal(agendaItemFor(item, "en", "ar").title, "Callback promise");
  const entry = create(GlossaryChangedSchema, {
    term: "ICB",
    explanation: "Integrated care board",
    translations: [{ language: "ar", term: "", explanation: "مجلس الرعاية المتكاملة" }],
  });
  assert.deepEqual(
    { ...glossaryFor(entry, "en", "ar") },
    { term: "ICB", explanation: "مجلس الرعاية المتكاملة", language: "ar", roomTerm: "ICB" },
  );
  assert.equal(glossaryFor(entry, "en", "pl").explanation, "Integrated care board");
});

test("the glossary folds texts in other languages into their entry", () => {
  const glossary = new Map<string, GlossaryChanged>();
  const change = (init: Partial<GlossaryChanged>) =>
    foldGlossary(glossary, create(GlossaryChangedSchema, init as never));
  change({ term: "ICB", explanation: "Integrated care board" });
  change({ term: "ICB", language: "pl", termInLanguage: "ZRO", explanation: "Zintegrowana rada opieki" });
  change({ term: "ICB", explanation: "The NHS body that plans services" }); // keeps the Polish
  assert.equal(glossary.get("icb")!.translations.length, 1);
  assert.equal(glossaryFor(glossary.get("icb")!, "en", "pl").term, "ZRO");
  change({ term: "ICB", language: "pl", explanation: "" });
  assert.equal(glossary.get("icb")!.translations.length, 0);
  change({ term: "NHS", language: "pl", explanation: "x" }); // no such entry: nothing
  assert.equal(glossary.has("nhs"), false);
  change({ term: "ICB", explanation: "" });
  assert.equal(glossary.size, 0);
});
