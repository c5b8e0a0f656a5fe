// Boilerplate lines and repeated lines: what is removed, what real text keeps, and the
// documents left with nothing.
#include "tests/catch.h"

#include "curation/quality/boilerplate_filter.h"
#include "curation/quality/repeated_lines.h"
#include "tests/quality/quality_test_util.h"

using namespace mucpt;
using quality_test::reason;

TEST_CASE("boilerplate: web page furniture is recognised") {
  BoilerplateMatcher m{BoilerplateOptions{}};
  for (const char* line : {
           "We use cookies to improve your experience. By continuing you agree.",
           "This website uses cookies for analytics.",
           "Accept all cookies | Manage preferences | Reject non-essential",
           "CLICK HERE to see the full gallery",
           "Subscribe to our newsletter for weekly picks!",
           "Subscribe today and get your first month free. Cancel anytime.",
           "Sign up now for early access.",
           "Follow us on Instagram for the latest updates.",
           "Share this: Facebook | Twitter | Email",
           "You must be logged in to post a reply.",
           "Copyright 2021 Backbeat Media. All rights reserved.",
           "\xC2\xA9 2019 SoundCritic Ltd.",
           "Powered by WordPress",
           "Home | News | Reviews | Contact",
           "Home > Music > Features > Archive",
           "Home \xC2\xBB Albums \xC2\xBB 1998",
           "Page 3 of 12 \xC2\xAB Previous | Next \xC2\xBB",
           "Skip to main content",
           "Read more \xC2\xBB",
           "Back to top \xE2\x86\x91",
           "Loading comments...",
           "Advertisement",
           "Tags: indie, live, reviews",
       }) {
    INFO(line);
    CHECK(m.is_boilerplate(line));
  }
}

TEST_CASE("boilerplate: text that only mentions the phrases is kept") {
  BoilerplateMatcher m{BoilerplateOptions{}};
  for (const char* line : {
           "The band's home town was Leeds, and they returned there in 1990.",
           "Home",  // is boilerplate, see below
           "Powered by a relentless drum machine, the single climbed the charts.",
           "AC/DC - Back in Black (1980)",
           "Vocals / Guitar / Bass",
           "1. Home 3:45",
           "Lyrics: Subscription Blues",
           "The clickhere campaign was an early internet meme.",
           "\xE6\xB3\xB0\xE7\xA7\x91\xC2\xB7\xE6\xB4\x9B\xE6\x8B\x89\xE9\x98\xBF\xE6\x96\xAF\xE6\x98\xAF\xC2\xB7\xE4\xB9\x90\xE6\x89\x8B\xC2\xB7\xE6\xAD\x8C\xE6\x89\x8B",
           "a > b > c is how the chords move in the bridge of the song.",
       }) {
    INFO(line);
    CHECK(m.is_boilerplate(line) == (std::string(line) == "Home"));
  }
  BoilerplateOptions o;
  o.max_line_chars = 40;
  BoilerplateMatcher short_only{o};
  CHECK_FALSE(short_only.is_boilerplate("Click here to read the whole interview with the band members."));
}

TEST_CASE("boilerplate: the stage removes the lines and drops pages of nothing else") {
  BoilerplateFilter stage{BoilerplateOptions{}};
  std::string page =
      "Home | News | Reviews | Contact\n"
      "The album opens with a slow burn.\n\n"
      "Advertisement\n\n"
      "Its second side is louder.\n"
      "Copyright 2020 MusicWire. All rights reserved.";
  CHECK(reason(stage, page) == "");
  CHECK(page == "The album opens with a slow burn.\n\nIts second side is louder.");
  CHECK(reason(stage, "Skip to main content\nHome | About | Contact\nAll rights reserved.") == "all_boilerplate");
  std::string clean = "Nothing to remove here.\n\nNot a thing.";
  CHECK(reason(stage, clean) == "");
  CHECK(clean == "Nothing to remove here.\n\nNot a thing.");
}

TEST_CASE("repeated lines: later copies go, the first stays") {
  RepeatedLineRemover stage;
  std::string text = "Intro line.\nAdvertisement slot\nMiddle line.\n\nAdvertisement slot\nEnd line.\nIntro line.";
  CHECK(reason(stage, text) == "");
  CHECK(text == "Intro line.\nAdvertisement slot\nMiddle line.\n\nEnd line.");
  std::string unique = "a\n\nb\nc";
  CHECK(reason(stage, unique) == "");
  CHECK(unique == "a\n\nb\nc");
  // A line in every 3 bytes or so: more lines than the table's first guess from the bytes.
  std::string numbers, kept;
  for (int i = 1; i <= 400; ++i) numbers += std::to_string(i % 200) + "\n";
  for (int i = 1; i <= 200; ++i) kept += std::to_string(i % 200) + (i < 200 ? "\n" : "");
  CHECK(reason(stage, numbers) == "");
  CHECK(numbers == kept);
}
