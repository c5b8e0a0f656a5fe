#include <simdjson.h>

#include <algorithm>
#include "tests/catch.h"
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "common/config.h"
#include "common/line_writer.h"
#include "common/megatron/indexed_dataset_reader.h"
#include "common/megatron/indexed_dataset_writer.h"
#include "tests/test_support.h"

using namespace mucpt;
namespace fs = std::filesystem;
using Docs = std::vector<std::vector<int32_t>>;

namespace {

struct ReadBack {
  std::string dtype;
  Docs documents;
};

// Reads the pair with the independent Python reader.
ReadBack read_with_python(const std::string& prefix) {
  auto r = testing::run_command("/usr/bin/python3 '" + testing::source_dir() +
                                "/tests/megatron/read_indexed_dataset.py' '" + prefix + "'");
  INFO(r.output.substr(0, 2000));
  REQUIRE(r.exit_code == 0);
  simdjson::dom::parser parser;
  simdjson::dom::object root = parser.parse(r.output);
  ReadBack back;
  back.dtype = std::string(std::string_view(root["dtype"]));
  for (simdjson::dom::element doc : simdjson::dom::array(root["documents"])) {
    back.documents.emplace_back();
    for (simdjson::dom::element id : simdjson::dom::array(doc)) back.documents.back().push_back(int32_t(int64_t(id)));
  }
  REQUIRE(uint64_t(root["sequences"]) == back.documents.size());
  return back;
}

Docs random_documents(size_t count, int32_t vocab, int32_t eos, uint32_t seed) {
  std::mt19937 rng(seed);
  Docs docs;
  for (size_t i = 0; i < count; ++i) {
    std::vector<int32_t> d(rng() % 300);
    for (auto& id : d) {
      id = int32_t(rng() % uint32_t(vocab));
      if (id == eos) id = 0;
    }
    docs.push_back(d);
  }
  docs.push_back({});  // an empty document still gets its EOS
  return docs;
}

}  // namespace

TEST_CASE("indexed dataset: uint16 and int32 files read back by an independent reader") {
  std::string dir = testing::scratch_dir("megatron_writer");
  struct Case {
    int32_t vocab, eos;
    const char* dtype;
  };
  for (Case c : {Case{50257, 50256, "uint16"}, Case{151936, 151643, "int32"}, Case{65500, 3, "int32"}}) {
    INFO(c.dtype << " vocabulary " << c.vocab);
    std::string prefix = dir + "/part-" + std::to_string(c.vocab);
    Docs docs = random_documents(200, c.vocab, c.eos, uint32_t(c.vocab));
    uint64_t tokens = 0;
    {
      IndexedDatasetWriter writer(prefix, size_t(c.vocab), c.eos);
      for (size_t i = 0; i < docs.size(); ++i) {
        if (i % 3 == 0 && docs[i].size() > 10) {  // some documents streamed in parts
          writer.append_tokens(docs[i].data(), 10);
          writer.append_tokens(docs[i].data() + 10, docs[i].size() - 10);
          writer.end_document();
        } else {
          writer.add_document(docs[i]);
        }
        tokens += docs[i].size() + 1;
      }
      CHECK(writer.tokens() == tokens);
      CHECK(writer.documents() == docs.size());
      CHECK_FALSE(fs::exists(prefix + ".idx"));  // nothing visible before commit
      writer.commit();
    }
    ReadBack back = read_with_python(prefix);
    CHECK(back.dtype == c.dtype);
    REQUIRE(back.documents.size() == docs.size());
    for (size_t i = 0; i < docs.size(); ++i) {
      auto expected = docs[i];
      expected.push_back(c.eos);
      CHECK(back.documents[i] == expected);
    }
    CHECK(fs::file_size(prefix + ".bin") == tokens * (std::string(c.dtype) == "uint16" ? 2 : 4));
    CHECK(fs::file_size(prefix + ".idx") == 34 + docs.size() * 12 + (docs.size() + 1) * 8);
  }
}

TEST_CASE("indexed dataset: the header bytes are Megatron's") {
  std::string prefix = testing::scratch_dir("megatron_header") + "/p";
  {
    IndexedDatasetWriter writer(prefix, 1000, 999);
    writer.add_document(std::vector<int32_t>{5, 6, 7});
    writer.add_document(std::vector<int32_t>{8, 999});  // already ends with EOS: not doubled
    writer.commit();
  }
  std::string idx = read_small_file(prefix + ".idx");
  const std::string expected_header("MMIDIDX\0\0\x01\0\0\0\0\0\0\0\x08\x02\0\0\0\0\0\0\0\x03\0\0\0\0\0\0\0", 34);
  CHECK(idx.substr(0, 34) == expected_header);
  ReadBack back = read_with_python(prefix);
  CHECK(back.documents == Docs{{5, 6, 7, 999}, {8, 999}});
}

TEST_CASE("indexed dataset: no files without commit, and bad ids are refused") {
  std::string dir = testing::scratch_dir("megatron_abort");
  {
    IndexedDatasetWriter writer(dir + "/p", 100, 0);
    writer.add_document(std::vector<int32_t>{1, 2});
    CHECK_THROWS_AS(writer.add_document(std::vector<int32_t>{100}), std::out_of_range);
  }
  CHECK(fs::is_empty(dir));
}

TEST_CASE("indexed dataset: a pair that cannot be put in place is an IoError naming the file") {
  std::string dir = testing::scratch_dir("megatron_rename");
  for (const std::string in_the_way : {"p.bin", "p.idx"}) {
    fs::remove_all(dir);
    fs::create_directories(dir + "/" + in_the_way + "/full");  // a directory is in the way of the rename
    auto write = [&] {
      IndexedDatasetWriter writer(dir + "/p", 100, 0);
      writer.add_document(std::vector<int32_t>{1, 2});
      writer.commit();
    };
    CHECK_THROWS_AS(write(), IoError);
    CHECK_THROWS_WITH(write(), Catch::Contains(dir + "/" + in_the_way + ": cannot rename into place"));
  }
}

TEST_CASE("indexed dataset: the reader returns what the writer wrote, and refuses a damaged pair") {
  std::string dir = testing::scratch_dir("megatron_reader");
  for (auto [vocab, eos] : {std::pair<int32_t, int32_t>{50257, 50256}, {151936, 151643}}) {
    std::string prefix = dir + "/p" + std::to_string(vocab);
    Docs docs = random_documents(50, vocab, eos, 7);
    {
      IndexedDatasetWriter writer(prefix, size_t(vocab), eos);
      for (const auto& d : docs) writer.add_document(d);
      writer.commit();
    }
    IndexedDatasetReader reader(prefix);
    REQUIRE(reader.sequences() == docs.size());
    std::vector<int32_t> stream;
    for (size_t i = 0; i < docs.size(); ++i) {
      auto expected = docs[i];
      expected.push_back(eos);
      CHECK(reader.sequence(i) == expected);
      stream.insert(stream.end(), expected.begin(), expected.end());
    }
    CHECK(reader.tokens() == stream.size());
    std::vector<int32_t> middle;
    reader.read_stream(100, 50, middle);
    CHECK(middle == std::vector<int32_t>(stream.begin() + 100, stream.begin() + 150));
    CHECK_THROWS_WITH(reader.read_stream(stream.size() - 1, 2, middle), Catch::Contains("beyond"));
  }
  std::string prefix = dir + "/p50257";
  fs::resize_file(prefix + ".bin", fs::file_size(prefix + ".bin") - 2);
  CHECK_THROWS_WITH(IndexedDatasetReader(prefix), Catch::Contains("p50257.bin") && Catch::Contains("describes"));
  write_file_atomically(prefix + ".idx", "not an index at all, but long enough to have a header");
  CHECK_THROWS_WITH(IndexedDatasetReader(prefix), Catch::Contains("p50257.idx") && Catch::Contains("not an MMIDIDX"));
}

TEST_CASE("indexed dataset: a damaged or missing file is the user's error, naming the file and what is wrong") {
  const std::string prefix = testing::scratch_dir("megatron_damaged") + "/p";
  {
    IndexedDatasetWriter writer(prefix, 1000, 999);
    writer.add_document(std::vector<int32_t>{5, 6, 7});
    writer.add_document(std::vector<int32_t>{8, 9});
    writer.commit();
  }
  const std::string idx = read_small_file(prefix + ".idx");
  auto refused = [&](const std::string& bytes, const std::string& what) {
    write_file_atomically(prefix + ".idx", bytes);
    INFO(what);
    CHECK_THROWS_AS(IndexedDatasetReader(prefix), UserError);
    CHECK_THROWS_WITH(IndexedDatasetReader(prefix), Catch::Contains("p.idx: ") && Catch::Contains(what));
  };
  // The sizes section starts at byte 34, the pointers at 34 + 2 * 4.
  std::string moved = idx;  // sizes 4 and 3 become 6 and 1: the total still matches the .bin
  moved[34] = 6, moved[38] = 1;
  refused(moved, "sequence 1 starts at byte 8, not where the one before ends (12)");
  std::string negative = idx;  // sizes 4 and 3 become 8 and -1
  negative[34] = 8, negative[38] = '\xff', negative[39] = '\xff', negative[40] = '\xff', negative[41] = '\xff';
  refused(negative, "sequence 1 has size -1");
  std::string pointer = idx;  // the second sequence said to start at byte 10
  pointer[34 + 8 + 8] = 10;
  refused(pointer, "sequence 1 starts at byte 10");
  refused(idx.substr(0, 20), "not an MMIDIDX index");

  write_file_atomically(prefix + ".idx", idx);
  CHECK(IndexedDatasetReader(prefix).sequence(1) == std::vector<int32_t>{8, 9, 999});
  fs::remove(prefix + ".bin");
  CHECK_THROWS_AS(IndexedDatasetReader(prefix), IoError);
  CHECK_THROWS_WITH(IndexedDatasetReader(prefix), Catch::Contains("p.bin: cannot open"));
}

TEST_CASE("indexed dataset: a sequence count that wraps around is refused") {
  std::string dir = testing::scratch_dir("megatron_wrap");
  auto header = [](uint64_t sequences, uint64_t documents) {
    std::string h("MMIDIDX\0\0\x01\0\0\0\0\0\0\0\x08", 18);
    h.append(reinterpret_cast<const char*>(&sequences), 8);
    h.append(reinterpret_cast<const char*>(&documents), 8);
    return h;
  };
  // 2^62 sequences of 12 bytes wrap around to an index of no bytes past its header.
  write_file_atomically(dir + "/wrap.idx", header(uint64_t(1) << 62, 0));
  write_file_atomically(dir + "/wrap.bin", "");
  CHECK_THROWS_WITH(IndexedDatasetReader(dir + "/wrap"), Catch::Contains("wrap.idx") && Catch::Contains("size does not match"));
}

TEST_CASE("indexed dataset: a token range that wraps around is refused") {
  std::string prefix = testing::scratch_dir("megatron_range") + "/p";
  {
    IndexedDatasetWriter writer(prefix, 100, 99);
    writer.add_document(std::vector<int32_t>{1, 2, 3});
    writer.commit();
  }
  IndexedDatasetReader reader(prefix);
  std::vector<int32_t> out;
  CHECK_THROWS_AS(reader.read_stream(UINT64_MAX, 2, out), std::out_of_range);
  CHECK(out.empty());
}

TEST_CASE("indexed dataset: a refused pair leaves no memory maps behind") {
  std::string prefix = testing::scratch_dir("megatron_refused_maps") + "/p";
  write_file_atomically(prefix + ".idx", "not an index at all, but long enough to have a header");
  write_file_atomically(prefix + ".bin", std::string(4096, '\0'));
  auto maps = [] {
    std::ifstream in("/proc/self/maps");
    return std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n');
  };
  CHECK_THROWS(IndexedDatasetReader(prefix));  // the first may map what the process keeps anyway
  const auto before = maps();
  for (int i = 0; i < 200; ++i) CHECK_THROWS(IndexedDatasetReader(prefix));
  CHECK(maps() < before + 10);
}
