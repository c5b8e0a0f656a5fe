#include "synth/world_writer.h"

#include <array>
#include <cstdio>
#include <unordered_set>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <vector>

#include "common/json_writer.h"
#include "common/line_writer.h"
#include "synth/benchmark.h"
#include "synth/boilerplate.h"
#include "synth/corruptions.h"
#include "synth/json_line.h"
#include "synth/malformed.h"
#include "synth/manifest.h"
#include "synth/metadata.h"
#include "synth/near_duplicate.h"
#include "synth/parallel.h"
#include "synth/renderers.h"
#include "synth/render_util.h"
#include "synth/shingles.h"
#include "synth/spam.h"
#include "synth/truth.h"

namespace mucpt::synth {

namespace {

enum class Kind : int { clean, exact_duplicate, near_duplicate, boilerplate, spam, offdomain, corrupted, malformed };
constexpr int kKindCount = 8;
const char* const kKindNames[kKindCount] = {"clean", "exact_duplicate", "near_duplicate", "boilerplate",
                                            "spam",  "offdomain",       "corrupted",      "malformed"};
// Share of source lines per kind (near-duplicate originals are counted as clean).
const double kKindWeights[kKindCount] = {0.61, 0.05, 0.08, 0.05, 0.05, 0.12, 0.03, 0.01};

// Share of clean in-domain documents per source (general holds only off-domain text).
const double kCleanSourceWeights[kSourceCount] = {0.18, 0.18, 0.24, 0.15, 0.09, 0.16, 0.0};

constexpr size_t kHeldDocuments = 256;   // recent clean documents that duplicates copy
constexpr size_t kMaxCopiesPerCluster = 3;
constexpr double kPiiProbability = 0.15;  // of forum and news documents
constexpr double kHeavyNearDuplicate = 0.2;
constexpr double kAppendBoilerplate = 0.1;

// Lines decided up front, so rare cases occur even in a tiny world.
struct Forced {
  bool planted = false;
  MalformedReason reason = MalformedReason::invalid_json;
  int variant = 0;
  size_t question = 0;
  bool as_news = false;
};

// A recently written clean document that later lines may duplicate. Its truth record
// waits here until it leaves, because a near-duplicate copy may still make it the
// original of a cluster.
struct Held {
  Source source;
  std::string id;
  Doc doc;
  DocRecord record;
  bool exact_source = false;
  std::vector<NearDuplicateCopy> copies;
  std::vector<uint64_t> shingles;  // computed when the first copy is made
};

// One source line in the making. Planning (sequential) decides what it is; rendering
// (parallel, from the slot's own random stream) produces fresh documents; committing
// (sequential, in line order) resolves duplicates, assigns ids and writes.
struct Slot {
  Rng rng{0};
  Kind kind = Kind::clean;
  Source source = Source::general;
  bool forced = false;
  Forced event;
  std::vector<PiiPlanner::Item> pii;
  // Rendered:
  Doc doc;
  std::string fields;  // the line after the id field: ,"text":"...",...}
  std::vector<std::string> furniture;
  FactCorruption corruption;
};

constexpr size_t kBatch = 2048;

std::string artist_of_album(const KnowledgeBase& kb, const std::string& album_id) {
  const size_t index = std::stoul(album_id.substr(4)) - 1;
  return kb.artists[kb.albums[index].artist].id;
}

class World {
 public:
  explicit World(const WorldOptions& o)
      : opt_(o),
        kb_(KnowledgeBase::build(o.seed, o.documents, o.artists)),
        // With a quiz source, the benchmark asks about one half of the artists and the
        // quizzes about the other: a model learns the question-answer format from facts
        // the benchmark never asks.
        questions_(make_questions(kb_, o.seed, question_count(o.documents),
                                  o.quiz_documents > 0 ? ArtistHalf::even : ArtistHalf::all, 0x7161, o.question_kinds)),
        truth_(o.output),
        planner_(kPiiProbability, 1) {
    for (int s = 0; s < source_count(); ++s) {
      const std::string rel = source_path(source_spec(s).name, opt_.compress);
      std::filesystem::remove(opt_.output + "/" + source_path(source_spec(s).name, !opt_.compress));
      // Level 1: these files are test inputs, where writing speed matters more than size.
      writers_.push_back(std::make_unique<LineWriter>(opt_.output + "/" + rel, 1));
      files_[s] = rel;
    }
    plan_forced_lines();
  }

  WorldResult run() {
    // Batch k+1 renders on both threads while batch k is committed.
    std::vector<Slot> current, next;
    uint64_t begin = 0;
    plan_batch(current, begin);
    render_batch(current);
    while (!current.empty()) {
      const uint64_t next_begin = begin + current.size();
      plan_batch(next, next_begin);
      if (!next.empty()) helper_.start(next.size(), [&](size_t i) { render(next[i]); });
      try {
        commit_batch(current);
      } catch (...) {
        // The helper must stop using next before the error unwinds it.
        try {
          if (!next.empty()) helper_.finish();
        } catch (...) {
        }
        throw;
      }
      if (!next.empty()) helper_.finish();
      std::swap(current, next);
      begin = next_begin;
    }
    while (!held_.empty()) release_oldest();
    write_quiz_sheets();
    write_profiles();
    for (auto& w : writers_) w->commit();
    write_benchmark();
    write_metadata(kb_, opt_.output);
    write_file_atomically(opt_.output + "/manifest.json", manifest_json(opt_.compress, source_count()));

    WorldResult result;
    for (int s = 0; s < source_count(); ++s) {
      result.lines += lines_[s];
      result.source_bytes += bytes_[s];
    }
    result.questions = questions_.size();
    truth_.commit(summary_fields(result));
    return result;
  }

 private:
  int source_count() const {
    if (opt_.quiz_documents == 0) return kSourceCount;
    return opt_.profiles > 0 ? kAllSourceCount : kQuizSourceCount;
  }

  void plan_forced_lines() {
    std::vector<Forced> events;
    for (int r = 0; r < kMalformedReasonCount; ++r) {
      const auto reason = static_cast<MalformedReason>(r);
      for (int v = 0; v < malformed_variant_count(reason); ++v) events.push_back({false, reason, v, 0, false});
    }
    Rng rng = Rng::stream(opt_.seed, 0x706c);  // "pl"
    const size_t planted_questions = std::min<size_t>(questions_.size(), std::max<size_t>(5, questions_.size() / 40));
    for (size_t q = 0; q < planted_questions; ++q) {
      const size_t copies = rng.chance(0.4) ? 2 : 1;
      for (size_t c = 0; c < copies; ++c) events.push_back({true, MalformedReason::invalid_json, 0, q, rng.chance(0.4)});
    }
    // At most a third of a tiny world is forced; the rest follows the proportions.
    events.resize(std::min<size_t>(events.size(), opt_.documents / 3));
    for (const Forced& e : events) {
      uint64_t at;
      do at = rng.below(opt_.documents);
      while (forced_.count(at));
      forced_[at] = e;
    }
  }

  void plan_batch(std::vector<Slot>& batch, uint64_t begin) {
    batch.clear();
    const uint64_t end = std::min<uint64_t>(opt_.documents, begin + kBatch);
    batch.resize(end - begin);
    for (uint64_t i = begin; i < end; ++i) plan(batch[i - begin], i);
  }

  void render_batch(std::vector<Slot>& batch) {
    helper_.start(batch.size(), [&](size_t i) { render(batch[i]); });
    helper_.finish();
  }

  void commit_batch(std::vector<Slot>& batch) {
    for (Slot& slot : batch) commit(slot);
  }

  void plan(Slot& slot, uint64_t i) {
    slot.rng = Rng::stream(opt_.seed, (uint64_t{1} << 40) + i);
    Rng& rng = slot.rng;
    auto f = forced_.find(i);
    if (f != forced_.end()) {
      slot.forced = true;
      slot.event = f->second;
      slot.kind = f->second.planted ? Kind::clean : Kind::malformed;
      slot.source = f->second.planted ? (f->second.as_news ? Source::news : Source::forum)
                                      : static_cast<Source>(rng.below(kSourceCount));
      return;
    }
    slot.kind = static_cast<Kind>(rng.weighted(kKindWeights, kKindCount));
    switch (slot.kind) {
      case Kind::clean:
        slot.source = static_cast<Source>(rng.weighted(kCleanSourceWeights, kSourceCount));
        if (slot.source == Source::forum || slot.source == Source::news) slot.pii = planner_.plan(rng);
        break;
      case Kind::boilerplate:
      case Kind::spam: {
        static const Source kHosts[] = {Source::forum, Source::forum, Source::news, Source::reviews};
        slot.source = kHosts[rng.below(4)];
        break;
      }
      case Kind::offdomain: slot.source = Source::general; break;
      case Kind::corrupted: {
        static const Source kTargets[] = {Source::encyclopedia, Source::reviews, Source::tracklists};
        slot.source = kTargets[rng.below(3)];
        break;
      }
      case Kind::malformed: {
        const auto reason = static_cast<MalformedReason>(rng.below(kMalformedReasonCount));
        slot.event.reason = reason;
        slot.event.variant = static_cast<int>(rng.below(malformed_variant_count(reason)));
        slot.source = static_cast<Source>(rng.below(kSourceCount));
        break;
      }
      case Kind::exact_duplicate:
      case Kind::near_duplicate: break;  // resolved when committed
    }
  }

  // Produces the fresh document of a slot; touches nothing shared but read-only data.
  void render(Slot& slot) {
    Rng& rng = slot.rng;
    switch (slot.kind) {
      case Kind::clean:
        if (slot.forced) {
          slot.doc = render_quiz(questions_[slot.event.question], slot.event.as_news, rng);
        } else {
          slot.doc = render_in_domain(slot.source, rng, slot.pii);
          append_furniture(slot, rng);
        }
        break;
      case Kind::boilerplate: slot.doc = render_boilerplate(rng); break;
      case Kind::spam: slot.doc = render_spam(kb_, rng); break;
      case Kind::offdomain: slot.doc = render_general(rng); break;
      case Kind::corrupted: render_corrupted(slot); break;
      case Kind::malformed: slot.doc = render_in_domain(slot.source, rng, {}); break;
      case Kind::exact_duplicate:
      case Kind::near_duplicate: return;
    }
    if (slot.kind == Kind::boilerplate || slot.kind == Kind::spam)
      slot.doc.add_field("date", date_in_year(rng, static_cast<int>(rng.range(2010, 2024))));
    if (slot.kind != Kind::malformed) slot.fields = line_fields(source_spec(slot.source), slot.doc);
  }

  void commit(Slot& slot) {
    Rng& rng = slot.rng;
    switch (slot.kind) {
      case Kind::clean:
        if (slot.forced) planted(slot);
        else clean(slot);
        break;
      case Kind::exact_duplicate: exact_duplicate(slot); break;
      case Kind::near_duplicate: near_duplicate(slot); break;
      case Kind::boilerplate:
      case Kind::spam:
      case Kind::offdomain:
        truth_.document(write_rendered(slot, kKindNames[static_cast<int>(slot.kind)]));
        break;
      case Kind::corrupted: {
        DocRecord r = write_rendered(slot, "corrupted");
        truth_.document(r);
        truth_.corrupted(r.id, slot.source, slot.doc.entity_id, slot.corruption);
        break;
      }
      case Kind::malformed: malformed(slot, rng); break;
    }
  }

  // --- writing ---

  std::string next_id(Source s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s-%07llu", source_spec(s).id_prefix,
                  static_cast<unsigned long long>(++ids_[static_cast<int>(s)]));
    return buf;
  }

  // Writes one raw line (given in parts, to save a copy) and returns a truth record
  // that points at it.
  DocRecord write_line(Source s, std::string_view line, std::string_view rest = {}) {
    const int si = static_cast<int>(s);
    writers_[si]->write(line);
    writers_[si]->write_line(rest);
    bytes_[si] += line.size() + rest.size() + 1;
    DocRecord r;
    r.file = files_[si];
    r.line = ++lines_[si];
    r.source = s;
    return r;
  }

  DocRecord record_for(DocRecord r, const std::string& id, const Doc& doc, const char* kind, Source s) {
    r.id = id;
    r.kind = kind;
    r.style = doc.style;
    r.lang = doc.lang;
    r.entity_id = doc.entity_id;
    r.pii_count = doc.pii.size();
    if (!doc.pii.empty()) truth_.pii(id, s, doc);
    return r;
  }

  // Writes a document rendered on the spot (duplicates).
  DocRecord write_doc(Source s, const std::string& id, const Doc& doc, const char* kind) {
    return record_for(write_line(s, document_line(source_spec(s), id, doc)), id, doc, kind, s);
  }

  // Writes a slot's pre-rendered document under a new id.
  DocRecord write_rendered(Slot& slot, const char* kind) {
    const std::string id = next_id(slot.source);
    return record_for(write_line(slot.source, line_head(source_spec(slot.source), id), slot.fields), id, slot.doc,
                      kind, slot.source);
  }

  void hold(Source s, std::string id, Doc doc, DocRecord record) {
    held_.push_back({s, std::move(id), std::move(doc), std::move(record), false, {}, {}});
    if (held_.size() > kHeldDocuments) release_oldest();
  }

  void release_oldest() {
    Held& h = held_.front();
    if (!h.copies.empty()) truth_.cluster(h.record.cluster, h.source, h.id, h.copies);
    truth_.document(h.record);
    held_.pop_front();
  }

  // --- rendering ---

  Doc render_in_domain(Source s, Rng& rng, const std::vector<PiiPlanner::Item>& pii) {
    switch (s) {
      case Source::encyclopedia: return render_encyclopedia(kb_, random_artist(rng), {}, rng);
      case Source::reviews: return render_review(kb_, random_album(rng), {}, rng);
      case Source::forum: return render_forum(kb_, random_artist(rng), pii, rng);
      case Source::news: return render_news(kb_, random_artist(rng), pii, rng);
      case Source::tracklists: return render_tracklist(kb_, random_album(rng), {}, rng);
      case Source::encyclopedia_zh: return render_encyclopedia_zh(kb_, random_artist(rng), rng);
      case Source::general: return render_general(rng);
      case Source::quiz:
      case Source::profiles: break;  // written apart, after the other sources
    }
    return {};
  }

  // Page furniture appended to some forum, news and review documents.
  void append_furniture(Slot& slot, Rng& rng) {
    const Source s = slot.source;
    if ((s != Source::forum && s != Source::news && s != Source::reviews) || !rng.chance(kAppendBoilerplate)) return;
    const int n = static_cast<int>(rng.range(1, 3));
    slot.doc.text += "\n";
    // The lines of one page differ: a clean document repeats no line.
    for (std::string& line : boilerplate_lines(rng, n)) {
      slot.furniture.push_back(std::move(line));
      slot.doc.text += "\n" + slot.furniture.back();
    }
  }

  void render_corrupted(Slot& slot) {
    Rng& rng = slot.rng;
    if (slot.source == Source::encyclopedia) {
      const uint32_t a = random_artist(rng);
      slot.corruption = corrupt_artist_fact(kb_, a, rng);
      slot.doc = render_encyclopedia(kb_, a, slot.corruption.override, rng);
    } else {
      const uint32_t al = random_album(rng);
      slot.corruption = corrupt_album_fact(kb_, al, rng);
      slot.doc = slot.source == Source::reviews ? render_review(kb_, al, slot.corruption.override, rng)
                                                : render_tracklist(kb_, al, slot.corruption.override, rng);
    }
  }

  uint32_t random_artist(Rng& rng) { return static_cast<uint32_t>(rng.below(kb_.artists.size())); }
  uint32_t random_album(Rng& rng) { return static_cast<uint32_t>(rng.below(kb_.albums.size())); }

  // --- kinds ---

  void clean(Slot& slot) {
    DocRecord r = write_rendered(slot, "clean");
    r.boilerplate_lines = std::move(slot.furniture);
    std::string id = r.id;
    hold(slot.source, std::move(id), std::move(slot.doc), std::move(r));
  }

  // A duplicate with nothing to copy yet becomes a clean document, rendered here.
  void clean_fallback(Slot& slot) {
    slot.kind = Kind::clean;
    slot.source = static_cast<Source>(slot.rng.weighted(kCleanSourceWeights, kSourceCount));
    slot.doc = render_in_domain(slot.source, slot.rng, {});
    slot.fields = line_fields(source_spec(slot.source), slot.doc);
    clean(slot);
  }

  Held* pick_held(Rng& rng, bool for_near_duplicate) {
    for (int attempt = 0; attempt < 16 && !held_.empty(); ++attempt) {
      Held& h = held_[rng.below(held_.size())];
      if (!for_near_duplicate) {
        if (h.record.cluster < 0) return &h;
        continue;
      }
      const bool prose = h.doc.style == "encyclopedia" || h.doc.style == "review" || h.doc.style == "forum" ||
                         h.doc.style == "news";
      if (!h.exact_source && prose && h.doc.lang == "en" && h.copies.size() < kMaxCopiesPerCluster) return &h;
    }
    return nullptr;
  }

  // Another source that plausibly reposts a document (a review quoted on the forum...).
  Source repost_target(Source from, Rng& rng) {
    if (from == Source::encyclopedia_zh || rng.chance(0.75)) return from;
    if (from == Source::forum) return Source::news;
    if (from == Source::news) return Source::forum;
    return rng.chance(0.5) ? Source::forum : Source::news;
  }

  void exact_duplicate(Slot& slot) {
    Rng& rng = slot.rng;
    Held* h = pick_held(rng, false);
    if (!h) return clean_fallback(slot);
    h->exact_source = true;
    const Source target = repost_target(h->source, rng);
    Doc doc = h->doc;
    if (target != h->source) {
      doc.extra.clear();
      doc.add_field("url", std::string("https://") + source_spec(target).site + "/p/" +
                               std::to_string(rng.range(10000, 999999)));
      doc.add_field("date", date_in_year(rng, static_cast<int>(rng.range(2010, 2024))));
      if (doc.entity_id.rfind("alb-", 0) == 0) doc.entity_id = artist_of_album(kb_, doc.entity_id);
    }
    DocRecord r = write_doc(target, next_id(target), doc, "exact_duplicate");
    r.duplicate_of = h->id;
    r.boilerplate_lines = h->record.boilerplate_lines;
    truth_.document(r);
  }

  void near_duplicate(Slot& slot) {
    Rng& rng = slot.rng;
    Held* h = pick_held(rng, true);
    if (!h) return clean_fallback(slot);
    if (h->record.cluster < 0) h->record.cluster = next_cluster_++;
    Doc copy = make_near_duplicate(h->doc, rng.chance(kHeavyNearDuplicate), rng);
    DocRecord r = write_doc(h->source, next_id(h->source), copy, "near_duplicate");
    r.cluster = h->record.cluster;
    // Edits may have touched appended furniture; record only the lines still intact.
    for (const std::string& line : h->record.boilerplate_lines)
      if (copy.text.find(line) != std::string::npos) r.boilerplate_lines.push_back(line);
    truth_.document(r);
    if (h->shingles.empty()) h->shingles = word_shingles(h->doc.text);
    h->copies.push_back({r.id, jaccard(h->shingles, word_shingles(copy.text))});
  }

  void malformed(Slot& slot, Rng& rng) {
    const MalformedReason reason = slot.event.reason;
    const std::string id = next_id(slot.source);
    DocRecord r = write_line(slot.source, malformed_line(reason, slot.event.variant, source_spec(slot.source), id,
                                                         slot.doc, rng));
    if (malformed_keeps_id(reason)) r.id = id;
    r.kind = "malformed";
    r.style = slot.doc.style;
    r.lang = slot.doc.lang;
    r.entity_id = slot.doc.entity_id;
    r.malformed_reason = malformed_reason_name(reason);
    if (reason == MalformedReason::non_string_text) {
      static const char* const kDetails[] = {"number", "array", "null"};
      r.malformed_detail = kDetails[slot.event.variant];
    }
    truth_.document(r);
  }

  void planted(Slot& slot) {
    const Question& q = questions_[slot.event.question];
    DocRecord r = write_rendered(slot, "clean");
    r.planted_question = q.id;
    truth_.document(r);
    truth_.planted(q.id, r.id);
  }

  // Quiz sheets, each a round of questions about the other half's artists; a fact may
  // recur on several sheets, as it would across a quiz site. Never a benchmark question,
  // and never a label whose city the benchmark asks.
  void write_quiz_sheets() {
    if (opt_.quiz_documents == 0) return;
    std::unordered_set<std::string> asked, asked_labels;
    for (const Question& q : questions_) {
      asked.insert(q.question);
      if (q.kind == "label_city") asked_labels.insert(q.entity_id);
    }
    for (Question& q :
         make_questions(kb_, opt_.seed, 2 * questions_.size(), ArtistHalf::odd, 0x717a, opt_.question_kinds)) {  // "qz"
      if (asked.count(q.question) || (q.kind == "label_city" && asked_labels.count(q.entity_id))) continue;
      quiz_facts_.push_back(std::move(q));
    }
    if (quiz_facts_.empty()) return;
    Rng rng = Rng::stream(opt_.seed, 0x7173);  // "qs"
    for (uint64_t i = 0; i < opt_.quiz_documents; ++i) {
      std::vector<const Question*> sheet(rng.range(4, 8));
      for (const Question*& q : sheet) q = &quiz_facts_[rng.below(quiz_facts_.size())];
      const Doc doc = render_quiz_sheet(sheet, rng);
      truth_.document(write_doc(Source::quiz, next_id(Source::quiz), doc, "clean"));
    }
  }

  // Fact sheets, `profiles` per artist, every artist alike: the benchmark's artists and
  // the quizzes' are described the same way, so what the quizzes teach carries over.
  void write_profiles() {
    if (opt_.profiles == 0) return;
    Rng rng = Rng::stream(opt_.seed, 0x7066);  // "pf"
    for (uint64_t k = 0; k < opt_.profiles; ++k) {
      for (uint32_t a = 0; a < kb_.artists.size(); ++a) {
        const Doc doc = render_profile(kb_, a, rng);
        truth_.document(write_doc(Source::profiles, next_id(Source::profiles), doc, "clean"));
      }
    }
  }

  // --- other outputs ---

  void write_benchmark() {
    LineWriter out(opt_.output + "/benchmark/music_qa.jsonl");
    // Which fact each question asks: joins the benchmark with truth/corrupted_facts.jsonl.
    LineWriter facts(opt_.output + "/truth/benchmark_facts.jsonl");
    for (const Question& q : questions_) {
      out.write_line(question_json(q));
      std::string line;
      JsonWriter w(line);
      w.begin_object().field("id", q.id).field("kind", q.kind).field("entity_id", q.entity_id);
      w.field("artist_id", q.artist_id).end_object();
      facts.write_line(line);
    }
    out.commit();
    facts.commit();
  }

  std::vector<std::pair<std::string, std::string>> summary_fields(const WorldResult& result) {
    auto number = [](uint64_t n) { return std::to_string(n); };
    std::string bytes;
    JsonWriter w(bytes);
    w.begin_object();
    for (int s = 0; s < source_count(); ++s) w.field(source_spec(s).name, bytes_[s]);
    w.end_object();
    std::vector<std::pair<std::string, std::string>> quiz;
    if (opt_.quiz_documents > 0) quiz = {{"quiz_facts", number(quiz_facts_.size())}};
    if (opt_.profiles > 0) quiz.push_back({"profiles_per_artist", number(opt_.profiles)});
    std::vector<std::pair<std::string, std::string>> fields = {{"seed", number(opt_.seed)},
            {"documents", number(opt_.documents)},
            {"compress", opt_.compress ? "\"zst\"" : "\"none\""},
            {"source_bytes", number(result.source_bytes)},
            {"source_bytes_per_source", bytes},
            {"benchmark_questions", number(questions_.size())},
            {"knowledge_base", "{\"artists\":" + number(kb_.artists.size()) + ",\"albums\":" +
                                   number(kb_.albums.size()) + ",\"songs\":" + number(kb_.songs.size()) +
                                   ",\"labels\":" + number(kb_.labels.size()) + ",\"people\":" +
                                   number(kb_.people.size()) + "}"}};
    fields.insert(fields.end(), quiz.begin(), quiz.end());
    return fields;
  }

  const WorldOptions& opt_;
  KnowledgeBase kb_;
  std::vector<Question> questions_;
  TruthWriter truth_;
  PiiPlanner planner_;
  std::vector<std::unique_ptr<LineWriter>> writers_;
  std::vector<Question> quiz_facts_;
  std::array<std::string, kAllSourceCount> files_;
  std::array<uint64_t, kAllSourceCount> lines_{}, ids_{}, bytes_{};
  std::deque<Held> held_;
  std::map<uint64_t, Forced> forced_;
  int64_t next_cluster_ = 1;
  BatchHelper helper_;
};

}  // namespace

WorldResult write_world(const WorldOptions& options) {
  std::filesystem::create_directories(options.output);
  World world(options);
  return world.run();
}

}  // namespace mucpt::synth
