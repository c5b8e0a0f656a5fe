#include "training/checkpoint/weights_hash.h"

#include <xxhash.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include "common/line_reader.h"
#include "training/checkpoint/hf_checkpoint.h"

namespace mucpt {

std::string model_weights_hash(const std::string& folder) {
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(), &XXH3_freeState);
  XXH3_128bits_reset(state.get());
  std::vector<char> buffer(size_t(8) << 20);
  for (const std::string& path : model_weight_files(folder)) {
    const std::string name = std::filesystem::path(path).filename().string();
    XXH3_128bits_update(state.get(), name.data(), name.size() + 1);  // with its NUL: names cannot run together
    std::ifstream in(path, std::ios::binary);
    if (!in) throw IoError(path + ": cannot be opened");
    uint64_t size = 0;
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      const auto n = static_cast<size_t>(in.gcount());
      XXH3_128bits_update(state.get(), buffer.data(), n);
      size += n;
    }
    if (in.bad()) throw IoError(path + ": read failed");
    XXH3_128bits_update(state.get(), &size, sizeof size);
  }
  const XXH128_hash_t h = XXH3_128bits_digest(state.get());
  char hex[33];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return hex;
}

}  // namespace mucpt
