#pragma once
// Typed all-to-all of trivially copyable records over the chunked byte exchange.
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "common/mpi_context.h"

namespace mucpt {

template <class T>
std::vector<T> exchange_records(const std::vector<std::vector<T>>& outgoing) {
  static_assert(std::is_trivially_copyable_v<T>);
  std::vector<std::string> bytes(outgoing.size());
  for (size_t d = 0; d < outgoing.size(); ++d)
    bytes[d].assign(reinterpret_cast<const char*>(outgoing[d].data()), outgoing[d].size() * sizeof(T));
  std::vector<T> incoming;
  for (const auto& chunk : mpi_alltoallv_bytes(bytes)) {
    size_t at = incoming.size();
    incoming.resize(at + chunk.size() / sizeof(T));
    std::memcpy(static_cast<void*>(incoming.data() + at), chunk.data(), chunk.size());
  }
  return incoming;
}

// Variable-stride records: each destination's bytes are whole records of `stride`.
inline std::string exchange_packed(const std::vector<std::string>& outgoing) {
  auto chunks = mpi_alltoallv_bytes(outgoing);
  size_t total = 0;
  for (const auto& c : chunks) total += c.size();
  std::string incoming;
  incoming.reserve(total);
  for (auto& c : chunks) {
    incoming += c;
    std::string().swap(c);
  }
  return incoming;
}

}  // namespace mucpt
