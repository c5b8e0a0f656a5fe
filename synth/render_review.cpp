// Album reviews: an opening that always states the year and the label, passages on
// individual songs and on the production, general criticism, and a verdict.
#include <algorithm>
#include <cstdio>

#include "synth/lexicon.h"
#include "synth/render_util.h"
#include "synth/renderers.h"
#include "synth/template.h"

namespace mucpt::synth {

namespace {

const char* const kOpening[] = {
    "{album}, the {ordinal} album by {artist}, arrived in {year} on {label}, and it is a {praise_adj} record.",
    "Released by {label} in {year}, {album} finds {artist} in {mood} form on what is only the {ordinal} album of the {group}.",
    "There is a {sound_adj} confidence to {album}, the {year} release from {artist} on {label}.",
    "{artist} returned in {year} with {album}, a {praise_adj} {ordinal} album issued by {label}.",
    "When {label} put out {album} in {year}, few expected {artist} to sound this {sound_adj}.",
};
const char* const kContext[] = {
    "The {group} has always drawn on {influence}, but here the {music_noun} feel {sound_adj} and newly focused.",
    "Where earlier work leaned on {sound_adj} {music_noun}, this record trades them for {sound_adj} {music_noun}.",
    "It is an album about {theme} and {theme}, and it rarely wastes a minute.",
    "Fans of {influence} will find plenty to like, though the {album_genre} core stays intact.",
    "Across {n_tracks} tracks, the {group} sounds {mood} and {adverb} sure of itself.",
};
const char* const kSong[] = {
    "Opener \"{song}\" sets the tone with {sound_adj} {music_noun} that {music_verb} under a {mood} vocal.",
    "\"{song}\" is the clear highlight, its {music_noun} {adverb} building to a {mood} climax.",
    "On \"{song}\", {sound_adj} {music_noun} {music_verb} against {sound_adj} {music_noun}.",
    "The {mood} \"{song}\" slows things down, leaving room for {sound_adj} {music_noun}.",
    "\"{song}\" borrows a little from {influence}, with {music_noun} that {music_verb} and never settle.",
    "Closer \"{song}\" ends the record on a {mood} note, all {sound_adj} {music_noun} and space.",
    "Even a deep cut like \"{song}\" rewards attention, thanks to {sound_adj} {music_noun}.",
};
const char* const kProduction[] = {
    "{producer} produced the record at {studio} in {studio_city}, and the {music_noun} sound {sound_adj} throughout.",
    "Recorded at {studio} in {studio_city} with {producer} behind the desk, the album has a {sound_adj}, {sound_adj} finish.",
    "{producer}'s production keeps the {music_noun} {sound_adj} and the {music_noun} up front.",
    "The mix, overseen by {producer}, lets the {music_noun} breathe without losing the {sound_adj} edge.",
};
const char* const kCritique[] = {
    "Not every idea lands: a couple of the mid-album tracks drift into {sound_adj} filler.",
    "The lyrics, mostly about {theme}, are sharper than before and occasionally {mood}.",
    "At times the {music_noun} crowd the vocals, but the {sound_adj} moments more than compensate.",
    "It is the rare {album_genre} record that feels both {sound_adj} and {sound_adj}.",
    "{^listener} may miss the {sound_adj} {music_noun} of the early days, yet the growth is obvious.",
    "The sequencing is {praise_adj}, moving from {mood} openers to {mood} ballads without a jolt.",
    "There are echoes of {influence} and {influence}, but the voice is unmistakably the {group}'s own.",
    "Repeated listens reveal {sound_adj} details in the {music_noun} that are easy to miss at first.",
    "If the middle stretch sags, the final run of songs is as {praise_adj} as anything in the catalogue.",
    "The {music_noun} here {music_verb} with a {sound_adj} patience that suits songs about {theme}.",
    "The middle of the record belongs to the {music_noun}, which {music_verb} in {adverb} shifting patterns.",
    "Some choruses arrive too quickly, as if the {group} feared losing {listener} halfway through.",
    "Few {album_genre} albums this year sound as {sound_adj} when played loud.",
    "The vocal takes feel {mood} and close, with little of the polish of earlier releases.",
    "A brief instrumental interlude built on {sound_adj} {music_noun} ties the two halves together.",
    "Fans who came for the {influence} touches will find them tucked behind {sound_adj} {music_noun}.",
    "The closing stretch {adverb} strips the arrangements back to voice and {music_noun}.",
    "Even the weaker songs hold a {sound_adj} idea or two worth returning to.",
    "The rhythm section keeps things moving even when the tempo drops to a crawl.",
    "Several tracks end abruptly, which suits the {mood} spirit of the record.",
    "Compared with the {group}'s earlier work, the arrangements feel {sound_adj} and less crowded.",
    "The backing vocals add a {sound_adj} warmth that was missing before.",
    "Listeners who prefer {influence} may find the second half more rewarding.",
    "There is humour here too, especially in the lines about {theme}.",
    "The quieter moments, built on {sound_adj} {music_noun}, are where the album shines.",
    "Nothing outstays its welcome, and the pacing feels {praise_adj}.",
    "It helps that the {group} sounds relaxed, as though the pressure of the past had lifted.",
    "A few lyrics lean on cliche, but the delivery is {mood} enough to carry them.",
    "Headphones reveal {sound_adj} {music_noun} buried deep in the mix.",
    "The longest track stretches out, its {music_noun} circling for minutes on end.",
    "Where the {group} once aimed for volume, this record aims for {sound_adj} detail.",
    "The {album_genre} touches are subtle, more a flavour than a direction.",
    "By the last track it is clear the {group} has found a direction worth following.",
    "Writers at {outlet} have already {critic_verb} the record, and it is easy to see why.",
};
const char* const kVerdict[] = {
    "In the end, {album} is a {praise_adj} statement and one of the better {album_genre} records of {year}.",
    "{album} is not perfect, but it is {praise_adj}, and it rewards the time you give it.",
    "For anyone who cares about {album_genre}, {album} is worth hearing more than once.",
    "This is {artist} at {their} most {sound_adj}, and the result is hard to shake.",
};

}  // namespace

Doc render_review(const KnowledgeBase& kb, uint32_t album, const FactOverride& ov, Rng& rng) {
  const Album& al = kb.albums[album];
  const Artist& a = kb.artists[al.artist];
  Doc doc;
  doc.style = "review";
  doc.entity_id = al.id;
  char rating[8];
  std::snprintf(rating, sizeof rating, "%.1f", static_cast<double>(rng.range(40, 95)) / 10.0);
  doc.add_field("title", al.title + " by " + a.name);
  doc.add_field("url", "https://www.soundcritic.example/reviews/" + slug(a.name) + "/" + slug(al.title));
  doc.add_field("date", date_in_year(rng, album_year(al, ov) + static_cast<int>(rng.range(0, 1))));
  doc.add_field("rating", rating, true);
  doc.add_field("author", syllable_word(rng, 2).en + " " + syllable_word(rng, 3).en);

  Vars v;
  set_artist_vars(v, kb, a, FactOverride{});
  set_album_vars(v, kb, al, ov);
  std::string& t = doc.text;
  t.reserve(3584);
  const size_t target = static_cast<size_t>(rng.range(250, 500));

  expand_one(t, kOpening, v, rng);
  t += ' ';
  expand_one(t, kContext, v, rng);
  t += "\n\n";

  std::vector<uint32_t> songs = al.songs;
  rng.shuffle(songs);
  const size_t n_songs = std::min<size_t>(songs.size(), static_cast<size_t>(rng.range(2, 4)));
  Deck song_lines(kSong, rng), critique(kCritique, rng);
  for (size_t i = 0; i < n_songs && !song_lines.empty(); ++i) {
    v.set("song", kb.songs[songs[i]].title);
    if (i > 0) t += ' ';
    expand(t, song_lines.next(), v, rng);
  }
  t += "\n\n";
  expand_one(t, kProduction, v, rng);
  t += "\n\n";

  size_t words = word_count(t);
  const size_t verdict_words = 25;
  int in_paragraph = 0;
  while (words + verdict_words < target && !critique.empty()) {
    if (in_paragraph > 0) t += ' ';
    const size_t before = t.size();
    expand(t, critique.next(), v, rng);
    words += word_count(std::string_view(t).substr(before));
    if (++in_paragraph >= rng.range(3, 5)) {
      t += "\n\n";
      in_paragraph = 0;
    }
  }
  trim_trailing_space(t);
  t += "\n\n";
  expand_one(t, kVerdict, v, rng);
  t += std::string(" Rating: ") + rating + " out of 10.";
  return doc;
}

}  // namespace mucpt::synth
