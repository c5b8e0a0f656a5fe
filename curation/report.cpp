#include "curation/report.h"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace mucpt {

namespace {

nlohmann::json totals_only(const nlohmann::json& unit) {
  nlohmann::json t;
  for (const char* k : {"docs_in", "docs_out", "docs_rejected", "bytes_in", "bytes_out"}) t[k] = unit.value(k, uint64_t(0));
  return t;
}

std::string fmt_count(uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

std::string fmt_mb(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", bytes / 1e6);
  return buf;
}

}  // namespace

void add_counts(nlohmann::json& into, const nlohmann::json& from, int sign) {
  if (from.is_object()) {
    if (!into.is_object()) into = nlohmann::json::object();
    for (auto it = from.begin(); it != from.end(); ++it) add_counts(into[it.key()], it.value(), sign);
  } else if (from.is_array()) {
    if (!into.is_array()) into = nlohmann::json::array();
    if (sign > 0)
      for (const auto& v : from) into.push_back(v);
  } else if (from.is_number()) {
    if (into.is_null() && sign > 0) {
      into = from;
    } else if (from.is_number_float() || into.is_number_float()) {
      into = (into.is_null() ? 0.0 : into.get<double>()) + sign * from.get<double>();
    } else {
      const int64_t sum = (into.is_null() ? 0 : into.get<int64_t>()) + sign * from.get<int64_t>();
      if (sum < 0) throw std::logic_error("a count below zero: " + std::to_string(sum));
      into = static_cast<uint64_t>(sum);
    }
  } else if (sign > 0) {
    into = from;
  }
}

void check_unit_balance(const std::string& where, uint64_t lines_read, uint64_t docs_written, uint64_t rejects_written) {
  if (lines_read == docs_written + rejects_written) return;
  throw std::logic_error("accounting: " + where + ": " + std::to_string(lines_read) + " lines read but " +
                         std::to_string(docs_written) + " documents and " + std::to_string(rejects_written) +
                         " rejects written");
}

nlohmann::json merge_unit_stats(const std::vector<nlohmann::json>& units) {
  nlohmann::json report = {{"docs_in", 0}, {"docs_out", 0}, {"docs_rejected", 0}, {"bytes_in", 0}, {"bytes_out", 0}};
  report["files"] = nlohmann::json::object();
  report["sources"] = nlohmann::json::object();
  report["stages"] = nlohmann::json::object();
  report["errors"] = nlohmann::json::array();
  for (const auto& unit : units) {
    nlohmann::json totals = totals_only(unit);
    add_counts(report, totals);
    const std::string file = unit["file"];
    auto& f = report["files"][file];
    add_counts(f, totals);
    f["source"] = unit["source"];
    add_counts(report["sources"][unit["source"].get<std::string>()], totals);
    add_counts(report["stages"], unit["stages"]);
    if (unit.contains("dedup_signature_seconds")) add_counts(report["dedup_signature_seconds"], unit["dedup_signature_seconds"]);
    for (const auto& e : unit["errors"]) {
      report["errors"].push_back({{"file", file}, {"message", e}});
      f["errors"].push_back(e);
    }
  }
  // Each count comes from a different place (lines read, documents written, rejects
  // written), so a line lost anywhere on the way shows here.
  for (auto it = report["files"].begin(); it != report["files"].end(); ++it) {
    const auto& f = it.value();
    check_unit_balance(it.key(), f["docs_in"].get<uint64_t>(), f["docs_out"].get<uint64_t>(),
                       f["docs_rejected"].get<uint64_t>());
  }
  // "order" was summed with the counters; restore it from the first unit that has it.
  for (auto it = report["stages"].begin(); it != report["stages"].end(); ++it) {
    for (const auto& unit : units) {
      if (unit["stages"].contains(it.key())) {
        it.value()["order"] = unit["stages"][it.key()]["order"];
        break;
      }
    }
  }
  return report;
}

std::string render_report_markdown(const nlohmann::json& r) {
  std::ostringstream md;
  md << "# Curation report\n\n";
  md << "| | documents | MB |\n|---|---:|---:|\n";
  md << "| in | " << fmt_count(r["docs_in"]) << " | " << fmt_mb(r["bytes_in"]) << " |\n";
  md << "| out | " << fmt_count(r["docs_out"]) << " | " << fmt_mb(r["bytes_out"]) << " |\n";
  md << "| rejected | " << fmt_count(r["docs_rejected"]) << " | |\n\n";
  if (r.contains("ranks")) {
    char wall[32];
    std::snprintf(wall, sizeof wall, "%.2f", r.value("wall_seconds", 0.0));
    md << "Ranks: " << r["ranks"] << ". Wall time: " << wall << " s";
    if (r.contains("steps")) {
      md << " (";
      for (size_t i = 0; i < r["steps"].size(); ++i) {
        char secs[32];
        std::snprintf(secs, sizeof secs, "%.2f", r["steps"][i].value("seconds", 0.0));
        md << (i ? ", " : "") << r["steps"][i].value("step", std::string()) << " " << secs << " s";
      }
      md << ")";
    }
    md << ".\n\n";
  }

  md << "## Stages\n\n| stage | in | out | MB in | MB out | seconds | rejected |\n|---|---:|---:|---:|---:|---:|---|\n";
  std::vector<std::pair<int64_t, std::string>> order;
  for (auto it = r["stages"].begin(); it != r["stages"].end(); ++it)
    order.emplace_back(it.value().value("order", int64_t(0)), it.key());
  std::sort(order.begin(), order.end());
  for (const auto& [_, name] : order) {
    const auto& s = r["stages"][name];
    std::string reasons;
    for (auto it = s["rejected"].begin(); it != s["rejected"].end(); ++it)
      reasons += (reasons.empty() ? "" : ", ") + it.key() + " " + fmt_count(it.value());
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.2f", s.value("seconds", 0.0));
    md << "| " << name << " | " << fmt_count(s["docs_in"]) << " | " << fmt_count(s["docs_out"]) << " | "
       << fmt_mb(s["bytes_in"]) << " | " << fmt_mb(s["bytes_out"]) << " | " << secs << " | " << reasons << " |\n";
  }

  md << "\n## Sources\n\n| source | in | out | rejected | MB in | MB out |\n|---|---:|---:|---:|---:|---:|\n";
  for (auto it = r["sources"].begin(); it != r["sources"].end(); ++it) {
    const auto& s = it.value();
    md << "| " << it.key() << " | " << fmt_count(s["docs_in"]) << " | " << fmt_count(s["docs_out"]) << " | "
       << fmt_count(s["docs_rejected"]) << " | " << fmt_mb(s["bytes_in"]) << " | " << fmt_mb(s["bytes_out"]) << " |\n";
  }

  md << "\n## Files\n\n| file | source | in | out | rejected |\n|---|---|---:|---:|---:|\n";
  for (auto it = r["files"].begin(); it != r["files"].end(); ++it) {
    const auto& f = it.value();
    md << "| " << it.key() << " | " << f["source"].get<std::string>() << " | " << fmt_count(f["docs_in"]) << " | "
       << fmt_count(f["docs_out"]) << " | " << fmt_count(f["docs_rejected"]) << " |\n";
  }
  if (r["stages"].contains("privacy") && r["stages"]["privacy"].contains("counters")) {
    const auto& pii = r["stages"]["privacy"]["counters"].value("pii", nlohmann::json::object());
    md << "\n## Privacy\n\n| type | masked | candidates refused by validators |\n|---|---:|---:|\n";
    for (auto it = pii.begin(); it != pii.end(); ++it)
      md << "| " << it.key() << " | " << fmt_count(it.value().value("masked", uint64_t(0))) << " | "
         << fmt_count(it.value().value("refused", uint64_t(0))) << " |\n";
  }
  if (r.contains("dedup")) {
    const auto& d = r["dedup"];
    md << "\n## Duplicates\n\n";
    md << "Exact: " << fmt_count(d.value("exact_groups", uint64_t(0))) << " groups, "
       << fmt_count(d.value("exact_removed", uint64_t(0))) << " copies removed. Near (MinHash LSH, "
       << d.value("bands", 0) << " x " << d.value("rows", 0) << ", threshold " << d.value("threshold", 0.0)
       << "): " << fmt_count(d.value("near_clusters", uint64_t(0))) << " clusters, "
       << fmt_count(d.value("near_removed", uint64_t(0))) << " documents removed. Cluster sizes:";
    for (auto it = d["cluster_sizes"].begin(); it != d["cluster_sizes"].end(); ++it)
      md << " " << it.key() << ": " << fmt_count(it.value());
    char mem[64];
    std::snprintf(mem, sizeof mem, "%.0f", d.value("peak_bytes_per_document", 0.0));
    md << ". Peak memory of the global step: " << mem << " bytes per document per rank. "
       << "Why each document went: dedup/clusters.rank-*.jsonl.\n";
  }
  if (r.contains("tokens")) {
    md << "\n## Tokens\n\nPacked into tokens/ (entries repeat documents by source weight x document weight).\n\n"
       << "| source | weight | documents | entries | tokens | unique tokens |\n|---|---:|---:|---:|---:|---:|\n";
    for (auto it = r["tokens"].begin(); it != r["tokens"].end(); ++it) {
      const auto& s = it.value();
      char weight[32];
      std::snprintf(weight, sizeof weight, "%g", s.value("weight", 1.0));
      md << "| " << it.key() << " | " << weight << " | " << fmt_count(s["documents"]) << " | "
         << fmt_count(s["entries"]) << " | " << fmt_count(s["tokens"]) << " | " << fmt_count(s["unique_tokens"]) << " |\n";
    }
  }
  if (!r["errors"].empty()) {
    md << "\n## Errors\n\n";
    for (const auto& e : r["errors"]) md << "- " << e["file"].get<std::string>() << ": " << e["message"].get<std::string>() << "\n";
  }
  return md.str();
}

}  // namespace mucpt
