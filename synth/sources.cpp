#include "synth/sources.h"

namespace mucpt::synth {

namespace {
const SourceSpec kSpecs[kAllSourceCount] = {
    {Source::encyclopedia, "encyclopedia", "id", "text", "enc", "music", 1.5, 3, "artist",
     "encyclopedia.musicwiki.example"},
    {Source::reviews, "reviews", "id", "text", "rev", "music", 1.2, 2, "album",
     "www.soundcritic.example"},
    {Source::forum, "forum", "post_id", "body", "post", "music", 0.8, 1, "artist",
     "forum.gigboard.example"},
    {Source::news, "news", "id", "text", "news", "music", 1.0, 2, "artist",
     "news.musicwire.example"},
    {Source::tracklists, "tracklists", "id", "content", "tl", "music", 0.6, 2, "album",
     "www.discindex.example"},
    {Source::encyclopedia_zh, "encyclopedia_zh", "doc_id", "text", "zh", "music", 1.5, 3,
     "artist", "zh.musicwiki.example"},
    {Source::general, "general", "id", "text", "gen", "general", 0.3, 0, nullptr,
     "www.dailyreader.example"},
    {Source::quiz, "quiz", "id", "text", "quiz", "music", 1.0, 1, nullptr, "quiz.triviahall.example"},
    {Source::profiles, "profiles", "id", "text", "prof", "music", 1.0, 3, nullptr, "profiles.musicwiki.example"},
};
}  // namespace

const SourceSpec& source_spec(Source s) { return kSpecs[static_cast<int>(s)]; }

}  // namespace mucpt::synth
