#include "training/train/trainer_state.h"

#include "common/config.h"
#include "common/line_reader.h"
#include "common/line_writer.h"

namespace mucpt {

nlohmann::json TrainerState::to_json() const {
  nlohmann::json j{{"step", step}, {"seed", seed}, {"global_batch", global_batch}, {"seq_len", seq_len}};
  if (!weight_counts.empty()) {
    j["weight_counts"] = weight_counts;
    j["weight_counts_first_step"] = weight_counts_first_step;
  }
  if (!settings.is_null()) j["settings"] = settings;
  return j;
}

TrainerState read_trainer_state(const std::string& path) {
  std::string text;
  try {
    text = read_small_file(path);
  } catch (const std::exception& e) {
    throw UserError(path + ": cannot be read (" + e.what() + "); use a new --output or --resume=false");
  }
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) throw UserError(path + ": not a JSON object (a damaged checkpoint?)");
  auto integer = [&](const char* key) {
    if (!j.contains(key) || !j[key].is_number_integer() || j[key].get<int64_t>() < 0)
      throw UserError(path + ": key '" + key + "' must be a non-negative integer" +
                      (j.contains(key) ? ", not " + j[key].dump() : " (missing)"));
    return j[key].get<int64_t>();
  };
  TrainerState state;
  state.step = integer("step");
  state.seed = integer("seed");
  state.global_batch = integer("global_batch");
  state.seq_len = integer("seq_len");
  if (j.contains("weight_counts")) {
    const auto& counts = j["weight_counts"];
    if (!counts.is_array()) throw UserError(path + ": key 'weight_counts' must be a list of counts, not " + counts.dump());
    for (const auto& c : counts) {
      if (!c.is_number() || c.get<double>() < 0)
        throw UserError(path + ": key 'weight_counts' holds " + c.dump() + ", not a count");
      state.weight_counts.push_back(c.get<double>());
    }
    state.weight_counts_first_step = integer("weight_counts_first_step");
  }
  if (j.contains("settings")) {
    if (!j["settings"].is_object())
      throw UserError(path + ": key 'settings' must be an object, not " + j["settings"].dump());
    state.settings = j["settings"];
  }
  return state;
}

}  // namespace mucpt
