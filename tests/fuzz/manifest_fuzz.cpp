// The data manifest reader on arbitrary files: ManifestError, or a manifest whose
// sources have unique non-empty names, at least one path and a weight >= 0.
#include <set>
#include <string>

#include "curation/manifest.h"
#include "tests/fuzz/fuzz_support.h"

using namespace mucpt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = fuzz::write_file("manifest.json", data, size);
  Manifest manifest;
  try {
    manifest = load_manifest(path);
  } catch (const ManifestError&) {
    return 0;
  }
  if (manifest.sources.empty()) fuzz::fail("a manifest without sources");
  std::set<std::string> names;
  for (const SourceSpec& s : manifest.sources) {
    if (s.name.empty() || !names.insert(s.name).second) fuzz::fail("empty or repeated source name");
    if (s.patterns.empty()) fuzz::fail("a source without paths");
    if (!(s.weight >= 0)) fuzz::fail("a negative weight");
  }
  return 0;
}
