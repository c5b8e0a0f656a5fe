#include "evaluation/grading/answer_places.h"

#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace mucpt {

namespace {

struct Place {
  std::string country;  // the country's first spelling below
  std::string name;     // this place's first spelling
  bool region = false;  // a state or province of `country`
  bool code = false;    // a postal code, which reads as a word elsewhere ("in", "or")
};

// Countries, each "spelling|other spelling|...".
const char* const kCountries[] = {
    "afghanistan", "albania", "algeria", "andorra", "angola", "argentina", "armenia", "australia", "austria",
    "azerbaijan", "bahamas", "bahrain", "bangladesh", "barbados", "belarus", "belgium", "belize", "benin", "bhutan",
    "bolivia", "bosnia and herzegovina|bosnia", "botswana", "brazil", "brunei", "bulgaria", "burkina faso", "burundi",
    "cambodia", "cameroon", "canada", "chad", "chile", "china|prc", "colombia", "comoros", "congo", "costa rica",
    "croatia", "cuba", "cyprus", "czech republic|czechia", "denmark", "djibouti", "dominica", "dominican republic",
    "ecuador", "egypt", "el salvador", "eritrea", "estonia", "eswatini", "ethiopia", "fiji", "finland", "france",
    "gabon", "gambia", "georgia", "germany", "ghana", "greece", "grenada", "guatemala", "guinea", "guyana", "haiti",
    "honduras", "hungary", "iceland", "india", "indonesia", "iran", "iraq", "ireland", "israel", "italy",
    "ivory coast", "jamaica", "japan", "jordan", "kazakhstan", "kenya", "kiribati", "kosovo", "kuwait", "kyrgyzstan",
    "laos", "latvia", "lebanon", "lesotho", "liberia", "libya", "liechtenstein", "lithuania", "luxembourg",
    "madagascar", "malawi", "malaysia", "maldives", "mali", "malta", "mauritania", "mauritius", "mexico", "moldova",
    "monaco", "mongolia", "montenegro", "morocco", "mozambique", "myanmar|burma", "namibia", "nauru", "nepal",
    "netherlands|holland", "new zealand", "nicaragua", "niger", "nigeria", "north korea", "north macedonia|macedonia",
    "norway", "oman", "pakistan", "palau", "palestine", "panama", "papua new guinea", "paraguay", "peru",
    "philippines", "poland", "portugal", "qatar", "romania", "russia|russian federation", "rwanda", "samoa",
    "san marino", "saudi arabia", "senegal", "serbia", "seychelles", "sierra leone", "singapore", "slovakia",
    "slovenia", "somalia", "south africa", "south korea|korea", "south sudan", "spain", "sri lanka", "sudan",
    "suriname", "sweden", "switzerland", "syria", "taiwan", "tajikistan", "tanzania", "thailand", "togo", "tonga",
    "trinidad and tobago", "tunisia", "turkey|turkiye", "turkmenistan", "tuvalu", "uganda", "ukraine",
    "united arab emirates|uae", "united kingdom|uk|u k|great britain|britain",
    "united states|united states of america|usa|u s a|us|u s|america", "uruguay", "uzbekistan",
    "vanuatu", "vatican city", "venezuela", "vietnam", "yemen", "zambia", "zimbabwe"};

// States and provinces: "country|spelling|other spelling...", a postal code after '#'.
const char* const kRegions[] = {
    "us|alabama#al", "us|alaska#ak", "us|arizona#az", "us|arkansas#ar", "us|california#ca", "us|colorado#co",
    "us|connecticut#ct", "us|delaware#de", "us|florida#fl", "us|hawaii#hi", "us|idaho#id", "us|illinois#il",
    "us|indiana#in", "us|iowa#ia", "us|kansas#ks", "us|kentucky#ky", "us|louisiana#la", "us|maine#me",
    "us|maryland#md", "us|massachusetts#ma", "us|michigan#mi", "us|minnesota#mn", "us|mississippi#ms",
    "us|missouri#mo", "us|montana#mt", "us|nebraska#ne", "us|nevada#nv", "us|new hampshire#nh", "us|new jersey#nj",
    "us|new mexico#nm", "us|new york#ny", "us|north carolina#nc", "us|north dakota#nd", "us|ohio#oh",
    "us|oklahoma#ok", "us|oregon#or", "us|pennsylvania#pa", "us|rhode island#ri", "us|south carolina#sc",
    "us|south dakota#sd", "us|tennessee#tn", "us|texas#tx", "us|utah#ut", "us|vermont#vt", "us|virginia#va",
    "us|washington#wa", "us|west virginia#wv", "us|wisconsin#wi", "us|wyoming#wy", "us|georgia#ga",
    "us|district of columbia|washington d c|washington dc#dc", "canada|alberta#ab", "canada|british columbia#bc",
    "canada|manitoba#mb", "canada|new brunswick#nb", "canada|newfoundland and labrador|newfoundland#nl",
    "canada|nova scotia#ns", "canada|ontario#on", "canada|prince edward island#pe", "canada|quebec#qc",
    "canada|saskatchewan#sk", "canada|yukon#yt", "canada|northwest territories#nt", "canada|nunavut#nu",
    "australia|new south wales#nsw", "australia|victoria#vic", "australia|queensland#qld",
    "australia|western australia#wa", "australia|south australia#sa", "australia|tasmania#tas",
    "australia|northern territory#nt", "australia|australian capital territory#act", "united kingdom|england",
    "united kingdom|scotland", "united kingdom|wales", "united kingdom|northern ireland", "india|andhra pradesh",
    "india|assam", "india|bihar", "india|goa", "india|gujarat", "india|haryana", "india|himachal pradesh",
    "india|jammu and kashmir", "india|jharkhand", "india|karnataka", "india|kerala", "india|madhya pradesh",
    "india|maharashtra", "india|manipur", "india|odisha|orissa", "india|punjab", "india|rajasthan", "india|sikkim",
    "india|tamil nadu", "india|telangana", "india|tripura", "india|uttar pradesh", "india|uttarakhand",
    "india|west bengal", "india|delhi", "pakistan|punjab", "pakistan|sindh", "pakistan|khyber pakhtunkhwa",
    "pakistan|balochistan", "germany|baden wurttemberg", "germany|bavaria", "germany|brandenburg", "germany|hesse",
    "germany|lower saxony", "germany|north rhine westphalia", "germany|rhineland palatinate", "germany|saxony",
    "germany|saxony anhalt", "germany|schleswig holstein", "germany|thuringia", "netherlands|north holland",
    "netherlands|south holland", "netherlands|utrecht", "netherlands|friesland", "netherlands|limburg"};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, sep);) parts.push_back(part);
  return parts;
}

// Every spelling, as its tokens joined by single spaces. A name of two places ("georgia",
// "punjab") keeps no country, so that no other place is told from it; a code never
// displaces a name, and the first place of a code keeps it ("wa").
const std::map<std::string, Place>& places() {
  static const std::map<std::string, Place> table = [] {
    std::map<std::string, Place> t;
    const auto add = [&t](const std::string& spelling, const Place& place) {
      const auto [it, added] = t.emplace(spelling, place);
      if (added || place.code) return;
      if (it->second.code) it->second = place;
      else if (it->second.name != place.name || it->second.country != place.country) it->second.country.clear();
    };
    for (const char* entry : kCountries) {
      const auto spellings = split(entry, '|');
      for (const auto& s : spellings) add(s, {spellings[0], spellings[0], false, false});
    }
    for (const char* entry : kRegions) {
      const auto code = split(entry, '#');
      const auto spellings = split(code[0], '|');
      const std::string country = t.at(spellings[0]).name;
      for (size_t k = 1; k < spellings.size(); ++k) add(spellings[k], {country, spellings[1], true, false});
      if (code.size() > 1) add(code[1], {country, spellings[1], true, true});
    }
    return t;
  }();
  return table;
}

std::optional<Place> find_place(const std::vector<std::string>& tokens, bool codes) {
  std::string joined;
  for (const auto& t : tokens) joined += (joined.empty() ? "" : " ") + t;
  const auto it = places().find(joined);
  if (it == places().end() || (it->second.code && !codes)) return std::nullopt;
  return it->second;
}

}  // namespace

bool is_place_qualifier(const std::vector<std::string>& tokens) {
  static const std::set<std::string> administrative = {"county", "province", "prefecture", "oblast", "region",
                                                       "district", "state", "canton", "governorate", "parish"};
  return !tokens.empty() && (find_place(tokens, true) || administrative.count(tokens.back()) > 0);
}

bool other_place(const std::vector<std::string>& gold, const std::vector<std::string>& stated) {
  const auto g = find_place(gold, true), s = find_place(stated, false);
  if (!g || !s || g->country.empty() || s->country.empty() || g->name == s->name) return false;
  if (g->country != s->country) return true;
  return g->region && s->region;
}

}  // namespace mucpt
