#pragma once
// Fixed bilingual tables the knowledge base draws from: name syllables with their
// Chinese transliterations, title words, cities, genres, instruments and awards.
#include <cstddef>

namespace mucpt::synth {

// One unit with its English and Chinese forms.
struct Term {
  const char* en;
  const char* zh;
};

struct City {
  const char* en;
  const char* zh;
  const char* country;
  const char* country_zh;
};

struct Instrument {
  const char* en;      // "bass guitar"
  const char* player;  // "bassist"
  const char* zh;      // "贝斯"
  const char* player_zh;
};

template <class T>
struct Table {
  const T* items;
  size_t size;
  const T& operator[](size_t i) const { return items[i]; }
};

Table<Term> syllables();       // "ka"/"卡": names are 2-3 of these
Table<Term> title_adjectives();  // "Velvet"/"丝绒"
Table<Term> title_nouns();       // "Lantern"/"灯笼"
Table<City> cities();
Table<Term> genres();
Table<Instrument> instruments();
Table<Term> awards();
Table<Term> studio_words();

}  // namespace mucpt::synth
