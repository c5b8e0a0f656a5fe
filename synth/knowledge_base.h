#pragma once
// The invented music world: people, artists (bands and solo musicians), albums, songs
// and record labels, with the facts documents mention and questions ask about. Its
// size grows with the number of documents but is capped, so memory stays bounded.
#include <cstdint>
#include <string>
#include <vector>

#include "synth/names.h"

namespace mucpt::synth {

struct Person {
  std::string name;        // the name the person is known by (stage name when set)
  std::string birth_name;  // equal to name when there is no stage name
  std::string zh_name;
  int birth_year = 0;
  uint32_t city = 0;
  bool has_stage_name() const { return name != birth_name; }
};

struct Member {
  uint32_t person = 0;
  uint32_t instrument = 0;
};

struct Artist {
  std::string id;  // "art-000123"
  std::string name;
  std::string zh_name;
  bool is_band = true;
  std::vector<Member> members;  // a solo artist has one member: the artist
  int formed = 0;               // year the band formed or the solo career began
  uint32_t city = 0;
  uint32_t genre = 0;
  uint32_t label = 0;
  std::vector<uint32_t> albums;
};

struct Song {
  std::string title;
  std::string zh_title;
  int seconds = 0;
  uint32_t writer = 0;  // person
};

struct Album {
  std::string id;  // "alb-000123"
  std::string title;
  std::string zh_title;
  uint32_t artist = 0;
  int year = 0;
  uint32_t label = 0;
  uint32_t genre = 0;
  uint32_t producer = 0;  // person
  std::string studio;
  uint32_t studio_city = 0;
  std::vector<uint32_t> songs;
  int award = -1;  // index into awards(), or -1
  int award_year = 0;
  int ordinal = 1;  // 1 for the artist's first studio album
};

struct Label {
  std::string id;  // "lbl-0042"
  std::string name;
  std::string short_name;
  std::string zh_name;
  uint32_t city = 0;
  int founded = 0;
};

struct KnowledgeBase {
  std::vector<Person> people;
  std::vector<Artist> artists;
  std::vector<Album> albums;
  std::vector<Song> songs;
  std::vector<Label> labels;
  std::vector<uint32_t> producers;  // people who produce records

  // `artists` > 0 sets the number of artists (else it follows `documents`): fewer
  // artists, more documents about each, every fact stated more often.
  static KnowledgeBase build(uint64_t seed, uint64_t documents, uint64_t artists = 0);
};

}  // namespace mucpt::synth
