#pragma once
// The settings one source's stages see: the configuration, overridden by the
// source's "settings" object in the manifest (for example track lists switching off
// a rule meant for web prose). Keys are the same `section.key` names.
#include <nlohmann/json.hpp>
#include <string>

#include "common/config.h"

namespace mucpt {

class StageSettings {
 public:
  // Throws ConfigError naming the source and key for an unknown key or a value of the
  // wrong type in the overrides.
  StageSettings(const Config& config, const nlohmann::json& overrides, const std::string& source_name);

  bool get_bool(const std::string& key) const;
  int64_t get_int(const std::string& key) const;
  double get_double(const std::string& key) const;
  std::string get_string(const std::string& key) const;
  const std::string& source_name() const { return source_; }

 private:
  const nlohmann::json* override_for(const std::string& key) const;
  const Config& config_;
  nlohmann::json overrides_;
  std::string source_;
};

}  // namespace mucpt
