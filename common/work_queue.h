#pragma once
// Hands out the items 0..n-1 one at a time to whichever rank asks next, so that a rank
// whose items turn out cheap takes more of them. The next item is a counter in rank 0's
// memory that every rank advances with MPI's one-sided fetch-and-add: rank 0 need not
// be listening, it asks for work like the others. Creating and destroying the queue are
// collective.
#include <cstdint>
#include <memory>
#include <optional>

namespace mucpt {

class WorkQueue {
 public:
  explicit WorkQueue(uint64_t items);
  ~WorkQueue();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  // The next item no rank has taken, or nothing once every item is taken.
  std::optional<uint64_t> next();

 private:
  uint64_t items_;
  struct Window;
  std::unique_ptr<Window> window_;
};

}  // namespace mucpt
