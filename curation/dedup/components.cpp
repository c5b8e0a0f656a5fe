#include "curation/dedup/components.h"

#include <algorithm>
#include <unordered_map>

#include "common/mpi_context.h"
#include "curation/dedup/mpi_exchange.h"

namespace mucpt {

namespace {

struct Label {
  uint64_t target_gid;
  KeeperKey label;
};
static_assert(made_of<Label, uint64_t, KeeperKey>, "sent between ranks as is");

}  // namespace

std::vector<Notice> label_components(DedupRun& run, std::vector<Edge> edges, uint64_t& rounds, uint64_t& pairs) {
  const size_t n_ranks = static_cast<size_t>(run.ranks);
  std::vector<std::vector<Edge>> out(n_ranks);
  for (const Edge& e : edges) {
    out[owner_of(e.a.key.gid, run.ranks)].push_back(e);
    out[owner_of(e.b.key.gid, run.ranks)].push_back({e.b, e.a, e.jaccard, 0});
  }
  edges.clear();
  edges.shrink_to_fit();
  std::vector<Edge> adjacency = exchange_records(out);
  std::unordered_map<uint64_t, size_t> index;
  std::vector<Vertex> vertices;
  std::vector<KeeperKey> labels;
  std::vector<std::vector<uint64_t>> neighbours;
  for (const Edge& e : adjacency) {
    auto [it, fresh] = index.emplace(e.a.key.gid, vertices.size());
    if (fresh) {
      vertices.push_back(e.a);
      labels.push_back(e.a.key);
      neighbours.emplace_back();
    }
    neighbours[it->second].push_back(e.b.key.gid);
  }
  run.memory.note(3 * adjacency.size() * sizeof(Edge) + vertices.size() * (sizeof(Vertex) + sizeof(KeeperKey) + 64));
  adjacency.clear();
  adjacency.shrink_to_fit();
  // Ranks that found the same pair in different bands each sent it: once per neighbour,
  // and each pair counted by the owner of its first document.
  uint64_t mine = 0;
  for (size_t v = 0; v < vertices.size(); ++v) {
    std::vector<uint64_t>& list = neighbours[v];
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    mine += static_cast<uint64_t>(list.end() - std::upper_bound(list.begin(), list.end(), vertices[v].key.gid));
  }
  pairs = mpi_sum(mine);
  std::vector<bool> frontier(vertices.size(), true);
  rounds = 0;
  for (;;) {
    ++rounds;
    std::vector<std::vector<Label>> send(n_ranks);
    for (size_t v = 0; v < vertices.size(); ++v) {
      if (!frontier[v]) continue;
      for (uint64_t n : neighbours[v]) send[owner_of(n, run.ranks)].push_back({n, labels[v]});
    }
    std::fill(frontier.begin(), frontier.end(), false);
    uint64_t changed = 0;
    for (const Label& l : exchange_records(send)) {
      size_t v = index.at(l.target_gid);
      if (l.label < labels[v]) {
        labels[v] = l.label;
        frontier[v] = true;
        ++changed;
      }
    }
    if (mpi_sum(changed) == 0) break;
  }
  std::vector<std::vector<Notice>> notices(n_ranks);
  for (size_t v = 0; v < vertices.size(); ++v) notices[run.home[vertices[v].unit]].push_back({vertices[v], labels[v]});
  return exchange_records(notices);
}

}  // namespace mucpt
