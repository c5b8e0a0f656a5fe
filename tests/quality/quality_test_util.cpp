#include "tests/quality/quality_test_util.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "common/unicode.h"

namespace mucpt::quality_test {

Config default_config(const std::vector<std::string>& args) {
  Config config("quality test");
  register_quality_options(config);
  std::vector<const char*> argv = {"quality_test"};
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream help;
  config.parse(static_cast<int>(argv.size()), argv.data(), help);
  return config;
}

std::vector<std::unique_ptr<Stage>> stages_for(const Config& config, const std::string& settings_json) {
  std::vector<std::unique_ptr<Stage>> stages;
  StageSettings settings(config, nlohmann::json::parse(settings_json), "test_source");
  add_html_stage(settings, stages);
  add_quality_stages(settings, stages);
  return stages;
}

std::string reason(Stage& stage, std::string& text, const std::string& lang) {
  Document doc;
  doc.text = text;
  if (!lang.empty()) doc.set_label("lang", lang);
  Verdict v = stage.process(doc);
  text = doc.text;
  return v.keep() ? "" : v.reject_reason;
}

std::string reason(Stage& stage, const char* text, const std::string& lang) {
  std::string t = text;
  return reason(stage, t, lang);
}

std::string words(size_t n, size_t length, size_t first) {
  std::string out;
  for (size_t i = first; i < first + n; ++i) {
    if (!out.empty()) out += ' ';
    std::string w(length, 'a');
    w[0] = 'q';
    size_t v = i;
    for (size_t k = length; k-- > 1 && v > 0; v /= 26) w[k] = static_cast<char>('a' + v % 26);
    out += w;
  }
  return out;
}

std::string han(size_t n, size_t first) {
  std::string out;
  for (size_t i = first; i < first + n; ++i) append_utf8(out, static_cast<char32_t>(0x4F00 + i));  // from 伀, a run without stop words
  return out;
}

}  // namespace mucpt::quality_test
