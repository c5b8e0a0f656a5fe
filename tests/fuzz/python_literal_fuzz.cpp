// The Python literal reader (SimpleQA's metadata column) on arbitrary text:
// PythonLiteralError or a JSON value that serialises.
#include <string>

#include "common/benchmark/python_literal.h"
#include "tests/fuzz/fuzz_support.h"

using namespace mucpt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nlohmann::json value;
  try {
    value = parse_python_literal(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const PythonLiteralError&) {
    return 0;
  }
  value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
