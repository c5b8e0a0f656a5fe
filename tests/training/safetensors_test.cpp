#include "tests/catch.h"
#include <cstring>
#include <string>

#include "common/line_reader.h"
#include "training/checkpoint/safetensors_file.h"
#include "training/checkpoint/safetensors_writer.h"
#include "tests/test_support.h"

using namespace mucpt;

namespace {

// A file of the given JSON header and data bytes.
std::string file_of(const std::string& header, const std::string& data) {
  const uint64_t n = header.size();
  std::string bytes(reinterpret_cast<const char*>(&n), 8);
  return bytes + header + data;
}

SafetensorsLayout parse(const std::string& bytes) {
  return parse_safetensors(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), "t.safetensors");
}

}  // namespace

TEST_CASE("safetensors: what the writer writes, the reader reads") {
  const std::string path = testing::scratch_dir("safetensors_round_trip") + "/m.safetensors";
  const float a[4] = {1, 2, 3, 4};
  const uint16_t b[3] = {7, 8, 9};
  write_safetensors(path, {{"b", "BF16", {3}, b, sizeof b}, {"a", "F32", {2, 2}, a, sizeof a}});
  SafetensorsFile file(path);
  REQUIRE(file.tensors().size() == 2);
  const SafetensorsEntry& ea = file.tensors().at("a");
  CHECK(ea.dtype == "F32");
  CHECK(ea.shape == std::vector<int64_t>{2, 2});
  CHECK(std::memcmp(file.data(ea), a, sizeof a) == 0);
  CHECK(std::memcmp(file.data(file.tensors().at("b")), b, sizeof b) == 0);
  CHECK(file.metadata()["format"] == "pt");
}

TEST_CASE("safetensors: a damaged header is refused with the tensor named") {
  auto refused = [](const std::string& header, size_t data_bytes, const std::string& what) {
    INFO(header);
    CHECK_THROWS_WITH(parse(file_of(header, std::string(data_bytes, '\0'))),
                      Catch::Contains("t.safetensors") && Catch::Contains(what));
  };
  // Mistyped values were read with get<>() and escaped as nlohmann exceptions (or, for
  // a float offset, as undefined behaviour).
  refused(R"({"w":{"dtype":5,"shape":[],"data_offsets":[0,0]}})", 0, "'w': dtype must be a string");
  refused(R"({"w":{"dtype":"U8","shape":{"x":1},"data_offsets":[0,1]}})", 1, "shape must be a list");
  refused(R"({"w":{"dtype":"U8","shape":[[1]],"data_offsets":[0,1]}})", 1, "bad shape array");
  refused(R"({"w":{"dtype":"U8","shape":[1],"data_offsets":["0",1]}})", 1, "data_offsets must be");
  refused(R"({"w":{"dtype":"U8","shape":[0],"data_offsets":[1e300,1e300]}})", 0, "data_offsets must be");
  refused(R"({"w":{"dtype":"U8","shape":[1],"data_offsets":[-1,0]}})", 1, "data_offsets must be");
  // 2^62 x 4 float32 elements wrapped around to 0 bytes and matched an empty range.
  refused(R"({"w":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,0]}})", 0, "more elements");
  refused(R"({"w":{"dtype":"F16","shape":[4],"data_offsets":[0,9]}})", 8, "outside the data");
  refused(R"({"w":{"dtype":"F16","shape":[4],"data_offsets":[0,6]}})", 8, "needs 8");
}

TEST_CASE("safetensors: a zero dimension makes an empty tensor whatever the others") {
  auto layout = parse(file_of(R"({"e":{"dtype":"F32","shape":[4611686018427387904,4,0],"data_offsets":[0,0]}})", ""));
  CHECK(layout.tensors.at("e").end == 0);
}
