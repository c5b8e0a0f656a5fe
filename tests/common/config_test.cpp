#include "tests/catch.h"
#include <fstream>
#include <sstream>

#include "common/config.h"
#include "common/declared_options.h"
#include "tests/test_support.h"

using namespace mucpt;

namespace {
Config make() {
  Config c("test");
  c.add_string("output", "", "out").add_int("dedup.bands", 14, "bands").add_double("langid.threshold", 0.65, "t")
      .add_bool("clean.enabled", true, "on");
  return c;
}
bool parse(Config& c, std::vector<const char*> args) {
  args.insert(args.begin(), "prog");
  std::ostringstream out;
  return c.parse(static_cast<int>(args.size()), args.data(), out);
}
}  // namespace

TEST_CASE("defaults, INI values and command-line overrides, in that order") {
  auto dir = testing::scratch_dir("config_ini");
  std::ofstream(dir + "/c.ini") << "output = from-ini\n[dedup]\nbands = 20\n[langid]\nthreshold = 0.5\n";
  Config c = make();
  std::string file = dir + "/c.ini";
  REQUIRE(parse(c, {"--config", file.c_str(), "--langid.threshold=0.9"}));
  CHECK(c.get_string("output") == "from-ini");
  CHECK(c.get_int("dedup.bands") == 20);
  CHECK(c.get_double("langid.threshold") == 0.9);
  CHECK(c.get_bool("clean.enabled"));
  CHECK(c.was_set("dedup.bands"));
  CHECK_FALSE(c.was_set("clean.enabled"));
}

TEST_CASE("unknown keys and bad values are refused with the key named") {
  Config c1 = make();
  CHECK_THROWS_WITH(parse(c1, {"--dedup.bandz=3"}), Catch::Contains("dedup.bandz"));
  Config c2 = make();
  CHECK_THROWS_WITH(parse(c2, {"--dedup.bands", "many"}), Catch::Contains("dedup.bands"));
  auto dir = testing::scratch_dir("config_bad_ini");
  std::ofstream(dir + "/c.ini") << "[clean]\nenabeld = true\n";
  Config c3 = make();
  std::string file = dir + "/c.ini";
  CHECK_THROWS_WITH(parse(c3, {"--config", file.c_str()}), Catch::Contains("clean.enabeld") && Catch::Contains("c.ini"));
  Config c4 = make();
  CHECK_THROWS_WITH(parse(c4, {"--config", "/nonexistent.ini"}), Catch::Contains("/nonexistent.ini"));
}

namespace {
struct Narrow {
  int32_t bands = 14;
  uint32_t rows = 5;
  double threshold = 0.65;
  template <class Visitor>
  void visit(Visitor&& v) {
    v("dedup.bands", bands, "bands");
    v("dedup.rows", rows, "rows");
    v("langid.threshold", threshold, "t");
  }
};
}  // namespace

TEST_CASE("a declared option refuses a value its field cannot hold, naming the key") {
  auto read = [](std::vector<const char*> args) {
    Config c("test");
    register_options<Narrow>(c);
    parse(c, args);
    return read_options<Narrow>(c);
  };
  CHECK(read({"--dedup.bands=20", "--dedup.rows=7"}).bands == 20);
  CHECK_THROWS_WITH(read({"--dedup.bands=4294967316"}), Catch::Contains("dedup.bands must be from -2147483648 to 2147483647"));
  CHECK_THROWS_WITH(read({"--dedup.rows=-1"}), Catch::Contains("dedup.rows must not be negative"));
  CHECK_THROWS_WITH(read({"--langid.threshold=nan"}), Catch::Contains("langid.threshold must be a finite number"));
  CHECK_THROWS_WITH(read({"--langid.threshold=inf"}), Catch::Contains("langid.threshold must be a finite number"));
}

TEST_CASE("--help lists every option with its default") {
  Config c = make();
  const char* args[] = {"prog", "--help"};
  std::ostringstream out;
  CHECK_FALSE(c.parse(2, args, out));
  CHECK_THAT(out.str(), Catch::Contains("--dedup.bands") && Catch::Contains("14") && Catch::Contains("0.65"));
}
