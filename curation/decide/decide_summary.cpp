#include "curation/decide/decide_summary.h"

#include <map>

namespace mucpt {

namespace {

// Rejects per "stage/reason" of a report.
std::map<std::string, uint64_t> rejects_of(const nlohmann::json& report) {
  std::map<std::string, uint64_t> out;
  if (!report.contains("stages")) return out;
  for (const auto& [stage, counters] : report["stages"].items()) {
    const nlohmann::json rejected = counters.value("rejected", nlohmann::json::object());
    for (const auto& [reason, n] : rejected.items()) out[stage + "/" + reason] = n.get<uint64_t>();
  }
  return out;
}

uint64_t tokens_of(const nlohmann::json& report) {
  uint64_t n = 0;
  if (report.contains("tokens"))
    for (const auto& [source, counts] : report["tokens"].items()) n += counts.value("tokens", uint64_t{0});
  return n;
}

std::string signed_difference(uint64_t before, uint64_t after) {
  return after >= before ? "+" + std::to_string(after - before) : "-" + std::to_string(before - after);
}

}  // namespace

nlohmann::json decide_summary(const nlohmann::json& before, const nlohmann::json& after,
                              const nlohmann::json& run_options, const nlohmann::json& decided_options) {
  nlohmann::json s;
  s["changed"] = nlohmann::json::object();
  for (const auto& [key, value] : decided_options.items()) {
    const std::string was = run_options.value(key, std::string("<unset>"));
    if (was != value.get<std::string>()) s["changed"][key] = nlohmann::json::array({was, value});
  }
  s["docs_out"] =
      nlohmann::json::array({before.value("docs_out", uint64_t{0}), after.value("docs_out", uint64_t{0})});
  s["rejected"] = nlohmann::json::object();
  const auto was = rejects_of(before), now = rejects_of(after);
  std::map<std::string, std::pair<uint64_t, uint64_t>> both;
  for (const auto& [key, n] : was) both[key].first = n;
  for (const auto& [key, n] : now) both[key].second = n;
  for (const auto& [key, counts] : both)
    if (counts.first != counts.second) s["rejected"][key] = nlohmann::json::array({counts.first, counts.second});
  if (before.contains("tokens") || after.contains("tokens"))
    s["tokens"] = nlohmann::json::array({tokens_of(before), tokens_of(after)});
  return s;
}

std::string describe_decide_summary(const nlohmann::json& s) {
  std::string out;
  for (const auto& [key, values] : s["changed"].items())
    out += "changed " + key + ": " + values[0].get<std::string>() + " -> " + values[1].get<std::string>() + "\n";
  const auto line = [&](const std::string& what, const nlohmann::json& values) {
    const uint64_t before = values[0].get<uint64_t>(), after = values[1].get<uint64_t>();
    out += what + ": " + std::to_string(before) + " -> " + std::to_string(after) + " (" +
           signed_difference(before, after) + ")\n";
  };
  line("documents out", s["docs_out"]);
  for (const auto& [key, values] : s["rejected"].items()) line("rejected by " + key, values);
  if (s.contains("tokens")) line("tokens", s["tokens"]);
  return out;
}

}  // namespace mucpt
