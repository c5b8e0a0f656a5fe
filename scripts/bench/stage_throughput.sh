#!/usr/bin/env bash
# Throughput of each per-document stage on one core, in MB/s of the text it is given:
# the generated world's text fields (SIZE_MB, default 100) held in memory, run through
# normalize and clean, then through each quality stage on its own (every document, so
# that no stage sees fewer because another dropped some), then through the whole
# default quality chain as curate runs it. The html stage reads an HTML rendering of
# the same text (paragraphs in <p>, entities escaped, a script and a title per page).
# Times are the thread's CPU time (so other work on a shared machine counts less),
# medians of REPEAT runs (default 3).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/packages.sh
ensure_packages g++
[ -f build/Makefile ] || scripts/setup.sh >/dev/null
cmake --build build -j"$(nproc)" --target mucpt_quality mucpt_curation synth >/dev/null

size_mb=${SIZE_MB:-100}
repeat=${REPEAT:-3}
work=${BENCH_DIR:-build/bench/stages}
mkdir -p "$work"

if [ ! -f "$work/world/manifest.json" ] || [ "$(cat "$work/world/size_mb" 2>/dev/null)" != "$size_mb" ]; then
  rm -rf "$work/world"
  build/synth --docs $(( size_mb * 1000000 / 1500 )) --seed 1 --compress none --output "$work/world" >/dev/null
  echo "$size_mb" > "$work/world/size_mb"
fi

cat > "$work/stage_bench.cpp" <<'CPP'
// Times each stage over documents held in memory; prints one line per stage:
// "name<TAB>seconds<TAB>input bytes<TAB>documents kept<TAB>documents".
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/line_reader.h"
#include "curation/quality/quality_stages.h"
#include "curation/stages/text_cleaner.h"
#include "curation/stages/unicode_normalizer.h"

using namespace mucpt;
namespace {

double cpu_seconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

std::vector<Document> load(const std::string& world, size_t limit) {
  std::ifstream in(world + "/manifest.json");
  const nlohmann::json manifest = nlohmann::json::parse(in);
  std::vector<Document> docs;
  size_t bytes = 0;
  // Round-robin over the sources, so a smaller SIZE_MB still mixes them all.
  std::vector<std::unique_ptr<LineReader>> readers;
  std::vector<std::string> fields, names;
  for (const auto& s : manifest["sources"]) {
    readers.push_back(std::make_unique<LineReader>(world + "/" + s["paths"][0].get<std::string>()));
    fields.push_back(s.value("text_field", "text"));
    names.push_back(s["name"]);
  }
  for (bool any = true; any && bytes < limit;) {
    any = false;
    for (size_t k = 0; k < readers.size() && bytes < limit; ++k) {
      std::string_view line;
      if (!readers[k]->next(line)) continue;
      any = true;
      auto row = nlohmann::json::parse(line, nullptr, false);
      if (row.is_discarded() || !row.is_object() || !row.contains(fields[k]) || !row[fields[k]].is_string()) continue;
      Document doc;
      doc.source = names[k];
      doc.text = row[fields[k]].get<std::string>();
      bytes += doc.text.size();
      docs.push_back(std::move(doc));
    }
  }
  return docs;
}

std::string as_html(const std::string& text) {
  std::string out = "<!DOCTYPE html><html><head><title>Page</title><script>var x = 1 < 2;</script></head><body><p>";
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '\n') out += "<br>\n";
    else out += c;
  }
  return out + "</p></body></html>";
}

size_t bytes_of(const std::vector<Document>& docs) {
  size_t n = 0;
  for (const auto& d : docs) n += d.text.size();
  return n;
}

// Runs the stages in order on copies of docs; returns seconds and the documents kept.
double run(std::vector<Stage*> stages, const std::vector<Document>& docs, size_t& kept) {
  std::vector<Document> copy = docs;
  kept = 0;
  const double start = cpu_seconds();
  for (Document& d : copy) {
    bool keep = true;
    for (Stage* s : stages) {
      if (!s->process(d).keep()) {
        keep = false;
        break;
      }
    }
    kept += keep;
  }
  return cpu_seconds() - start;
}

void report(const char* name, std::vector<Stage*> stages, const std::vector<Document>& docs, int repeat) {
  std::vector<double> seconds;
  size_t kept = 0;
  for (int r = 0; r < repeat; ++r) seconds.push_back(run(stages, docs, kept));
  std::sort(seconds.begin(), seconds.end());
  std::printf("%s\t%.4f\t%zu\t%zu\t%zu\n", name, seconds[seconds.size() / 2], bytes_of(docs), kept, docs.size());
}

}  // namespace

int main(int argc, char** argv) {
  const std::string world = argv[1];
  const size_t limit = static_cast<size_t>(std::stod(argv[2]) * 1e6);
  const int repeat = std::stoi(argv[3]);
  std::vector<Document> raw = load(world, limit);

  UnicodeNormalizer normalize;
  TextCleaner clean;
  report("normalize", {&normalize}, raw, repeat);
  report("clean", {&clean}, raw, repeat);
  std::vector<Document> docs = raw;
  for (Document& d : docs) {
    normalize.process(d);
    clean.process(d);
  }

  Config config("bench");
  register_quality_options(config);
  const char* args[] = {"bench"};
  std::ostringstream help;
  config.parse(1, args, help);
  QualityOptions options = read_quality_options(StageSettings(config, nlohmann::json::object(), "bench"));
  options.html_enabled = true;
  std::vector<std::unique_ptr<Stage>> all;
  append_html_stage(options, all);
  append_quality_stages(options, all);

  std::vector<Document> html = docs;
  for (Document& d : html) d.text = as_html(d.text);
  report(all[0]->name(), {all[0].get()}, html, repeat);
  for (size_t k = 1; k < all.size(); ++k) report(all[k]->name(), {all[k].get()}, docs, repeat);

  std::vector<Stage*> chain;
  for (size_t k = 1; k < all.size(); ++k) chain.push_back(all[k].get());
  report("quality chain (defaults)", chain, docs, repeat);
  return 0;
}
CPP

mpicxx -O2 -march=native -std=c++17 -I. "$work/stage_bench.cpp" -o "$work/stage_bench" \
  build/curation/quality/libmucpt_quality.a build/curation/libmucpt_curation.a build/common/libmucpt_common.a \
  -lboost_iostreams -lboost_program_options \
  $(pkg-config --libs libzstd simdjson libutf8proc libxxhash fasttext)

"$work/stage_bench" "$work/world" "$size_mb" "$repeat" > "$work/results.tsv"

awk -F'\t' -v cores="$(nproc)" '
  NR == 1 { printf "%.1f MB of generated world text (%d documents), one core of %d, CPU-time medians\n", $3 / 1e6, $5, cores
            printf "%-26s %9s %9s %11s\n", "stage", "MB/s", "seconds", "kept" }
  { printf "%-26s %9.1f %9.3f %10.1f%%\n", $1, $3 / 1e6 / $2, $2, 100 * $4 / $5 }
  END { print "each stage reads every document (html: an HTML rendering of it); the chain stops at the first drop" }
' "$work/results.tsv"
