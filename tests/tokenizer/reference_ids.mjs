// Reference ids from the JavaScript tokenizers, for comparing with ours.
//   node reference_ids.mjs PEERS_DIR (--hf TOKENIZER_JSON[.gz] | --tiktoken ENCODING) IN OUT
// IN: one JSON string per line. OUT: one JSON array of ids per line. Special tokens
// written in the text are matched, as Hugging Face does.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const [peers, kind, source, input, output] = process.argv.slice(2);
if (!output) {
  console.error("usage: reference_ids.mjs PEERS_DIR (--hf FILE | --tiktoken NAME) IN OUT");
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(peers), "peers.js"));

let encode;
if (kind === "--hf") {
  const { TokenizerLoader } = require("@lenml/tokenizers");
  let bytes = fs.readFileSync(source);
  if (source.endsWith(".gz")) bytes = zlib.gunzipSync(bytes);
  const tokenizerJSON = JSON.parse(bytes.toString("utf8"));
  const tokenizer = TokenizerLoader.fromPreTrained({ tokenizerJSON, tokenizerConfig: {} });
  encode = (text) => tokenizer.encode(text, { add_special_tokens: false });
} else if (kind === "--tiktoken") {
  const { getEncoding } = require("js-tiktoken");
  const enc = getEncoding(source);
  encode = (text) => enc.encode(text, "all");
} else {
  console.error(`unknown tokenizer kind ${kind}`);
  process.exit(2);
}

const lines = fs.readFileSync(input, "utf8").split("\n").filter((l) => l.length > 0);
const out = lines.map((l) => JSON.stringify(encode(JSON.parse(l))));
fs.writeFileSync(output, out.join("\n") + (out.length ? "\n" : ""));
