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
    "first heard them on a late night radio show and never looked back",
    "anyone know a good place to find their old merch?",
    "the harmonies on the chorus of \"{song}\" are unreal",
    "been listening since the early days and they still surprise me",
    "{producer} did such a good job on the production",
    "the bass tone on that record is something else",
    "showed my dad \"{song}\" and now he's a fan too",
    "they're playing {venue} soon, anyone going",
    "can't stop humming the hook from \"{song}\"",
    "someone filmed the whole {city} show, it's floating around somewhere",
    "honestly their interviews are almost as good as the music",
    "{influence} fans would really get into this",
    "the {label_short} pressings always sound a bit thin to me",
    "their cover of an old {genre} tune is criminally overlooked",
    "whenever i'm on a long drive this is what i put on",
    "wish they'd come back to {city} already",
    "the acoustic sets they did a few years back were {mood}",
    "saw a clip of them soundchecking \"{song}\" and got chills",
    "my first gig was them at {venue}, still the best night ever",
    "the way \"{song}\" builds at the end never gets old",
    "not sure the new stuff is for me but i respect the change",
    "{member} posted some studio photos a while ago, looked like fun",
};
const char* const kQuote[] = {
    "> {album} is their weakest record",
    "> anyone have the setlist from last night?",
    "> what should i listen to first?",
    "> they lost something after the {ordinal} album",
    "> is \"{song}\" about {theme}?",
};
const char* const kEnd[] = {".", "!", "?", "!!", "...", " {forum_filler}", "", ". {forum_filler}"};

// A post names its album at most this often; more reads like spam.
constexpr int kMaxAlbumMentions = 2;

void sentence(std::string& t, const char* tmpl, const Vars& v, Rng& rng) {
  separate(t);
  expand(t, tmpl, v, rng);
  expand(t, rng.pick(kEnd), v, rng);
}

// Before a line break: a trailing "..." becomes ".", so that lines trailing off stay
// rare (Gopher counts lines that end in an ellipsis).
void end_line(std::string& t) {
  trim_trailing_space(t);
  if (t.size() >= 3 && t.compare(t.size() - 3, 3, "...") == 0) t.resize(t.size() - 2);
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
  // Songs are named in a fixed random order, so no song comes up twice.
  std::vector<uint32_t> songs = al.songs;
  size_t next_song = 0;
  auto random_song = [&] {
    if (next_song == 0) rng.shuffle(songs);
    v.set("song", kb.songs[songs[next_song++ % songs.size()]].title);
  };
  int album_mentions = 0;
  if (rng.chance(0.3)) {
    random_song();
    const char* quote = rng.pick(kQuote);
    album_mentions += uses_slot(quote, "album");
    expand(t, quote, v, rng);
    t += "\n\n";
  }
  random_song();
  const char* open = rng.pick(kOpen);
  album_mentions += uses_slot(open, "album");
  sentence(t, open, v, rng);

  // PII goes in at random points between sentences.
  std::vector<uint64_t> pii_at(pii.size());
  for (auto& p : pii_at) p = rng.below(5);
  std::sort(pii_at.begin(), pii_at.end());
  size_t next_pii = 0;
  size_t words = word_count(t);
  Deck body(kBody, rng);
  // Each body line is used once; lines naming the album stop once it has been named
  // often enough, and lines naming a song once every song has been named.
  auto usable = [&](const char* tmpl) {
    if (uses_slot(tmpl, "album") && album_mentions >= kMaxAlbumMentions) return false;
    return !uses_slot(tmpl, "song") || next_song < songs.size();
  };
  for (uint64_t s = 0; words < target; ++s) {
    const char* line = body.next_if(usable);
    if (!line) break;
    for (; next_pii < pii.size() && pii_at[next_pii] <= s; ++next_pii)
      append_pii_sentence(doc, pii[next_pii].type, pii[next_pii].format, false, rng);
    if (rng.chance(0.25)) {
      end_line(t);
      t += "\n\n";
    }
    album_mentions += uses_slot(line, "album");
    if (uses_slot(line, "song")) random_song();
    const size_t before = t.size();
    sentence(t, line, v, rng);
    words += word_count(std::string_view(t).substr(before));
  }
  for (; next_pii < pii.size(); ++next_pii)
    append_pii_sentence(doc, pii[next_pii].type, pii[next_pii].format, false, rng);
  if (rng.chance(0.6)) {
    end_line(t);
    t += "\n\n";
    expand(t, "{forum_signoff}", v, rng);
  }
  end_line(t);
  trim_trailing_space(t);
  return doc;
}

}  // namespace mucpt::synth
