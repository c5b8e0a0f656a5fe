// tokenize: encode text with a Hugging Face byte-level BPE tokenizer, or decode ids.
#include <boost/program_options.hpp>
#include <iostream>

#include "tools/tokenize_command.h"

namespace po = boost::program_options;

int main(int argc, char** argv) {
  mucpt::TokenizeCommandOptions options;
  po::options_description desc(
      "Usage: tokenize --tokenizer T [--jsonl | --decode] [options] < input\n"
      "  --jsonl: one JSON string per line in, one JSON array of ids per line out\n"
      "  --decode: one JSON array of ids per line in, one JSON string per line out\n"
      "  neither: raw text lines in, one \"id<TAB>token text\" line per token out (debugging)\n"
      "No BOS/EOS is added. T is a tokenizer.json (.gz, .zst) or a folder with vocab.json +\n"
      "merges.txt or GPT-2's encoder.json + vocab.bpe");
  desc.add_options()
      ("help,h", "show this help")
      ("tokenizer", po::value<std::string>(&options.tokenizer)->required(), "tokenizer file or folder")
      ("jsonl", po::bool_switch(), "encode JSON string lines")
      ("decode", po::bool_switch(), "decode JSON arrays of ids")
      ("input", po::value<std::string>(&options.input)->default_value("/dev/stdin"), "input file (plain, .gz, .zst)")
      ("no-special", po::bool_switch(), "encode special-token text (<|endoftext|>...) as ordinary text")
      ("skip-special", po::bool_switch(&options.skip_special), "--decode: leave special tokens out")
      ("time", po::bool_switch(&options.time), "read all input first; report encode-only MB/s on stderr")
      ("quiet", po::bool_switch(&options.quiet), "write no output");
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, desc), vm);
    if (vm.count("help")) {
      std::cout << desc << "\n";
      return 0;
    }
    po::notify(vm);
    bool jsonl = vm["jsonl"].as<bool>(), decode = vm["decode"].as<bool>();
    if (jsonl && decode) throw po::error("--jsonl and --decode exclude each other");
    if (decode && options.time) throw po::error("--time measures encoding");
    options.mode = jsonl ? mucpt::TokenizeCommandOptions::Mode::jsonl
                 : decode ? mucpt::TokenizeCommandOptions::Mode::decode
                          : mucpt::TokenizeCommandOptions::Mode::plain;
    options.allow_special = !vm["no-special"].as<bool>();
  } catch (const po::error& e) {
    std::cerr << "tokenize: " << e.what() << "\n" << desc << "\n";
    return 2;
  }
  return mucpt::run_tokenize_command(options);
}
