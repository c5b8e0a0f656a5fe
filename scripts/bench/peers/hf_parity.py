"""Loads a Hugging Face folder that train saved into transformers' own model class
(LlamaForCausalLM / Qwen2ForCausalLM, picked by config.json's model_type) and sets its
float32 logits beside train's (a JSON file from hf_logits). The weights are read with a
small reader of the safetensors layout (8-byte little-endian header length, JSON header,
raw little-endian data), so what transformers sees does not depend on our writer's
reader. Also tries transformers' own from_pretrained on the folder.

Usage: hf_parity.py FOLDER OURS_JSON ID [ID...]; exits 1 on a mismatch.
       hf_parity.py --write FOLDER: transformers writes a freshly initialised model for
       FOLDER/config.json into FOLDER (save_pretrained), the folder train starts from."""
import json
import struct
import sys

import torch
import transformers

TOLERANCE = 1e-4
DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}


def read_safetensors(path):
    with open(path, "rb") as f:
        (header_len,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(header_len))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        raw = bytearray(data[begin:end])
        tensors[name] = torch.frombuffer(raw, dtype=DTYPES[info["dtype"]]).reshape(info["shape"]).float()
    return tensors


MODEL_CLASSES = {"llama": "LlamaForCausalLM", "qwen2": "Qwen2ForCausalLM"}


def write_initial(folder):
    config = transformers.AutoConfig.from_pretrained(folder)
    torch.manual_seed(0)
    model = getattr(transformers, MODEL_CLASSES[config.model_type])(config)
    model.save_pretrained(folder, safe_serialization=True)
    return 0


def main():
    if sys.argv[1] == "--write":
        return write_initial(sys.argv[2])
    folder, ours_path, ids = sys.argv[1], sys.argv[2], [int(x) for x in sys.argv[3:]]
    config = transformers.AutoConfig.from_pretrained(folder)
    model_class = getattr(transformers, MODEL_CLASSES[config.model_type])
    # Eager attention: the reference computation, on any torch.
    config._attn_implementation = "eager"
    model = model_class(config).float().eval()
    state = read_safetensors(f"{folder}/model.safetensors")
    missing, unexpected = model.load_state_dict(state, strict=False)
    # A tied lm_head is absent from the file by design; HF ties it to the embedding.
    tied_ok = True
    if config.tie_word_embeddings and "lm_head.weight" in missing:
        missing = [k for k in missing if k != "lm_head.weight"]
        tied_ok = model.lm_head.weight.data_ptr() == model.model.embed_tokens.weight.data_ptr()
    # Non-persistent buffers (rotary inv_freq) are never in a checkpoint.
    missing = [k for k in missing if not k.endswith("rotary_emb.inv_freq")]
    print(f"  {model_class.__name__}: missing keys {missing}, unexpected keys {unexpected}"
          + (f", lm_head tied to embed_tokens: {tied_ok}" if config.tie_word_embeddings else ""))

    input_ids = torch.tensor([ids])
    with torch.no_grad():
        theirs = model(input_ids).logits.float()
    ours_json = json.load(open(ours_path))
    ours = torch.tensor(ours_json["logits"], dtype=torch.float32).reshape(ours_json["shape"])
    diff = (theirs - ours).abs().max().item()
    ok = not missing and not unexpected and tied_ok and theirs.shape == ours.shape and diff <= TOLERANCE
    print(f"  max |logit difference| {diff:.3g} over {tuple(theirs.shape)}: {'PASS' if ok else 'FAIL'} at {TOLERANCE:g}")

    # transformers' own loading path (needs the safetensors package).
    try:
        loaded, info = model_class.from_pretrained(
            folder, torch_dtype=torch.float32, attn_implementation="eager", output_loading_info=True)
        with torch.no_grad():
            loaded_diff = (loaded.eval()(input_ids).logits.float() - ours).abs().max().item()
        print(f"  from_pretrained: missing {info['missing_keys']}, unexpected {info['unexpected_keys']}, "
              f"mismatched {info['mismatched_keys']}, max |logit difference| {loaded_diff:.3g}")
        ok = ok and not any(info.values()) and loaded_diff <= TOLERANCE
    except Exception as error:  # the report says why it could not run
        print(f"  from_pretrained: not run ({type(error).__name__}: {str(error).splitlines()[0]})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
