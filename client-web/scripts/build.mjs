// Bundles the client into dist/: one script, one stylesheet, one page. No inline script
// or style anywhere, so the server's Content-Security-Policy can forbid them.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, "assets"), { recursive: true });
// app.js loads the person's language, then the rest: each language's catalogue (and the
// application after it) is a chunk of its own, fetched when needed.
await build({
  entryPoints: { app: join(root, "src", "main.ts") },
  bundle: true,
  splitting: true,
  format: "esm",
  target: ["es2020"],
  minify: true,
  sourcemap: true,
  outdir: join(dist, "assets"),
  chunkNames: "chunks/[name]-[hash]",
  charset: "utf8",
  logLevel: "warning",
});
copyFileSync(join(root, "src", "index.html"), join(dist, "index.html"));
copyFileSync(join(root, "src", "styles.css"), join(dist, "assets", "styles.css"));
copyFileSync(join(root, "src", "favicon.svg"), join(dist, "assets", "favicon.svg"));
