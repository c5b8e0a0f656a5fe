// Music news: a headline, a dateline lead about one event (new album, tour, award,
// lineup change, festival booking, reissue), quotes and background.
#include <algorithm>
#include <cctype>

#include "synth/lexicon.h"
#include "synth/render_util.h"
#include "synth/renderers.h"
#include "synth/template.h"

namespace mucpt::synth {

namespace {

enum Story { kAlbum, kTour, kAward, kLineup, kFestival, kReissue, kStoryCount };

const char* const kHeadlines[kStoryCount][3] = {
    {"{artist} announce new album {album}", "{artist} return with {album}", "{label} to release {album} by {artist}"},
    {"{artist} announce {music_event}", "{artist} plot {music_event} behind {album}", "{artist} head out on the road"},
    {"{album} wins the {award}", "{artist} take home the {award}", "Award for {artist} as {album} triumphs"},
    {"{artist} announce lineup change", "{member} steps back from {artist}", "Lineup news from {artist}"},
    {"{artist} confirmed for {festival}", "{festival} adds {artist} to its bill", "{artist} to play {festival}"},
    {"{album} reissued with unheard demos", "{label} revisits {album}", "Deluxe edition of {album} on the way"},
};
const char* const kLeads[kStoryCount][3] = {
    {"{^artist} have announced {album}, a new record due on {label} later in {year}.",
     "{artist} will release {album}, the {group}'s {ordinal} album, through {label} in {year}.",
     "The {genre} act {artist} confirmed on {weekday} that {album} will arrive on {label} in {year}."},
    {"{artist} have announced {music_event} in support of {album}, starting in {city}.",
     "Following the release of {album}, {artist} will embark on {music_event} this {month}.",
     "{artist} revealed plans for {music_event}, with a first show at {venue} in {city}."},
    {"{album} by {artist} won the {award} at a ceremony on {weekday} night.",
     "The {award} went to {artist} for {album}, the {group}'s {ordinal} record.",
     "Judges handed the {award} to {album}, released by {label} the year before."},
    {"{artist} have confirmed that {member} will step back from the {group} after years on {instrument}.",
     "In a statement on {weekday}, {artist} said {member} is leaving to focus on other projects.",
     "{member}, long the {group}'s {player}, will not take part in the next {artist} shows."},
    {"{festival} has added {artist} to this year's lineup, with a set planned for the opening night.",
     "{artist} will play {festival} this {month}, organisers confirmed on {weekday}.",
     "Organisers of {festival} announced that {artist} will headline one of the smaller stages."},
    {"{label} will reissue {album} with previously unheard demos and a new essay.",
     "The {year} album {album} by {artist} is being reissued by {label} on vinyl and streaming.",
     "A deluxe edition of {album} from {artist} is on the way, with outtakes from the original sessions."},
};
const char* const kQuotes[] = {
    "We wanted the record to feel {sound_adj} and {sound_adj}, like a room full of people",
    "These songs are about {theme}, and we finally found the right way to play them",
    "Playing {city} again means a lot to us, it is where everything started",
    "We have never sounded this {sound_adj}, and we cannot wait for people to hear it",
    "It has been a {mood} year, and the music reflects that",
    "Working with {producer} pushed us somewhere new",
    "We owe this to {listener} who stuck with us from the start",
};
const char* const kBackground[] = {
    "{artist} {origin}, and {they_have} released {albums_phrase} so far.",
    "The {group}'s last album, {album}, was produced by {producer} at {studio} in {studio_city}.",
    "Critics at {outlet} have {critic_verb} the {group}'s {sound_adj} {music_noun} for years.",
    "Tickets for the {city} date sold out within hours, according to the promoter.",
    "The {group} is signed to {label}, which is based in {label_city}.",
    "Fans of {influence} and {genre} have followed the {group} since the early club shows.",
    "{artist} last toured in support of {album}, playing {venue} to a {mood} crowd.",
    "The announcement was accompanied by a short video teasing {sound_adj} {music_noun}.",
    "Further details, including support acts, are expected in the coming weeks.",
    "A spokesperson for {label_short} declined to comment on sales figures.",
    "Their most recent single drew on {influence}, a direction fans on social media {critic_verb} at length.",
    "Industry observers expect the news to lift streams of the back catalogue, especially {album}.",
    "The {group} has spent most of the past year writing in {city}, according to people close to {them}.",
    "Local promoters described demand as {mood}, with extra dates under discussion.",
    "Radio stations in {city} added the new material to their playlists within days.",
    "Longtime collaborator {producer} is expected to be involved again.",
    "{^listener} have already started comparing the new songs with {album}.",
    "Merchandise and a limited vinyl pressing will be available at the shows.",
    "The {group} thanked fans in a short message and promised more news soon.",
    "The previous tour ended with a {mood} show at {venue} that many fans still talk about.",
    "The {group}'s manager said rehearsals would begin in {city} next month.",
    "Sales of {their} earlier records have risen steadily over the past year.",
    "A new music video is in production, according to the label.",
    "Observers note that {genre} has enjoyed a revival in {country} over the past few years.",
    "Earlier this year, the {group} played a short run of club dates to try out new material.",
    "When {album} first came out, critics called it {praise_adj}.",
    "The {group}'s social media accounts have gained thousands of followers since the announcement.",
    "Booking agents say venues across {country} are competing to host the {group}.",
    "It is the first major news from the {group} in some time.",
    "In recent interviews the {group} hinted that the next songs would lean toward {influence}.",
    "Fan clubs in {country} have organised listening parties to mark the occasion.",
    "Promoters are reportedly in talks about further dates for next spring.",
};

}  // namespace

Doc render_news(const KnowledgeBase& kb, uint32_t artist, const std::vector<PiiPlanner::Item>& pii, Rng& rng) {
  const Artist& a = kb.artists[artist];
  const Album* awarded = nullptr;
  for (uint32_t i : a.albums)
    if (kb.albums[i].award >= 0) awarded = &kb.albums[i];
  int story = static_cast<int>(rng.below(kStoryCount));
  if (story == kAward && !awarded) story = kAlbum;
  if (story == kLineup && !a.is_band) story = kTour;
  const Album& al = story == kAward ? *awarded : kb.albums[a.albums[rng.below(a.albums.size())]];

  Vars v;
  set_artist_vars(v, kb, a, FactOverride{});
  set_album_vars(v, kb, al, FactOverride{});
  const Member& m = a.members[rng.below(a.members.size())];
  v.set("member", kb.people[m.person].name);
  v.set("instrument", instruments()[m.instrument].en);
  v.set("player", instruments()[m.instrument].player);
  v.set("label_city", cities()[kb.labels[al.label].city].en);
  if (al.award >= 0) v.set("award", awards()[al.award].en);

  Doc doc;
  doc.style = "news";
  doc.entity_id = a.id;
  std::string headline;
  expand(headline, kHeadlines[story][rng.below(3)], v, rng);
  doc.add_field("headline", headline);
  const int year = story == kAward ? al.award_year : al.year;
  const std::string date = date_in_year(rng, std::min(year, 2024));
  doc.add_field("date", date);
  doc.add_field("url", "https://news.musicwire.example/" + date.substr(0, 4) + "/" + slug(headline));
  doc.add_field("lang", "en");

  std::string& t = doc.text;
  t.reserve(3072);
  const size_t target = static_cast<size_t>(rng.range(150, 350));
  std::string dateline = rng.chance(0.5) ? cities()[a.city].en : cities()[rng.below(cities().size)].en;
  for (char& c : dateline) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  t += dateline + " - ";
  const char* lead = kLeads[story][rng.below(3)];
  expand(t, lead, v, rng);
  t += "\n\n\"";
  const char* quote = rng.pick(kQuotes);
  expand(t, quote, v, rng);
  t += ",\" said " + kb.people[a.members[0].person].name + ".";
  t += "\n\n";

  std::vector<uint64_t> pii_at(pii.size());
  for (auto& p : pii_at) p = rng.below(4);
  std::sort(pii_at.begin(), pii_at.end());
  size_t next_pii = 0;
  size_t words = word_count(t);
  int in_paragraph = 0;
  // Background sentences are each used once, and the album is named at most three
  // times in all, as a news writer would.
  Deck background(kBackground, rng);
  int album_mentions = uses_slot(lead, "album") + uses_slot(quote, "album");
  auto usable = [&](const char* tmpl) { return !uses_slot(tmpl, "album") || album_mentions < 3; };
  for (uint64_t s = 0; words < target; ++s) {
    const char* sentence = background.next_if(usable);
    if (!sentence) break;
    album_mentions += uses_slot(sentence, "album");
    for (; next_pii < pii.size() && pii_at[next_pii] <= s; ++next_pii)
      append_pii_sentence(doc, pii[next_pii].type, pii[next_pii].format, true, rng);
    separate(t);
    const size_t before = t.size();
    expand(t, sentence, v, rng);
    words += word_count(std::string_view(t).substr(before));
    if (++in_paragraph >= rng.range(2, 3)) {
      t += "\n\n";
      in_paragraph = 0;
    }
  }
  for (; next_pii < pii.size(); ++next_pii)
    append_pii_sentence(doc, pii[next_pii].type, pii[next_pii].format, true, rng);
  trim_trailing_space(t);
  return doc;
}

}  // namespace mucpt::synth
