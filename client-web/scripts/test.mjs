// Unit tests of the browser client's own code, in Node (no browser): each test/*.test.ts is
// bundled with esbuild into a temporary directory, then run by node --test.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tests = readdirSync(join(root, "test")).filter((f) => f.endsWith(".test.ts"));
const out = mkdtempSync(join(tmpdir(), "ts-client-tests-"));
try {
  await build({
    entryPoints: tests.map((f) => join(root, "test", f)),
    bundle: true,
    platform: "node",
    format: "esm",
    target: ["node18"],
    outdir: out,
    outExtension: { ".js": ".mjs" },
    logLevel: "warning",
  });
  const files = readdirSync(out)
    .filter((f) => f.endsWith(".test.mjs"))
    .map((f) => join(out, f));
  const run = spawnSync(process.execPath, ["--test", ...files], { stdio: "inherit" });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
