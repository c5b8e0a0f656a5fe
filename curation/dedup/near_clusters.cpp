#include "curation/dedup/near_clusters.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "common/json_writer.h"
#include "curation/dedup/mpi_exchange.h"

namespace mucpt {

NearCounters remove_near_duplicates(DedupRun& run, const std::vector<Notice>& notices) {
  NearCounters counters;
  const size_t n_ranks = static_cast<size_t>(run.ranks);
  std::map<uint32_t, std::vector<const Notice*>> by_unit;
  for (const Notice& n : notices) by_unit[n.vertex.unit].push_back(&n);
  const size_t digest_bytes = static_cast<size_t>(run.layout.permutations);
  const size_t stride = sizeof(Notice) + digest_bytes;
  std::vector<std::string> audit(n_ranks);
  for (auto& [unit, list] : by_unit) {
    for (const Notice* n : list) {
      const RecordView r = run.record(unit, n->vertex.ordinal);
      std::string& buf = audit[owner_of(n->label.gid, run.ranks)];
      buf.append(reinterpret_cast<const char*>(n), sizeof(Notice));
      buf.append(reinterpret_cast<const char*>(r.digests()), digest_bytes);
    }
  }
  std::string mine = exchange_packed(audit);
  audit.clear();
  const size_t count = mine.size() / stride;
  auto notice = [&](size_t i) { Notice n; std::memcpy(&n, mine.data() + i * stride, sizeof n); return n; };
  auto digests = [&](size_t i) { return reinterpret_cast<const uint8_t*>(mine.data() + i * stride + sizeof(Notice)); };
  std::vector<size_t> order(count);
  std::iota(order.begin(), order.end(), size_t(0));
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    Notice x = notice(a), y = notice(b);
    return x.label.gid != y.label.gid ? x.label.gid < y.label.gid : x.vertex.key < y.vertex.key;
  });
  std::vector<std::vector<Removal>> decided(n_ranks);
  std::vector<std::vector<Vertex>> documents(n_ranks);
  for (size_t i = 0; i < count;) {
    size_t j = i + 1;
    const uint64_t label = notice(order[i]).label.gid;
    while (j < count && notice(order[j]).label.gid == label) ++j;
    size_t keeper = i;
    for (size_t k = i; k < j; ++k)
      if (notice(order[k]).vertex.key.gid == label) keeper = k;
    run.count_cluster(j - i);
    ++counters.clusters;
    std::string line;
    JsonWriter w(line);
    w.begin_object().field("type", "near").field("cluster", document_name(run.plan, label));
    w.field("kept", document_name(run.plan, label));
    w.key("members").begin_array();
    for (size_t k = i; k < j; ++k) w.value(document_name(run.plan, notice(order[k]).vertex.key.gid));
    w.end_array().key("jaccard_to_kept").begin_object();
    for (size_t k = i; k < j; ++k) {
      const Notice n = notice(order[k]);
      if (n.vertex.key.gid == label) continue;
      double jac = estimate_jaccard(digests(order[keeper]), digests(order[k]), run.layout.permutations);
      w.field(document_name(run.plan, n.vertex.key.gid), jac);
      decided[run.home[n.vertex.unit]].push_back({n.vertex.ordinal, n.vertex.key.gid, label, static_cast<float>(jac), 1});
      documents[run.home[n.vertex.unit]].push_back(n.vertex);
    }
    w.end_object().end_object();
    run.cluster_lines += line + "\n";
    i = j;
  }
  mine.clear();
  counters.removed = run.send_home(decided, documents, false);
  return counters;
}

}  // namespace mucpt
