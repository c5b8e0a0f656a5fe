#include "curation/dedup/dedup_job.h"

#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <unordered_map>

#include "common/json_writer.h"
#include "common/line_writer.h"
#include "common/log.h"
#include "curation/dedup/mpi_exchange.h"

namespace fs = std::filesystem;

namespace mucpt {

const char* removal_reason_name(uint32_t reason) { return reason == 0 ? "exact_duplicate" : "near_duplicate"; }

std::string signature_path(const std::string& dir, size_t unit) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "/part-%06zu.sig", unit);
  return dir + buf;
}

std::string removals_path(const std::string& dir, size_t unit) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "/part-%06zu.removals", unit);
  return dir + buf;
}

std::vector<Removal> read_removals(const std::string& path) {
  std::string bytes = read_small_file(path);
  std::vector<Removal> removals(bytes.size() / sizeof(Removal));
  std::memcpy(static_cast<void*>(removals.data()), bytes.data(), removals.size() * sizeof(Removal));
  return removals;
}

namespace {

// A document wherever it travels: its keeper key and where its record lives.
struct Vertex {
  KeeperKey key;
  uint32_t unit;
  uint32_t pad = 0;
  uint64_t ordinal;
};

struct ExactRecord {
  Hash128 hash;
  Vertex vertex;
};

struct Edge {
  Vertex a, b;
  float jaccard;
  uint32_t pad = 0;
};

struct Label {
  uint64_t target_gid;
  KeeperKey label;
};

struct Notice {  // a component decision, sent to the document's home rank
  Vertex vertex;
  KeeperKey label;
};

uint32_t owner_of(uint64_t value, int ranks) {
  return static_cast<uint32_t>((value * 0x9E3779B97F4A7C15ULL) % static_cast<uint64_t>(ranks));
}

// Reads the records of this rank's units one file at a time.
template <class Fn>
void for_each_record(const std::vector<size_t>& units, const std::string& dir, const RecordLayout& layout, Fn fn) {
  for (size_t u : units) {
    std::string bytes = read_small_file(signature_path(dir, u));
    for (size_t at = 0; at + layout.size() <= bytes.size(); at += layout.size())
      fn(static_cast<uint32_t>(u), RecordView(bytes.data() + at, layout));
  }
}

class PeakMemory {
 public:
  void note(size_t bytes) { peak_ = std::max(peak_, bytes); }
  size_t peak() const { return peak_; }

 private:
  size_t peak_ = 0;
};

}  // namespace

nlohmann::json run_global_dedup(const WorkPlan& plan, int rank, int ranks, const DedupOptions& options,
                                const DedupPaths& paths) {
  auto started = std::chrono::steady_clock::now();
  const RecordLayout layout = options.layout();
  const auto& my_units = plan.assignment[static_cast<size_t>(rank)];
  std::vector<uint32_t> home(plan.units.size());
  for (size_t r = 0; r < plan.assignment.size(); ++r)
    for (size_t u : plan.assignment[r]) home[u] = static_cast<uint32_t>(r);
  const size_t n_ranks = static_cast<size_t>(ranks);
  PeakMemory memory;

  uint64_t my_docs = 0;
  for (size_t u : my_units) my_docs += fs::file_size(signature_path(paths.signatures_dir, u)) / layout.size();
  // Decisions per unit of this rank, by ordinal.
  std::map<uint32_t, std::vector<Removal>> removals;
  std::map<uint32_t, std::vector<bool>> exact_removed;
  for (size_t u : my_units)
    exact_removed[static_cast<uint32_t>(u)].assign(fs::file_size(signature_path(paths.signatures_dir, u)) / layout.size(), false);

  std::string cluster_lines;
  uint64_t exact_groups = 0, exact_removed_count = 0, candidate_pairs = 0, confirmed_pairs = 0, near_clusters = 0;
  std::map<std::string, uint64_t> cluster_sizes;
  auto size_bin = [](size_t n) -> std::string {
    return n <= 2 ? "2" : n <= 5 ? "3-5" : n <= 10 ? "6-10" : n <= 100 ? "11-100" : "101+";
  };

  // 1. Exact duplicates.
  if (options.exact) {
    std::vector<std::vector<ExactRecord>> out(n_ranks);
    for_each_record(my_units, paths.signatures_dir, layout, [&](uint32_t unit, RecordView r) {
      out[owner_of(r.exact().low, ranks)].push_back({r.exact(), {r.key(), unit, 0, r.ordinal()}});
    });
    size_t sent = 0;
    for (const auto& b : out) sent += b.size() * sizeof(ExactRecord);
    std::vector<ExactRecord> mine = exchange_records(out);
    out.clear();
    out.shrink_to_fit();
    memory.note(sent + 2 * mine.size() * sizeof(ExactRecord));
    std::sort(mine.begin(), mine.end(), [](const ExactRecord& a, const ExactRecord& b) {
      if (!(a.hash == b.hash)) return a.hash < b.hash;
      return a.vertex.key < b.vertex.key;
    });
    std::vector<std::vector<Removal>> decided(n_ranks);
    std::vector<std::vector<Vertex>> decided_vertex(n_ranks);
    for (size_t i = 0; i < mine.size();) {
      size_t j = i + 1;
      while (j < mine.size() && mine[j].hash == mine[i].hash) ++j;
      if (j - i > 1) {
        ++exact_groups;
        ++cluster_sizes[size_bin(j - i)];
        const Vertex& keeper = mine[i].vertex;
        std::string line;
        JsonWriter w(line);
        w.begin_object().field("type", "exact").field("cluster", document_name(plan, keeper.key.gid));
        w.field("kept", options.drop_all_copies ? std::string() : document_name(plan, keeper.key.gid));
        w.key("members").begin_array();
        for (size_t k = i; k < j; ++k) w.value(document_name(plan, mine[k].vertex.key.gid));
        w.end_array().field("jaccard_to_kept", 1.0).end_object();
        cluster_lines += line + "\n";
        for (size_t k = options.drop_all_copies ? i : i + 1; k < j; ++k) {
          const Vertex& v = mine[k].vertex;
          decided[home[v.unit]].push_back({v.ordinal, v.key.gid, keeper.key.gid, 1.0f, 0});
          decided_vertex[home[v.unit]].push_back(v);
        }
      }
      i = j;
    }
    mine.clear();
    mine.shrink_to_fit();
    std::vector<Removal> back = exchange_records(decided);
    std::vector<Vertex> back_vertex = exchange_records(decided_vertex);
    for (size_t k = 0; k < back.size(); ++k) {
      removals[back_vertex[k].unit].push_back(back[k]);
      exact_removed[back_vertex[k].unit][back[k].ordinal] = true;
    }
    exact_removed_count = mpi_sum(back.size());
  }

  // 2. Candidate pairs, one band at a time, confirmed by estimated Jaccard.
  std::vector<Edge> edges;
  if (options.near) {
    const size_t digest_bytes = static_cast<size_t>(layout.permutations);
    const size_t stride = 8 + sizeof(Vertex) + digest_bytes;
    // Each band is exchanged in passes over a share of the band keys, which bounds the
    // records in flight per rank (the memory budget) at the cost of rereading the
    // record files, which the page cache holds.
    for (int round = 0; round < options.bands * options.band_passes; ++round) {
      const int band = round / options.band_passes, pass = round % options.band_passes;
      std::vector<std::string> out(n_ranks);
      for_each_record(my_units, paths.signatures_dir, layout, [&](uint32_t unit, RecordView r) {
        if (exact_removed[unit][r.ordinal()]) return;  // its keeper stands for it
        uint64_t key = r.band(band);
        if (static_cast<int>((key >> 40) % static_cast<uint64_t>(options.band_passes)) != pass) return;
        Vertex v{r.key(), unit, 0, r.ordinal()};
        std::string& buf = out[owner_of(key, ranks)];
        buf.append(reinterpret_cast<const char*>(&key), 8);
        buf.append(reinterpret_cast<const char*>(&v), sizeof v);
        buf.append(reinterpret_cast<const char*>(r.digests()), digest_bytes);
      });
      size_t sent = 0;
      for (const auto& b : out) sent += b.size();
      std::string mine = exchange_packed(out);
      out.clear();
      size_t count = mine.size() / stride;
      // In flight at the exchange's peak: what was sent, and what arrived twice over
      // (the exchange's chunks and their concatenation); then the sort index and edges.
      memory.note(sent + 2 * mine.size() + count * sizeof(uint32_t) + edges.size() * sizeof(Edge));
      auto band_key = [&](size_t i) { uint64_t k; std::memcpy(&k, mine.data() + i * stride, 8); return k; };
      auto vertex = [&](size_t i) { Vertex v; std::memcpy(&v, mine.data() + i * stride + 8, sizeof v); return v; };
      auto digests = [&](size_t i) { return reinterpret_cast<const uint8_t*>(mine.data() + i * stride + 8 + sizeof(Vertex)); };
      std::vector<uint32_t> order(count);
      std::iota(order.begin(), order.end(), 0u);
      std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        uint64_t ka = band_key(a), kb = band_key(b);
        return ka != kb ? ka < kb : vertex(a).key.gid < vertex(b).key.gid;
      });
      for (size_t i = 0; i < count;) {
        size_t j = i + 1;
        while (j < count && band_key(order[j]) == band_key(order[i])) ++j;
        // All pairs in a small bucket; a large bucket is compared star-wise to its first
        // members, which bounds the work and still links every member it resembles.
        size_t n = j - i;
        size_t anchors = n <= options.max_bucket_pairs ? n : 8;
        for (size_t a = i; a < i + anchors; ++a) {
          for (size_t b = a + 1; b < j; ++b) {
            ++candidate_pairs;
            double jac = estimate_jaccard(digests(order[a]), digests(order[b]), layout.permutations);
            if (jac >= options.threshold) edges.push_back({vertex(order[a]), vertex(order[b]), static_cast<float>(jac), 0});
          }
        }
        i = j;
      }
    }
    std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
      return x.a.key.gid != y.a.key.gid ? x.a.key.gid < y.a.key.gid : x.b.key.gid < y.b.key.gid;
    });
    edges.erase(std::unique(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
                  return x.a.key.gid == y.a.key.gid && x.b.key.gid == y.b.key.gid;
                }), edges.end());
  }
  confirmed_pairs = mpi_sum(edges.size());

  // 3. Connected components by min-label propagation; the label is the best keeper key.
  uint64_t rounds = 0;
  std::vector<std::vector<Notice>> notices(n_ranks);
  {
    std::vector<std::vector<Edge>> out(n_ranks);
    for (const Edge& e : edges) {
      out[owner_of(e.a.key.gid, ranks)].push_back(e);
      out[owner_of(e.b.key.gid, ranks)].push_back({e.b, e.a, e.jaccard, 0});
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
    memory.note(3 * adjacency.size() * sizeof(Edge) + vertices.size() * (sizeof(Vertex) + sizeof(KeeperKey) + 64));
    adjacency.clear();
    adjacency.shrink_to_fit();
    std::vector<bool> frontier(vertices.size(), true);
    for (;;) {
      ++rounds;
      std::vector<std::vector<Label>> send(n_ranks);
      for (size_t v = 0; v < vertices.size(); ++v) {
        if (!frontier[v]) continue;
        for (uint64_t n : neighbours[v]) send[owner_of(n, ranks)].push_back({n, labels[v]});
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
    for (size_t v = 0; v < vertices.size(); ++v) notices[home[vertices[v].unit]].push_back({vertices[v], labels[v]});
  }

  // 4. Decisions home; each home rank sends its clustered documents' digests to the
  //    label's owner for the audit line with the estimated similarity to the keeper.
  std::vector<Notice> my_notices = exchange_records(notices);
  notices.clear();
  uint64_t near_removed = 0;
  std::map<uint32_t, std::vector<const Notice*>> by_unit;
  for (const Notice& n : my_notices) by_unit[n.vertex.unit].push_back(&n);
  const size_t digest_bytes = static_cast<size_t>(layout.permutations);
  const size_t audit_stride = sizeof(Notice) + digest_bytes;
  std::vector<std::string> audit(n_ranks);
  for (auto& [unit, list] : by_unit) {
    std::string bytes = read_small_file(signature_path(paths.signatures_dir, unit));
    for (const Notice* n : list) {
      RecordView r(bytes.data() + n->vertex.ordinal * layout.size(), layout);
      std::string& buf = audit[owner_of(n->label.gid, ranks)];
      buf.append(reinterpret_cast<const char*>(n), sizeof(Notice));
      buf.append(reinterpret_cast<const char*>(r.digests()), digest_bytes);
    }
  }
  std::string audit_in = exchange_packed(audit);
  audit.clear();
  {
    size_t count = audit_in.size() / audit_stride;
    auto notice = [&](size_t i) { Notice n; std::memcpy(&n, audit_in.data() + i * audit_stride, sizeof n); return n; };
    auto digests = [&](size_t i) { return reinterpret_cast<const uint8_t*>(audit_in.data() + i * audit_stride + sizeof(Notice)); };
    std::vector<size_t> order(count);
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      Notice x = notice(a), y = notice(b);
      return x.label.gid != y.label.gid ? x.label.gid < y.label.gid : x.vertex.key < y.vertex.key;
    });
    std::vector<std::vector<Removal>> decided(n_ranks);
    std::vector<std::vector<Vertex>> decided_vertex(n_ranks);
    for (size_t i = 0; i < count;) {
      size_t j = i + 1;
      uint64_t label = notice(order[i]).label.gid;
      while (j < count && notice(order[j]).label.gid == label) ++j;
      size_t keeper = i;
      for (size_t k = i; k < j; ++k)
        if (notice(order[k]).vertex.key.gid == label) keeper = k;
      ++cluster_sizes[size_bin(j - i)];
      ++near_clusters;
      std::string line;
      JsonWriter w(line);
      w.begin_object().field("type", "near").field("cluster", document_name(plan, label)).field("kept", document_name(plan, label));
      w.key("members").begin_array();
      for (size_t k = i; k < j; ++k) w.value(document_name(plan, notice(order[k]).vertex.key.gid));
      w.end_array().key("jaccard_to_kept").begin_object();
      for (size_t k = i; k < j; ++k) {
        Notice n = notice(order[k]);
        if (n.vertex.key.gid == label) continue;
        double jac = estimate_jaccard(digests(order[keeper]), digests(order[k]), layout.permutations);
        w.field(document_name(plan, n.vertex.key.gid), jac);
        decided[home[n.vertex.unit]].push_back({n.vertex.ordinal, n.vertex.key.gid, label, static_cast<float>(jac), 1});
        decided_vertex[home[n.vertex.unit]].push_back(n.vertex);
      }
      w.end_object().end_object();
      cluster_lines += line + "\n";
      i = j;
    }
    audit_in.clear();
    std::vector<Removal> back = exchange_records(decided);
    std::vector<Vertex> back_vertex = exchange_records(decided_vertex);
    for (size_t k = 0; k < back.size(); ++k) removals[back_vertex[k].unit].push_back(back[k]);
    near_removed = mpi_sum(back.size());
  }

  for (size_t u : my_units) {
    auto& list = removals[static_cast<uint32_t>(u)];
    std::sort(list.begin(), list.end(), [](const Removal& a, const Removal& b) { return a.ordinal < b.ordinal; });
    write_file_atomically(removals_path(paths.removals_dir, u),
                          std::string_view(reinterpret_cast<const char*>(list.data()), list.size() * sizeof(Removal)));
  }
  write_file_atomically(paths.clusters_path, cluster_lines);

  nlohmann::json summary;
  summary["documents"] = mpi_sum(my_docs);
  summary["exact_groups"] = mpi_sum(exact_groups);
  summary["exact_removed"] = exact_removed_count;
  summary["candidate_pairs"] = mpi_sum(candidate_pairs);
  summary["confirmed_pairs"] = confirmed_pairs;
  summary["near_clusters"] = mpi_sum(near_clusters);
  summary["near_removed"] = near_removed;
  summary["label_rounds"] = rounds;
  summary["bands"] = options.bands;
  summary["band_passes"] = options.band_passes;
  summary["rows"] = options.rows;
  summary["threshold"] = options.threshold;
  summary["catch_probability_at_0.8"] = lsh_catch_probability(0.8, options.bands, options.rows);
  for (const char* bin : {"2", "3-5", "6-10", "11-100", "101+"}) summary["cluster_sizes"][bin] = mpi_sum(cluster_sizes[bin]);
  double per_doc = my_docs ? static_cast<double>(memory.peak()) / static_cast<double>(my_docs) : 0.0;
  double worst = 0;
  MPI_Allreduce(&per_doc, &worst, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  summary["peak_bytes_per_document"] = worst;
  summary["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace mucpt
