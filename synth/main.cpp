// synth: writes a deterministic generated music world (sources, metadata, manifest,
// benchmark and ground truth) for testing and benchmarking the curation pipeline.
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "synth/benchmark.h"
#include "synth/world_writer.h"

namespace po = boost::program_options;

int main(int argc, char** argv) {
  mucpt::synth::WorldOptions options;
  std::string compress = "zst", kinds;
  po::options_description desc("Usage: synth --docs N --seed S --output DIR [--compress zst|none]");
  desc.add_options()
      ("help,h", "show this help")
      ("docs", po::value<uint64_t>(&options.documents)->required(), "source lines to write (all kinds)")
      ("seed", po::value<uint64_t>(&options.seed)->default_value(1), "random seed; same seed, same bytes")
      ("output", po::value<std::string>(&options.output)->required(), "output folder")
      ("compress", po::value<std::string>(&compress)->default_value("zst"), "source files: zst or none")
      ("artists", po::value<uint64_t>(&options.artists)->default_value(0),
       "artists in the world (0: one per 40 documents, at least 40); fewer artists, facts stated more often")
      ("quiz_docs", po::value<uint64_t>(&options.quiz_documents)->default_value(0),
       "also write this many quiz sheets (sources/quiz): question-answer rounds about half of the artists, "
       "the benchmark asking about the other half")
      ("profiles", po::value<uint64_t>(&options.profiles)->default_value(0),
       "with --quiz_docs, also write this many fact sheets per artist (sources/profiles): its city, formed "
       "year, members' instruments and albums' years and labels, restated in varied sentences")
      ("question_kinds", po::value<std::string>(&kinds)->default_value(""),
       "comma-separated facts the benchmark and quizzes ask (artist_city, formed, member_instrument, "
       "album_year, album_label, album_producer, song_album, song_artist, birth_name, label_city, "
       "album_award, track_count); empty: all");
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, desc), vm);
    if (vm.count("help")) {
      std::cout << desc << "\n";
      return 0;
    }
    po::notify(vm);
    if (compress != "zst" && compress != "none") throw po::error("--compress must be zst or none");
    if (options.documents == 0) throw po::error("--docs must be positive");
    options.compress = compress == "zst";
    if (options.profiles > 0 && options.quiz_documents == 0) throw po::error("--profiles needs --quiz_docs");
    std::stringstream list(kinds);
    for (std::string kind; std::getline(list, kind, ',');) {
      if (!mucpt::synth::is_question_kind(kind)) throw po::error("--question_kinds: no kind '" + kind + "'");
      options.question_kinds.push_back(kind);
    }
  } catch (const po::error& e) {
    std::cerr << "synth: " << e.what() << "\n" << desc << "\n";
    return 2;
  }

  try {
    const auto start = std::chrono::steady_clock::now();
    const auto result = mucpt::synth::write_world(options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double mb = static_cast<double>(result.source_bytes) / 1e6;
    std::printf("synth: %llu lines, %.1f MB of source text, %llu questions in %s (%.1f s, %.1f MB/s)\n",
                static_cast<unsigned long long>(result.lines), mb,
                static_cast<unsigned long long>(result.questions), options.output.c_str(), seconds,
                seconds > 0 ? mb / seconds : 0.0);
  } catch (const std::exception& e) {
    std::cerr << "synth: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
