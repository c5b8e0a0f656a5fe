// Off-domain articles (the negatives a music classifier must reject). The templates
// and word lists avoid music vocabulary on purpose.
#include "synth/render_util.h"
#include "synth/renderers.h"
#include "synth/template.h"
#include "synth/vocabulary.h"

namespace mucpt::synth {

namespace {

struct Topic {
  const char* name;
  const char* title;
  std::vector<const char*> sentences;
};

const std::vector<Topic>& topics() {
  static const std::vector<Topic> kTopics = {
      {"sports", "{team} {sport_verb} {team2} in {sport_event}",
       {"The {team} {sport_verb} the {team2} in {sport_event} on {weekday}, with a {general_adj} finish in the closing minutes.",
        "{^coach_name}, the {team} coach, said the squad had spent {duration} working on {sport_skill}.",
        "Attendance at the {sport} ground reached {number} thousand, helped by {weather} and cheap family seats.",
        "The captain picked up {injury} and is doubtful for the trip to face the {team2} on {weekday}.",
        "Analysts pointed to a {general_adj} improvement in {sport_skill} since {month}.",
        "Supporters travelled in large numbers for {sport_event}, and the away end was full {duration} before the start.",
        "The {team} now sit {position} in the table, {number} points behind the leaders.",
        "A {general_adj} substitution in the second half changed the shape of the game.",
        "Youth players from the {team} academy have been given more minutes since {month}.",
        "The board confirmed that prices for {sport_event} will rise by {number} percent next season.",
        "{^coach_name} admitted that {sport_skill} had been {general_adj} for most of the afternoon.",
        "The {team2} started brightly but faded after {injury} forced their goalkeeper off.",
        "Both sides will now turn their attention to {sport_event} in {month}.",
        "Local bookmakers had the {team2} as narrow favourites before {weekday}'s meeting.",
        "The result leaves the {team} unbeaten in {number} matches across all competitions.",
        "{^weather} made the pitch heavy, and passing suffered on both sides.",
        "Former players praised the {general_adj} work rate of the {team} midfield.",
        "Tickets for the return fixture go on general sale on {weekday} at nine in the morning."}},
      {"cooking", "How to make a {general_adj} {dish} at home",
       {"Start by warming {ingredient} in a heavy pan and adding {ingredient} with a pinch of salt.",
        "{^cook_verb} the mixture gently for {duration}, stirring now and then so nothing sticks.",
        "A spoonful of {ingredient} at the end lifts the whole {dish} without overpowering it.",
        "If you are short of time, prepare the {ingredient} {duration} ahead and keep it chilled.",
        "Serve the {dish} with {side_dish} and a glass of cold water.",
        "Leftover {dish} keeps for {number} days in the fridge and freezes well.",
        "For a lighter version, swap the {ingredient} for {ingredient} and add more {vegetable}.",
        "Taste as you go and {cook_verb} until the seasoning feels balanced.",
        "Most of the flavour comes from browning the {ingredient} slowly at the start.",
        "This {dish} feeds {number} people and costs very little to make.",
        "My grandmother always added {ingredient} to her {dish}, and I have never stopped.",
        "{^vegetable} work well here too, especially late in {month}.",
        "Use a wide pan so the {ingredient} can {cook_verb} evenly instead of steaming.",
        "Children usually enjoy {dish} more when they can {cook_verb} the {vegetable} themselves.",
        "A squeeze of lemon and some {ingredient} make a quick topping for the {dish}.",
        "Cheaper cuts and dried beans both suit slow cooking, so the {dish} is a good budget choice.",
        "Leave the {dish} to rest for {duration} before serving so the flavours settle.",
        "If the sauce looks thin, {cook_verb} it uncovered for a few more minutes."}},
      {"finance", "{^finance_noun} {finance_verb} as markets weigh the outlook",
       {"{^finance_noun} {finance_verb} on {weekday} as investors waited for new figures from the central bank.",
        "Shares in {company} {finance_verb} {number} percent after the firm reported {general_adj} quarterly earnings.",
        "Economists at {company} expect {finance_noun} to remain under pressure until {month}.",
        "Analysts said {general_adj} demand from households was offset by weaker business investment.",
        "The treasury is due to publish revised growth forecasts in {month}.",
        "{company} said it would cut costs and close {number} regional offices over the next two years.",
        "Small savers have moved money into fixed-term accounts as {finance_noun} {finance_verb}.",
        "Trading volumes were thin ahead of the {weekday} holiday.",
        "A {general_adj} rise in fuel costs added to worries about household budgets.",
        "Regulators are reviewing how lenders assess affordability for first-time buyers.",
        "{^finance_noun} have {finance_verb} for {number} consecutive weeks, the longest run since last year.",
        "Chief executives surveyed by {company} were {general_adj}ly optimistic about hiring.",
        "The currency {finance_verb} against the dollar after the announcement on {weekday}.",
        "Pension funds increased their holdings of government bonds during {month}.",
        "Consumer confidence {finance_verb} in {month}, according to a survey of {number} hundred households.",
        "{company} shares have {finance_verb} since the chief executive stepped down in {month}.",
        "Some economists warned that {finance_noun} could turn quickly if energy prices jump.",
        "Mortgage approvals were broadly flat, with {general_adj} differences between regions."}},
      {"weather", "{^weather} expected across {region} this week",
       {"Forecasters expect {weather} across {region} on {weekday}, clearing later in the day.",
        "Temperatures in {region} will stay around {number} degrees, below average for {month}.",
        "Drivers in {region} are advised to allow extra time because of {weather}.",
        "The weekend looks more settled, with {weather} for most of {region}.",
        "Farmers in {region} welcomed the rain after a long dry spell in {month}.",
        "A warning for {weather} remains in place for {region} until {weekday} morning.",
        "Coastal towns could see gusts of {number} miles per hour overnight.",
        "Pollen levels will be high wherever the sun breaks through in {region}.",
        "Night-time temperatures may fall close to freezing in {region}.",
        "The long-range outlook suggests a {general_adj} return to milder conditions by {month}.",
        "Commuters in {region} faced {weather} on {weekday}, and several ferries were cancelled.",
        "Rainfall totals for {month} were {number} percent above the long-term average.",
        "{^weather} is likely to spread from {region} towards {region} by evening.",
        "Schools in {region} stayed open despite {weather}, the council said.",
        "Gardeners should protect tender plants, as {weather} is possible in {region}.",
        "The meteorological office described the outlook as {general_adj} but changeable.",
        "Visitors heading to {region} should pack waterproofs and check road reports."}},
      {"gardening", "What to do in the garden this {month}",
       {"Now is a good time to {garden_task} before the ground hardens.",
        "{^plant} will benefit from a thick layer of mulch as the weather turns.",
        "If slugs are a problem, check the young {plant} on {weekday} evenings with a torch.",
        "Keep a watering can by the back door and {garden_task} whenever you pass.",
        "Late {month} is ideal for planting {plant} in a sunny, sheltered spot.",
        "Do not be tempted to {garden_task} too early, or frost may damage the {plant}.",
        "A small greenhouse extends the season for {plant} by {number} weeks or more.",
        "Save seeds from your best {plant} and store them in paper envelopes.",
        "Compost made last autumn should now be ready to spread around the {plant}.",
        "Raised beds warm up faster in spring and suit {plant} and {plant} alike.",
        "{^plant} grown in pots need feeding every {number} days through summer.",
        "Our allotment neighbours swear by planting {plant} beside {plant}.",
        "It takes about {duration} to {garden_task} on a typical small plot.",
        "Birds will thank you if you leave seed heads standing until {month}.",
        "Water deeply once a week rather than lightly every day, and the {plant} will root better.",
        "After {weather}, check supports and ties so the {plant} do not snap.",
        "A notebook of what grew well this year makes next spring much easier."}},
      {"travel", "A weekend guide to {place}",
       {"Most visitors head straight for {place}, but the quieter streets nearby reward a slower walk.",
        "It is worth trying to {travel_tip} if you visit in {month}.",
        "The cafe beside {place} serves a famous breakfast, and the queue moves quickly.",
        "Local buses run every {number} minutes and reach {place} in under half an hour.",
        "Hotels near {place} fill up fast at weekends, so book {duration} ahead.",
        "For the best views, climb to {place} just before sunset.",
        "Museums are free on the first {weekday} of the month.",
        "Travellers on a budget should {travel_tip} and eat where the locals eat.",
        "The ferry to the islands leaves {number} times a day in summer.",
        "A {general_adj} afternoon can be spent walking from {place} to {place}.",
        "Our guide suggested we {travel_tip}, which saved us a lot of time.",
        "In {month} the weather can turn quickly, so {travel_tip}.",
        "The old tram line still runs past {place} and is a cheap way to see the town.",
        "Rental bikes cost very little and cycle lanes link {place} with the centre.",
        "Market stalls near {place} open early on {weekday} and close by lunchtime.",
        "A {duration} detour brings you to {place}, which few tourists ever reach.",
        "Pack comfortable shoes, because the streets around {place} are steep and cobbled."}},
      {"health", "Small changes that make a difference to {health_noun}",
       {"Doctors say that paying attention to {health_noun} is one of the simplest ways to feel better.",
        "Even {duration} of {health_noun} a day can make a {general_adj} difference over a month.",
        "Try to build {health_noun} into your routine instead of treating it as a chore.",
        "People who sleep badly often underestimate how much {health_noun} matters.",
        "A {general_adj} change, such as taking the stairs, adds up over time.",
        "If you have a long-term condition, check with your doctor before changing your routine.",
        "Drinking water before meals helps some people eat more slowly.",
        "Keeping a simple diary of {health_noun} can show patterns you might miss.",
        "Experts recommend regular breaks from screens during long working days.",
        "Small, consistent habits tend to last longer than dramatic resolutions.",
        "A study of {number} hundred adults found that {health_noun} improved mood within {duration}.",
        "Walking with a friend on {weekday} mornings makes {health_noun} easier to keep up.",
        "Nurses say {health_noun} and {health_noun} are the habits patients most often drop first.",
        "The winter months make {health_noun} harder, so plan ahead in {month}.",
        "Pharmacists can offer free advice about {health_noun} without an appointment.",
        "Setting a reminder on your phone is a {general_adj} way to remember {health_noun}.",
        "Progress is rarely a straight line, and a missed day matters less than the overall trend."}},
      {"home", "How to {home_task} without calling a professional",
       {"Before you {home_task}, switch off the water or power supply where needed.",
        "You will need a few basic tools, a bucket and an old towel.",
        "Take photographs as you go so you can put everything back in the right order.",
        "If the job looks bigger than expected, it is fine to stop and get advice.",
        "Most hardware shops sell kits to {home_task} at a {general_adj} price.",
        "Work slowly and check each step, especially around pipes and cables.",
        "It is easier to {home_task} in dry weather when the house is well ventilated.",
        "Once finished, keep a note of the date so you know when to check again.",
        "Neighbours who have had to {home_task} are often the best source of tips.",
        "Doing the work yourself can save {number} hundred a year.",
        "Set aside about {duration}, although the first attempt usually takes longer.",
        "Wear gloves and goggles, and keep children and pets out of the room.",
        "A torch and a small mirror help you see behind fittings and under the sink.",
        "If you rent, ask your landlord before you {home_task}.",
        "Autumn is a sensible time to {home_task}, before {weather} arrives.",
        "Old screws often seize, so a drop of oil and patience save a lot of frustration.",
        "Recycle packaging and old parts at the local tip rather than leaving them in the garden."}},
      {"technology", "Is {tech_noun} worth the upgrade?",
       {"After {duration} with {tech_noun}, the improvements are {general_adj} but real.",
        "Battery life is better than last year, lasting a full day of normal use.",
        "Setup takes about {duration} and the instructions are clear.",
        "Privacy settings are buried a little too deep in the menus of {tech_noun}.",
        "For most people, {tech_noun} will feel familiar from the first day.",
        "The price is {general_adj}, though discounts are common by {month}.",
        "Older devices will receive security updates for at least {number} more years.",
        "Customer support answered questions quickly during our {duration} of testing.",
        "If your current device still works well, there is no rush to replace it.",
        "Reviewers agree that {tech_noun} is a {general_adj} step forward rather than a leap.",
        "We compared {tech_noun} with {tech_noun} over {duration} of daily use.",
        "The update that arrived on {weekday} fixed most of the early complaints.",
        "Accessibility options have improved, with larger text and better voice control.",
        "Repair costs remain high, so an extended warranty may be worth considering.",
        "Parents will appreciate the {general_adj} controls for screen time.",
        "The charger is sold separately, which adds to the real cost of {tech_noun}.",
        "Some owners reported connection drops, which the maker says were fixed in {month}."}},
  };
  return kTopics;
}

}  // namespace

Doc render_general(Rng& rng) {
  const Topic& topic = topics()[rng.below(topics().size())];
  Doc doc;
  doc.style = "general";
  Vars v;
  v.set("team", std::string(vocabulary_word("town", rng)) + " " + std::string(vocabulary_word("team_noun", rng)));
  v.set("team2", std::string(vocabulary_word("town", rng)) + " " + std::string(vocabulary_word("team_noun", rng)));
  v.set("coach_name", std::string(vocabulary_word("given_name", rng)) + " " + std::string(vocabulary_word("family_name", rng)));
  // The article's subject stays the same from title to last sentence.
  v.set("dish", std::string(vocabulary_word("dish", rng)));
  v.set("home_task", std::string(vocabulary_word("home_task", rng)));
  std::string title;
  expand(title, topic.title, v, rng);
  doc.add_field("title", title);
  doc.add_field("topic", topic.name);
  const std::string date = date_in_year(rng, static_cast<int>(rng.range(2010, 2024)));
  doc.add_field("date", date);
  doc.add_field("url", "https://www.dailyreader.example/" + std::string(topic.name) + "/" + slug(title));

  std::string& t = doc.text;
  t.reserve(3072);
  const size_t target = static_cast<size_t>(rng.range(150, 400));
  size_t words = 0;
  int in_paragraph = 0;
  // Each sentence frame is used at most once per article.
  std::vector<const char*> pool = topic.sentences;
  rng.shuffle(pool);
  for (size_t next = 0; words < target && next < pool.size(); ++next) {
    separate(t);
    const size_t before = t.size();
    expand(t, pool[next], v, rng);
    words += word_count(std::string_view(t).substr(before));
    if (++in_paragraph >= rng.range(3, 4)) {
      t += "\n\n";
      in_paragraph = 0;
    }
  }
  trim_trailing_space(t);
  return doc;
}

}  // namespace mucpt::synth
