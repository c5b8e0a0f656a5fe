// train-tokenizer: train a byte-level BPE on a corpus and save it as tokenizer.json.
#include <boost/program_options.hpp>
#include <iostream>

#include "tools/train_tokenizer_command.h"

namespace po = boost::program_options;

int main(int argc, char** argv) {
  mucpt::TrainTokenizerCommandOptions options;
  std::string pretokenizer = "qwen2";
  bool no_nfc = false;
  po::options_description desc(
      "Usage: train-tokenizer --input FILE... --vocab-size N --output tokenizer.json [options]\n"
      "Inputs are JSONL (plain, .gz, .zst) with a string text field, or text lines with --plain");
  desc.add_options()
      ("help,h", "show this help")
      ("input", po::value<std::vector<std::string>>(&options.inputs)->required()->multitoken(), "input files")
      ("output", po::value<std::string>(&options.output)->required(), "tokenizer.json to write")
      ("vocab-size", po::value<size_t>(&options.trainer.vocab_size)->default_value(4096),
       "all tokens: special tokens, 256 bytes and merges")
      ("min-frequency", po::value<uint64_t>(&options.trainer.min_frequency)->default_value(2),
       "never merge a pair seen fewer times")
      ("pretokenizer", po::value<std::string>(&pretokenizer)->default_value("qwen2"), "qwen2, gpt2 or llama3")
      ("no-nfc", po::bool_switch(&no_nfc), "do not NFC-normalise")
      ("special", po::value<std::vector<std::string>>(&options.trainer.special_tokens)->multitoken()
                      ->default_value({"<|endoftext|>"}, "<|endoftext|>"),
       "special tokens (ids 0, 1, ...)")
      ("text-field", po::value<std::string>(&options.text_field)->default_value("text"), "JSONL text field")
      ("plain", po::bool_switch(&options.plain_text), "inputs are text, one document per line");
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, desc), vm);
    if (vm.count("help")) {
      std::cout << desc << "\n";
      return 0;
    }
    po::notify(vm);
    auto kind = mucpt::pretokenizer_from_name(pretokenizer);
    if (!kind || *kind == mucpt::PretokenizerKind::none)
      throw po::error("--pretokenizer must be qwen2, gpt2 or llama3");
    options.trainer.pretokenizer = *kind;
    options.trainer.nfc = !no_nfc;
  } catch (const po::error& e) {
    std::cerr << "train-tokenizer: " << e.what() << "\n" << desc << "\n";
    return 2;
  }
  return mucpt::run_train_tokenizer_command(options);
}
