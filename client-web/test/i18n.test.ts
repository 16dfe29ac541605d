// The interface's languages: every catalogue complete, plurals by each language's own rules,
// clocks and numbers per locale, names isolated where direction matters, the choice of language.
import assert from "node:assert/strict";
import { join } from "node:path";
import { afterEach, before, test } from "node:test";
import { checkCatalogues, checkSameLanguages } from "../scripts/messages.mjs";
import { duration, clockLabel } from "../src/clock";
import {
  formatList,
  formatNumber,
  isolateEnd,
  isolateStart,
  loadLanguage,
  setEasyRead,
  setLanguage,
  t,
  translate,
} from "../src/i18n/i18n";
import { chooseLanguage, languages } from "../src/i18n/languages";

const byCode = (code: string) => languages.find((l) => l.code === code)!;

// Only the person's language is fetched in the browser; here every one is, easy read too.
before(async () => {
  for (const l of languages) await loadLanguage(l.code, true);
});

afterEach(() => setLanguage("en", false));

test("easy read needs every long text and every participant's jargon rewritten", async () => {
  const { needsEasyRead } = await import("../scripts/messages.mjs");
  assert.equal(
    needsEasyRead("floor.you_have_the_floor", "You have the floor."),
    true,
    "jargon in a participant's text",
  );
  assert.equal(needsEasyRead("meeting_tools.name", "Name"), false);
  assert.equal(
    needsEasyRead("room_details.x", "one two three four five six seven eight nine ten eleven twelve thirteen"),
    true,
  );
  setLanguage("pl", false);
  setEasyRead(true, false);
  assert.equal(t("floor.you_have_the_floor"), "Twoja kolej mówić.");
  assert.equal(t("composer.send"), "Wyślij", "a text easy read does not rewrite is the language's own");
  setEasyRead(false, false);
  assert.equal(t("floor.you_have_the_floor"), "Masz głos.");
});

test("every catalogue has every key English has, parses, and uses the same arguments", () => {
  // Bundled into a temporary directory, the test finds messages/ from where npm runs it.
  assert.deepEqual(checkCatalogues(join(process.cwd(), "..", "messages")), []);
  // The minutes' own catalogues, which the server compiles in.
  assert.deepEqual(checkCatalogues(join(process.cwd(), "..", "messages", "minutes")), []);
});

test("the interface, its list of languages and the minutes come in the same languages", async () => {
  const messages = join(process.cwd(), "..", "messages");
  assert.deepEqual(checkSameLanguages(messages, join(messages, "minutes")), []);
  const { readdirSync } = await import("node:fs");
  const catalogues = readdirSync(messages)
    .filter((f) => /^[a-z]+\.json$/.test(f))
    .map((f) => f.slice(0, -5));
  assert.deepEqual(languages.map((l) => l.code).sort(), catalogues.sort());
  // And the check notices a language the minutes lack.
  const { mkdtempSync, writeFileSync, mkdirSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "ts-languages-"));
  mkdirSync(join(dir, "minutes"));
  for (const f of ["en.json", "pl.json", "minutes/en.json"]) writeFileSync(join(dir, f), "{}");
  assert.deepEqual(checkSameLanguages(dir, join(dir, "minutes")), ["the interface is in en, pl but the minutes in en"]);
});

test("the check finds a missing key, a stray key, a broken message and a changed argument", async () => {
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "ts-messages-"));
  writeFileSync(join(dir, "en.json"), JSON.stringify({ a: "A {name}", b: "B", c: "C {n, plural, one {#} other {#}}" }));
  writeFileSync(join(dir, "xx.json"), JSON.stringify({ a: "X {who}", c: "X {n, plural, one {#", d: "D" }));
  writeFileSync(join(dir, "en.easy.json"), JSON.stringify({ b: "Easy B" }));
  writeFileSync(join(dir, "xx.easy.json"), JSON.stringify({}));
  const problems = checkCatalogues(dir);
  assert.ok(
    problems.includes("xx.easy.json: misses b"),
    "easy read in each language holds what English easy read does",
  );
  assert.ok(
    problems.some((p) => p === "xx.json: misses b"),
    problems.join("\n"),
  );
  assert.ok(problems.some((p) => p === "xx.json: d is not in English"));
  assert.ok(problems.some((p) => p.startsWith("xx.json: c does not parse")));
  assert.ok(problems.some((p) => p === "xx.json: a uses {who}, English {name}"));
});

test("Polish counts people in its four forms: one, few, many and other", () => {
  const pl = byCode("pl");
  const here = (n: number) => translate(pl, "join.here_now", { n });
  assert.equal(here(1), "Jest tu teraz 1 osoba.");
  assert.equal(here(3), "Są tu teraz 3 osoby.");
  assert.equal(here(5), "Jest tu teraz 5 osób.");
  assert.equal(here(22), "Są tu teraz 22 osoby.", "22 is few in Polish");
  assert.equal(here(25), "Jest tu teraz 25 osób.");
  assert.equal(translate(byCode("en"), "join.here_now", { n: 1 }), "1 person is here now.");
  assert.equal(translate(byCode("en"), "join.here_now", { n: 2 }), "2 people are here now.");
});

test("Arabic has its six plural forms, with Latin digits", () => {
  const ar = byCode("ar");
  const forms = [0, 1, 2, 3, 11, 100].map((n) => translate(ar, "projector.people_here", { n }));
  assert.deepEqual(forms, ["لا أحد هنا", "شخص واحد هنا", "شخصان هنا", "3 أشخاص هنا", "11 شخصًا هنا", "100 شخص هنا"]);
});

test("ordinals follow the language: 1st, 2nd, 3rd, 11th, 22nd in English; 3. in Polish", () => {
  const place = (code: string, n: number) => translate(byCode(code), "queue.place_in_queue", { place: n });
  assert.deepEqual(
    [1, 2, 3, 11, 22].map((n) => place("en", n)),
    [1, 2, 3, 11, 22].map(
      (n) => `You are ${n}${["st", "nd", "rd", "th", "nd"][[1, 2, 3, 11, 22].indexOf(n)]} in the queue.`,
    ),
  );
  assert.equal(place("pl", 3), "Twoje miejsce w kolejce: 3.");
});

test("clocks, durations and numbers are written for each language", () => {
  assert.equal(duration(65_000), "1 min 05 s");
  assert.equal(clockLabel(92_000), "1:32 left");
  setLanguage("pl", false);
  assert.equal(duration(65_000), "1 min 05 s");
  assert.equal(clockLabel(92_000), "zostało 1:32");
  assert.equal(formatNumber(1234.5), "1234,5");
  setLanguage("ar", false);
  assert.equal(duration(65_000), `1 د ${isolateStart}05${isolateEnd} ث`);
  assert.equal(clockLabel(92_000), `بقي ${isolateStart}1:32${isolateEnd}`, "the clock keeps its digits and direction");
  assert.equal(formatNumber(1234.5), "1,234.5", "Arabic is pinned to Latin digits, as the server's ICU");
});

test("a name is isolated where direction can matter, and left as typed where it cannot", () => {
  const en = byCode("en");
  assert.equal(translate(en, "floor.has_the_floor", { who: "Ada" }), "Ada has the floor.");
  assert.equal(
    translate(en, "floor.has_the_floor", { who: "سلمى" }),
    `${isolateStart}سلمى${isolateEnd} has the floor.`,
    "a right-to-left name in an English sentence",
  );
  assert.equal(
    translate(byCode("ar"), "floor.has_the_floor", { who: "Ada" }),
    `الكلمة مع ${isolateStart}Ada${isolateEnd}.`,
    "a left-to-right name in an Arabic sentence",
  );
  setLanguage("ar", false);
  assert.equal(formatList(["Ada", "Bo"]), `${isolateStart}Ada${isolateEnd} و${isolateStart}Bo${isolateEnd}`);
});

test("the language is the person's own choice, else the browser's first known one, else English", () => {
  assert.equal(chooseLanguage("pl", ["ar"]).code, "pl");
  assert.equal(chooseLanguage(null, ["fr-FR", "ar-EG", "pl"]).code, "ar");
  assert.equal(chooseLanguage(null, ["fr-FR"]).code, "en");
  assert.equal(chooseLanguage("xx", ["pl-PL"]).code, "pl", "an unknown stored choice falls back to the browser");
  assert.equal(byCode("ar").dir, "rtl");
  setLanguage("pl", false);
  assert.equal(t("composer.send"), "Wyślij");
});

test("a pace suggestion is said in the person's language, from its kind and figures", async () => {
  const { suggestionWords } = await import("../src/views/readiness_panel");
  const { create, SettingSuggestionSchema, SettingSuggestionKind } = await import("../src/protocol");
  const reading = create(SettingSuggestionSchema, {
    kind: SettingSuggestionKind.SETTING_SUGGESTION_READING_PACE,
    people: 1,
    pacing: { wordsPerMinute: 150 },
  });
  const slow = create(SettingSuggestionSchema, {
    kind: SettingSuggestionKind.SETTING_SUGGESTION_SLOW_MODE,
    people: 5,
    pacing: { slowModeSeconds: 20 },
  });
  setLanguage("en", false);
  assert.deepEqual(suggestionWords(reading), {
    reason: "1 person asked for a slower pace or more time to read.",
    question: "Shall messages reach us at a reading pace (150 words a minute), so that everyone has time to read?",
  });
  setLanguage("pl", false);
  assert.equal(suggestionWords(reading).reason, "1 osoba poprosiła o wolniejsze tempo lub więcej czasu na czytanie.");
  assert.equal(suggestionWords(slow).reason, "5 osób poprosiło o wolniejsze tempo.");
  assert.match(suggestionWords(slow).question, /czekać 20 sekund między/);
  setLanguage("ar", false);
  assert.equal(suggestionWords(slow).reason, "طلب 5 أشخاص وتيرة أبطأ.");
  // From a server that gave no kind: its own words.
  const old = create(SettingSuggestionSchema, { reason: "Two asked.", question: "Slower?" });
  assert.deepEqual(suggestionWords(old), { reason: "Two asked.", question: "Slower?" });
  setLanguage("en", false);
});

test("a queue entry's reason is said in the person's language, from its kind and figure", async () => {
  const { reasonText } = await import("../src/views/queue_panel");
  const { create, QueueEntrySchema, QueueReasonKind } = await import("../src/protocol");
  const entry = (kind: number, turns = 0, floorMs = 0n, reason = "") =>
    create(QueueEntrySchema, { reason, why: { kind, turns, floorMs } });
  assert.equal(
    reasonText(entry(QueueReasonKind.QUEUE_REASON_SPOKEN_TURNS, 2)),
    "spoken twice — those who have spoken less go first",
  );
  assert.equal(
    reasonText(entry(QueueReasonKind.QUEUE_REASON_FLOOR_TIME, 0, 65_000n)).startsWith(
      "has had the floor for 1 min 05 s",
    ),
    true,
  );
  setLanguage("pl", false);
  assert.equal(reasonText(entry(QueueReasonKind.QUEUE_REASON_FIRST_TIME)), "mówi po raz pierwszy");
  assert.equal(
    reasonText(entry(QueueReasonKind.QUEUE_REASON_SPOKEN_TURNS, 3)),
    "mówił(a) 3 razy — najpierw ci, którzy mówili mniej",
  );
  setLanguage("ar", false);
  assert.equal(
    reasonText(entry(QueueReasonKind.QUEUE_REASON_SPOKEN_THIS_ROUND, 2)),
    "تكلّم مرتين — بعد كل من تكلّم أقل",
  );
  // Recorded before reasons had a kind: the server's own words.
  assert.equal(
    reasonText(create(QueueEntrySchema, { reason: "in the order hands went up" })),
    "in the order hands went up",
  );
});
