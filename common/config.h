#pragma once
// Configuration: every option is a `section.key` registered with its default and help,
// read from an INI file (`--config`) and overridden on the command line
// (`--section.key=value` or `--section.key value`). Unknown keys and bad values are
// refused with a message that names the key.
#include <boost/program_options.hpp>
#include <cstdint>
#include <map>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/errors.h"

namespace mucpt {

class Config {
 public:
  explicit Config(const std::string& caption);

  Config& add_string(const std::string& key, const std::string& default_value, const std::string& help);
  Config& add_int(const std::string& key, int64_t default_value, const std::string& help);
  Config& add_double(const std::string& key, double default_value, const std::string& help);
  Config& add_bool(const std::string& key, bool default_value, const std::string& help);

  // Returns false when --help was given (the help has then been written to `out`).
  // Throws ConfigError on an unknown key, a bad value or an unreadable config file.
  bool parse(int argc, const char* const* argv, std::ostream& out);

  std::string get_string(const std::string& key) const;
  int64_t get_int(const std::string& key) const;
  double get_double(const std::string& key) const;
  bool get_bool(const std::string& key) const;
  bool was_set(const std::string& key) const;  // given in the file or on the command line

  // Positional words after the program name (a subcommand, for example).
  const std::vector<std::string>& positional() const { return positional_; }
  // Every key with its value as text, sorted, for reports.
  std::map<std::string, std::string> values_as_text() const;

 private:
  template <class T> T get(const std::string& key) const;
  boost::program_options::options_description options_;
  boost::program_options::variables_map values_;
  std::vector<std::string> positional_;
  std::vector<std::string> keys_;
};

}  // namespace mucpt
