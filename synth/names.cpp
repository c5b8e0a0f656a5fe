#include "synth/names.h"

#include <cctype>

#include "synth/lexicon.h"

namespace mucpt::synth {

namespace {

uint64_t lower_hash(const std::string& s) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  }
  return h;
}

const Term& adjective(Rng& rng) { return title_adjectives()[rng.below(title_adjectives().size)]; }
const Term& noun(Rng& rng) { return title_nouns()[rng.below(title_nouns().size)]; }

// English plural of a title noun ("Wolves", "Echoes", "Circuses").
Name plural(const Term& t) {
  std::string en = t.en;
  const char last = en.back();
  if (last == 'f') en = en.substr(0, en.size() - 1) + "ves";
  else if (last == 's' || last == 'o' || last == 'x' || last == 'h') en += "es";
  else en += "s";
  return {en, t.zh};
}

}  // namespace

Name syllable_word(Rng& rng, int n) {
  Name out;
  for (int i = 0; i < n; ++i) {
    const Term& s = syllables()[rng.below(syllables().size)];
    out.en += s.en;
    out.zh += s.zh;
  }
  out.en[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out.en[0])));
  return out;
}

bool NameGenerator::claim(const std::string& en) { return used_.insert(lower_hash(en)).second; }

template <class Make>
Name NameGenerator::unique(Make make) {
  // Retry with fresh draws; after many collisions add a syllable word, which makes
  // the space effectively unbounded.
  for (int attempt = 0;; ++attempt) {
    Name n = make();
    if (attempt > 40) {
      Name extra = syllable_word(2);
      n.en = extra.en + " " + n.en;
      n.zh = extra.zh + n.zh;
    }
    if (claim(n.en)) return n;
  }
}

Name NameGenerator::person() {
  return unique([this] {
    Name first = syllable_word(2);
    Name last = syllable_word(static_cast<int>(rng_.range(2, 3)));
    return Name{first.en + " " + last.en, first.zh + "·" + last.zh};
  });
}

Name NameGenerator::stage_name() {
  return unique([this] { return syllable_word(3); });
}

Name NameGenerator::band() {
  return unique([this] {
    const Term& a = adjective(rng_);
    const Term& n = noun(rng_);
    switch (rng_.below(5)) {
      case 0: return Name{std::string("The ") + a.en + " " + plural(n).en, std::string(a.zh) + n.zh + "乐队"};
      case 1: return Name{std::string(a.en) + " " + n.en, std::string(a.zh) + n.zh};
      case 2: return syllable_word(static_cast<int>(rng_.range(2, 3)));
      case 3: {
        Name s = syllable_word(2);
        return Name{plural(n).en + " of " + s.en, s.zh + "之" + n.zh};
      }
      default: {
        Name s = syllable_word(2);
        return Name{s.en + " and the " + plural(n).en, s.zh + "与" + n.zh + "乐队"};
      }
    }
  });
}

Name NameGenerator::album_title() {
  return unique([this] {
    const Term& a = adjective(rng_);
    const Term& n = noun(rng_);
    const Term& n2 = noun(rng_);
    switch (rng_.below(7)) {
      case 0: return Name{std::string(a.en) + " " + n.en, std::string(a.zh) + n.zh};
      case 1: {
        Name s = syllable_word(2);
        return Name{plural(n).en + " of " + s.en, s.zh + "的" + n.zh};
      }
      case 2: return Name{std::string("The ") + a.en + " " + n.en, std::string(a.zh) + n.zh};
      case 3: return Name{std::string(n.en) + " and " + n2.en, std::string(n.zh) + "与" + n2.zh};
      case 4: return syllable_word(3);
      case 5: return Name{std::string("Songs from the ") + n.en, std::string("来自") + n.zh + "的歌"};
      default: return Name{std::string(a.en) + " " + plural(n).en, std::string(a.zh) + n.zh};
    }
  });
}

Name NameGenerator::song_title() {
  return unique([this] {
    const Term& a = adjective(rng_);
    const Term& n = noun(rng_);
    const Term& n2 = noun(rng_);
    switch (rng_.below(11)) {
      case 0: return Name{std::string(a.en) + " " + n.en, std::string(a.zh) + n.zh};
      case 1: return Name{std::string(n.en) + " in the " + n2.en, std::string(n2.zh) + "里的" + n.zh};
      case 2: return Name{std::string("Waiting for the ") + n.en, std::string("等待") + n.zh};
      case 3: return Name{std::string("Under the ") + a.en + " " + n.en, std::string("在") + a.zh + n.zh + "下"};
      case 4: {
        Name s = syllable_word(2);
        return Name{s.en + " " + n.en, s.zh + n.zh};
      }
      case 5: {
        Name s = syllable_word(2);
        return Name{"Letters to " + s.en, "写给" + s.zh + "的信"};
      }
      case 6: return Name{std::string("Goodbye ") + n.en, std::string("再见") + n.zh};
      case 7: return Name{std::string(n.en) + " Song", std::string(n.zh) + "之歌"};
      case 8: return Name{std::string("The ") + a.en + " " + plural(n).en, std::string(a.zh) + n.zh};
      case 9: {
        Name s = syllable_word(3);
        return Name{s.en, s.zh};
      }
      default: return Name{std::string("Another ") + a.en + " " + n.en, std::string("又一个") + a.zh + n.zh};
    }
  });
}

Name NameGenerator::label(Name& short_name) {
  for (;;) {
    Name long_name, brief;
    switch (rng_.below(4)) {
      case 0: {
        brief = syllable_word(static_cast<int>(rng_.range(2, 3)));
        long_name = {brief.en + " Records", brief.zh + "唱片"};
        break;
      }
      case 1: {
        const Term& a = adjective(rng_);
        const Term& n = noun(rng_);
        brief = {std::string(a.en) + " " + n.en, std::string(a.zh) + n.zh};
        long_name = {brief.en + " Recordings", brief.zh + "唱片公司"};
        break;
      }
      case 2: {
        brief = syllable_word(static_cast<int>(rng_.range(2, 3)));
        long_name = {brief.en + " Music Group", brief.zh + "音乐集团"};
        break;
      }
      default: {
        const Term& n = noun(rng_);
        brief = {std::string(n.en) + " Sound", std::string(n.zh) + "之声"};
        long_name = {brief.en + " Records", brief.zh + "唱片"};
        break;
      }
    }
    if (used_.count(lower_hash(long_name.en)) || used_.count(lower_hash(brief.en))) continue;
    claim(long_name.en);
    claim(brief.en);
    short_name = brief;
    return long_name;
  }
}

}  // namespace mucpt::synth
