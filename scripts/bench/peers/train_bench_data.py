# Writes the same token stream twice: as a Megatron MMIDIDX shard with dataset.json
# (what `train` reads) and as nanoGPT's data/<name>/train.bin + val.bin + meta.pkl.
# Usage: train_bench_data.py OUT TOKENS VOCAB
import json, os, pickle, random, struct, sys

out, n, vocab = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(1)
# Zipf-like ids with some uniform noise: a stream whose loss falls as it trains.
tokens = [min(vocab - 1, 3 + int(random.paretovariate(1.2))) if random.random() < 0.7 else random.randrange(3, vocab)
          for _ in range(n)]
data = struct.pack("<%dH" % n, *tokens)
os.makedirs(f"{out}/tokens", exist_ok=True)
os.makedirs(f"{out}/nanogpt/data/bench", exist_ok=True)
with open(f"{out}/tokens/rank-00000.bin", "wb") as f:
    f.write(data)
docs = [1024] * (n // 1024) + ([n % 1024] if n % 1024 else [])
pointers, offset = [], 0
for d in docs:
    pointers.append(offset)
    offset += 2 * d
with open(f"{out}/tokens/rank-00000.idx", "wb") as f:
    f.write(b"MMIDIDX\x00\x00" + struct.pack("<QBQQ", 1, 8, len(docs), len(docs) + 1))
    f.write(struct.pack("<%di" % len(docs), *docs) + struct.pack("<%dq" % len(docs), *pointers))
    f.write(struct.pack("<%dq" % (len(docs) + 1), *range(len(docs) + 1)))
with open(f"{out}/tokens/dataset.json", "w") as f:
    json.dump({"shards": [{"shard": "rank-00000"}]}, f)
with open(f"{out}/nanogpt/data/bench/train.bin", "wb") as f:
    f.write(data)
with open(f"{out}/nanogpt/data/bench/val.bin", "wb") as f:
    f.write(data[: 2 * 200000])
with open(f"{out}/nanogpt/data/bench/meta.pkl", "wb") as f:
    pickle.dump({"vocab_size": vocab}, f)
