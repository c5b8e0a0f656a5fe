// Encode-only MB/s of the JavaScript tokenizers on one core, for
// scripts/bench/tokenizer_throughput.sh:
//   node tokenizer_throughput.mjs PEERS_DIR QWEN_TOKENIZER_JSON[.gz] INPUT.jsonl
// INPUT holds one JSON string per line. Prints one "name MB/s tokens" line per tokenizer.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const [peers, qwenJson, input] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(peers), "peers.js"));
const { TokenizerLoader } = require("@lenml/tokenizers");
const { getEncoding } = require("js-tiktoken");

const texts = fs.readFileSync(input, "utf8").split("\n").filter((l) => l).map((l) => JSON.parse(l));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, "utf8"), 0);

let raw = fs.readFileSync(qwenJson);
if (qwenJson.endsWith(".gz")) raw = zlib.gunzipSync(raw);
const qwen = TokenizerLoader.fromPreTrained({ tokenizerJSON: JSON.parse(raw.toString("utf8")), tokenizerConfig: {} });
const gpt2 = getEncoding("gpt2");

const runs = [
  ["@lenml/tokenizers qwen2", (t) => qwen.encode(t, { add_special_tokens: false }).length],
  ["js-tiktoken gpt2", (t) => gpt2.encode(t, "all").length],
];
for (const [name, encode] of runs) {
  for (let i = 0; i < Math.min(2000, texts.length); ++i) encode(texts[i]);  // warm up the JIT
  const start = process.hrtime.bigint();
  let tokens = 0;
  for (const t of texts) tokens += encode(t);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${name}\t${(bytes / 1e6 / seconds).toFixed(2)}\t${tokens}`);
}
