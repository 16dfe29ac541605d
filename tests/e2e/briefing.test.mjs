// The briefing's promises in a real browser: only web and mail links are links (a data: or
// javascript: link stays text), and a deeply nested list is shown whole, its deepest words too
// (markdown-it stops at its nesting limit: what lies past it is shown, never dropped).
import assert from "node:assert/strict";
import { test } from "node:test";
import { axeViolations, consoleTab, roomWith, useStack } from "./lib/harness.mjs";

const stack = useStack();

// A list nested `depth` deep, each level one step in; its last line holds `deepest`.
function nestedList(depth, deepest) {
  const lines = [];
  for (let level = 0; level < depth; ++level) lines.push(`${"  ".repeat(level)}- level ${level + 1}`);
  lines.push(`${"  ".repeat(depth)}- ${deepest}`);
  return lines.join("\n");
}

test("a briefing's links are web and mail links only, and no nested text is dropped", async () => {
  const {
    mod,
    people: [ada],
  } = await roomWith(stack, { title: "Briefing check", phase: "PREPARING" }, "Ada");

  const text = [
    "# Before we meet",
    "",
    "Read [the plan](https://example.org/plan), write to [the team](mailto:team@example.org),",
    "but [this picture](data:image/png;base64,iVBORw0KGgo=) and [this script](javascript:alert(1)) are not links.",
    "",
    nestedList(11, "eleven deep words"),
    "",
    "Between the lists.",
    "",
    nestedList(60, "sixty deep words"),
    "",
    "After the lists.",
  ].join("\n");
  const details = await consoleTab(mod, "Room details");
  await details.getByLabel("Briefing for everyone").fill(text);
  await details.getByRole("button", { name: "Save the briefing" }).click();

  const briefing = ada.getByRole("region", { name: "Briefing" });
  await briefing.getByRole("heading", { name: "Before we meet" }).waitFor();
  const content = briefing.locator(".briefing-text");
  assert.equal(await content.getByRole("link", { name: "the plan" }).getAttribute("href"), "https://example.org/plan");
  assert.equal(await content.getByRole("link", { name: "the team" }).getAttribute("href"), "mailto:team@example.org");
  assert.equal(await content.locator("a[href^='data:'], a[href^='javascript:']").count(), 0);
  assert.match(await content.innerText(), /\[this picture\]\(data:image\/png/);
  for (const words of ["eleven deep words", "Between the lists.", "sixty deep words", "After the lists."])
    assert.ok((await content.innerText()).includes(words), `"${words}" is shown`);
  // The eleventh level is a real list, not text shown after the rest.
  assert.equal((await content.locator("li", { hasText: "eleven deep words" }).count()) > 0, true);
  assert.deepEqual(await axeViolations(ada), []);
});
