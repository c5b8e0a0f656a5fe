#include "curation/stage_settings.h"

namespace mucpt {

StageSettings::StageSettings(const Config& config, const nlohmann::json& overrides, const std::string& source_name)
    : config_(config), overrides_(overrides.is_object() ? overrides : nlohmann::json::object()), source_(source_name) {
  auto known = config.values_as_text();
  for (auto it = overrides_.begin(); it != overrides_.end(); ++it) {
    if (!known.count(it.key()))
      throw ConfigError("source '" + source_ + "': settings key '" + it.key() + "' is not an option");
    if (!(it->is_primitive() && !it->is_null()))
      throw ConfigError("source '" + source_ + "': settings key '" + it.key() + "' must be a number, string or boolean");
  }
}

const nlohmann::json* StageSettings::override_for(const std::string& key) const {
  auto it = overrides_.find(key);
  return it == overrides_.end() ? nullptr : &*it;
}

namespace {
[[noreturn]] void wrong_type(const std::string& source, const std::string& key, const char* wanted) {
  throw ConfigError("source '" + source + "': settings key '" + key + "' must be " + wanted);
}
}  // namespace

bool StageSettings::get_bool(const std::string& key) const {
  if (auto v = override_for(key)) {
    if (!v->is_boolean()) wrong_type(source_, key, "true or false");
    return v->get<bool>();
  }
  return config_.get_bool(key);
}

int64_t StageSettings::get_int(const std::string& key) const {
  if (auto v = override_for(key)) {
    if (!v->is_number_integer()) wrong_type(source_, key, "an integer");
    return v->get<int64_t>();
  }
  return config_.get_int(key);
}

double StageSettings::get_double(const std::string& key) const {
  if (auto v = override_for(key)) {
    if (!v->is_number()) wrong_type(source_, key, "a number");
    return v->get<double>();
  }
  return config_.get_double(key);
}

std::string StageSettings::get_string(const std::string& key) const {
  if (auto v = override_for(key)) {
    if (!v->is_string()) wrong_type(source_, key, "a string");
    return v->get<std::string>();
  }
  return config_.get_string(key);
}

}  // namespace mucpt
