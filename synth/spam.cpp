#include "synth/spam.h"

#include <cctype>
#include <iterator>

#include "synth/render_util.h"
#include "synth/template.h"

namespace mucpt::synth {

namespace {

const char* const kKeywords[] = {"cheap concert tickets", "best price", "music tickets",
                                 "buy tickets online", "free mp3 download", "discount vinyl",
                                 "cheap tickets", "top songs", "free ringtones", "hit albums",
                                 "festival passes", "lowest price", "VIP tickets", "guitar deals"};
const char* const kPromo[] = {"BUY CHEAP TICKETS NOW!!! {pct}% OFF {artist} SHOWS!!!",
                              "Best prices guaranteed!!! Use code TIX{code} today only!!!",
                              "LIMITED OFFER - {pct}% OFF ALL CONCERT TICKETS!!!",
                              "Free mp3 downloads of {artist}, click now!!! code {code}",
                              "Cheap tickets for {artist} here!!! Only {pct} left!!!",
                              "Don't miss out, buy now buy now buy now!!! {pct}% off",
                              "100% legit {artist} tickets, lowest price online!!! ref {code}",
                              "WIN FREE VIP PASSES TODAY!!! {pct} winners, code {code}"};
const char* const kLorem[] = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing",
                              "elit", "sed", "do", "eiusmod", "tempor", "incididunt", "ut", "labore",
                              "et", "dolore", "magna", "aliqua", "enim", "ad", "minim", "veniam",
                              "quis", "nostrud", "exercitation", "ullamco", "laboris", "nisi",
                              "aliquip", "ex", "ea", "commodo", "consequat", "duis", "aute", "irure"};

// Random numbers and names in every line keep spam documents from being copies of
// one another (the truth records no duplicates among them).
std::string promo(const KnowledgeBase& kb, Rng& rng) {
  Vars v;
  v.set("artist", kb.artists[rng.below(kb.artists.size())].name);
  v.set("pct", static_cast<int>(rng.range(10, 95)));
  v.set("code", static_cast<int>(rng.range(100, 99999)));
  std::string s;
  expand(s, kPromo[rng.below(std::size(kPromo))], v, rng);
  return s;
}

void lorem_paragraph(std::string& t, Rng& rng) {
  const int sentences = static_cast<int>(rng.range(3, 6));
  for (int s = 0; s < sentences; ++s) {
    if (s > 0) t += ' ';
    const int words = static_cast<int>(rng.range(6, 16));
    for (int w = 0; w < words; ++w) {
      const size_t start = t.size();
      if (w > 0) t += ' ';
      t += kLorem[rng.below(std::size(kLorem))];
      if (w == 0) t[start] = static_cast<char>(std::toupper(static_cast<unsigned char>(t[start])));
    }
    t += '.';
  }
}

}  // namespace

Doc render_spam(const KnowledgeBase& kb, Rng& rng) {
  Doc doc;
  doc.style = "spam";
  std::string& t = doc.text;
  switch (rng.below(4)) {
    case 0: {  // keyword stuffing
      const int n = static_cast<int>(rng.range(40, 120));
      for (int i = 0; i < n; ++i) {
        if (i > 0) t += rng.chance(0.2) ? ", " : " ";
        t += kKeywords[rng.below(std::size(kKeywords))];
      }
      break;
    }
    case 1: {  // the same promotional line over and over
      const std::string line = promo(kb, rng);
      const int n = static_cast<int>(rng.range(8, 30));
      for (int i = 0; i < n; ++i) t += (i ? "\n" : "") + line + " [#" + std::to_string(rng.range(1000, 99999)) + "]";
      break;
    }
    case 2: {  // a numbered list of offers
      const int n = static_cast<int>(rng.range(6, 20));
      for (int i = 0; i < n; ++i) t += (i ? "\n" : "") + std::to_string(i + 1) + ". " + promo(kb, rng);
      break;
    }
    default: {  // lorem ipsum filler with a promotional tail
      const int n = static_cast<int>(rng.range(2, 6));
      for (int i = 0; i < n; ++i) {
        if (i > 0) t += "\n\n";
        lorem_paragraph(t, rng);
      }
      t += "\n\n" + promo(kb, rng);
      break;
    }
  }
  doc.add_field("url", "http://cheap-tix-" + std::to_string(rng.range(1, 999)) + ".example/offers");
  return doc;
}

}  // namespace mucpt::synth
