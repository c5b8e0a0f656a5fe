#include "curation/dedup/exact_duplicates.h"

#include <algorithm>

#include "common/json_writer.h"
#include "curation/dedup/mpi_exchange.h"

namespace mucpt {

namespace {

struct ExactRecord {
  Hash128 hash;
  Vertex vertex;
};
static_assert(made_of<ExactRecord, Hash128, Vertex>, "sent between ranks as is");

}  // namespace

ExactCounters remove_exact_duplicates(DedupRun& run) {
  ExactCounters counters;
  const size_t n_ranks = static_cast<size_t>(run.ranks);
  std::vector<std::vector<ExactRecord>> out(n_ranks);
  run.for_each_record([&](uint32_t unit, RecordView r) {
    out[owner_of(r.exact().low, run.ranks)].push_back({r.exact(), {r.key(), unit, 0, r.ordinal()}});
  });
  size_t sent = 0;
  for (const auto& b : out) sent += b.size() * sizeof(ExactRecord);
  std::vector<ExactRecord> mine = exchange_records(out);
  out.clear();
  out.shrink_to_fit();
  run.memory.note(sent + 2 * mine.size() * sizeof(ExactRecord));
  std::sort(mine.begin(), mine.end(), [](const ExactRecord& a, const ExactRecord& b) {
    if (!(a.hash == b.hash)) return a.hash < b.hash;
    return a.vertex.key < b.vertex.key;
  });
  std::vector<std::vector<Removal>> decided(n_ranks);
  std::vector<std::vector<Vertex>> documents(n_ranks);
  for (size_t i = 0; i < mine.size();) {
    size_t j = i + 1;
    while (j < mine.size() && mine[j].hash == mine[i].hash) ++j;
    if (j - i > 1) {
      ++counters.groups;
      run.count_cluster(j - i);
      const Vertex& keeper = mine[i].vertex;
      std::string line;
      JsonWriter w(line);
      w.begin_object().field("type", "exact").field("cluster", document_name(run.plan, keeper.key.gid));
      w.field("kept", run.options.drop_all_copies ? std::string() : document_name(run.plan, keeper.key.gid));
      w.key("members").begin_array();
      for (size_t k = i; k < j; ++k) w.value(document_name(run.plan, mine[k].vertex.key.gid));
      w.end_array().field("jaccard_to_kept", 1.0).end_object();
      run.cluster_lines += line + "\n";
      for (size_t k = run.options.drop_all_copies ? i : i + 1; k < j; ++k) {
        const Vertex& v = mine[k].vertex;
        decided[run.home[v.unit]].push_back({v.ordinal, v.key.gid, keeper.key.gid, 1.0f, 0});
        documents[run.home[v.unit]].push_back(v);
      }
    }
    i = j;
  }
  mine.clear();
  mine.shrink_to_fit();
  counters.removed = run.send_home(decided, documents, true);
  return counters;
}

}  // namespace mucpt
