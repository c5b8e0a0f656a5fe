#include "synth/benchmark.h"

#include <algorithm>
#include <cstdio>
#include <unordered_set>

#include "common/json_writer.h"
#include "synth/lexicon.h"
#include "synth/rng.h"

namespace mucpt::synth {

namespace {

enum Kind {
  kAlbumLabel, kAlbumYear, kArtistCity, kMemberInstrument, kAlbumProducer, kSongAlbum,
  kSongArtist, kBirthName, kFormed, kLabelCity, kAlbumAward, kTrackCount, kKindCount
};
const char* const kKindNames[kKindCount] = {
    "album_label", "album_year", "artist_city", "member_instrument", "album_producer", "song_album",
    "song_artist", "birth_name", "formed", "label_city", "album_award", "track_count"};
const double kKindWeights[kKindCount] = {2, 2, 1.5, 1.5, 1, 1, 1, 0.7, 1, 0.5, 0.7, 0.5};

void person_answer(Question& q, const Person& p) {
  q.answer = p.name;
  if (p.has_stage_name()) q.aliases.push_back(p.birth_name);
  q.answer_type = "Person";
}

// Fills q for one kind and entity; returns false when the fact does not exist for it
// or would not have a single answer.
bool make(Question& q, Kind kind, const KnowledgeBase& kb, ArtistHalf half, Rng& rng) {
  const size_t artist = rng.below(kb.artists.size());
  if ((half == ArtistHalf::even && artist % 2 != 0) || (half == ArtistHalf::odd && artist % 2 != 1)) return false;
  const Artist& a = kb.artists[artist];
  const Album& al = kb.albums[a.albums[rng.below(a.albums.size())]];
  const Song& song = kb.songs[al.songs[rng.below(al.songs.size())]];
  q.kind = kKindNames[kind];
  q.artist_id = a.id;
  q.entity_id = al.id;
  switch (kind) {
    case kAlbumLabel: {
      const Label& l = kb.labels[al.label];
      q.question = "Which record label released the album \"" + al.title + "\" by " + a.name + "?";
      q.answer = l.name;
      q.aliases.push_back(l.short_name);
      q.answer_type = "Other";
      return true;
    }
    case kAlbumYear:
      q.question = "In what year did " + a.name + " release the album \"" + al.title + "\"?";
      q.answer = std::to_string(al.year);
      q.answer_type = "Date";
      return true;
    case kArtistCity:
      q.entity_id = a.id;
      q.question = a.is_band ? "In which city was the band " + a.name + " formed?"
                             : "Which city is the musician " + a.name + " from?";
      q.answer = cities()[a.city].en;
      q.answer_type = "Place";
      return true;
    case kMemberInstrument: {
      if (!a.is_band) return false;
      const Member& m = a.members[rng.below(a.members.size())];
      q.entity_id = a.id;
      q.question = "Who plays the " + std::string(instruments()[m.instrument].en) + " in " + a.name + "?";
      person_answer(q, kb.people[m.person]);
      return true;
    }
    case kAlbumProducer:
      q.question = "Who produced the album \"" + al.title + "\" by " + a.name + "?";
      person_answer(q, kb.people[al.producer]);
      return true;
    case kSongAlbum:
      q.question = "On which album by " + a.name + " does the song \"" + song.title + "\" appear?";
      q.answer = al.title;
      q.answer_type = "Other";
      return true;
    case kSongArtist:
      q.question = "Which artist recorded the song \"" + song.title + "\"?";
      q.answer = a.name;
      if (!a.is_band && kb.people[a.members[0].person].has_stage_name())
        q.aliases.push_back(kb.people[a.members[0].person].birth_name);
      q.answer_type = a.is_band ? "Other" : "Person";
      return true;
    case kBirthName: {
      const Member& m = a.members[rng.below(a.members.size())];
      const Person& p = kb.people[m.person];
      if (!p.has_stage_name()) return false;
      q.entity_id = a.id;
      q.question = "What is the birth name of the musician known as " + p.name + "?";
      q.answer = p.birth_name;
      q.answer_type = "Person";
      return true;
    }
    case kFormed:
      q.entity_id = a.id;
      q.question = a.is_band ? "In what year was the band " + a.name + " formed?"
                             : "In what year did " + a.name + " begin a recording career?";
      q.answer = std::to_string(a.formed);
      q.answer_type = "Date";
      return true;
    case kLabelCity: {
      const Label& l = kb.labels[al.label];
      q.entity_id = l.id;
      q.question = "In which city is the record label " + l.name + " based?";
      q.answer = cities()[l.city].en;
      q.answer_type = "Place";
      return true;
    }
    case kAlbumAward: {
      if (al.award < 0) return false;
      for (uint32_t other : a.albums)
        if (&kb.albums[other] != &al && kb.albums[other].award == al.award) return false;
      q.question = "Which album by " + a.name + " won the " + awards()[al.award].en + "?";
      q.answer = al.title;
      q.answer_type = "Other";
      return true;
    }
    case kTrackCount:
      q.question = "How many tracks are on the album \"" + al.title + "\" by " + a.name + "?";
      q.answer = std::to_string(al.songs.size());
      q.answer_type = "Number";
      return true;
    case kKindCount: break;
  }
  return false;
}

}  // namespace

size_t question_count(uint64_t documents) {
  return static_cast<size_t>(std::min<uint64_t>(std::max<uint64_t>(documents / 10, 300), 3000));
}

bool is_question_kind(const std::string& kind) {
  return std::find(std::begin(kKindNames), std::end(kKindNames), kind) != std::end(kKindNames);
}

std::vector<Question> make_questions(const KnowledgeBase& kb, uint64_t seed, size_t count, ArtistHalf half,
                                     uint64_t stream, const std::vector<std::string>& kinds) {
  Rng rng = Rng::stream(seed, stream);  // "qa" for the benchmark
  double weights[kKindCount];
  for (int k = 0; k < kKindCount; ++k)
    weights[k] = kinds.empty() || std::find(kinds.begin(), kinds.end(), kKindNames[k]) != kinds.end() ? kKindWeights[k] : 0;
  std::vector<Question> out;
  std::unordered_set<std::string> seen;
  for (size_t attempts = 0; out.size() < count && attempts < count * 20; ++attempts) {
    Question q;
    Kind kind = static_cast<Kind>(rng.weighted(weights, kKindCount));
    if (!make(q, kind, kb, half, rng) || !seen.insert(q.question).second) continue;
    char id[32];
    std::snprintf(id, sizeof id, "mqa-%05zu", out.size() + 1);
    q.id = id;
    out.push_back(std::move(q));
  }
  return out;
}

std::string question_json(const Question& q) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("id", q.id);
  w.field("question", q.question);
  w.field("answer", q.answer);
  w.key("aliases").begin_array();
  for (const auto& a : q.aliases) w.value(a);
  w.end_array();
  w.field("topic", "Music");
  w.field("answer_type", q.answer_type);
  w.end_object();
  return out;
}

}  // namespace mucpt::synth
