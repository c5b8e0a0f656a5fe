#include "common/config.h"

#include <charconv>

namespace po = boost::program_options;

namespace mucpt {

namespace {
// The shortest text that reads back as d, so a run's recorded options re-create it.
std::string format_double(double d) {
  char buf[32];
  auto result = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, static_cast<size_t>(result.ptr - buf));
}
}  // namespace

Config::Config(const std::string& caption) : options_(caption, 100, 50) {
  options_.add_options()
      ("help,h", "print every option with its default and exit")
      ("config", po::value<std::string>()->default_value(""), "INI file with `key = value` lines under [section] headers");
  keys_.push_back("config");
}

Config& Config::add_string(const std::string& key, const std::string& default_value, const std::string& help) {
  options_.add_options()(key.c_str(), po::value<std::string>()->default_value(default_value), help.c_str());
  keys_.push_back(key);
  return *this;
}

Config& Config::add_int(const std::string& key, int64_t default_value, const std::string& help) {
  options_.add_options()(key.c_str(), po::value<int64_t>()->default_value(default_value), help.c_str());
  keys_.push_back(key);
  return *this;
}

Config& Config::add_double(const std::string& key, double default_value, const std::string& help) {
  options_.add_options()(key.c_str(), po::value<double>()->default_value(default_value, format_double(default_value)),
                         help.c_str());
  keys_.push_back(key);
  return *this;
}

Config& Config::add_bool(const std::string& key, bool default_value, const std::string& help) {
  options_.add_options()(key.c_str(),
                         po::value<bool>()->default_value(default_value, default_value ? "true" : "false")
                             ->implicit_value(true, "true"),
                         help.c_str());
  keys_.push_back(key);
  return *this;
}

bool Config::parse(int argc, const char* const* argv, std::ostream& out) {
  po::options_description hidden;
  hidden.add_options()("positional", po::value<std::vector<std::string>>(), "");
  po::options_description all;
  all.add(options_).add(hidden);
  po::positional_options_description positional;
  positional.add("positional", -1);
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), values_);
    if (values_.count("help")) {
      out << options_ << "\n";
      return false;
    }
    std::string file = values_["config"].as<std::string>();
    if (!file.empty()) {
      // Values already stored from the command line win over the file's.
      try {
        po::store(po::parse_config_file<char>(file.c_str(), options_, false), values_);
      } catch (const po::reading_file&) {
        throw ConfigError("cannot read config file '" + file + "'");
      } catch (const po::error& e) {
        throw ConfigError("config file '" + file + "': " + e.what());
      }
    }
    po::notify(values_);
  } catch (const po::error& e) {
    throw ConfigError(e.what());
  }
  if (values_.count("positional")) positional_ = values_["positional"].as<std::vector<std::string>>();
  return true;
}

template <class T>
T Config::get(const std::string& key) const {
  auto it = values_.find(key);
  if (it == values_.end()) throw ConfigError("no option '" + key + "' is registered");
  try {
    return it->second.as<T>();
  } catch (const boost::bad_any_cast&) {
    throw ConfigError("option '" + key + "' is read with the wrong type");
  }
}

std::string Config::get_string(const std::string& key) const { return get<std::string>(key); }
int64_t Config::get_int(const std::string& key) const { return get<int64_t>(key); }
double Config::get_double(const std::string& key) const { return get<double>(key); }
bool Config::get_bool(const std::string& key) const { return get<bool>(key); }

bool Config::was_set(const std::string& key) const {
  auto it = values_.find(key);
  return it != values_.end() && !it->second.defaulted();
}

std::map<std::string, std::string> Config::values_as_text() const {
  std::map<std::string, std::string> result;
  for (const auto& key : keys_) {
    auto it = values_.find(key);
    if (it == values_.end()) continue;
    const auto& v = it->second.value();
    if (auto* s = boost::any_cast<std::string>(&v)) result[key] = *s;
    else if (auto* i = boost::any_cast<int64_t>(&v)) result[key] = std::to_string(*i);
    else if (auto* d = boost::any_cast<double>(&v)) result[key] = format_double(*d);
    else if (auto* b = boost::any_cast<bool>(&v)) result[key] = *b ? "true" : "false";
  }
  return result;
}

}  // namespace mucpt
