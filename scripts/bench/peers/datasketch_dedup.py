#!/usr/bin/env python3
"""The datasketch peer of the de-duplication benchmark: MinHash (128 permutations) of
word 5-gram shingles and a MinHashLSH index at threshold 0.8 over the same documents
curate reads; prints documents/s and the near-duplicate recall on the ground truth.

usage: datasketch_dedup.py DOCS_JSONL NEAR_DUPLICATES_JSONL
(datasketch comes from a source checkout on PYTHONPATH, never from the project)
"""
import json
import re
import sys
import time

from datasketch import MinHash, MinHashLSH

FOLD = re.compile(r"[^\w]+")


def shingles(text):
    words = FOLD.sub(" ", re.sub(r"[0-9]", "0", text.lower())).split()
    return {" ".join(words[i:i + 5]).encode() for i in range(max(1, len(words) - 4))}


def main():
    docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    start = time.perf_counter()
    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    signatures = {}
    for doc in docs:
        m = MinHash(num_perm=128)
        m.update_batch(list(shingles(doc["text"])))
        lsh.insert(doc["id"], m)
        signatures[doc["id"]] = m
    elapsed = time.perf_counter() - start

    texts = {d["id"]: d["text"] for d in docs}
    pairs = caught = 0
    for line in open(sys.argv[2]):
        cluster = json.loads(line)
        a = cluster["original"]
        for b in cluster["members"]:
            if b == a or a not in texts or b not in texts:
                continue
            sa, sb = shingles(texts[a]), shingles(texts[b])
            if len(sa & sb) / len(sa | sb) < 0.8:
                continue
            pairs += 1
            caught += b in lsh.query(signatures[a])
    print(json.dumps({"docs": len(docs), "seconds": elapsed, "docs_per_s": len(docs) / elapsed,
                      "pairs": pairs, "recall": caught / max(1, pairs)}))


if __name__ == "__main__":
    main()
