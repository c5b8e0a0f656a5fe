#include "training/checkpoint/safetensors_file.h"

#include <cstring>

#include "common/line_reader.h"

namespace mucpt {

size_t safetensors_dtype_bytes(const std::string& dtype) {
  static const std::map<std::string, size_t> sizes = {
      {"F64", 8}, {"F32", 4}, {"F16", 2}, {"BF16", 2}, {"I64", 8}, {"I32", 4},
      {"I16", 2}, {"I8", 1},  {"U8", 1},  {"BOOL", 1}, {"U16", 2}, {"U32", 4}, {"U64", 8}};
  auto it = sizes.find(dtype);
  return it == sizes.end() ? 0 : it->second;
}

namespace {

// A wrong value as a message shows it: as written when it nests one level at most,
// else by its type (printing a deeply nested value recurses as deep).
std::string shown(const nlohmann::json& v) {
  bool flat = true;
  if (v.is_structured())
    for (const auto& x : v) flat &= !x.is_structured();
  return flat ? v.dump() : v.type_name();
}

}  // namespace

SafetensorsLayout parse_safetensors(const unsigned char* bytes, size_t size, const std::string& name) {
  auto fail = [&](const std::string& what) { throw IoError(name + ": " + what); };
  if (size < 8) fail("not a safetensors file (shorter than its 8-byte header length)");
  uint64_t header_size = 0;
  for (int i = 7; i >= 0; --i) header_size = (header_size << 8) | bytes[i];
  if (header_size > size - 8) fail("header length " + std::to_string(header_size) + " runs past the end of the file");
  SafetensorsLayout layout;
  layout.data_offset = 8 + header_size;
  const size_t data_size = size - 8 - header_size;

  auto header = nlohmann::json::parse(reinterpret_cast<const char*>(bytes) + 8,
                                      reinterpret_cast<const char*>(bytes) + 8 + header_size, nullptr, false);
  if (!header.is_object()) fail("the header is not a JSON object");
  for (auto& item : header.items()) {
    const std::string& tensor = item.key();  // a structured binding cannot be captured in C++17
    auto& value = item.value();
    if (tensor == "__metadata__") {
      layout.metadata = value;
      continue;
    }
    auto bad = [&](const std::string& what) { fail("tensor '" + tensor + "': " + what); };
    if (!value.is_object() || !value.contains("dtype") || !value.contains("shape") || !value.contains("data_offsets"))
      bad("needs dtype, shape and data_offsets");
    SafetensorsEntry e;
    // Types are checked before any get<>(): a mistyped value is refused by name, and a
    // float read as an integer is undefined.
    const auto& dtype = value["dtype"];
    if (!dtype.is_string()) bad("dtype must be a string, not " + shown(dtype));
    e.dtype = dtype.get<std::string>();
    size_t element = safetensors_dtype_bytes(e.dtype);
    if (element == 0) bad("unknown dtype " + e.dtype);
    const auto& shape = value["shape"];
    if (!shape.is_array()) bad("shape must be a list, not " + shown(shape));
    size_t count = 1;
    bool empty = false, too_large = false;  // a 0 dimension makes any other product fine
    for (const auto& d : shape) {
      if (!d.is_number_integer() || d.get<int64_t>() < 0) bad("bad shape " + shown(shape));
      e.shape.push_back(d.get<int64_t>());
      empty |= d.get<int64_t>() == 0;
      too_large |= __builtin_mul_overflow(count, static_cast<size_t>(d.get<int64_t>()), &count);
    }
    size_t bytes = 0;
    if (!empty && (too_large || __builtin_mul_overflow(count, element, &bytes)))
      bad("shape " + shape.dump() + " has more elements than any file holds");
    const auto& offsets = value["data_offsets"];
    if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() || !offsets[1].is_number_unsigned())
      bad("data_offsets must be [begin, end], two byte offsets, not " + shown(offsets));
    e.begin = offsets[0].get<size_t>();
    e.end = offsets[1].get<size_t>();
    if (e.begin > e.end || e.end > data_size) bad("data_offsets " + offsets.dump() + " outside the data");
    if (e.end - e.begin != bytes)
      bad("holds " + std::to_string(e.end - e.begin) + " bytes, its shape needs " + std::to_string(bytes));
    layout.tensors.emplace(tensor, std::move(e));
  }
  return layout;
}

SafetensorsFile::SafetensorsFile(const std::string& path) : path_(path), map_(path) {
  if (map_.size() < 8) throw IoError(path + ": not a safetensors file (shorter than its 8-byte header length)");
  layout_ = parse_safetensors(map_.data(), map_.size(), path);
  data_ = reinterpret_cast<const char*>(map_.data()) + layout_.data_offset;
}

}  // namespace mucpt
