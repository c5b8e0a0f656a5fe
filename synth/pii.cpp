#include "synth/pii.h"

#include <cstdio>

#include "synth/document.h"
#include "synth/lexicon.h"

namespace mucpt::synth {

namespace {

const char* const kTypeNames[kPiiTypeCount] = {"email",  "phone",          "ipv4",
                                               "ipv6",   "card",           "cn_id",
                                               "url_credential", "aws_key", "bearer_token"};
// Formats per type: email (personal, business), phone (US international, US local, UK,
// DE, FR, CN mobile, CN international), ipv4 (public, private), ipv6 (public full,
// public compressed, private), card (Visa, Mastercard x plain, spaces, dashes), cn_id
// (digit check, X check), url_credential (user:pass, token, access_key, api_key),
// aws_key, bearer_token (opaque, JWT).
const int kFormatCounts[kPiiTypeCount] = {2, 7, 2, 3, 6, 2, 4, 1, 2};

std::string digits(Rng& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng.below(10));
  return s;
}

std::string chars_from(Rng& rng, const char* alphabet, size_t alphabet_size, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += alphabet[rng.below(alphabet_size)];
  return s;
}

std::string syllable_handle(Rng& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += syllables()[rng.below(syllables().size)].en;
  return s;
}

std::string email(int format, Rng& rng) {
  static const char* const kProviders[] = {"gmail.com", "yahoo.com", "outlook.com", "proton.me",
                                           "hotmail.co.uk", "qq.com", "163.com", "gmx.de",
                                           "orange.fr", "icloud.com"};
  static const char* const kRoles[] = {"booking", "press", "tour", "merch", "info", "mgmt"};
  static const char* const kTlds[] = {"com", "net", "org", "co.uk", "de", "io"};
  if (format == 0) {
    std::string local = syllable_handle(rng, 2);
    local += rng.chance(0.5) ? "." : "_";
    local += syllable_handle(rng, 2);
    if (rng.chance(0.5)) local += std::to_string(rng.range(1, 99));
    return local + "@" + rng.pick(kProviders);
  }
  return std::string(rng.pick(kRoles)) + "@" + syllable_handle(rng, 2) + "-" +
         (rng.chance(0.5) ? "music" : "records") + "." + rng.pick(kTlds);
}

std::string phone(int format, Rng& rng) {
  static const char* const kUsAreas[] = {"212", "310", "415", "617", "312", "206",
                                         "512", "615", "404", "305", "718", "503"};
  const std::string area = rng.pick(kUsAreas);
  const std::string exchange = std::to_string(rng.range(201, 999));
  switch (format) {
    case 0: return "+1 (" + area + ") " + exchange + "-" + digits(rng, 4);
    case 1: return area + "-" + exchange + "-" + digits(rng, 4);
    case 2:
      return rng.chance(0.6) ? "+44 20 7" + digits(rng, 3) + " " + digits(rng, 4)
                             : "+44 161 " + std::to_string(rng.range(200, 999)) + " " + digits(rng, 4);
    case 3:
      return rng.chance(0.6) ? "+49 30 " + std::to_string(rng.range(2, 9)) + digits(rng, 7)
                             : "+49 89 " + std::to_string(rng.range(2, 9)) + digits(rng, 6);
    case 4: {
      std::string s = "+33 " + std::to_string(rng.range(1, 9));
      for (int i = 0; i < 4; ++i) s += " " + digits(rng, 2);
      return s;
    }
    case 5: {
      static const char* const kPrefixes[] = {"138", "139", "135", "136", "150", "152",
                                              "158", "186", "188", "177", "133", "189"};
      return std::string(rng.pick(kPrefixes)) + digits(rng, 8);
    }
    default: {
      static const char* const kPrefixes[] = {"138", "139", "137", "151", "159", "185", "187"};
      return std::string("+86 ") + rng.pick(kPrefixes) + " " + digits(rng, 4) + " " + digits(rng, 4);
    }
  }
}

std::string ipv4(int format, Rng& rng) {
  auto octet = [&](int lo, int hi) { return std::to_string(rng.range(lo, hi)); };
  if (format == 0) {
    static const int kFirst[] = {23, 31, 45, 52, 62, 77, 81, 89, 93, 103, 104, 141, 151, 185, 193, 203, 212, 217};
    return std::to_string(rng.pick(kFirst)) + "." + octet(0, 255) + "." + octet(0, 255) + "." + octet(1, 254);
  }
  switch (rng.below(3)) {
    case 0: return "10." + octet(0, 255) + "." + octet(0, 255) + "." + octet(1, 254);
    case 1: return "172." + octet(16, 31) + "." + octet(0, 255) + "." + octet(1, 254);
    default: return "192.168." + octet(0, 255) + "." + octet(1, 254);
  }
}

std::string hex_group(Rng& rng, bool allow_short) {
  char buf[8];
  uint64_t v = allow_short && rng.chance(0.3) ? rng.below(0x1000) : rng.range(0x1000, 0xffff);
  std::snprintf(buf, sizeof buf, "%llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string ipv6(int format, Rng& rng) {
  static const char* const kPublicPrefixes[] = {"2a03:2880", "2001:4860", "2606:4700", "2a00:1450",
                                                "2620:fe", "2400:cb00", "2a02:26f0", "2604:a880"};
  if (format == 0) {
    std::string s = rng.pick(kPublicPrefixes);
    for (int i = 0; i < 6; ++i) s += ":" + hex_group(rng, true);
    return s;
  }
  if (format == 1) {
    std::string s = std::string(rng.pick(kPublicPrefixes)) + ":" + hex_group(rng, false) + "::";
    return s + hex_group(rng, false);
  }
  if (rng.chance(0.5)) {
    return "fd" + std::to_string(rng.range(10, 99)) + ":" + hex_group(rng, false) + ":" +
           hex_group(rng, false) + ":" + std::to_string(rng.range(1, 9)) + "::" + hex_group(rng, true);
  }
  return "fe80::" + hex_group(rng, false) + ":" + hex_group(rng, false) + ":" +
         hex_group(rng, false) + ":" + hex_group(rng, false);
}

std::string card(int format, Rng& rng) {
  std::string number = format / 3 == 0 ? "4" : "5" + std::to_string(rng.range(1, 5));
  number += digits(rng, 15 - static_cast<int>(number.size()));
  number += luhn_check_digit(number);
  const int separator = format % 3;
  if (separator == 0) return number;
  const char sep = separator == 1 ? ' ' : '-';
  return number.substr(0, 4) + sep + number.substr(4, 4) + sep + number.substr(8, 4) + sep +
         number.substr(12, 4);
}

std::string cn_id(int format, Rng& rng) {
  // Real county-level codes (Beijing, Shanghai, Guangzhou, Shenzhen, Chengdu, ...).
  static const char* const kRegions[] = {"110101", "110105", "110108", "310101", "310104",
                                         "310115", "320102", "330106", "440103", "440305",
                                         "510104", "420102", "610103", "120101", "500103",
                                         "210102", "370102", "350203", "430104", "530102"};
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const std::string region = rng.pick(kRegions);
  const int year = static_cast<int>(rng.range(1950, 2005));
  const int month = static_cast<int>(rng.range(1, 12));
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  const int day = static_cast<int>(rng.range(1, days));
  char date[16];
  std::snprintf(date, sizeof date, "%04d%02d%02d", year, month, day);
  // Draw sequence numbers until the check digit has the requested form.
  for (;;) {
    std::string first17 = region + date + digits(rng, 3);
    char check = cn_id_check_digit(first17);
    if ((check == 'X') == (format == 1)) return first17 + check;
  }
}

std::string url_credential(int format, Rng& rng) {
  static const char* const kHosts[] = {"files.fanvault.example.com", "dl.tapeshare.net",
                                       "cdn.merchdesk.io", "drive.bootlegarchive.org",
                                       "storage.gigcloud.com", "api.setlistsync.io"};
  static const char kAlnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const std::string host = rng.pick(kHosts);
  const std::string path = "/" + syllable_handle(rng, 2) + "/" + syllable_handle(rng, 3);
  switch (format) {
    case 0:
      return "https://" + syllable_handle(rng, 2) + ":" + chars_from(rng, kAlnum, 62, 10) + "@" +
             host + path + (rng.chance(0.5) ? ".zip" : "");
    case 1: return "https://" + host + path + "?token=" + chars_from(rng, kAlnum, 62, 32);
    case 2:
      return "https://" + host + path + "?id=" + digits(rng, 5) + "&access_key=" +
             chars_from(rng, kAlnum, 62, 24);
    default:
      return "https://" + host + "/v1/shows?api_key=" + chars_from(rng, kAlnum, 62, 28) +
             "&page=" + std::to_string(rng.range(1, 9));
  }
}

std::string aws_key(Rng& rng) {
  static const char kUpper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  return "AKIA" + chars_from(rng, kUpper, 36, 16);
}

std::string bearer(int format, Rng& rng) {
  static const char kUrl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  if (format == 0) return "Authorization: Bearer " + chars_from(rng, kUrl, 64, 40);
  return "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + chars_from(rng, kUrl, 64, 36) +
         "." + chars_from(rng, kUrl, 64, 43);
}

// Sentences around a value. The text after a value never starts with a character a
// detector could take as part of it ('.', ':', '/', letters or digits).
struct Frame {
  const char* before;
  const char* after;
};

// Four frames per type and style: a document carries at most four values of one type
// (the planner's catch-up), and none of its frames is used twice.
constexpr int kForumFrameCount = 4;
constexpr int kNewsFrameCount = 4;

const Frame kForumFrames[kPiiTypeCount][kForumFrameCount] = {
    {{"hit me up at ", " if you want to trade bootlegs"},
     {"my email is ", ", drop me a line whenever"},
     {"send the setlist scans to ", " and i'll add them to the archive"},
     {"dm me or email ", " for the flac files"}},
    {{"call or text me on ", " after 6pm if you still need a ticket"},
     {"the guy selling the spare tickets is on ", ", tell him you saw it here"},
     {"my number for the carpool is ", " (no calls during the show lol)"},
     {"ring me at ", " if you want the spare ticket"}},
    {{"my seedbox is at ", " if anyone wants the lossless rips"},
     {"server ip ", " port 25565, come hang before the stream"},
     {"got banned from the fan site, apparently my ip was ", " and i was flagged"},
     {"the voice server for the listening party is ", ", everyone welcome"}},
    {{"the stream relay is on ", " now since the old box died"},
     {"connect via [", "]:8080 if ipv4 is blocked for you"},
     {"my router shows ", " as the address of the media server"},
     {"anyone else getting routed to ", " when the stream buffers?"}},
    {{"the ticket site charged my card ", " twice for the same show"},
     {"lol i almost posted my card number ", " by accident, ignore that"},
     {"paid for the vinyl preorder with ", " and still nothing shipped"},
     {"my bank flagged ", " after i bought the tour shirt"}},
    {{"the presale in Shanghai asked for an ID number, i used ", " and it went through"},
     {"实名购票填的身份证号是 ", " 结果还是没抢到"},
     {"they printed my resident ID ", " right on the wristband, wtf"},
     {"the ticket app still shows my id ", " on the order page"}},
    {{"full discography here ", " (don't share it around)"},
     {"download link: ", " expires tomorrow"},
     {"mirror for the live set is ", " if the first one is down"},
     {"backup of the old fan wiki: ", " (login still works)"}},
    {{"the fan site backup script still has key ", " hardcoded lol"},
     {"found this in the old repo: aws_access_key_id = ", " so yeah rotate it"},
     {"someone pasted ", " as the bucket key in the discord"},
     {"pretty sure ", " is the key for the mirror bucket, can someone check"}},
    {{"the api needs the header ", " or it returns 401"},
     {"curl -H \"", "\" https://api.setlistsync.io/v1/shows works for me"},
     {"just add ", " to the request and the ticket lookup works"},
     {"try sending ", " with the request, it worked for me"}},
};

const Frame kNewsFrames[kPiiTypeCount][kNewsFrameCount] = {
    {{"For press enquiries, contact ", " or the label's office"},
     {"Fans with questions about refunds were told to write to ", " within 30 days"},
     {"Readers can reach the organisers at ", " with questions about the schedule"},
     {"Accreditation requests should go to ", " before the end of the month"}},
    {{"Tickets can be reserved by phone on ", " from Monday morning"},
     {"The box office can be reached on ", " during opening hours"},
     {"A hotline, ", ", has been set up for ticket holders"},
     {"Customers who were charged twice can call ", " for a refund"}},
    {{"Engineers traced the outage to a server at ", " that had been misconfigured"},
     {"Logs showed repeated requests from ", " during the presale"},
     {"Traffic to the ticket shop was traced to ", " during the outage"},
     {"The fan site briefly redirected visitors to ", " after the breach"}},
    {{"The streaming relay at ", " was briefly overwhelmed by demand"},
     {"Requests were routed through ", " according to the technical report"},
     {"Some listeners reached the broadcast through ", " when the main site failed"},
     {"Technicians moved the stream to ", " to cope with the load"}},
    {{"One fan reported that the card number ", " appeared in a confirmation email"},
     {"A screenshot circulating online showed the card ", " in full"},
     {"A customer complained that a receipt printed the card ", " without masking"},
     {"Payment logs exposed the card ", " among other records"}},
    {{"The leaked ticketing records included ID numbers such as ", ", officials said"},
     {"Investigators confirmed that the resident ID ", " belonged to a customer"},
     {"A ticket holder's identity number, ", ", appeared on a public list"},
     {"The exposed records contained the number ", " next to a customer's name"}},
    {{"A preview was briefly posted at ", " before being taken down"},
     {"The unreleased mixes were reachable through ", " for several hours"},
     {"A link with embedded login details, ", ", was shared on a fan forum"},
     {"Staff accidentally published ", " in a newsletter"}},
    {{"Researchers found the access key ", " exposed in the ticketing app"},
     {"The audit flagged the key ", " in a public configuration file"},
     {"Security researchers reported the credential ", " to the promoter"},
     {"A developer left the key ", " in a public code repository"}},
    {{"The app sent the header ", " without encryption, the report found"},
     {"Requests carried ", " in plain text, according to the researchers"},
     {"Anyone could replay the header ", ", the researchers said"},
     {"The leaked header ", " gave access to customer accounts"}},
};

}  // namespace

const char* pii_type_name(PiiType t) { return kTypeNames[static_cast<int>(t)]; }
int pii_format_count(PiiType t) { return kFormatCounts[static_cast<int>(t)]; }

char luhn_check_digit(const std::string& digits_without_check) {
  int sum = 0;
  bool twice = true;  // the digit left of the check digit is doubled
  for (size_t i = digits_without_check.size(); i-- > 0;) {
    int d = digits_without_check[i] - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

char cn_id_check_digit(const std::string& first17) {
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCodes[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCodes[sum % 11];
}

std::string make_pii_value(PiiType t, int format, Rng& rng) {
  switch (t) {
    case PiiType::email: return email(format, rng);
    case PiiType::phone: return phone(format, rng);
    case PiiType::ipv4: return ipv4(format, rng);
    case PiiType::ipv6: return ipv6(format, rng);
    case PiiType::card: return card(format, rng);
    case PiiType::cn_id: return cn_id(format, rng);
    case PiiType::url_credential: return url_credential(format, rng);
    case PiiType::aws_key: return aws_key(rng);
    case PiiType::bearer_token: return bearer(format, rng);
  }
  return {};
}

void append_pii_sentence(Doc& doc, PiiType t, int format, bool formal, Rng& rng) {
  const int ti = static_cast<int>(t);
  const Frame* frames = formal ? kNewsFrames[ti] : kForumFrames[ti];
  const int n_frames = formal ? kNewsFrameCount : kForumFrameCount;
  // A frame the document already carries is passed over, so that a post with two
  // values of one type does not say the same sentence twice.
  const int first = static_cast<int>(rng.below(static_cast<uint64_t>(n_frames)));
  Frame frame = frames[first];
  for (int k = 0; k < n_frames; ++k) {
    const Frame& f = frames[(first + k) % n_frames];
    if (doc.text.find(f.before) == std::string::npos) {
      frame = f;
      break;
    }
  }
  if (!doc.text.empty() && doc.text.back() != ' ' && doc.text.back() != '\n') doc.text += ' ';
  doc.text += frame.before;
  doc.append_pii(t, make_pii_value(t, format, rng));
  doc.text += frame.after;
  doc.text += formal ? ". " : (rng.chance(0.5) ? " " : "\n");
}

int PiiPlanner::needed_format(int type, const std::vector<Item>& pending) const {
  std::vector<int> counts(static_cast<size_t>(kFormatCounts[type]), 0);
  if (!planted_[type].empty()) counts = planted_[type];
  for (const Item& it : pending)
    if (static_cast<int>(it.type) == type) ++counts[it.format];
  int total = 0, least = 0;
  for (int f = 0; f < kFormatCounts[type]; ++f) {
    total += counts[f];
    if (counts[f] < counts[least]) least = f;
  }
  if (counts[least] < minimum_per_format_ || total < kMinimumPerType) return least;
  return -1;
}

std::vector<PiiPlanner::Item> PiiPlanner::plan(Rng& rng) {
  // Catch-up: the first eligible documents carry whatever types and formats are
  // still below their minimum, a few values per document.
  constexpr size_t kCatchUpItems = 4;
  std::vector<Item> items;
  for (bool added = true; added && items.size() < kCatchUpItems;) {
    added = false;
    for (int t = 0; t < kPiiTypeCount && items.size() < kCatchUpItems; ++t) {
      const int f = needed_format(t, items);
      if (f < 0) continue;
      items.push_back({static_cast<PiiType>(t), f});
      added = true;
    }
  }
  if (items.empty() && rng.chance(probability_)) {
    static const double kWeights[kPiiTypeCount] = {5, 5, 2, 1, 1.5, 1, 1.5, 0.7, 0.7};
    const int n = static_cast<int>(rng.range(1, 3));
    for (int i = 0; i < n; ++i) {
      const auto t = static_cast<PiiType>(rng.weighted(kWeights, kPiiTypeCount));
      items.push_back({t, static_cast<int>(rng.below(kFormatCounts[static_cast<int>(t)]))});
    }
  }
  for (const Item& it : items) {
    auto& counts = planted_[static_cast<int>(it.type)];
    if (counts.empty()) counts.assign(static_cast<size_t>(kFormatCounts[static_cast<int>(it.type)]), 0);
    ++counts[it.format];
  }
  return items;
}

}  // namespace mucpt::synth
