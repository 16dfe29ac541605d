// Generates TypeScript from proto/ (the single source of truth) into src/gen/, which git
// ignores. Needs protoc (Debian's protobuf-compiler) and the protoc-gen-es plugin from npm.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "src", "gen");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
execFileSync(
  "protoc",
  [
    `--plugin=protoc-gen-es=${join(root, "node_modules", ".bin", "protoc-gen-es")}`,
    `--es_out=${out}`,
    "--es_opt=target=ts,import_extension=none",
    `-I${join(root, "..", "proto")}`,
    "talkingstick/v1/protocol.proto",
  ],
  { stdio: "inherit" },
);
