// Checks the interface's catalogues in messages/ against English: every language has each key
// English has and no other, every message parses as ICU MessageFormat, and each uses the same
// arguments as the English one. An easy-read variant (xx.easy.json) holds the texts that
// easy-read guidance asks to be written again — every long sentence, and every text a
// participant sees that uses a word of meeting jargon (English's rule; another language's
// easy read holds the same texts) — and the rest falls back to the language's own text
// (already short and plain). The server's minutes have catalogues of their own, in
// messages/minutes/, checked the same way. Run by the build (it fails on a problem) and by
// the client's unit tests.
import { parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const messagesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "messages");

// The argument names a message uses, in plural and select branches too.
function argumentsOf(elements, into = new Set()) {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time)
      into.add(e.value);
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      into.add(e.value);
      for (const option of Object.values(e.options)) argumentsOf(option.value, into);
    }
    if (e.type === TYPE.tag) argumentsOf(e.children, into);
  }
  return into;
}

// The words of a message, without its arguments, plurals and selects.
function plainWords(text) {
  let depth = 0;
  let out = "";
  for (const ch of text) {
    if (ch === "{") depth += 1;
    else if (ch === "}") depth -= 1;
    else if (depth === 0) out += ch;
  }
  return out.split(/\s+/).filter(Boolean);
}

// Meeting jargon, and the parts of the interface a participant sees.
const jargon =
  /\b(floor|queue|moderat\w*|facilitat\w*|observer|structured|consensus|agenda|anonymous\w*|briefing|plenary|proposal|lobby)\b/i;
const participantParts =
  /^(join|floor|queue|composer|conversation|announcements|status_bar|pacing_tools|support|practice|readiness|follow_up|decision|phase|invitation_prompt|thread|settings|room|error|main|connection|reactions_bar|briefing|people|room_model|clock|announcer|language|outcome_survey|series_page|actions|voice)\./;

// Whether easy-read guidance asks for this English text to be written again: more than twelve
// words, or jargon in what a participant sees.
export function needsEasyRead(key, text) {
  const words = plainWords(text);
  return words.length > 12 || (participantParts.test(key) && jargon.test(words.join(" ")));
}

// Every problem found, as sentences; none when all is well.
export function checkCatalogues(dir = messagesDir) {
  const problems = [];
  const load = (file) => JSON.parse(readFileSync(join(dir, file), "utf8"));
  const english = load("en.json");
  const englishArgs = {};
  for (const [key, text] of Object.entries(english)) {
    try {
      englishArgs[key] = [...argumentsOf(parse(text))].sort().join(",");
    } catch (err) {
      problems.push(`en.json: ${key} does not parse: ${err.message}`);
    }
  }
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "en.json")) {
    const catalogue = load(file);
    const variant = /^[a-z]+\.easy\.json$/.test(file);
    // English easy read holds what the guidance asks to be written again; another language's
    // easy read holds each text English easy read does.
    const englishEasy = variant && file !== "en.easy.json" ? load("en.easy.json") : null;
    for (const [key, text] of Object.entries(english)) {
      const needed = !variant || (englishEasy ? key in englishEasy : needsEasyRead(key, text));
      if (needed && !(key in catalogue)) problems.push(`${file}: misses ${key}`);
    }
    for (const [key, text] of Object.entries(catalogue)) {
      if (!(key in english)) {
        problems.push(`${file}: ${key} is not in English`);
        continue;
      }
      try {
        const args = [...argumentsOf(parse(text))].sort().join(",");
        if (args !== englishArgs[key]) problems.push(`${file}: ${key} uses {${args}}, English {${englishArgs[key]}}`);
      } catch (err) {
        problems.push(`${file}: ${key} does not parse: ${err.message}`);
      }
    }
  }
  return problems;
}

// The minutes' catalogues (the server's, compiled into it), checked by the same rules.
export const minutesDir = join(messagesDir, "minutes");

// The interface and the minutes come in the same languages: the server takes moderators' texts
// in the minutes' languages (a server unit test holds it to them), and people choose from the
// interface's.
export function checkSameLanguages(dir = messagesDir, minutes = minutesDir) {
  const codes = (d) =>
    readdirSync(d)
      .filter((f) => /^[a-z]+\.json$/.test(f))
      .map((f) => f.slice(0, -5))
      .sort()
      .join(", ");
  const [ui, written] = [codes(dir), codes(minutes)];
  return ui === written ? [] : [`the interface is in ${ui} but the minutes in ${written}`];
}

// Run as a script (not when bundled into a test).
if (process.argv[1]?.endsWith("scripts/messages.mjs")) {
  const problems = [
    ...checkCatalogues(),
    ...checkCatalogues(minutesDir).map((p) => `minutes/${p}`),
    ...checkSameLanguages(),
  ];
  for (const p of problems) console.error(p);
  if (problems.length) {
    console.error(`${problems.length} problems in messages/`);
    process.exit(1);
  }
}
