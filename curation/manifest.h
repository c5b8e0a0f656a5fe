#pragma once
// The data manifest (DESIGN.md): named sources, each with path globs, its JSON field
// names, domain, weight, priority and licence. Relative paths resolve against the
// manifest's own folder.
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/errors.h"

namespace mucpt {

// A manifest the user must fix (exit 2).
class ManifestError : public UserError {
 public:
  using UserError::UserError;
};

struct MetadataSpec {
  std::vector<std::string> paths;
  std::string key;
};

struct SourceSpec {
  std::string name;
  std::vector<std::string> patterns;  // as written, resolved against the manifest folder
  std::string text_field = "text";
  std::string id_field = "id";
  std::string domain;
  double weight = 1.0;
  int64_t priority = 0;
  std::string license;
  MetadataSpec metadata;
  nlohmann::json settings = nlohmann::json::object();  // per-source overrides of stage settings
};

struct Manifest {
  std::string name;
  std::string path;  // the manifest file
  std::vector<SourceSpec> sources;
};

// Throws ManifestError naming the file and key for a missing file, invalid JSON or a
// missing or mistyped key.
Manifest load_manifest(const std::string& path);

// Expands a source's globs to existing files, sorted. Throws ManifestError when a
// pattern matches nothing.
std::vector<std::string> expand_source_paths(const Manifest& manifest, const SourceSpec& source);
// The same for the source's metadata files (none when it names none).
std::vector<std::string> expand_metadata_paths(const Manifest& manifest, const SourceSpec& source);

}  // namespace mucpt
