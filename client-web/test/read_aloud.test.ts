// Reading aloud without a browser: the speech and the clock are stand-ins the test drives.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ReadAloud } from "../src/read_aloud";

interface Said {
  text: string;
  lang: string;
  rate: number;
  at: number;
  onend: (() => void) | null;
}

function harness(settings: { on: boolean; wordsPerMinute: number; roomPace: number }) {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  const said: Said[] = [];
  let cancelled = 0;
  const aloud = new ReadAloud(
    {
      speech: {
        speak: (u) => said.push({ ...(u as unknown as Said), at: now }),
        cancel: () => void (cancelled += 1),
        getVoices: () => [],
      },
      makeUtterance: (text) =>
        ({ text, lang: "", rate: 1, onend: null, onerror: null }) as unknown as SpeechSynthesisUtterance,
      now: () => now,
      later: (run, ms) => {
        const timer = { at: now + ms, run };
        timers.push(timer);
        return timer;
      },
      cancelLater: (handle) => timers.splice(timers.indexOf(handle as (typeof timers)[0]), 1),
    },
    () => ({ ...settings, lang: "pl" }),
  );
  // Moves the clock on, running what falls due.
  const advance = (ms: number) => {
    now += ms;
    for (const due of timers.filter((x) => x.at <= now)) {
      timers.splice(timers.indexOf(due), 1);
      due.run();
    }
  };
  // The speech finishes what it is saying.
  const finish = () => said[said.length - 1].onend?.();
  return { aloud, said, advance, finish, cancelled: () => cancelled, settings };
}

test("off by default means nothing is said; 'Read this to me' is said anyway", () => {
  const h = harness({ on: false, wordsPerMinute: 150, roomPace: 0 });
  h.aloud.say("Ada said: hello");
  assert.equal(h.said.length, 0);
  h.aloud.sayNow("Ada said: hello");
  assert.deepEqual(
    h.said.map((s) => [s.text, s.lang]),
    [["Ada said: hello", "pl"]],
  );
});

test("items are said in order, one at a time, each after the last has ended", () => {
  const h = harness({ on: true, wordsPerMinute: 600, roomPace: 0 });
  h.aloud.say("Ada said: one");
  h.aloud.say("Bo said: two");
  assert.deepEqual(
    h.said.map((s) => s.text),
    ["Ada said: one"],
    "the second waits while the first is said",
  );
  h.finish();
  h.advance(1000);
  assert.deepEqual(
    h.said.map((s) => s.text),
    ["Ada said: one", "Bo said: two"],
  );
});

test("never faster than the room's reading pace: neither the voice's rate nor the gaps", () => {
  // The person chose 200 words a minute; the room's pace is 120.
  const h = harness({ on: true, wordsPerMinute: 200, roomPace: 120 });
  assert.equal(h.aloud.wordsPerMinute(), 120);
  h.aloud.say("one two three four five six"); // six words at 120 a minute: 3 s
  h.aloud.say("next");
  assert.ok(Math.abs(h.said[0].rate - 120 / 180) < 1e-9, `rate ${h.said[0].rate}`);
  h.finish(); // the voice was quicker than the pace
  h.advance(2999);
  assert.equal(h.said.length, 1, "the next item waits until the words would have been read at the pace");
  h.advance(1);
  assert.equal(h.said.length, 2);
  assert.equal(h.said[1].at - h.said[0].at, 3000);
});

test("without a room pace, the person's own pace sets the voice", () => {
  const h = harness({ on: true, wordsPerMinute: 110, roomPace: 0 });
  h.aloud.say("hello");
  assert.ok(Math.abs(h.said[0].rate - 110 / 180) < 1e-9);
});

test("stop silences what is said and forgets what waits", () => {
  const h = harness({ on: true, wordsPerMinute: 600, roomPace: 0 });
  h.aloud.say("one");
  h.aloud.say("two");
  assert.ok(h.aloud.busy());
  h.aloud.stop();
  assert.equal(h.cancelled(), 1);
  assert.ok(!h.aloud.busy());
  h.finish();
  h.advance(60_000);
  assert.deepEqual(
    h.said.map((s) => s.text),
    ["one"],
  );
});
