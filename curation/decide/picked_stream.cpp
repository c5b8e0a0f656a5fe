#include "curation/decide/picked_stream.h"

#include <cstring>
#include <filesystem>

#include "common/errors.h"
#include "common/line_writer.h"

namespace fs = std::filesystem;

namespace mucpt {

void PicksWriter::commit() const {
  std::string bytes(picks_.size() * sizeof(uint64_t), '\0');
  if (!picks_.empty()) std::memcpy(bytes.data(), picks_.data(), bytes.size());
  write_file_atomically(path_, bytes);
}

std::vector<uint64_t> read_picks(const std::string& path) {
  const std::string bytes = read_small_file(path);
  if (bytes.size() % sizeof(uint64_t) != 0) throw UserError(path + ": not a picks file of `curate decide`");
  std::vector<uint64_t> picks(bytes.size() / sizeof(uint64_t));
  if (!picks.empty()) std::memcpy(picks.data(), bytes.data(), bytes.size());
  return picks;
}

FinishedStream::FinishedStream(const OutputLayout& run, size_t unit)
    : name_(run.docs_path(unit) + " with its dedup rejects"),
      rejects_path_(run.rejects_path("dedup", unit)),
      removals_(read_removals(removals_path(run.removals_dir(), unit))),
      docs_(run.docs_path(unit)) {
  if (!removals_.empty()) {
    if (!fs::exists(rejects_path_)) throw UserError(rejects_path_ + ": missing, but the run removed duplicates here");
    rejects_ = std::make_unique<LineReader>(rejects_path_);
  }
}

bool FinishedStream::next(std::string_view& line) {
  if (next_removal_ < removals_.size() && removals_[next_removal_].ordinal == ordinal_) {
    std::string_view reject;
    if (!rejects_->next(reject)) throw UserError(rejects_path_ + ": fewer rejects than the run's removals");
    // The final pass closed the streamed line with the reject fields: take them off.
    const size_t at = reject.rfind(",\"stage\":\"dedup\",\"reason\":\"");
    if (at == std::string_view::npos) throw UserError(rejects_path_ + ": not a dedup reject line of `curate`");
    line_.assign(reject.substr(0, at));
    line_ += '}';
    line = line_;
    ++next_removal_;
  } else if (!docs_.next(line)) {
    std::string_view extra;
    if (next_removal_ != removals_.size() || (rejects_ && rejects_->next(extra)))
      throw UserError(name_ + ": the removals do not match the documents and rejects");
    return false;
  }
  ++ordinal_;
  return true;
}

PickedStream::PickedStream(const OutputLayout& run, const OutputLayout& decided, size_t unit)
    : name_(decided.picks_path(unit) + " (picks from " + run.root + ")"),
      run_(run, unit),
      fresh_(decided.fresh_docs_path(unit)),
      picks_(read_picks(decided.picks_path(unit))) {}

bool PickedStream::next(std::string_view& line) {
  if (next_ == picks_.size()) {
    if (fresh_.next(line)) throw UserError(name_ + ": more fresh documents than picks");
    return false;
  }
  const uint64_t pick = picks_[next_++];
  if (pick == PicksWriter::kFresh) {
    if (!fresh_.next(line)) throw UserError(name_ + ": fewer fresh documents than picks");
    return true;
  }
  if (pick < run_position_) throw UserError(name_ + ": picks out of order");
  do {
    if (!run_.next(line)) throw UserError(name_ + ": picks a document past the end of " + run_.name());
  } while (run_position_++ < pick);
  return true;
}

}  // namespace mucpt
