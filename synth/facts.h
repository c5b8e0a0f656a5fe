#pragma once
// The facts a document states about an entity, as template variables, with an
// optional override that makes a document state a wrong value (a corrupted fact).
#include <cstdint>

#include "synth/knowledge_base.h"
#include "synth/template.h"

namespace mucpt::synth {

// Zero or -1 means "state the true value".
struct FactOverride {
  int album_year = 0;
  int album_label = -1;
  int artist_formed = 0;
  int artist_city = -1;
};

int album_year(const Album& al, const FactOverride& ov);
uint32_t album_label(const Album& al, const FactOverride& ov);
int artist_formed(const Artist& a, const FactOverride& ov);
uint32_t artist_city(const Artist& a, const FactOverride& ov);

// {artist}, {genre}, {city}, {country}, {formed}, {label}, {label_short}, {group}
// ("band" or "artist"), pronouns {they}, {their}, {they_have}, and {albums_phrase}
// ("three studio albums").
void set_artist_vars(Vars& v, const KnowledgeBase& kb, const Artist& a, const FactOverride& ov);
// {album}, {year}, {label}, {label_short}, {album_genre}, {producer}, {studio},
// {studio_city}, {ordinal} ("debut", "second", ...), {n_tracks}, {artist}.
void set_album_vars(Vars& v, const KnowledgeBase& kb, const Album& al, const FactOverride& ov);

}  // namespace mucpt::synth
