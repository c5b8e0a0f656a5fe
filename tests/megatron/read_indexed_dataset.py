#!/usr/bin/env python3
"""An independent reader of Megatron-LM's MMIDIDX (version 1) indexed dataset, written
from the format description, with the standard library only.

    read_indexed_dataset.py PREFIX   ->   JSON on stdout:
    {"dtype": "uint16"|"int32", "sequences": N, "documents": [[ids...], ...]}

.idx: magic b"MMIDIDX\\x00\\x00", uint64 version (1), uint8 dtype code, uint64 sequence
count, uint64 document-index count, int32 sizes[sequences], int64 byte pointers
[sequences], int64 document indices[document-index count] (0, ..., sequences).
.bin: the tokens of every sequence back to back, little-endian.
"""
import json
import struct
import sys

DTYPES = {1: ("uint8", "B"), 2: ("int8", "b"), 3: ("int16", "h"), 4: ("int32", "i"),
          5: ("int64", "q"), 6: ("float64", "d"), 7: ("float32", "f"), 8: ("uint16", "H")}


def fail(message):
    sys.exit(f"read_indexed_dataset: {message}")


def read(prefix):
    with open(prefix + ".idx", "rb") as f:
        idx = f.read()
    if idx[:9] != b"MMIDIDX\x00\x00":
        fail("bad magic")
    version, = struct.unpack_from("<Q", idx, 9)
    if version != 1:
        fail(f"version {version}")
    code = idx[17]
    if code not in DTYPES:
        fail(f"dtype code {code}")
    name, fmt = DTYPES[code]
    item = struct.calcsize(fmt)
    sequences, doc_count = struct.unpack_from("<QQ", idx, 18)
    offset = 34
    sizes = struct.unpack_from(f"<{sequences}i", idx, offset)
    offset += 4 * sequences
    pointers = struct.unpack_from(f"<{sequences}q", idx, offset)
    offset += 8 * sequences
    doc_index = struct.unpack_from(f"<{doc_count}q", idx, offset)
    offset += 8 * doc_count
    if offset != len(idx):
        fail(f"{len(idx) - offset} trailing bytes in the index")
    if doc_count == 0 or doc_index[0] != 0 or doc_index[-1] != sequences or list(doc_index) != sorted(doc_index):
        fail("document indices do not run from 0 to the sequence count")

    with open(prefix + ".bin", "rb") as f:
        data = f.read()
    expected = 0
    documents = []
    for size, pointer in zip(sizes, pointers):
        if pointer != expected:
            fail(f"pointer {pointer}, expected {expected}")
        documents.append(list(struct.unpack_from(f"<{size}{fmt}", data, pointer)))
        expected += size * item
    if expected != len(data):
        fail(f".bin holds {len(data)} bytes, the index accounts for {expected}")
    return {"dtype": name, "sequences": sequences, "documents": documents}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: read_indexed_dataset.py PREFIX")
    json.dump(read(sys.argv[1]), sys.stdout)
