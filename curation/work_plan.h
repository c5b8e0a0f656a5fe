#pragma once
// Splits the input into work units (whole files, or byte ranges cut at line
// boundaries for large uncompressed files) and deals them to ranks. The units and
// their numbering depend only on the inputs and the split size, never on the number
// of ranks, so outputs named by unit are the same for any rank count and a rerun
// resumes unit by unit.
#include <cstdint>
#include <string>
#include <vector>

#include "curation/manifest.h"

namespace mucpt {

struct InputFile {
  size_t source_index;
  std::string path;
  std::string display_name;  // path relative to the manifest folder when inside it
  uint64_t size;
  bool compressed;
};

struct WorkUnit {
  size_t index;
  size_t file_index;
  uint64_t begin, end;      // byte range; [0, size) for a whole file
  bool whole_file;           // compressed files are always read whole
  uint64_t first_line = 1;  // line number of the unit's first line
};

struct WorkPlan {
  std::vector<InputFile> files;
  std::vector<WorkUnit> units;
  // Indices into units, per rank.
  std::vector<std::vector<size_t>> assignment;
};

WorkPlan plan_work(const Manifest& manifest, uint64_t split_bytes, int ranks);

// The global document id: the input file's index in the plan and the line number, so
// every rank names a document the same way whatever the rank count.
inline uint64_t global_document_id(uint32_t file_index, uint64_t line) { return (uint64_t(file_index) << 40) | line; }
inline uint32_t gid_file(uint64_t gid) { return static_cast<uint32_t>(gid >> 40); }
inline uint64_t gid_line(uint64_t gid) { return gid & ((uint64_t(1) << 40) - 1); }

// "file:line" of a global document id, for reports and audit files.
std::string document_name(const WorkPlan& plan, uint64_t gid);

}  // namespace mucpt
