#include "synth/vocabulary.h"

#include <stdexcept>
#include <string>
#include <unordered_map>

namespace mucpt::synth {

namespace {

using List = std::vector<std::string_view>;

std::unordered_map<std::string_view, List> build() {
  std::unordered_map<std::string_view, List> v;
  // Music writing.
  v["sound_adj"] = {"shimmering", "brooding", "jangly", "propulsive", "lush", "angular", "hazy",
                    "raw", "cinematic", "hypnotic", "wistful", "muscular", "sparse", "layered",
                    "warm", "gritty", "bittersweet", "restless", "dreamy", "taut", "expansive",
                    "melancholic", "buoyant", "feverish", "understated", "lo-fi", "anthemic",
                    "intimate", "swaggering", "spacious", "woozy", "crisp", "nervy", "glacial",
                    "sun-bleached", "smoky", "jittery", "stately", "ragged", "velvety"};
  v["praise_adj"] = {"remarkable", "assured", "ambitious", "uneven", "confident", "daring",
                     "stunning", "patient", "generous", "focused", "sprawling", "tight",
                     "adventurous", "cohesive", "fearless", "thoughtful", "ragged but charming",
                     "meticulous", "bold", "graceful", "unhurried", "exhilarating"};
  v["music_noun"] = {"guitar lines", "basslines", "drum patterns", "vocal harmonies",
                     "string arrangements", "synth pads", "horn arrangements", "chord progressions",
                     "hooks", "choruses", "melodies", "rhythm section", "backing vocals",
                     "feedback squalls", "piano figures", "grooves", "riffs", "lyrics",
                     "arrangements", "counter-melodies", "brass stabs", "organ swells",
                     "drum fills", "falsetto lines", "tape loops", "slide guitar parts"};
  v["music_verb"] = {"build", "shimmer", "collide", "drift", "swell", "lock in", "unfold",
                     "crackle", "soar", "simmer", "pulse", "churn", "sway", "spiral", "bloom",
                     "stutter", "glide", "burn slowly", "tumble forward", "circle back"};
  v["influence"] = {"sixties pop", "krautrock", "early punk", "gospel", "Afrobeat", "chamber pop",
                    "garage rock", "classic soul", "minimalism", "Delta blues", "disco", "new wave",
                    "surf rock", "baroque pop", "no wave", "cosmic country", "highlife",
                    "dub", "psychedelia", "spiritual jazz", "Motown", "glam rock", "bluegrass",
                    "trip hop", "city pop", "tropicalia"};
  v["critic_verb"] = {"praised", "noted", "singled out", "highlighted", "admired", "questioned",
                      "celebrated", "debated", "dissected", "championed"};
  v["theme"] = {"heartbreak", "small-town life", "memory", "travel", "loss", "political unrest",
                "friendship", "ageing", "late-night city life", "the sea", "faith and doubt",
                "growing up", "love", "isolation", "escape", "family", "migration",
                "work and money", "grief", "hope", "the passing of time", "rebellion"};
  v["venue"] = {"a packed club", "the festival main stage", "a sold-out arena",
                "an intimate theatre", "the city's oldest jazz club", "a converted church",
                "an open-air amphitheatre", "a basement bar", "the national concert hall",
                "a riverside warehouse"};
  v["music_event"] = {"a headline tour", "a run of festival dates", "an acoustic residency",
                      "a string of sold-out shows", "a world tour", "a club tour",
                      "an anniversary tour", "a benefit concert"};
  v["outlet"] = {"Soundwave Weekly", "The Rhythm Ledger", "Echo Chamber Magazine",
                 "Noise Quarterly", "Vinyl Gazette", "The Stereo Review", "Backbeat Daily",
                 "Frequency Monthly", "The Liner Notes", "Chorus & Verse"};
  v["festival"] = {"Riverside Sound Festival", "Northbound Festival", "Lakeshore Music Weekend",
                   "Saltwater Festival", "Summer Static", "Green Hills Folk Festival",
                   "Midnight Sun Festival", "Harbourfront Jazz Festival", "Ironworks Fest"};
  v["decade_adj"] = {"early", "mid", "late"};
  v["ordinal_word"] = {"second", "third", "fourth", "fifth"};
  v["mood"] = {"haunting", "joyous", "restless", "tender", "defiant", "playful", "nocturnal",
               "hopeful", "elegiac", "euphoric", "weary", "tense"};
  v["listener"] = {"longtime fans", "newcomers", "critics", "radio programmers", "collectors",
                   "younger listeners", "session players", "other songwriters"};
  v["adverb"] = {"quietly", "steadily", "boldly", "unexpectedly", "gradually", "confidently",
                 "carefully", "restlessly", "deliberately", "playfully", "effortlessly"};
  // Forum chatter.
  v["forum_open"] = {"ok so", "honestly", "not gonna lie", "real talk", "hot take:", "question:",
                     "quick one", "random thought but", "been thinking and", "so yeah",
                     "unpopular opinion but", "just saying"};
  v["forum_filler"] = {"lol", "tbh", "imo", "ngl", "haha", "idk", "fwiw", "lmao", "smh", "iirc"};
  v["forum_react"] = {"this slaps", "an absolute banger", "kinda overrated", "a masterpiece",
                      "criminally underrated", "mid at best", "so good live", "a grower",
                      "peak", "way better than people say", "a bit of a mess", "pure gold"};
  v["forum_signoff"] = {"anyway", "thoughts?", "fight me", "just my two cents", "cheers",
                        "rant over", "discuss", "who's with me", "thanks in advance", "peace"};
  v["user_word"] = {"vinyl", "riff", "echo", "reverb", "fuzz", "tape", "groove", "synth",
                    "static", "loop", "drone", "chord", "fader", "gig", "encore"};
  // Off-domain general writing; these lists avoid music vocabulary on purpose.
  v["sport"] = {"football", "tennis", "basketball", "cycling", "rugby", "cricket", "swimming",
                "volleyball", "ice hockey", "rowing", "badminton", "athletics"};
  v["team_noun"] = {"Falcons", "Rovers", "Mariners", "Hawks", "Giants", "Wanderers", "Comets",
                    "Bears", "Athletic", "Harriers", "Pioneers", "Rangers"};
  v["sport_event"] = {"the semi-final", "the league opener", "the derby", "the cup final",
                      "the away fixture", "the title decider", "the qualifier", "the playoff"};
  v["sport_verb"] = {"edged", "overwhelmed", "outlasted", "frustrated", "defeated",
                     "held off", "outplayed", "surprised"};
  v["dish"] = {"lentil soup", "roast chicken", "mushroom risotto", "lemon tart", "beef stew",
               "vegetable curry", "banana bread", "fish pie", "spinach lasagne", "apple crumble",
               "fried rice", "tomato salad", "pumpkin soup", "flatbread"};
  v["ingredient"] = {"garlic", "onions", "butter", "olive oil", "fresh thyme", "lemon zest",
                     "brown sugar", "chopped parsley", "smoked paprika", "cumin", "ginger",
                     "crushed tomatoes", "spinach", "chickpeas", "flour", "cream", "eggs"};
  v["cook_verb"] = {"simmer", "whisk", "fold in", "roast", "saute", "stir", "season",
                    "bake", "chop", "toast", "grate", "drizzle"};
  v["finance_noun"] = {"bond yields", "inflation", "interest rates", "the housing market",
                       "consumer spending", "quarterly earnings", "retail sales", "the currency",
                       "oil prices", "small-business lending", "pension funds", "mortgage rates"};
  v["finance_verb"] = {"rose", "fell", "edged higher", "slipped", "stabilised", "rebounded",
                       "climbed", "eased", "surged", "dipped"};
  v["company"] = {"Northwind Logistics", "Bramble Foods", "Kestrel Energy", "Oakridge Bank",
                  "Lumen Telecom", "Granite Insurance", "Harvest Retail", "Pinecrest Motors",
                  "Bluewater Shipping", "Atlas Materials"};
  v["weather"] = {"heavy showers", "gusty winds", "thick fog", "bright sunshine", "sleet",
                  "scattered thunderstorms", "a hard frost", "light drizzle", "heavy snow",
                  "a humid haze", "clear skies"};
  v["region"] = {"the north", "coastal areas", "the western hills", "the capital",
                 "low-lying valleys", "the southern plains", "the islands", "inland districts",
                 "the east coast", "mountain passes"};
  v["plant"] = {"tomatoes", "roses", "runner beans", "lavender", "courgettes", "sweet peas",
                "strawberries", "garlic bulbs", "dahlias", "lettuce", "apple trees", "herbs"};
  v["garden_task"] = {"mulch the beds", "prune the shrubs", "turn the compost",
                      "water in the morning", "sow seeds indoors", "divide the perennials",
                      "net the fruit", "clear the weeds", "feed the soil", "stake the stems"};
  v["place"] = {"the old harbour", "the hill villages", "the covered market", "the coastal path",
                "the cathedral quarter", "the lakeside promenade", "the botanical gardens",
                "the mountain railway", "the fishing port", "the national museum"};
  v["travel_tip"] = {"book the train early", "carry some cash", "start before the crowds",
                     "pack a light jacket", "learn a few local phrases", "check the ferry times",
                     "try the street food", "walk rather than drive", "buy a day pass"};
  v["health_noun"] = {"sleep", "hydration", "daily walks", "stretching", "balanced meals",
                      "strength training", "screen breaks", "regular check-ups", "posture"};
  v["tech_noun"] = {"the new phone", "the laptop update", "battery life", "the smart thermostat",
                    "cloud storage", "the operating system patch", "the electric scooter",
                    "home broadband", "the password manager", "the fitness watch"};
  v["home_task"] = {"bleed the radiators", "reseal the bath", "clean the gutters",
                    "replace the washers", "paint the skirting boards", "fix the squeaky hinge",
                    "insulate the loft", "unblock the drain"};
  v["general_adj"] = {"steady", "unusual", "welcome", "sharp", "modest", "surprising",
                      "gradual", "sudden", "noticeable", "brief", "lengthy", "practical"};
  v["town"] = {"Harbor City", "Westfield", "Northgate", "Ashford", "Millbrook", "Eastwick", "Redcliff",
               "Stonebridge", "Lakeview", "Kingsport", "Fairhaven", "Oakham"};
  v["given_name"] = {"Martin", "Susan", "Joe", "Priya", "Carlos", "Helen", "Tom", "Aisha", "Peter",
                     "Lucy", "Ravi", "Greta", "Owen", "Nadia"};
  v["family_name"] = {"Hughes", "Patel", "Moreno", "Lindqvist", "Okafor", "Brennan", "Walsh",
                      "Novak", "Fischer", "Adeyemi", "Costa", "Murray"};
  v["sport_skill"] = {"defending set pieces", "passing accuracy", "pressing high", "the breakdown",
                      "serve return", "finishing", "the line-out", "fitness levels", "goalkeeping",
                      "counter-attacks", "ball retention"};
  v["injury"] = {"a knee injury", "a hamstring strain", "a twisted ankle", "a shoulder knock",
                 "a calf problem", "concussion symptoms", "a broken finger"};
  v["position"] = {"second", "third", "fourth", "fifth", "sixth", "seventh", "bottom"};
  v["number"] = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
                 "fifteen", "twenty"};
  v["duration"] = {"ten minutes", "twenty minutes", "half an hour", "an hour", "two hours",
                   "a day", "two days", "a week", "two weeks", "a month"};
  v["side_dish"] = {"crusty bread", "a green salad", "steamed rice", "buttered potatoes",
                    "roasted carrots", "a bowl of yoghurt", "warm flatbread", "pickled cabbage"};
  v["vegetable"] = {"carrots", "peas", "leeks", "sweet potatoes", "kale", "peppers", "broccoli",
                    "parsnips", "green beans", "cauliflower"};
  v["weekday"] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  v["month"] = {"January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"};
  // Chinese encyclopedic prose.
  v["zh_sound_adj"] = {"迷幻", "温暖", "粗粝", "梦幻", "激昂", "细腻", "冷峻", "忧郁", "明亮",
                       "厚重", "空灵", "躁动", "克制", "华丽", "质朴"};
  v["zh_praise"] = {"广受好评", "获得乐评人一致称赞", "引起广泛讨论", "被视为其代表作",
                    "在商业上取得成功", "奠定了乐队的地位", "成为许多乐迷心中的经典"};
  v["zh_theme"] = {"爱情", "成长", "城市生活", "孤独", "旅行", "记忆", "家乡", "时间流逝",
                   "梦想", "友情", "离别", "自由"};
  v["zh_element"] = {"吉他音墙", "合成器音色", "弦乐编配", "铜管乐", "和声", "低音线条",
                     "鼓点", "钢琴段落", "电子节拍", "民谣吉他"};
  v["zh_influence"] = {"六十年代流行乐", "朋克", "灵魂乐", "爵士乐", "民谣", "电子乐",
                       "迷幻摇滚", "新浪潮", "后朋克", "布鲁斯"};
  return v;
}

}  // namespace

const std::vector<std::string_view>& vocabulary(std::string_view key) {
  static const std::unordered_map<std::string_view, List> lists = build();
  auto it = lists.find(key);
  if (it == lists.end()) throw std::logic_error("unknown vocabulary list: " + std::string(key));
  return it->second;
}

std::string_view vocabulary_word(std::string_view key, Rng& rng) {
  const auto& words = vocabulary(key);
  return words[rng.below(words.size())];
}

}  // namespace mucpt::synth
