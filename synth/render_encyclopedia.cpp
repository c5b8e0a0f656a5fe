// Encyclopedic biographies: a lead that always states the formation year and city,
// the lineup, one passage per album, then style and legacy paragraphs filled to length.
#include <algorithm>

#include "synth/lexicon.h"
#include "synth/render_util.h"
#include "synth/renderers.h"
#include "synth/template.h"

namespace mucpt::synth {

namespace {

const char* const kBandLead[] = {
    "{artist} is a {genre} band formed in {city}, {country}, in {formed}.",
    "Formed in {city} in {formed}, {artist} is a {genre} group known for {sound_adj} {music_noun} and {sound_adj} {music_noun}.",
    "{artist} is a {genre} band that formed in {formed} in the city of {city}, {country}.",
    "{artist} is a {genre} band founded in {city}, {country}, in {formed}, and {adverb} built a following there.",
    "The {genre} band {artist} was formed in {formed} in {city} and has been {adverb} reshaping its sound ever since.",
};
const char* const kSoloLead[] = {
    "{artist} is a {genre} musician from {city}, {country}, whose recording career began in {formed}.",
    "{artist} is a {genre} singer-songwriter based in {city}, {country}, who started releasing music in {formed}.",
    "Born and raised in {city}, {artist} is a {genre} artist who made a first record in {formed}.",
    "{artist} is a {genre} performer from {city}, {country}; {their} career as a recording artist began in {formed}.",
};
const char* const kLeadMore[] = {
    "Over the years {they_have} released {albums_phrase}, most of them on {label}.",
    "The {group} has worked mostly with {label}, the label behind most of {their} records.",
    "{^their} catalogue of {albums_phrase} is built around {sound_adj} {music_noun} and lyrics about {theme}.",
    "{^they_have} been with {label} for most of {their} career.",
    "Known for {mood} live shows, {they_have} toured widely and won over {listener}.",
};
const char* const kMemberLine[] = {
    "{member} plays {instrument} and grew up in {member_city}.",
    "{member}, the {group}'s {player}, has been credited with many of its {sound_adj} {music_noun}.",
    "On {instrument}, {member} brings a {sound_adj} touch that {listener} often mention.",
    "{member} handles {instrument} and also writes a share of the songs.",
    "Before joining, {member} played {instrument} in local groups around {member_city}.",
    "Much of the {group}'s {sound_adj} character comes from the way {member} approaches {instrument}.",
    "{member} joined on {instrument} and has appeared on every record since.",
    "Fans know {member} for {mood} solos on {instrument} during the encores.",
};
const char* const kDebut[] = {
    "{artist} released the debut album, {album}, on {label} in {year}.",
    "The debut album, {album}, appeared on {label} in {year}.",
    "In {year}, {label} issued {album}, the debut record by {artist}.",
};
const char* const kAlbumFirst[] = {
    "In {year}, {artist} released the {ordinal} studio album, {album}, on {label}.",
    "The {ordinal} album, {album}, came out in {year} through {label}.",
    "{album}, released by {label} in {year}, was the {group}'s {ordinal} full-length record.",
    "{artist} followed in {year} with {album}, the {ordinal} record, issued by {label}.",
    "{label} put out {album}, the {ordinal} album from {artist}, in {year}.",
    "{year} brought {album}, the {ordinal} release by the {group}, on {label}.",
};
const char* const kAlbumMore[] = {
    "It was produced by {producer} at {studio} in {studio_city}.",
    "{producer} produced the sessions, which took place at {studio} in {studio_city}.",
    "The lead single, \"{song}\", {music_verb}s around {sound_adj} {music_noun}.",
    "Critics {critic_verb} \"{song}\" for its {sound_adj} {music_noun}.",
    "The album runs to {n_tracks} tracks and leans toward {album_genre} with touches of {influence}.",
    "Its {n_tracks} songs deal with {theme} and {theme}, framed by {sound_adj} {music_noun}.",
    "Recording took place in {studio_city}, with {producer} at the controls.",
    "Reviewers singled out \"{song}\" as the standout track.",
    "The record sold steadily and introduced the {group} to {listener}.",
    "Sessions with {producer} gave the material a {sound_adj} edge.",
    "A video for \"{song}\" was shown widely on music television.",
    "Much of it was written on tour, and the lyrics reflect {theme}.",
};
const char* const kStyle[] = {
    "Critics have described the {group}'s sound as {sound_adj} and {sound_adj}, with {music_noun} that {music_verb} over {sound_adj} {music_noun}.",
    "{^their} songs often deal with {theme} and {theme}, set against {sound_adj} {music_noun}.",
    "Early recordings drew on {influence} and {influence}, while later releases leaned toward {influence}.",
    "Writers at {outlet} have {critic_verb} the {sound_adj} {music_noun} as a defining feature of {their} records.",
    "{^listener} tend to single out the {sound_adj} {music_noun} of the later albums.",
    "Live, the {group} is known for {mood} sets in which the {music_noun} {music_verb} into long instrumental passages.",
    "The {group} {adverb} combines {influence} with {genre}, which makes {their} records feel {mood}.",
    "A typical song builds from {sound_adj} {music_noun} toward {mood} choruses.",
    "Lyrically, the songs return again and again to {theme}, often through {mood} first-person stories.",
    "In interviews {they_have} cited {influence}, {influence} and {influence} as formative influences.",
    "Producers who have worked with the {group} praise {their} {praise_adj} approach to {music_noun}.",
    "The {sound_adj} textures of {their} music owe as much to {influence} as to {genre}.",
    "Much of the writing starts from {sound_adj} {music_noun} and a single phrase about {theme}.",
    "Arrangements tend to leave space, letting the {music_noun} carry the melody.",
    "On record the {group} favours {sound_adj} {music_noun} over studio polish.",
    "Songs rarely run past five minutes, and most are built on {sound_adj} {music_noun}.",
    "Vocals are often mixed low, so the {music_noun} sit at the centre of the sound.",
    "Reviewers have compared the {group}'s {sound_adj} side with {influence}.",
    "Engineers who worked on the sessions describe {their} approach to the studio as {praise_adj}.",
    "Several songs run into one another, giving the albums a continuous, {mood} flow.",
    "Tempos vary widely, from slow {mood} ballads to fast numbers driven by {music_noun}.",
    "The {group} seldom uses guest musicians, preferring to keep the arrangements {sound_adj}.",
    "Writers have linked the recurring theme of {theme} to the streets of {city}.",
    "A recurring image in the lyrics is {theme}, usually seen from a distance.",
    "Some listeners first heard the {group} through {outlet}, which championed the early singles.",
    "Over time the records have grown more {sound_adj}, though the core of {genre} remains.",
    "Harmony plays a large part, with layered {music_noun} supporting the lead melody.",
    "Rather than chasing trends, {they_have} kept returning to {influence}.",
    "On stage, older songs are often reworked into {mood} new versions.",
    "Humour surfaces now and then, a counterweight to the {mood} tone of most lyrics.",
    "Some of the strongest material was first tried out at small shows in {city}.",
};
const char* const kLegacy[] = {
    "The {group} has headlined {venue} and played {festival} several times.",
    "{^their} influence can be heard in a younger generation of {genre} acts from {city}.",
    "Retrospective reviews in {outlet} have called {their} catalogue {praise_adj} and {praise_adj}.",
    "In {city} the {group} remains a reference point for {listener} and for other songwriters.",
    "A documentary about the making of {their} records has been discussed for years but never released.",
    "Several of {their} songs have been covered by other {genre} artists.",
    "{^their} performances at {festival} are often cited as high points of {their} career.",
    "{^their} early singles now sell for high prices among collectors.",
    "Tribute nights in {city} have featured local acts playing {their} songs.",
    "{outlet} once placed one of {their} albums in a list of the best {genre} records of its decade.",
    "Radio presenters in {country} have championed the {group} since the first releases.",
    "Younger musicians from {country} often name the {group} as an early influence.",
    "Fan communities online still trade recordings of {their} early club shows.",
    "Few {genre} acts from {city} have kept such a loyal audience for so long.",
    "A book about the {group}, drawing on interviews with former collaborators, appeared some years ago.",
    "Music teachers in {city} have used {their} records to show students how arrangements work.",
    "Demand for reissues of {their} catalogue has grown steadily among {listener}.",
};

}  // namespace

Doc render_encyclopedia(const KnowledgeBase& kb, uint32_t artist, const FactOverride& ov, Rng& rng) {
  const Artist& a = kb.artists[artist];
  Doc doc;
  doc.style = "encyclopedia";
  doc.entity_id = a.id;
  doc.add_field("title", a.name);
  doc.add_field("url", std::string("https://") + "encyclopedia.musicwiki.example/wiki/" + slug(a.name));
  doc.add_field("lang", "en");

  Vars v;
  set_artist_vars(v, kb, a, ov);
  std::string& t = doc.text;
  t.reserve(4096);
  const size_t target = static_cast<size_t>(rng.range(300, 600));

  if (a.is_band) {
    expand_one(t, kBandLead, v, rng);
  } else {
    const Person& p = kb.people[a.members[0].person];
    if (p.has_stage_name()) {
      t += a.name + " (born " + p.birth_name + ", " + std::to_string(p.birth_year) + ") ";
      expand(t, "is a {genre} musician from {city}, {country}, whose first record appeared in {formed}.", v, rng);
    } else {
      expand_one(t, kSoloLead, v, rng);
    }
  }
  t += ' ';
  expand_one(t, kLeadMore, v, rng);
  t += "\n\n";

  Deck member_lines(kMemberLine, rng), album_first(kAlbumFirst, rng), album_more(kAlbumMore, rng);
  Deck style(kStyle, rng), legacy(kLegacy, rng);
  if (a.is_band) {
    std::vector<std::string> lineup;
    for (const Member& m : a.members) {
      const Person& p = kb.people[m.person];
      lineup.push_back(p.name + " (" + instruments()[m.instrument].en + ")");
    }
    t += "The lineup consists of " + join_list(lineup) + ".";
    for (const Member& m : a.members) {
      const Person& p = kb.people[m.person];
      if (p.has_stage_name()) {
        t += ' ';
        t += p.name + " was born " + p.birth_name + " in " + std::to_string(p.birth_year) + ".";
      }
      if (rng.chance(0.6) && !member_lines.empty()) {
        Vars mv(&v);
        mv.set("member", p.name);
        mv.set("instrument", instruments()[m.instrument].en);
        mv.set("player", instruments()[m.instrument].player);
        mv.set("member_city", cities()[p.city].en);
        t += ' ';
        expand(t, member_lines.next(), mv, rng);
      }
    }
    t += "\n\n";
  }

  std::vector<int> awards_named;
  for (uint32_t al_index : a.albums) {
    const Album& al = kb.albums[al_index];
    Vars av(&v);
    set_album_vars(av, kb, al, FactOverride{});
    av.set("song", kb.songs[al.songs[rng.below(al.songs.size())]].title);
    if (al.ordinal == 1) expand_one(t, kDebut, av, rng);
    else if (const char* first = album_first.next()) expand(t, first, av, rng);
    const int more = static_cast<int>(rng.range(1, 2));
    for (int k = 0; k < more && !album_more.empty(); ++k) {
      t += ' ';
      expand(t, album_more.next(), av, rng);
    }
    if (al.award >= 0) {
      t += ' ';
      // A prize won a second time is not named again.
      const bool again = std::find(awards_named.begin(), awards_named.end(), al.award) != awards_named.end();
      if (again) t += al.title + " brought the " + std::string(a.is_band ? "band" : "artist") + " the same prize again in " +
                      std::to_string(al.award_year) + ".";
      else t += al.title + " won the " + awards()[al.award].en + " in " + std::to_string(al.award_year) + ".";
      awards_named.push_back(al.award);
    }
    t += rng.chance(0.5) ? "\n\n" : " ";
  }
  trim_trailing_space(t);
  t += "\n\n";

  // Style and legacy paragraphs grow until the article reaches its target length; the
  // decks hold enough sentences for the longest article, and none is used twice.
  size_t words = word_count(t);
  int sentences_in_paragraph = 0;
  while (words < target && !(style.empty() && legacy.empty())) {
    if (sentences_in_paragraph > 0) t += ' ';
    const size_t before = t.size();
    const bool use_style = legacy.empty() || (!style.empty() && rng.chance(0.75));
    expand(t, use_style ? style.next() : legacy.next(), v, rng);
    words += word_count(std::string_view(t).substr(before));
    if (++sentences_in_paragraph >= rng.range(3, 5)) {
      t += "\n\n";
      sentences_in_paragraph = 0;
    }
  }
  trim_trailing_space(t);
  return doc;
}

}  // namespace mucpt::synth
