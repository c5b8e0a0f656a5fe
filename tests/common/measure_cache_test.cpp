// Stored measures are found only under the key they were stored with, and storing
// again replaces a stage's entry in place.
#include "tests/catch.h"

#include "common/measure_cache.h"

using namespace mucpt;

TEST_CASE("stored measures are found under their key and replaced in place") {
  Document doc;
  const uint64_t key = measure_key("some text", 7);
  CHECK(key < (uint64_t{1} << 53));  // exact as a double and as a JSON number
  CHECK(key != measure_key("some text", 8));
  CHECK(key != measure_key("other text", 7));
  CHECK(find_measures(doc, "langid", key, 2) == nullptr);

  Score* lang = store_measures(doc, "langid", key, 2);
  lang[0].label = "en";
  lang[1].number = 0.9;
  const uint64_t fineweb_key = measure_key("some text", 1);
  store_measures(doc, "fineweb", fineweb_key, 1)->number = 0.25;
  REQUIRE(doc.measured.size() == 5);

  const Score* found = find_measures(doc, "langid", key, 2);
  REQUIRE(found != nullptr);
  CHECK(found[0].label == "en");
  CHECK(found[1].number == 0.9);
  CHECK(find_measures(doc, "langid", measure_key("changed text", 7), 2) == nullptr);
  CHECK(find_measures(doc, "langid", key, 3) == nullptr);  // the next stage's entry is not a value
  CHECK(find_measures(doc, "fineweb", fineweb_key, 1)->number == 0.25);

  // A new measurement of the first stage replaces its entry and keeps the order.
  const uint64_t again = measure_key("changed text", 7);
  Score* other = store_measures(doc, "langid", again, 2);
  other[0].label = "zh";
  other[1].number = 0.5;
  REQUIRE(doc.measured.size() == 5);
  CHECK(doc.measured[0].name == "langid");
  CHECK(find_measures(doc, "langid", key, 2) == nullptr);
  CHECK(find_measures(doc, "langid", again, 2)[0].label == "zh");
  CHECK(doc.measured[3].name == "fineweb");
  CHECK(find_measures(doc, "fineweb", fineweb_key, 1)->number == 0.25);
}
