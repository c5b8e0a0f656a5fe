#include "common/tokenizer/tokenizer_json_writer.h"

#include "common/json_writer.h"
#include "common/line_writer.h"

namespace mucpt {

namespace {

void write_byte_level(JsonWriter& w, bool add_prefix_space, bool trim_offsets, bool use_regex) {
  w.begin_object();
  w.field("type", "ByteLevel");
  w.field("add_prefix_space", add_prefix_space);
  w.field("trim_offsets", trim_offsets);
  w.field("use_regex", use_regex);
  w.end_object();
}

void write_pre_tokenizer(JsonWriter& w, const TokenizerPipeline& p) {
  if (p.pretokenizer == PretokenizerKind::gpt2 || p.pretokenizer == PretokenizerKind::none) {
    write_byte_level(w, p.add_prefix_space, true, p.pretokenizer == PretokenizerKind::gpt2);
    return;
  }
  w.begin_object();
  w.field("type", "Sequence");
  w.key("pretokenizers").begin_array();
  w.begin_object();
  w.field("type", "Split");
  w.key("pattern").begin_object().field("Regex", pretokenizer_pattern(p.pretokenizer)).end_object();
  w.field("behavior", "Isolated");
  w.field("invert", false);
  w.end_object();
  write_byte_level(w, p.add_prefix_space, false, false);
  w.end_array();
  w.end_object();
}

}  // namespace

std::string to_tokenizer_json(const Tokenizer& tokenizer) {
  const BpeModel& model = tokenizer.model();
  const TokenizerPipeline& pipeline = tokenizer.pipeline();
  std::string out;
  out.reserve(model.size() * 24 + model.merges().size() * 16);
  JsonWriter w(out);
  w.begin_object();
  w.field("version", "1.0");
  w.key("truncation").null();
  w.key("padding").null();

  w.key("added_tokens").begin_array();
  for (const AddedToken& t : tokenizer.added_tokens().tokens()) {
    w.begin_object();
    w.field("id", int64_t(t.id));
    w.field("content", std::string_view(t.content));
    w.field("single_word", t.single_word);
    w.field("lstrip", t.lstrip);
    w.field("rstrip", t.rstrip);
    w.field("normalized", t.normalized);
    w.field("special", t.special);
    w.end_object();
  }
  w.end_array();

  w.key("normalizer");
  if (pipeline.nfc)
    w.begin_object().field("type", "NFC").end_object();
  else
    w.null();
  w.key("pre_tokenizer");
  write_pre_tokenizer(w, pipeline);
  w.key("post_processor");
  write_byte_level(w, pipeline.add_prefix_space, false, false);
  w.key("decoder");
  write_byte_level(w, pipeline.add_prefix_space, false, false);

  w.key("model").begin_object();
  w.field("type", "BPE");
  w.key("dropout").null();
  if (model.options().unk_token.empty())
    w.key("unk_token").null();
  else
    w.field("unk_token", std::string_view(model.options().unk_token));
  w.key("continuing_subword_prefix").null();
  w.key("end_of_word_suffix").null();
  w.field("fuse_unk", false);
  w.field("byte_fallback", false);
  w.field("ignore_merges", model.options().ignore_merges);
  w.key("vocab").begin_object();
  for (size_t id = 0; id < model.id_limit(); ++id)
    if (model.has_id(int32_t(id))) w.field(model.token(int32_t(id)), int64_t(id));
  w.end_object();
  w.key("merges").begin_array();
  std::string merge;
  for (const auto& [left, right] : model.merges()) {
    merge = model.token(left);
    merge += ' ';
    merge += model.token(right);
    w.value(std::string_view(merge));
  }
  w.end_array();
  w.end_object();

  w.end_object();
  out += '\n';
  return out;
}

void save_tokenizer_json(const Tokenizer& tokenizer, const std::string& path) {
  write_file_atomically(path, to_tokenizer_json(tokenizer));
}

}  // namespace mucpt
