#include "curation/dedup/similar_pairs.h"

#include <algorithm>
#include <cstring>

#include "curation/dedup/minhash.h"
#include "curation/dedup/mpi_exchange.h"

namespace mucpt {

std::vector<Edge> find_similar_pairs(DedupRun& run, PairCounters& counters) {
  const DedupOptions& options = run.options;
  const size_t n_ranks = static_cast<size_t>(run.ranks);
  const size_t digest_bytes = static_cast<size_t>(run.layout.permutations);
  const size_t stride = 8 + sizeof(Vertex) + digest_bytes;
  std::vector<Edge> edges;
  // Each band is exchanged in passes over a share of the band keys, which bounds the
  // records in flight per rank (the memory budget) at the cost of rereading the record
  // files, which the page cache holds.
  for (int round = 0; round < options.bands * options.band_passes; ++round) {
    const int band = round / options.band_passes, pass = round % options.band_passes;
    std::vector<std::string> out(n_ranks);
    run.for_each_record([&](uint32_t unit, RecordView r) {
      if (run.exact_removed[unit][r.ordinal()]) return;
      uint64_t key = r.band(band);
      if (key == kNoBandKey) return;
      if (static_cast<int>((key >> 40) % static_cast<uint64_t>(options.band_passes)) != pass) return;
      Vertex v{r.key(), unit, 0, r.ordinal()};
      std::string& buf = out[owner_of(key, run.ranks)];
      buf.append(reinterpret_cast<const char*>(&key), 8);
      buf.append(reinterpret_cast<const char*>(&v), sizeof v);
      buf.append(reinterpret_cast<const char*>(r.digests()), digest_bytes);
    });
    size_t sent = 0;
    for (const auto& b : out) sent += b.size();
    std::string mine = exchange_packed(out);
    out.clear();
    size_t count = mine.size() / stride;
    // Sorted by band key, then document, as compact entries: the records themselves
    // stay where they arrived.
    struct Sorted {
      uint64_t band_key, gid;
      uint32_t at;
    };
    // In flight at the exchange's peak: what was sent, and what arrived twice over (the
    // exchange's chunks and their concatenation); then the sort entries and edges.
    run.memory.note(sent + 2 * mine.size() + count * sizeof(Sorted) + edges.size() * sizeof(Edge));
    auto vertex = [&](size_t i) { Vertex v; std::memcpy(&v, mine.data() + i * stride + 8, sizeof v); return v; };
    auto digests = [&](size_t i) { return reinterpret_cast<const uint8_t*>(mine.data() + i * stride + 8 + sizeof(Vertex)); };
    std::vector<Sorted> sorted(count);
    for (size_t i = 0; i < count; ++i) {
      std::memcpy(&sorted[i].band_key, mine.data() + i * stride, 8);
      sorted[i].gid = vertex(i).key.gid;
      sorted[i].at = static_cast<uint32_t>(i);
    }
    std::sort(sorted.begin(), sorted.end(), [](const Sorted& a, const Sorted& b) {
      return a.band_key != b.band_key ? a.band_key < b.band_key : a.gid < b.gid;
    });
    for (size_t i = 0; i < count;) {
      size_t j = i + 1;
      while (j < count && sorted[j].band_key == sorted[i].band_key) ++j;
      // All pairs in a small bucket; a large bucket is compared star-wise to its first
      // members, which bounds the work and still links every member it resembles.
      size_t n = j - i;
      size_t anchors = n <= options.max_bucket_pairs ? n : 8;
      for (size_t a = i; a < i + anchors; ++a) {
        for (size_t b = a + 1; b < j; ++b) {
          ++counters.candidates;
          const uint32_t x = sorted[a].at, y = sorted[b].at;
          double jac = estimate_jaccard(digests(x), digests(y), run.layout.permutations);
          if (jac >= options.threshold) edges.push_back({vertex(x), vertex(y), static_cast<float>(jac), 0});
        }
      }
      i = j;
    }
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
    return x.a.key.gid != y.a.key.gid ? x.a.key.gid < y.a.key.gid : x.b.key.gid < y.b.key.gid;
  });
  edges.erase(std::unique(edges.begin(), edges.end(),
                          [](const Edge& x, const Edge& y) { return x.a.key.gid == y.a.key.gid && x.b.key.gid == y.b.key.gid; }),
              edges.end());
  return edges;
}

}  // namespace mucpt
