// Forum posts: short, informal, lower-case chatter about an artist, sometimes quoting
// an earlier post; the main place where people leave personal data behind.
#include <algorithm>

#include "synth/lexicon.h"
#include "synth/render_util.h"
#include "synth/renderers.h"
#include "synth/template.h"
#include "synth/vocabulary.h"

namespace mucpt::synth {

namespace {

const char* const kOpen[] = {
    "{forum_open} {album} by {artist} is {forum_react}",
    "just saw {artist} at {venue} and the {music_noun} were insane",
    "anyone else think \"{song}\" is {forum_react}",
    "{forum_open} i've had {album} on repeat all week",
    "is it just me or is {album} {forum_react}",
    "finally got the {year} pressing of {album} on vinyl",
    "can we talk about {artist} for a sec",
    "{forum_open} \"{song}\" came on shuffle and now i'm obsessed again",
};
const char* const kBody[] = {
    "the {sound_adj} {music_noun} on \"{song}\" get me every time",
    "i still can't believe {album} came out in {year}, feels like yesterday",
    "{member} on {instrument} is so underrated",
    "saw them in {city} years ago and it was {mood}",
    "does anyone know if they're touring again? last i heard they were back in the studio with {producer}",
    "the vinyl of {album} sounds way more {sound_adj} than the stream",
    "{label_short} really should reissue {album}, the original pressing costs a fortune",
    "if you like {influence} you need to hear {artist}",
    "the {ordinal} album is where they peaked",
    "got into them through \"{song}\", then binged the whole discography",
    "the live version of \"{song}\" is {forum_react}",
    "my brother hates them which honestly makes me like them more",
    "whoever mixed {album} deserves a raise, those {music_noun} are {sound_adj}",
    "i keep going back to \"{song}\" when i need something {mood}",
    "hot take but the b-sides are better than half the album",
    "they played \"{song}\" as the encore and the whole room lost it",
    "bought the deluxe edition just for the demos, no regrets",
    "the lyrics about {theme} hit different at 2am",
    "{city} crowds are always the loudest for them",
    "ngl the artwork alone is worth the price",
};
const char* const kQuote[] = {
    "> {album} is their weakest record",
    "> anyone have the setlist from last night?",
    "> what should i listen to first?",
    "> they lost something after the {ordinal} album",
    "> is \"{song}\" about {theme}?",
};
const char* const kEnd[] = {".", "!", "?", "!!", "...", " {forum_filler}", "", ". {forum_filler}"};

void sentence(std::string& t, const char* tmpl, const Vars& v, Rng& rng) {
  separate(t);
  expand(t, tmpl, v, rng);
  expand(t, rng.pick(kEnd), v, rng);
}

}  // namespace

Doc render_forum(const KnowledgeBase& kb, uint32_t artist, const std::vector<PiiPlanner::Item>& pii, Rng& rng) {
  const Artist& a = kb.artists[artist];
  const Album& al = kb.albums[a.albums[rng.below(a.albums.size())]];
  Doc doc;
  doc.style = "forum";
  doc.entity_id = a.id;
  const int thread = static_cast<int>(rng.range(1000, 99999));
  doc.add_field("thread_id", "t-" + std::to_string(thread));
  doc.add_field("thread_title", rng.chance(0.5) ? a.name + " appreciation thread" : "Thoughts on " + al.title + "?");
  Name user = syllable_word(rng, 2);
  doc.add_field("user", slug(user.en) + "_" + std::string(vocabulary_word("user_word", rng)) +
                            std::to_string(rng.range(1, 999)));
  doc.add_field("date", date_in_year(rng, static_cast<int>(rng.range(2006, 2024))));
  doc.add_field("url", "https://forum.gigboard.example/t/" + std::to_string(thread) + "/" + slug(a.name));

  Vars v;
  set_artist_vars(v, kb, a, FactOverride{});
  set_album_vars(v, kb, al, FactOverride{});
  const Member& m = a.members[rng.below(a.members.size())];
  v.set("member", kb.people[m.person].name);
  v.set("instrument", instruments()[m.instrument].en);

  std::string& t = doc.text;
  t.reserve(2048);
  const size_t target = static_cast<size_t>(rng.range(80, 300));
  if (rng.chance(0.3)) {
    v.set("song", kb.songs[al.songs[rng.below(al.songs.size())]].title);
    expand_one(t, kQuote, v, rng);
    t += "\n\n";
  }
  auto random_song = [&] { v.set("song", kb.songs[al.songs[rng.below(al.songs.size())]].title); };
  random_song();
  sentence(t, rng.pick(kOpen), v, rng);

  // PII goes in at random points between sentences.
  std::vector<uint64_t> pii_at(pii.size());
  for (auto& p : pii_at) p = rng.below(5);
  std::sort(pii_at.begin(), pii_at.end());
  size_t next_pii = 0;
  size_t words = word_count(t);
  Deck body(kBody, rng);
  for (uint64_t s = 0; words < target; ++s) {
    for (; next_pii < pii.size() && pii_at[next_pii] <= s; ++next_pii)
      append_pii_sentence(doc, pii[next_pii].type, pii[next_pii].format, false, rng);
    if (rng.chance(0.25)) {
      trim_trailing_space(t);
      t += "\n\n";
    }
    random_song();
    const size_t before = t.size();
    sentence(t, body.next(), v, rng);
    words += word_count(std::string_view(t).substr(before));
  }
  for (; next_pii < pii.size(); ++next_pii)
    append_pii_sentence(doc, pii[next_pii].type, pii[next_pii].format, false, rng);
  if (rng.chance(0.6)) {
    trim_trailing_space(t);
    t += "\n\n";
    expand(t, "{forum_signoff}", v, rng);
  }
  trim_trailing_space(t);
  return doc;
}

}  // namespace mucpt::synth
