#include "curation/work_plan.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <numeric>

#include "common/line_reader.h"

namespace fs = std::filesystem;

namespace mucpt {

WorkPlan plan_work(const Manifest& manifest, uint64_t split_bytes, int ranks) {
  WorkPlan plan;
  fs::path base = fs::absolute(manifest.path).lexically_normal().parent_path();
  // A file is read once: matched by two sources it is refused, and one source that
  // reaches it by two spellings ("data/*.jsonl", "./data/a.jsonl") plans it once.
  std::map<fs::path, size_t> source_of;
  for (size_t s = 0; s < manifest.sources.size(); ++s) {
    for (const auto& path : expand_source_paths(manifest, manifest.sources[s])) {
      const auto [at, fresh] = source_of.emplace(fs::weakly_canonical(path), s);
      if (!fresh && at->second != s)
        throw ManifestError("manifest '" + manifest.path + "': " + path + " is matched by source '" +
                            manifest.sources[at->second].name + "' and by source '" + manifest.sources[s].name +
                            "'; a file belongs to one source");
      if (!fresh) continue;
      InputFile file;
      file.source_index = s;
      file.path = path;
      fs::path absolute = fs::absolute(path).lexically_normal();
      fs::path rel = absolute.lexically_relative(base);
      file.display_name = (!rel.empty() && *rel.begin() != "..") ? rel.string() : absolute.string();
      file.size = fs::file_size(path);
      file.compressed = compression_from_path(path) != Compression::none;
      plan.files.push_back(std::move(file));
    }
  }
  for (size_t f = 0; f < plan.files.size(); ++f) {
    const auto& file = plan.files[f];
    if (file.compressed || split_bytes == 0 || file.size <= split_bytes) {
      plan.units.push_back({plan.units.size(), f, 0, file.size, true});
      continue;
    }
    for (uint64_t begin = 0; begin < file.size; begin += split_bytes)
      plan.units.push_back({plan.units.size(), f, begin, std::min(file.size, begin + split_bytes), false});
  }

  // Largest unit first to the least-loaded rank; ties go to the lower index, so the
  // deal is deterministic.
  std::vector<size_t> order(plan.units.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return plan.units[a].end - plan.units[a].begin > plan.units[b].end - plan.units[b].begin;
  });
  plan.assignment.assign(static_cast<size_t>(ranks), {});
  std::vector<uint64_t> load(static_cast<size_t>(ranks), 0);
  for (size_t u : order) {
    size_t r = static_cast<size_t>(std::min_element(load.begin(), load.end()) - load.begin());
    plan.assignment[r].push_back(u);
    load[r] += plan.units[u].end - plan.units[u].begin + 1;
  }
  for (auto& units : plan.assignment) std::sort(units.begin(), units.end());
  return plan;
}

std::string document_name(const WorkPlan& plan, uint64_t gid) {
  return plan.files[gid_file(gid)].display_name + ":" + std::to_string(gid_line(gid));
}

}  // namespace mucpt
