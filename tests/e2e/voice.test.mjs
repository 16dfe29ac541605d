// Voice in a real audio room: Janus carries it, the server decides whose voice gets through,
// and a listening page measures what actually arrives. Each person's Chromium sends a tone of
// their own (a file as its fake microphone); the moderator's page hears them and measures the
// energy at each tone's frequency (Web Audio's AnalyserNode) on what it receives.
//
// Janus gathers no ICE candidates on loopback, so it runs in a network namespace of its own,
// joined to this one by a veth pair this file makes (and removes): the browsers reach it there.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  axeViolations,
  consoleTab,
  expectProjectorFits,
  joinAs,
  launchBrowser,
  laptop,
  root,
  screenshot,
  useStack,
  waitInPage,
} from "./lib/harness.mjs";

// --- the network and Janus -------------------------------------------------------------
const tag = (process.pid % 46656).toString(36);
const ns = `tsvoice-${tag}`;
const outside = `tsv${tag}a`;
const inside = `tsv${tag}b`;
const subnet = `10.231.${process.pid % 250}`;
const hostAddress = `${subnet}.1`;
const janusAddress = `${subnet}.2`;
const janusPort = 8188;
const dir = mkdtempSync(join(tmpdir(), "ts-e2e-janus-"));
const secretFile = join(dir, "secret");
const ip = (...args) => execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"] });

function makeNetwork() {
  ip("netns", "add", ns);
  ip("link", "add", outside, "type", "veth", "peer", "name", inside);
  ip("link", "set", inside, "netns", ns);
  ip("addr", "add", `${hostAddress}/30`, "dev", outside);
  ip("link", "set", outside, "up");
  ip("-n", ns, "addr", "add", `${janusAddress}/30`, "dev", inside);
  ip("-n", ns, "link", "set", inside, "up");
  ip("-n", ns, "link", "set", "lo", "up");
}
function removeNetwork() {
  try {
    ip("link", "del", outside);
  } catch {}
  try {
    ip("netns", "del", ns);
  } catch {}
}

let janus = null;
function accepts() {
  return new Promise((resolve) => {
    const socket = connect(janusPort, janusAddress);
    socket.once("connect", () => socket.end(() => resolve(true)));
    socket.once("error", () => resolve(false));
  });
}
async function startJanus() {
  janus = spawn(
    "ip",
    [
      "netns",
      "exec",
      ns,
      "janus",
      `--config=${dir}/janus.jcfg`,
      `--configs-folder=${dir}`,
      "--disable-colors",
      "--disable-stdout",
      `--log-file=${dir}/janus.log`,
    ],
    { stdio: "ignore" },
  );
  const until = Date.now() + 20000;
  while (!(await accepts())) {
    if (Date.now() > until) throw new Error(`Janus did not start: ${readFileSync(`${dir}/janus.log`, "utf8")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
function killJanus() {
  return new Promise((resolve) => {
    janus.once("exit", resolve);
    janus.kill("SIGKILL");
  });
}

// A TURN relay (coturn) on this side of the veth pair, for a browser that may not reach Janus
// directly: it relays to Janus in the namespace.
const turnPort = 35000 + (process.pid % 5000);
const turnRelayFrom = 41000 + (process.pid % 200) * 40;
const turnDir = join(dir, "turn");
const turnSecretFile = join(dir, "turn-secret");
let turn = null;
function startTurn() {
  turn = spawn("turnserver", ["-c", join(turnDir, "turnserver.conf")], { stdio: "ignore" });
}

removeNetwork(); // what a killed run of this file left
makeNetwork();
execFileSync(join(root, "scripts", "lib", "janus-config"), [dir, String(janusPort), secretFile, janusAddress]);
execFileSync(join(root, "scripts", "lib", "turn-config"), [
  turnDir,
  String(turnPort),
  turnSecretFile,
  hostAddress,
  `${turnRelayFrom}-${turnRelayFrom + 39}`,
]);
before(startJanus);
before(startTurn);
after(async () => {
  turn?.kill("SIGTERM");
  if (janus && janus.exitCode === null) await killJanus();
  removeNetwork();
  if (!process.env.TS_KEEP_JANUS_LOG) rmSync(dir, { recursive: true, force: true });
});
const stack = useStack([
  "--janus",
  `ws://${janusAddress}:${janusPort}`,
  "--voice-secret-file",
  secretFile,
  "--turn",
  `turn:${hostAddress}:${turnPort}?transport=udp`,
  "--turn-secret-file",
  turnSecretFile,
]);

// --- people with tones ------------------------------------------------------------------
// A tone as a WAV file (48 kHz, 16-bit mono): Chromium plays it, looped, as the microphone.
function toneFile(hz) {
  const rate = 48000;
  const samples = rate * 4;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(12000 * Math.sin((2 * Math.PI * hz * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  const file = join(dir, `tone-${hz}.wav`);
  writeFileSync(file, Buffer.concat([header, data]));
  return file;
}

const browsers = [];
async function contextWithTone(hz, viewport = laptop) {
  const browser = await launchBrowser([
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    `--use-file-for-fake-audio-capture=${toneFile(hz)}`,
    "--autoplay-policy=no-user-gesture-required",
    // Real addresses in ICE candidates, not mDNS names Janus would have to resolve.
    "--disable-features=WebRtcHideLocalIpsWithMdns",
  ]);
  browsers.push(browser);
  const context = await browser.newContext(viewport);
  // A tone is not speech: the browser's noise suppression would take a steady one for noise and
  // fade it out. The tones go through untouched, as a voice would.
  await context.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = (constraints) =>
      original({ ...constraints, audio: { noiseSuppression: false, autoGainControl: false, echoCancellation: false } });
  });
  return context;
}
async function personWithTone(link, name, hz) {
  return joinAs(await contextWithTone(hz), link, name);
}
after(() => Promise.all(browsers.map((b) => b.close())));

const voice = (page) => page.getByRole("region", { name: "Voice" });

async function joinVoice(page, openMicrophone) {
  await voice(page).getByRole("button", { name: "Join the voice" }).click();
  await voice(page).getByRole("button", { name: "Leave the voice" }).waitFor();
  if (openMicrophone) {
    await voice(page).getByRole("button", { name: "Open my microphone" }).click();
    await voice(page).getByRole("button", { name: "Close my microphone" }).waitFor();
  }
}

// The listening page: every voice it receives goes into one analyser.
async function levels(page) {
  return page.evaluate(async () => {
    if (!window.__ear) {
      const ctx = new AudioContext();
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 8192;
      analyser.smoothingTimeConstant = 0;
      window.__ear = { ctx, analyser, sources: new Map() };
    }
    const ear = window.__ear;
    if (ear.ctx.state !== "running") await ear.ctx.resume();
    for (const audio of document.querySelectorAll(".voice-audio audio")) {
      if (!audio.srcObject || ear.sources.has(audio.srcObject)) continue;
      const source = ear.ctx.createMediaStreamSource(audio.srcObject);
      source.connect(ear.analyser);
      ear.sources.set(audio.srcObject, source);
    }
    const data = new Float32Array(ear.analyser.frequencyBinCount);
    ear.analyser.getFloatFrequencyData(data);
    const at = (hz) => {
      const bin = Math.round(hz / (ear.ctx.sampleRate / ear.analyser.fftSize));
      // (Nothing at all reads as -Infinity, which JSON cannot carry.)
      return Math.max(-200, data[bin - 1], data[bin], data[bin + 1]);
    };
    return { ada: at(440), ben: at(660), room: at(330) };
  });
}
const HEARD = -60; // dB at the tone's frequency: a voice coming through (about -25 here)
// Nothing of it: below -72 dB, or 30 dB under a voice that is heard (whose coding noise reaches
// about 37 dB under it at the other tone's frequency).
const SILENT = -72;
const heard = (levels, who) => levels[who] > HEARD;
const silent = (levels, who) => levels[who] < Math.max(SILENT, Math.max(...Object.values(levels)) - 30);

// Waits until what the listener hears satisfies wanted ({ ada: true, ben: false }); returns how
// long that took. Samples every 20 ms (the measurement itself: nothing to await).
async function until(listener, wanted, timeout = 15000) {
  const start = Date.now();
  let last;
  for (;;) {
    last = await levels(listener);
    const ok = Object.entries(wanted).every(([who, on]) => (on ? heard(last, who) : silent(last, who)));
    if (ok) return Date.now() - start;
    if (Date.now() - start > timeout) {
      // What the page receives, to tell a voice held back from a connection that never came up.
      const audios = await listener.evaluate(() =>
        [...document.querySelectorAll(".voice-audio audio")].map((a) => ({
          who: a.dataset.memberId,
          tracks: a.srcObject?.getAudioTracks().map((t) => ({ state: t.readyState, muted: t.muted })),
        })),
      );
      throw new Error(`still not ${JSON.stringify(wanted)} after ${timeout} ms: ${JSON.stringify({ last, audios })}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Holds for a while: what the listener hears stays as wanted the whole time.
async function stays(listener, wanted, ms = 1500) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const now = await levels(listener);
    for (const [who, on] of Object.entries(wanted))
      assert.ok(on ? heard(now, who) : silent(now, who), `${who} ${on ? "heard" : "silent"}: ${JSON.stringify(now)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// A room with voice in floor mode, and its moderator listening (a tone of their own, microphone
// closed) on the console's "Run the meeting" tab.
async function floorModeRoom(title) {
  const api = await stack.browser.newContext();
  const room = await (await api.request.post(stack.server.url + "/api/rooms", { data: { title } })).json();
  await api.close();
  const mod = await personWithTone(stack.server.url + room.moderatorPath, "Mo", 880);
  // Voice is set in the console; the Voice panel shows once the room has it.
  const running = await consoleTab(mod, "Run the meeting");
  await running
    .getByLabel("Voice in this room")
    .selectOption({ label: "Floor: only whoever has the floor, and the moderators" });
  await joinVoice(mod, false);
  await voice(mod).getByText("Your microphone is closed.").waitFor();
  return { room, mod };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

test("in floor mode only the floor holder is heard, enforced by the media server; without Janus the meeting goes on as text", async () => {
  const { room, mod } = await floorModeRoom("Voices");

  const ada = await personWithTone(stack.server.url + room.participantPath, "Ada", 440);
  const ben = await personWithTone(stack.server.url + room.participantPath, "Ben", 660);
  for (const page of [ada, ben]) {
    await joinVoice(page, true);
    await voice(page).getByText("Your microphone is open. You are heard once you have the floor.").waitFor();
  }
  // Both voices reach the moderator's page, and neither is let through: nobody has the floor.
  await mod.locator(".voice-audio audio").nth(1).waitFor({ state: "attached" });
  await stays(mod, { ada: false, ben: false });
  assert.deepEqual(await axeViolations(ada), [], "axe violations: voice, open, waiting for the floor");
  await screenshot(ada, "voice-open-waiting-for-floor");

  const floor = (page) => page.getByRole("region", { name: "The floor" });
  const starts = [];
  const stops = [];
  for (let round = 0; round < 3; round++) {
    for (const [person, name, other] of [
      [ada, "ada", "ben"],
      [ben, "ben", "ada"],
    ]) {
      await person
        .getByRole("region", { name: /Speaking queue/ })
        .getByRole("button", { name: "Raise hand" })
        .click();
      await person.locator(".queue-mine").waitFor();
      await floor(mod)
        .getByRole("button", { name: /^(Give|Pass) the floor to the next person$/ })
        .click();
      const given = Date.now();
      await until(mod, { [name]: true });
      starts.push(Date.now() - given);
      await until(mod, { [other]: false });
      stops.push(Date.now() - given);
      await stays(mod, { [name]: true, [other]: false }, 500);
    }
  }
  console.log(
    `# voice: a floor change is heard within p50 ${percentile(starts, 50)} ms, p99 ${percentile(starts, 99)} ms; ` +
      `the old holder is silent within p50 ${percentile(stops, 50)} ms, p99 ${percentile(stops, 99)} ms`,
  );

  // Time actually spoken: Ada speaks a longer turn; what the record says she spoke matches how
  // long the listener heard her, less Janus's voice detection (its talking event comes after
  // a second of sound; the end is the server's own, at the moment it holds her voice back).
  await ada
    .getByRole("region", { name: /Speaking queue/ })
    .getByRole("button", { name: "Raise hand" })
    .click();
  await ada.locator(".queue-mine").waitFor();
  const given = Date.now();
  await floor(mod)
    .getByRole("button", { name: /^(Give|Pass) the floor to the next person$/ })
    .click();
  await until(mod, { ada: true });
  const heardFrom = Date.now();
  await until(mod, { ben: false });
  await stays(mod, { ada: true, ben: false }, 6000);
  // Who is speaking, in words, on every page: Ada alone (Ben's open microphone is not heard, so
  // not even his own page counts him).
  for (const page of [mod, ben, ada])
    await waitInPage(page, () => document.querySelector(".voice-speaking")?.textContent === "Speaking now: Ada");
  await floor(mod).getByRole("button", { name: "End this turn" }).click();
  await until(mod, { ada: false });
  const heardMs = Date.now() - heardFrom;
  // Once she is held back, nobody is shown speaking.
  await waitInPage(mod, () => document.querySelector(".voice-speaking")?.textContent === "");
  const spokenByAda = async () => {
    const reader = await stack.browser.newContext();
    const res = await reader.request.get(`${stack.server.url}/api/rooms/${room.roomId}/transcript?format=json`, {
      headers: { Authorization: `Bearer ${room.moderatorKey}` },
    });
    const record = await res.json();
    await reader.close();
    const names = new Map(
      record.events
        .filter((e) => e.memberJoined)
        .map((e) => [e.memberJoined.member.memberId, e.memberJoined.member.displayName]),
    );
    return record.events
      .filter(
        (e) => e.voiceSpoken && names.get(e.voiceSpoken.memberId) === "Ada" && Number(e.voiceSpoken.fromMs) >= given,
      )
      .reduce((sum, e) => sum + Number(e.voiceSpoken.voicedMs), 0);
  };
  // (Recorded as the turn ends: the record may take a moment to have it.)
  let spoken = await spokenByAda();
  for (const until = Date.now() + 5000; spoken === 0 && Date.now() < until; spoken = await spokenByAda())
    await new Promise((r) => setTimeout(r, 100));
  console.log(`# voice: Ada was heard for ${heardMs} ms; the record says she spoke ${spoken} ms`);
  assert.ok(spoken >= heardMs - 2000 && spoken <= heardMs + 500, `spoke ${spoken} ms, heard ${heardMs} ms`);
  // The balance of voices shows it beside the time with the floor.
  await mod.getByText("Time actually spoken").first().waitFor({ state: "attached" });

  // Ben gives his turn back too; then he has the floor again.
  await ben
    .getByRole("region", { name: /Speaking queue/ })
    .getByRole("button", { name: "Raise hand" })
    .click();
  await ben.locator(".queue-mine").waitFor();
  await floor(mod)
    .getByRole("button", { name: /^(Give|Pass) the floor to the next person$/ })
    .click();
  await until(mod, { ben: true });

  // Ben has the floor. Ada, without it, joins the voice again with her microphone open: her new
  // voice is held in the media server before any of it can flow.
  await voice(ada).getByRole("button", { name: "Leave the voice" }).click();
  await joinVoice(ada, false);
  await stays(mod, { ada: false, ben: true });
  // Nor can she reach the media server herself: its API asks a secret her browser never saw.
  const seen = await ada.evaluate(() =>
    performance
      .getEntries()
      .map((e) => e.name)
      .join(" "),
  );
  const secret = readFileSync(secretFile, "utf8").trim();
  assert.ok(!seen.includes(secret));
  // (From a blank page of her browser: the room's page would not even let a script connect there.)
  const devtools = await ada.context().newPage();
  const refused = await devtools.evaluate(
    (address) =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(address, "janus-protocol");
        ws.onopen = () => ws.send(JSON.stringify({ janus: "create", transaction: "t1" }));
        ws.onmessage = (m) => {
          resolve(JSON.parse(m.data));
          ws.close();
        };
        ws.onerror = () => reject(new Error("no connection to Janus"));
      }),
    `ws://${janusAddress}:${janusPort}`,
  );
  await devtools.close();
  assert.equal(refused.janus, "error", JSON.stringify(refused));
  assert.equal(refused.error.code, 403, JSON.stringify(refused));

  // Janus dies: everyone is told, and the meeting goes on as text.
  await killJanus();
  for (const page of [mod, ada, ben])
    await voice(page)
      .getByText(/^Voice is unavailable: /)
      .waitFor();
  await ada.getByLabel("Your message").fill("I can still write.");
  await ada.getByRole("button", { name: "Send", exact: true }).click();
  await mod.locator(".message .text", { hasText: "I can still write." }).waitFor();
  // It comes back: the server makes the room again, the browsers join the voice again, and the
  // floor still decides.
  await startJanus();
  for (const page of [mod, ada, ben]) await voice(page).getByRole("button", { name: "Leave the voice" }).waitFor();
  await until(mod, { ben: true, ada: false }, 30000);

  // A moderator closes Ben's microphone while he has the floor: he is silent at once, and his
  // own page says so and offers to open it again.
  await voice(mod)
    .getByText(/^Microphones open: .*Ben/)
    .waitFor();
  await voice(mod).getByRole("button", { name: "Close Ben's microphone" }).click();
  await until(mod, { ben: false });
  await voice(ben).getByText("Your microphone is closed.").waitFor();
  await voice(ben).getByRole("button", { name: "Open my microphone" }).waitFor();
  assert.equal(await voice(mod).getByRole("button", { name: "Close Ben's microphone" }).count(), 0);
});

test("the room's voice by its consent: a moderator asks the room, and adopting the answer turns voice on", async () => {
  const api = await stack.browser.newContext();
  const room = await (await api.request.post(stack.server.url + "/api/rooms", { data: { title: "Asked" } })).json();
  await api.close();
  const mod = await joinAs(await stack.browser.newContext(laptop), stack.server.url + room.moderatorPath, "Mo");
  const ada = await joinAs(await stack.browser.newContext(), stack.server.url + room.participantPath, "Ada");
  const running = await consoleTab(mod, "Run the meeting");
  await running
    .getByLabel("Or propose a voice mode to the room")
    .selectOption({ label: "Floor: only whoever has the floor, and the moderators" });
  await running.getByRole("button", { name: "Ask the room" }).click();
  const asked = (page) =>
    page.getByRole("region", { name: "Decisions" }).getByRole("article", { name: /Shall we use this for voice/ });
  await asked(ada)
    .getByText("If adopted, the room's voice becomes: Floor: only whoever has the floor, and the moderators.")
    .waitFor();
  // Asked is not decided: the room has no voice yet.
  assert.equal(await voice(ada).count(), 0);
  await asked(ada).getByLabel("Agree", { exact: true }).check();
  await asked(ada).getByRole("button", { name: "Send my answer" }).click();
  await asked(ada).getByText("Your answer: Agree").waitFor();
  await asked(mod).getByLabel("Adopt the change of voice (not while anyone blocks)").check();
  await asked(mod).getByRole("button", { name: "Close and record" }).click();
  await mod
    .getByRole("list", { name: "Decisions recorded" })
    .getByText("Change of voice to Floor: only whoever has the floor, and the moderators: adopted.")
    .waitFor();
  // Adopted: the room has voice, in floor mode, for everyone.
  await voice(ada).getByRole("button", { name: "Join the voice" }).waitFor();
  assert.equal(
    await running.getByLabel("Voice in this room").inputValue(),
    String(2), // VoiceMode.VOICE_FLOOR
  );
  assert.deepEqual(await axeViolations(mod), [], "axe violations: the console's voice tools");
  for (const page of [mod, ada]) await page.context().close();
});

test("hybrid: the room's screen carries the meeting room's microphone, heard while someone in the room has the floor", async () => {
  const { room, mod } = await floorModeRoom("Hybrid");
  // The meeting room's sound is a 330 Hz tone, into the screen's microphone.
  const screen = await (await contextWithTone(330, { viewport: { width: 1920, height: 1080 } })).newPage();
  await screen.goto(stack.server.url + room.projectorPath);
  const microphone = screen.getByRole("region", { name: "The room's microphone" });
  await microphone.getByRole("button", { name: "Connect the room's microphone and speakers" }).click();
  await microphone
    .getByText("The room's microphone is on. The room is heard when someone here has the floor.")
    .waitFor();
  // Read from the back of the room like the rest of the screen: 24 px, and 7:1 contrast.
  await expectProjectorFits(screen);
  assert.deepEqual(await axeViolations(screen, { enhancedContrast: true }), [], "contrast on the room's screen");
  await mod.locator(".voice-audio audio").first().waitFor({ state: "attached" });
  await stays(mod, { room: false });

  // Dee is in the room without a device: her turn opens the room's microphone, and only hers.
  const people = await consoleTab(mod, "People in the room");
  await people.getByLabel("Name", { exact: true }).fill("Dee");
  await people.getByRole("button", { name: "Add to the room" }).click();
  await people.getByRole("button", { name: "Raise a hand for Dee" }).click();
  const floor = mod.getByRole("region", { name: "The floor" });
  await floor.getByRole("button", { name: /^(Give|Pass) the floor to the next person$/ }).click();
  await until(mod, { room: true });
  await microphone.getByText("The room is heard now.").waitFor();
  await stays(mod, { room: true }, 1000);
  await floor.getByRole("button", { name: "End this turn" }).click();
  await until(mod, { room: false });
  await microphone
    .getByText("The room's microphone is on. The room is heard when someone here has the floor.")
    .waitFor();
  await screenshot(screen, "voice-room-microphone");
});

test("through the TURN relay: someone whose browser may reach Janus only by the relay is heard", async () => {
  const { room, mod } = await floorModeRoom("Relayed");
  const context = await contextWithTone(440);
  // Behind a NAT that lets nothing straight through: this browser's connections may use only
  // relayed candidates, with the relay and credentials the room's voice status gave it.
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    window.__connections = [];
    window.RTCPeerConnection = function (config) {
      const pc = new Native({ ...config, iceTransportPolicy: "relay" });
      window.__connections.push(pc);
      return pc;
    };
    window.RTCPeerConnection.prototype = Native.prototype;
  });
  const ada = await joinAs(context, stack.server.url + room.participantPath, "Ada");
  await joinVoice(ada, true);
  await ada
    .getByRole("region", { name: /Speaking queue/ })
    .getByRole("button", { name: "Raise hand" })
    .click();
  await mod
    .getByRole("region", { name: "The floor" })
    .getByRole("button", { name: /^(Give|Pass) the floor to the next person$/ })
    .click();
  await until(mod, { ada: true }, 30000);
  // Her microphone's connection runs through the relay: its candidate pair in use starts at a
  // relayed candidate (coturn accepted the room's credentials).
  const used = await ada.evaluate(async () => {
    const stats = [...(await window.__connections[0].getStats()).values()];
    const pair = stats.find((s) => s.type === "candidate-pair" && s.state === "succeeded" && s.nominated);
    return stats.find((s) => s.id === pair?.localCandidateId)?.candidateType;
  });
  assert.equal(used, "relay");
});
