// Form fields take the server's limits, by name.
import assert from "node:assert/strict";
import { test } from "node:test";
import { applyLimit, limitOf, setLimits } from "../src/limits";
import { TextLimitsSchema, create } from "../src/protocol";

// A text field as the DOM has it, as far as limits go.
const field = (limit: string) => ({ dataset: { limit }, maxLength: -1 }) as unknown as HTMLTextAreaElement;

test("a field named after a limit takes the server's number once it is known", () => {
  const message = field("message");
  applyLimit(message);
  assert.equal(message.maxLength, -1); // not known yet: the server still checks
  const title = field("title");
  const root = { querySelectorAll: () => [message, title] } as unknown as ParentNode;
  setLimits(create(TextLimitsSchema, { message: 300, title: 120 }), root);
  assert.equal(message.maxLength, 300);
  assert.equal(title.maxLength, 120);
  assert.equal(limitOf("message"), 300);
  assert.equal(limitOf("briefing"), undefined); // not said: no limit in the browser
  const later = field("title");
  applyLimit(later);
  assert.equal(later.maxLength, 120);
});
