#!/usr/bin/env bash
# De-duplication throughput and recall: curate (signatures in the streaming phase,
# then the global exact + MinHash LSH step) beside datasketch (MinHash, 128
# permutations, MinHashLSH at 0.8) on the same generated near-duplicate corpus, in one
# run. datasketch is pure Python: give a source checkout of ekzhu/datasketch in
# DATASKETCH_SRC (it is never part of the project); it runs on Debian's numpy/scipy.
# DOCS (default 20000) generated documents. Debian's own /usr/bin/python3 runs the peer.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh >/dev/null
source scripts/lib/packages.sh
ensure_packages time python3 python3-numpy python3-scipy
src=${DATASKETCH_SRC:?set DATASKETCH_SRC to a source checkout of ekzhu/datasketch}
docs=${DOCS:-20000}
work=${BENCH_DIR:-build/bench/dedup}
rm -rf "$work" && mkdir -p "$work"

build/synth --docs "$docs" --seed 9 --compress none --output "$work/world" >/dev/null
# The documents both sides read: the world's well-formed lines, as {"id","text"}.
python3 - "$work" <<'PY'
import glob, json, sys
work = sys.argv[1]
with open(f"{work}/docs.jsonl", "w") as out:
    for path in sorted(glob.glob(f"{work}/world/sources/*.jsonl")):
        for raw in open(path, "rb"):
            try:
                doc = json.loads(raw.decode("utf-8"))
                text = doc.get("text", doc.get("body", doc.get("content")))
                doc_id = doc.get("id", doc.get("post_id", doc.get("doc_id")))
            except (UnicodeDecodeError, ValueError, AttributeError):
                continue
            if isinstance(text, str) and isinstance(doc_id, str):
                out.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
json.dump({"sources": [{"name": "docs", "paths": ["docs.jsonl"]}]}, open(f"{work}/manifest.json", "w"))
PY
n=$(wc -l < "$work/docs.jsonl")
mb=$(( $(stat -c %s "$work/docs.jsonl") / 1000000 ))
PYTHONPATH="$src" /usr/bin/time -f "%M" -o "$work/peer_mem" /usr/bin/python3 scripts/bench/peers/datasketch_dedup.py \
  "$work/docs.jsonl" "$work/world/truth/near_duplicates.jsonl" > "$work/peer.json"
only_dedup=(--curate.progress=false --normalize.enabled=false --clean.enabled=false --privacy.enabled=false
  --length.min_chars=0 --curate.compression=none --boilerplate.enabled=false --repeated_lines.enabled=false
  --gopher_quality.enabled=false --gopher_repetition.enabled=false --c4.enabled=false --fineweb.enabled=false)
for ranks in 1 2; do
  # shellcheck disable=SC2046  # mpirun_flags gives several words
  /usr/bin/time -f "%e %M" -o "$work/t$ranks" mpirun $(mpirun_flags) -np "$ranks" build/curate \
    --manifest "$work/manifest.json" --output "$work/out$ranks" --curate.split_bytes=4000000 "${only_dedup[@]}" \
    >"$work/curate$ranks.log" 2>&1 || { tail -n 40 "$work/curate$ranks.log" >&2; exit 1; }
done
# Our recall on the same pairs: caught when at most one of the pair is kept.
python3 - "$work" "$n" "$mb" <<'PY'
import glob, json, re, sys
work, n, mb = sys.argv[1], int(sys.argv[2]), sys.argv[3]
fold = re.compile(r"[^\w]+")
def shingles(t):
    w = fold.sub(" ", re.sub(r"[0-9]", "0", t.lower())).split()
    return {" ".join(w[i:i + 5]) for i in range(max(1, len(w) - 4))}
texts = {}
for line in open(f"{work}/docs.jsonl"):
    d = json.loads(line); texts[d["id"]] = d["text"]
kept = set()
for path in glob.glob(f"{work}/out1/docs/*.jsonl"):
    for line in open(path):
        kept.add(json.loads(line)["id"])
pairs = caught = 0
for line in open(f"{work}/world/truth/near_duplicates.jsonl"):
    c = json.loads(line); a = c["original"]
    for b in c["members"]:
        if b == a or a not in texts or b not in texts: continue
        sa, sb = shingles(texts[a]), shingles(texts[b])
        if len(sa & sb) / len(sa | sb) < 0.8: continue
        pairs += 1; caught += not (a in kept and b in kept)
peer = json.load(open(f"{work}/peer.json"))
peer_kb = int(open(f"{work}/peer_mem").read().split()[-1])
t1, m1 = map(float, open(f"{work}/t1").read().split()[-2:])
t2, _ = map(float, open(f"{work}/t2").read().split()[-2:])
full = json.load(open(f"{work}/out1/report.json"))
report = full["dedup"]
sig_lsh = full["dedup_signature_seconds"] + report["seconds"]
ours = n / t1
print(f"{n} documents, {mb} MB, avg {int(mb) * 1e6 / n:.0f} B; one core each unless said")
print(f"datasketch MinHash+LSH (128 perm)   {peer['docs_per_s']:9.0f} docs/s  recall {peer['recall']:.3f} on {peer['pairs']} pairs  peak RSS {peer_kb / 1024:.0f} MB")
print(f"curate signatures + LSH, 1 rank     {n / sig_lsh:9.0f} docs/s  ({n / sig_lsh / peer['docs_per_s']:.1f}x datasketch; the same work: shingles, MinHash, band exchange, candidates)")
print(f"curate, 1 rank (whole run)          {ours:9.0f} docs/s  recall {caught / max(1, pairs):.3f} on {pairs} pairs  peak RSS {m1 / 1024:.0f} MB  ({ours / peer['docs_per_s']:.1f}x datasketch)")
print(f"curate, 2 ranks (whole run)         {n / t2:9.0f} docs/s  wall {t2 / t1:.2f} of 1 rank")
print(f"global step: {report['seconds']:.2f} s, peak {report['peak_bytes_per_document']:.0f} B per document held per rank, "
      f"{report['bands']}x{report['rows']} bands, P(catch | J=0.8) {report['catch_probability_at_0.8']:.4f}")
PY
