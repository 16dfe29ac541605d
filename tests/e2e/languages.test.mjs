// The room in each person's own language: three people in English, Polish and Arabic (right to
// left) in one meeting, each with the whole interface in their language and every message in its
// own direction; easy read; and reading aloud, with the browser's speech recorded at its API.
import assert from "node:assert/strict";
import { test } from "node:test";
import { axeViolations, consoleTab, joinAs, laptop, screenshot, useStack, waitInPage } from "./lib/harness.mjs";

const stack = useStack();

async function createRoom(title) {
  const api = await stack.browser.newContext();
  const created = await (await api.request.post(stack.server.url + "/api/rooms", { data: { title } })).json();
  await api.close();
  return created;
}

// Joins with the join form in whatever language the page is in: the name field is the first
// text field and the join button the form's submit.
async function joinInPageLanguage(page, name) {
  await page.locator("form input:not([type])").first().fill(name);
  await page.locator('form button[type="submit"]').click();
  await page.locator('.connection[data-status="connected"]').waitFor();
}

// A new room, and Mo in it as its moderator, in English.
async function roomWithModerator(title) {
  const created = await createRoom(title);
  const base = stack.server.url;
  const context = await stack.browser.newContext({ ...laptop, locale: "en-GB" });
  return { created, base, mod: await joinAs(context, base + created.moderatorPath, "Mo") };
}

async function expectNoAxe(page, state) {
  assert.deepEqual(await axeViolations(page), [], `axe violations: ${state}`);
  await screenshot(page, state);
}

// The direction an element with this text is laid out in, once it is on the page (a list may
// be drawn again under the test's feet: the element is looked up afresh each time).
async function direction(page, selector, text) {
  const find = ([sel, words]) => {
    const el = [...document.querySelectorAll(sel)].find((e) => e.isConnected && e.textContent.includes(words));
    return el ? getComputedStyle(el).direction : null;
  };
  await waitInPage(page, find, [selector, text]);
  return page.evaluate(find, [selector, text]);
}

test("three people in three languages, one right to left, each take part fully in their own", async () => {
  const { created, base, mod } = await roomWithModerator("Bus routes");

  // Bogdan's browser is in English; he chooses Polish on the join form.
  const bogdan = await (await stack.browser.newContext({ ...laptop, locale: "en-GB" })).newPage();
  await bogdan.goto(base + created.participantPath);
  await bogdan.locator("main").getByLabel("Language").selectOption("pl");
  await bogdan.getByLabel("Twoje imię").waitFor();
  assert.equal(await bogdan.evaluate(() => document.documentElement.lang), "pl");
  await joinInPageLanguage(bogdan, "Bogdan");

  // Salma's browser is in Arabic: the page is Arabic and right to left from the start.
  const salma = await (await stack.browser.newContext({ ...laptop, locale: "ar" })).newPage();
  await salma.goto(base + created.participantPath);
  await salma.getByLabel("اسمك").waitFor();
  assert.deepEqual(await salma.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), [
    "ar",
    "rtl",
  ]);
  await joinInPageLanguage(salma, "سلمى");

  const ada = await joinAs(
    await stack.browser.newContext({ ...laptop, locale: "en-GB" }),
    base + created.participantPath,
    "Ada",
  );

  // Each sees the whole interface in their language.
  await bogdan.getByRole("heading", { name: "Kolejka mówców" }).waitFor();
  await bogdan.getByRole("button", { name: "Podnieś rękę" }).waitFor();
  await bogdan.getByRole("button", { name: "Wyślij" }).waitFor();
  await salma.getByRole("heading", { name: "قائمة المتحدثين" }).waitFor();
  await salma.getByRole("button", { name: "رفع اليد" }).waitFor();
  await salma.getByRole("button", { name: "إرسال" }).waitFor();
  await ada.getByRole("heading", { name: "Speaking queue" }).waitFor();
  // The layout mirrors: the brand is at the right of Salma's banner, at the left of Ada's.
  const brandSide = (page) =>
    page.evaluate(() => {
      const brand = document.querySelector(".brand").getBoundingClientRect();
      const tools = document.querySelector(".banner-tools").getBoundingClientRect();
      return brand.left > tools.left ? "right" : "left";
    });
  assert.equal(await brandSide(salma), "right");
  assert.equal(await brandSide(ada), "left");

  // Messages each in their own direction, whatever the interface's.
  await ada.getByLabel("Your message").fill("Hello everyone, shall we start with the number 7 bus?");
  await ada.getByRole("button", { name: "Send" }).click();
  await salma.getByLabel("رسالتك").fill("مرحبا بالجميع، أوافق على البدء بالحافلة رقم 7");
  await salma.getByRole("button", { name: "إرسال" }).click();
  assert.equal(
    await direction(salma, ".message .text", "Hello everyone"),
    "ltr",
    "an English message reads left to right in the Arabic room",
  );
  assert.equal(
    await direction(ada, ".message .text", "مرحبا بالجميع"),
    "rtl",
    "an Arabic message reads right to left in the English room",
  );
  assert.equal(await direction(salma, ".message .text", "مرحبا"), "rtl");
  // Her name keeps its direction in Ada's English list of people, Ada's in hers.
  assert.equal(await direction(ada, ".people .name", "سلمى"), "rtl");
  assert.equal(await direction(salma, ".people .name", "Ada"), "ltr");

  // The room's screen has its own language, apart from Bogdan's on the same browser.
  const projector = await bogdan.context().newPage();
  await projector.goto(base + created.projectorPath.replace("#", "?lang=ar#"));
  await projector.getByRole("heading", { name: "القرارات" }).or(projector.getByText("أحدث الرسائل")).first().waitFor();
  assert.equal(await projector.evaluate(() => document.documentElement.dir), "rtl");
  await projector.close();
  await bogdan.reload();
  await bogdan.getByRole("heading", { name: "Kolejka mówców" }).waitFor();

  await expectNoAxe(bogdan, "languages-polish-room");
  await expectNoAxe(salma, "languages-arabic-room-rtl");
  await expectNoAxe(ada, "languages-english-room");

  // The moderator makes the room structured. A post without the floor is refused by the
  // server, and each is told why in their own language; their words stay in the box.
  const running = await consoleTab(mod, "Run the meeting");
  await running.getByLabel("Structured: only the person with the floor").check();
  await bogdan
    .getByText("Pokój jest w trybie uporządkowanym: podnieś rękę, a napiszesz, gdy dostaniesz głos.")
    .waitFor();
  await bogdan.getByLabel("Twoja wiadomość").fill("Czy mogę coś dodać?");
  await bogdan.getByLabel("Twoja wiadomość").press("Enter");
  await bogdan
    .getByText("Nie wysłano: pokój jest w trybie uporządkowanym, więc pisać może tylko osoba, która ma głos.", {
      exact: false,
    })
    .waitFor();
  assert.equal(await bogdan.getByLabel("Twoja wiadomość").inputValue(), "Czy mogę coś dodać?");
  await salma.getByLabel("رسالتك").fill("سؤال صغير");
  await salma.getByLabel("رسالتك").press("Enter");
  await salma.getByText("لم تُرسَل: الغرفة في الوضع المنظّم، فلا يكتب إلا من معه الكلمة.", { exact: false }).waitFor();
  await ada.getByLabel("Your message").fill("Can I add something?");
  await ada.getByLabel("Your message").press("Enter");
  await ada.getByText("You cannot do that in this room: the room is in structured mode", { exact: false }).waitFor();
  await expectNoAxe(salma, "languages-arabic-refusal");

  // Bogdan raises his hand and gets the floor: the queue and the floor speak Polish, the
  // moderator's English.
  await bogdan.getByRole("button", { name: "Podnieś rękę" }).click();
  await bogdan.locator(".queue-mine", { hasText: "Twoja kolej jest następna." }).waitFor();
  // Why he stands there, as the server reasons it and his interface words it.
  await bogdan.getByText("Dlaczego tutaj: w kolejności podnoszenia rąk").waitFor();
  await salma.getByText(/لماذا هنا: \u2068?بترتيب رفع الأيدي/).waitFor();
  await mod.getByRole("button", { name: "Give the floor to Bogdan" }).click();
  await bogdan.getByText("Masz głos.").first().waitFor();
  await salma.locator(".floor-holder", { hasText: "Bogdan" }).waitFor();
  assert.equal(
    await salma.locator(".floor-holder").textContent(),
    "الكلمة مع \u2068Bogdan\u2069.",
    "a Latin name in an Arabic sentence, isolated so that the full stop stays at the sentence's end",
  );
});

test("easy read: short sentences and everyday words, a picture beside each main action, bigger targets", async () => {
  const created = await createRoom("Day centre");
  const base = stack.server.url;
  const page = await (await stack.browser.newContext({ ...laptop, locale: "en-GB" })).newPage();
  await page.goto(base + created.participantPath);
  await page.locator("main").getByLabel("Easy read").check();
  await page.getByLabel("Your name").waitFor();
  assert.equal(await page.locator("main").getByLabel("Easy read").isChecked(), true, "kept over the page's reload");
  await page.getByText("Join to watch. You will not write anything.").waitFor();
  await joinInPageLanguage(page, "Dee");
  await page.getByRole("heading", { name: "Speaking list" }).waitFor();
  await page.getByRole("heading", { name: "Who is speaking" }).waitFor();
  // The headings come before the room's state: wait for the floor's words, then check them whole.
  await page.locator(".floor-holder", { hasText: "Nobody is speaking." }).waitFor();
  assert.equal(await page.locator(".floor-holder").textContent(), "Nobody is speaking.");
  // A picture beside the main actions: raise hand, react, ask for a pause.
  for (const name of ["Raise hand", "Agree", "Ask for a pause"]) {
    const button = page.getByRole("button", { name, exact: true }).first();
    assert.ok(await button.locator("svg.easy-icon").isVisible(), `a picture beside "${name}"`);
    const box = await button.boundingBox();
    assert.ok(box.height >= 44, `"${name}" is a large target (${box.height} px)`);
  }
  await expectNoAxe(page, "languages-easy-read");
  // Easy read in Polish and Arabic too.
  await page.getByRole("button", { name: "Display settings" }).click();
  await page.getByRole("region", { name: "Display settings" }).getByLabel("Language").selectOption("pl");
  await page.getByRole("heading", { name: "Lista mówców" }).waitFor();
  await page.locator(".floor-holder", { hasText: "Nikt nie mówi." }).waitFor();
  assert.equal(await page.locator(".floor-holder").textContent(), "Nikt nie mówi.");
  await expectNoAxe(page, "languages-easy-read-polish");
  await page.getByRole("button", { name: "Ustawienia wyświetlania" }).click();
  await page.getByRole("region", { name: "Ustawienia wyświetlania" }).getByLabel("Język").selectOption("ar");
  await page.getByRole("heading", { name: "قائمة الكلام" }).waitFor();
  await expectNoAxe(page, "languages-easy-read-arabic");
  // Off again, back in English: the usual words, no pictures.
  await page.getByRole("button", { name: "إعدادات العرض" }).click();
  await page.getByRole("region", { name: "إعدادات العرض" }).getByLabel("اللغة").selectOption("en");
  await page.getByRole("button", { name: "Display settings" }).click();
  await page.getByRole("region", { name: "Display settings" }).getByLabel("Easy read").click(); // the page is built again
  await page.getByRole("heading", { name: "Speaking queue" }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Raise hand" }).locator("svg.easy-icon").isVisible(), false);
});

// The browser's speech, recorded at its API: what is said, in which language, how fast, when.
function recordSpeech() {
  window.__spoken = [];
  window.__cancelled = 0;
  window.__speakMs = 40;
  const speech = {
    speaking: false,
    pending: false,
    speak(u) {
      window.__spoken.push({ text: u.text, lang: u.lang, rate: u.rate, at: performance.now() });
      setTimeout(() => u.onend?.(new Event("end")), window.__speakMs);
    },
    cancel() {
      window.__cancelled += 1;
    },
    getVoices: () => [],
  };
  Object.defineProperty(window, "speechSynthesis", { value: speech, configurable: true });
}

test("read aloud: messages in order with their names, in the person's language, never faster than the pace, stopped by a key", async () => {
  const created = await createRoom("Read aloud");
  const base = stack.server.url;
  const mod = await joinAs(await stack.browser.newContext(laptop), base + created.moderatorPath, "Mo");
  const listenerContext = await stack.browser.newContext({ ...laptop, locale: "pl" });
  await listenerContext.addInitScript(recordSpeech);
  const listener = await listenerContext.newPage();
  await listener.goto(base + created.participantPath);
  await joinInPageLanguage(listener, "Bogdan");
  const ada = await joinAs(await stack.browser.newContext(laptop), base + created.participantPath, "Ada");

  // The room reads at 120 words a minute; Bogdan turns reading aloud on, at his fast pace.
  const pace = await consoleTab(mod, "Pace and support");
  await pace.getByLabel("Reading pace, words a minute (0: off; 120–250 suits most)").fill("120");
  await pace.getByRole("button", { name: "Save pace settings" }).click();
  await listener.getByRole("button", { name: "Ustawienia wyświetlania" }).click();
  const settings = listener.getByRole("region", { name: "Ustawienia wyświetlania" });
  await settings.getByLabel("Czytanie na głos", { exact: true }).check();
  await settings.getByText("Czytanie na głos jest włączone.", { exact: false }).waitFor();
  await settings.getByLabel("Tempo czytania na głos").selectOption({ label: "Szybko" });
  await listener.getByRole("button", { name: "Ustawienia wyświetlania" }).click();

  const said = ["One two three four five six.", "Seven eight nine.", "Ten."];
  for (const text of said) {
    await ada.getByLabel("Your message").fill(text);
    await ada.getByRole("button", { name: "Send" }).click();
    await ada.locator(".message .text", { hasText: text }).waitFor();
  }
  await waitInPage(
    listener,
    (n) => window.__spoken.filter((s) => s.text.startsWith("Ada mówi")).length >= n,
    said.length,
    30000,
  );
  const spoken = (await listener.evaluate(() => window.__spoken)).filter((s) => s.text.startsWith("Ada mówi"));
  assert.deepEqual(
    spoken.map((s) => s.text),
    said.map((text) => `Ada mówi: ${text}`),
    "in order, with the speaker's name, in Polish",
  );
  for (const s of spoken) {
    assert.equal(s.lang, "pl");
    assert.ok(s.rate <= 120 / 180 + 1e-6, `the voice is never faster than the room's pace (rate ${s.rate})`);
  }
  for (let i = 1; i < spoken.length; i += 1) {
    const words = spoken[i - 1].text.split(/\s+/).length;
    const atPace = (words * 60000) / 120;
    assert.ok(
      spoken[i].at - spoken[i - 1].at >= atPace - 50,
      `item ${i} waited for the pace (${spoken[i].at - spoken[i - 1].at} ms, ${atPace} at the pace)`,
    );
  }

  // A key press stops it at once: what is said and what waits.
  await listener.evaluate(() => (window.__speakMs = 60000));
  for (const text of ["Eleven twelve.", "Thirteen."]) {
    await ada.getByLabel("Your message").fill(text);
    await ada.getByRole("button", { name: "Send" }).click();
  }
  await listener.locator(".message .text", { hasText: "Thirteen." }).waitFor();
  await waitInPage(listener, () => window.__spoken.some((s) => s.text.endsWith("Eleven twelve.")));
  await listener.keyboard.press("Shift");
  assert.equal(await listener.evaluate(() => window.__cancelled), 1);
  // What came next is said; what waited at the key press is not.
  await ada.getByLabel("Your message").fill("Fourteen.");
  await ada.getByRole("button", { name: "Send" }).click();
  await waitInPage(listener, () => window.__spoken.some((s) => s.text.endsWith("Fourteen.")), undefined, 30000);
  assert.ok(
    !(await listener.evaluate(() => window.__spoken.some((s) => s.text.endsWith("Thirteen.")))),
    "what waited when the key was pressed is not said",
  );

  // "Read this to me" reads one message on request.
  await listener.evaluate(() => (window.__speakMs = 40));
  await listener.getByRole("button", { name: "Przeczytaj mi, co mówi Ada" }).first().click();
  await waitInPage(listener, () => window.__spoken.at(-1).text === "Ada mówi: One two three four five six.");
});

test("moderators give the briefing, glossary and agenda in other languages and easy read; each person reads theirs or the room's", async () => {
  const { created, base, mod } = await roomWithModerator("Bus routes");

  // The room's own texts are in English; the briefing also in Polish, and in easy read.
  const details = await consoleTab(mod, "Room details");
  await details.getByLabel("Language of the room's texts").selectOption("en");
  await details.getByRole("button", { name: "Save room details" }).click();
  await details.getByText("Saved.", { exact: true }).first().waitFor();
  const writeBriefing = async (language, easy, text) => {
    await details.getByLabel("Language of this text").selectOption(language);
    await details.getByLabel("Easy-read version").setChecked(easy);
    await details.getByLabel("Briefing for everyone").fill(text);
    await details.getByRole("button", { name: "Save the briefing" }).click();
    // The form says it saved (what it said before went as the text was typed).
    const saved = language || easy ? "Saved." : "Saved. Everyone sees it has been updated.";
    await details
      .locator("form", { has: mod.getByLabel("Briefing for everyone") })
      .getByText(saved, { exact: true })
      .waitFor();
  };
  await writeBriefing("", false, "Aims: we choose the new bus routes.");
  // English is the room's language: it is not offered again as another version.
  assert.deepEqual(
    await details
      .getByLabel("Language of this text")
      .locator("option")
      .evaluateAll((os) => os.map((o) => o.value)),
    ["", "pl", "ar"],
  );
  await writeBriefing("pl", false, "Cele: wybieramy nowe trasy autobusów.");
  await writeBriefing("", true, "We choose bus routes together.");
  // Choosing a version shows what it says now.
  await details.getByLabel("Easy-read version").setChecked(false);
  await details.getByLabel("Language of this text").selectOption("pl");
  assert.equal(await details.getByLabel("Briefing for everyone").inputValue(), "Cele: wybieramy nowe trasy autobusów.");

  // A glossary term, explained in Arabic too.
  const pace = await consoleTab(mod, "Pace and support");
  await pace.getByLabel("Term", { exact: true }).fill("ICB");
  await pace.getByLabel("In plain words (empty removes the term)").fill("Integrated care board");
  await pace.getByRole("button", { name: "Save term" }).click();
  // Saved: the form is emptied for the next term.
  const termId = await pace.getByLabel("Term", { exact: true }).getAttribute("id");
  const saved = () => waitInPage(mod, (id) => document.getElementById(id).value === "", termId);
  await saved();
  await pace.getByLabel("Language of this text").selectOption("ar");
  await pace.getByLabel("Term", { exact: true }).fill("ICB");
  await pace.getByLabel("The term in that language (optional)").fill("مجلس الرعاية");
  await pace.getByLabel("In plain words (empty removes the term)").fill("مجلس الرعاية المتكاملة يخطط للخدمات الصحية");
  await pace.getByRole("button", { name: "Save term" }).click();
  await saved();

  // An agenda item, titled in Polish too.
  const running = await consoleTab(mod, "Run the meeting");
  await running.getByLabel("Item title").fill("Bus routes");
  await running.getByText("In other languages").click();
  await running.getByLabel("Title in Polski").fill("Trasy autobusów");
  await running.getByRole("button", { name: "Add to the agenda" }).click();
  await running
    .getByRole("list", { name: "The agenda, to plan and run" })
    .getByText("Bus routes", { exact: true })
    .waitFor();

  // Bogdan reads Polish: the Polish briefing, marked as Polish, and the Polish title.
  const bogdanContext = await stack.browser.newContext({ ...laptop, locale: "pl" });
  const bogdan = await bogdanContext.newPage();
  await bogdan.goto(base + created.participantPath);
  await joinInPageLanguage(bogdan, "Bogdan");
  const briefingText = (page) => page.locator(".briefing-text");
  await briefingText(bogdan)
    .filter({ hasText: "Cele: wybieramy nowe trasy autobusów." })
    .waitFor({ state: "attached" });
  assert.equal(await briefingText(bogdan).getAttribute("lang"), "pl");
  await bogdan.locator(".agenda-list").getByText("Trasy autobusów").waitFor();

  // Salma reads Arabic: there is no Arabic briefing, so the room's, marked as English; the
  // glossary in Arabic, with the room's term beside hers.
  const salma = await (await stack.browser.newContext({ ...laptop, locale: "ar" })).newPage();
  await salma.goto(base + created.participantPath);
  await joinInPageLanguage(salma, "سلمى");
  await briefingText(salma).filter({ hasText: "Aims: we choose the new bus routes." }).waitFor({ state: "attached" });
  assert.equal(await briefingText(salma).getAttribute("lang"), "en");
  await salma.locator(".agenda-list").getByText("Bus routes", { exact: true }).waitFor();
  const glossary = salma.locator("dl.glossary");
  await glossary.locator("dt", { hasText: "مجلس الرعاية (ICB)" }).waitFor({ state: "attached" });
  assert.equal(await glossary.locator("dd").textContent(), "مجلس الرعاية المتكاملة يخطط للخدمات الصحية");
  assert.equal(await glossary.locator("dd").getAttribute("lang"), "ar");
  await expectNoAxe(salma, "languages-moderators-texts-arabic");

  // Dee reads English in easy read: the easy-read briefing.
  const dee = await (await stack.browser.newContext({ ...laptop, locale: "en-GB" })).newPage();
  await dee.goto(base + created.participantPath);
  await dee.locator("main").getByLabel("Easy read").check();
  await dee.getByLabel("Your name").waitFor();
  await joinInPageLanguage(dee, "Dee");
  await briefingText(dee).filter({ hasText: "We choose bus routes together." }).waitFor({ state: "attached" });

  // The briefing changes; the Polish version was written for the one before, and says so.
  await consoleTab(mod, "Room details");
  await writeBriefing("", false, "Aims: we choose the new bus routes and the times.");
  await bogdan.getByText("Ta wersja powstała przed ostatnimi zmianami.").waitFor({ state: "attached" });
  await briefingText(salma).filter({ hasText: "and the times" }).waitFor({ state: "attached" });
  // The moderator sees it beside that version too, until it is saved again.
  await details.getByLabel("Language of this text").selectOption("pl");
  await details.getByText("Written for an earlier briefing: check it still matches.").waitFor();
  await writeBriefing("pl", false, "Cele: wybieramy nowe trasy autobusów i godziny.");
  await bogdan.getByText("Ta wersja powstała przed ostatnimi zmianami.").waitFor({ state: "hidden" });

  // A glossary term in a message is explained in each reader's language.
  // Both spellings are marked for her: the room's and hers.
  await mod.getByLabel("Your message").fill("The ICB (مجلس الرعاية) will decide the timetable.");
  await mod.getByRole("button", { name: "Send" }).click();
  const term = salma.locator(".message .term", { hasText: "ICB" });
  await term.waitFor();
  assert.equal(await term.locator(".term-tip").textContent(), "مجلس الرعاية المتكاملة يخطط للخدمات الصحية");
  const terms = salma.locator(".message .term");
  assert.equal(await terms.count(), 2);
  const hers = terms.nth(1);
  assert.equal(await hers.evaluate((el) => el.firstChild.textContent), "مجلس الرعاية");
  assert.equal(await hers.locator(".term-tip").textContent(), "مجلس الرعاية المتكاملة يخطط للخدمات الصحية");
  assert.equal(await bogdan.locator(".message .term .term-tip").textContent(), "Integrated care board");
  await expectNoAxe(bogdan, "languages-moderators-texts-polish");
});
