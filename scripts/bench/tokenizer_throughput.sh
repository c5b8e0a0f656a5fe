#!/usr/bin/env bash
# Tokenizer MB/s on one core: ours (build/tokenize --time, encode only) beside the
# JavaScript ports @lenml/tokenizers (Qwen2, from Qwen3's tokenizer.json) and
# js-tiktoken (GPT-2) on node, all on the same text: real English from ../shared/data
# repeated to EN_MB (default 20) MB, plus generated English and Chinese from build/synth
# (SYNTH_DOCS, default 12000). Token counts are printed too: they must agree.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/packages.sh
ensure_packages cmake python3
command -v node >/dev/null || ensure_packages nodejs
command -v npm >/dev/null || ensure_packages npm
data=../shared/data
[ -d "$data/tokenizers" ] || { echo "needs $data/tokenizers" >&2; exit 1; }
[ -f build/Makefile ] || cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target tokenize synth >/dev/null
work=${BENCH_DIR:-build/bench/tokenizer}
mkdir -p "$work"
tests/install_node_peers.sh build/node_peers

rm -rf "$work/synth"
build/synth --docs "${SYNTH_DOCS:-12000}" --seed 1 --compress none --output "$work/synth" >/dev/null
python3 - "$data" "$work" "${EN_MB:-20}" <<'PY'
import csv, json, random, sys
data, work, en_mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
real = [r["caption"] for r in csv.DictReader(open(f"{data}/music/musiccaps.csv"))]
real += [json.loads(l)["text"] for l in open(f"{data}/music/dbpedia_album_abstracts.jsonl")]
real += [r[1] + ". " + r[2] for r in csv.reader(open(f"{data}/general/ag_news_test.csv"))]
real += [r[1] for r in csv.reader(open(f"{data}/general/dbpedia14/test.csv"))]
real += [r[1] for r in csv.reader(open(f"{data}/qa/simple_qa_test_set.csv"))][1:]
english, n = [], 0
while n < en_mb * 1e6:
    for t in real:
        english.append(t)
        n += len(t.encode())
def field(path, name):  # the generated sources hold some malformed lines on purpose
    out = []
    for line in open(path, encoding="utf-8", errors="replace"):
        try:
            value = json.loads(line).get(name)
        except (ValueError, AttributeError):
            continue
        if isinstance(value, str):
            out.append(value)
    return out
src = f"{work}/synth/sources"
generated = field(f"{src}/encyclopedia.jsonl", "text") + field(f"{src}/reviews.jsonl", "text") + field(f"{src}/forum.jsonl", "body")
chinese = field(f"{src}/encyclopedia_zh.jsonl", "text")
mixed = english + generated + chinese
random.Random(1).shuffle(mixed)
def write(name, texts):
    with open(f"{work}/{name}", "w") as f:
        for t in texts:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
    size = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{name}: {len(texts)} texts, {size:.1f} MB", file=sys.stderr)
write("english.jsonl", english)
write("mixed.jsonl", mixed)
chinese_mb = sum(len(t.encode()) for t in chinese) / 1e6
print(f"  (mixed: {chinese_mb:.1f} MB of it Chinese, {sum(len(t.encode()) for t in generated) / 1e6:.1f} MB generated English)", file=sys.stderr)
PY

qwen=$data/tokenizers/qwen2/qwen3_tokenizer.json.gz
gpt2=$data/tokenizers/gpt2
ours() {  # tokenizer, input -> "MB/s tokens"
  build/tokenize --tokenizer "$1" --jsonl --time --quiet --input "$2" 2>&1 |
    sed -n 's/.* MB, \([0-9]*\) tokens in .*: \([0-9.]*\) MB\/s/\2 \1/p'
}
read -r q_en q_en_tokens < <(ours "$qwen" "$work/english.jsonl")
read -r q_mix q_mix_tokens < <(ours "$qwen" "$work/mixed.jsonl")
read -r g_mix g_mix_tokens < <(ours "$gpt2" "$work/mixed.jsonl")
echo "running the JavaScript tokenizers (a few minutes)..." >&2
node scripts/bench/peers/tokenizer_throughput.mjs build/node_peers "$qwen" "$work/mixed.jsonl" > "$work/js.tsv"

python3 - "$work/js.tsv" "$q_en" "$q_en_tokens" "$q_mix" "$q_mix_tokens" "$g_mix" "$g_mix_tokens" <<'PY'
import sys
js = {}
for line in open(sys.argv[1]):
    name, mbs, tokens = line.rstrip("\n").split("\t")
    js[name] = (float(mbs), int(tokens))
q_en, q_en_t, q_mix, q_mix_t, g_mix, g_mix_t = sys.argv[2:8]
# Each of ours beside the JavaScript tokenizer of the same vocabulary on the same text
# (the JavaScript ones run on the mixed text only).
rows = [("ours qwen2 (English only)", float(q_en), int(q_en_t), None),
        ("ours qwen2", float(q_mix), int(q_mix_t), "@lenml/tokenizers qwen2"),
        ("ours gpt2", float(g_mix), int(g_mix_t), "js-tiktoken gpt2")]
rows += [(name, mbs, tokens, None) for name, (mbs, tokens) in js.items()]
print("one core, encode only; mixed text unless noted")
print(f"{'tokenizer':30} {'MB/s':>8} {'tokens':>12}  x the same tokenizer in JavaScript")
for name, mbs, tokens, peer in rows:
    ratio = f"{mbs / js[peer][0]:.1f}x {peer}" if peer in js else ""
    print(f"{name:30} {mbs:8.2f} {tokens:12d}  {ratio}")
same_qwen = int(q_mix_t) == js["@lenml/tokenizers qwen2"][1]
same_gpt2 = int(g_mix_t) == js["js-tiktoken gpt2"][1]
print(f"token counts agree: qwen2 {'yes' if same_qwen else 'NO'}, gpt2 {'yes' if same_gpt2 else 'NO'}")
sys.exit(0 if same_qwen and same_gpt2 else 1)
PY
