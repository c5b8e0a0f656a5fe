#include "curation/manifest.h"

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace mucpt {

namespace {

// A key the manifest format does not have is a typo ("prority"), not a setting to skip.
void refuse_unknown_keys(const nlohmann::json& object, std::initializer_list<const char*> known,
                         const std::string& where) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (std::any_of(known.begin(), known.end(), [&](const char* k) { return it.key() == k; })) continue;
    std::string names;
    for (const char* k : known) names += std::string(names.empty() ? "" : ", ") + k;
    throw ManifestError(where + ": unknown key '" + it.key() + "' (known: " + names + ")");
  }
}

template <class T>
T read_key(const nlohmann::json& object, const char* key, const T& fallback, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  try {
    return it->get<T>();
  } catch (const nlohmann::json::exception&) {
    throw ManifestError(where + ": key '" + key + "' has the wrong type (" + it->type_name() + ")");
  }
}

std::vector<std::string> read_paths(const nlohmann::json& object, const std::string& where) {
  auto it = object.find("paths");
  if (it == object.end()) return {};
  if (it->is_string()) return {it->get<std::string>()};
  if (!it->is_array()) throw ManifestError(where + ": key 'paths' must be a list of globs");
  std::vector<std::string> paths;
  for (const auto& p : *it) {
    if (!p.is_string()) throw ManifestError(where + ": key 'paths' must hold strings");
    paths.push_back(p.get<std::string>());
  }
  return paths;
}

}  // namespace

Manifest load_manifest(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ManifestError("manifest '" + path + "' cannot be opened");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for a number too large
    throw ManifestError("manifest '" + path + "' is not valid JSON: " + e.what());
  }
  if (!json.is_object()) throw ManifestError("manifest '" + path + "' must be a JSON object");
  Manifest manifest;
  manifest.path = path;
  manifest.name = read_key<std::string>(json, "name", fs::path(path).stem().string(), path);
  auto sources = json.find("sources");
  if (sources == json.end() || !sources->is_array() || sources->empty())
    throw ManifestError("manifest '" + path + "': key 'sources' must be a non-empty list");
  for (size_t i = 0; i < sources->size(); ++i) {
    const auto& s = (*sources)[i];
    std::string where = "manifest '" + path + "', sources[" + std::to_string(i) + "]";
    if (!s.is_object()) throw ManifestError(where + " must be an object");
    SourceSpec spec;
    spec.name = read_key<std::string>(s, "name", "", where);
    if (spec.name.empty()) throw ManifestError(where + ": key 'name' is missing");
    where += " ('" + spec.name + "')";
    refuse_unknown_keys(s, {"name", "paths", "text_field", "id_field", "domain", "weight", "priority", "license",
                            "metadata", "settings"}, where);
    for (const auto& other : manifest.sources) {
      if (other.name == spec.name) throw ManifestError(where + ": the source name is used twice");
    }
    spec.patterns = read_paths(s, where);
    if (spec.patterns.empty()) throw ManifestError(where + ": key 'paths' is missing or empty");
    spec.text_field = read_key<std::string>(s, "text_field", "text", where);
    spec.id_field = read_key<std::string>(s, "id_field", "id", where);
    spec.domain = read_key<std::string>(s, "domain", "", where);
    spec.weight = read_key<double>(s, "weight", 1.0, where);
    // Each kept document is packed about weight times: past the packer's bound of 1000
    // copies the run would fail only at packing, after the document pass and dedup.
    if (!(spec.weight >= 0 && spec.weight <= 1000))
      throw ManifestError(where + ": key 'weight' must be from 0 to 1000 (copies of each document), not " +
                          s["weight"].dump());
    spec.priority = read_key<int64_t>(s, "priority", 0, where);
    spec.license = read_key<std::string>(s, "license", "", where);
    if (auto m = s.find("metadata"); m != s.end() && !m->is_null()) {
      if (!m->is_object()) throw ManifestError(where + ": key 'metadata' must be an object");
      refuse_unknown_keys(*m, {"paths", "key"}, where + ".metadata");
      spec.metadata.paths = read_paths(*m, where + ".metadata");
      spec.metadata.key = read_key<std::string>(*m, "key", "", where + ".metadata");
    }
    if (auto st = s.find("settings"); st != s.end() && !st->is_null()) {
      if (!st->is_object()) throw ManifestError(where + ": key 'settings' must be an object");
      spec.settings = *st;
    }
    manifest.sources.push_back(std::move(spec));
  }
  return manifest;
}

namespace {

std::vector<std::string> expand_patterns(const Manifest& manifest, const SourceSpec& source,
                                         const std::vector<std::string>& patterns) {
  fs::path base = fs::path(manifest.path).parent_path();
  std::vector<std::string> files;
  for (const auto& pattern : patterns) {
    fs::path full = fs::path(pattern).is_absolute() ? fs::path(pattern) : base / pattern;
    glob_t matches{};
    int rc = ::glob(full.c_str(), 0, nullptr, &matches);
    size_t found = 0;
    if (rc == 0) {
      for (size_t i = 0; i < matches.gl_pathc; ++i) {
        if (fs::is_regular_file(matches.gl_pathv[i])) {
          files.emplace_back(matches.gl_pathv[i]);
          ++found;
        }
      }
    }
    globfree(&matches);
    if (found == 0)
      throw ManifestError("source '" + source.name + "' in manifest '" + manifest.path + "': no file matches '" +
                          full.string() + "'");
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

}  // namespace

std::vector<std::string> expand_source_paths(const Manifest& manifest, const SourceSpec& source) {
  return expand_patterns(manifest, source, source.patterns);
}

std::vector<std::string> expand_metadata_paths(const Manifest& manifest, const SourceSpec& source) {
  return expand_patterns(manifest, source, source.metadata.paths);
}

}  // namespace mucpt
