#include "tools/train_tokenizer_command.h"

#include <simdjson.h>

#include <chrono>
#include <cstdio>

#include "common/line_reader.h"
#include "common/tokenizer/tokenizer_json_writer.h"

namespace mucpt {

int run_train_tokenizer_command(const TrainTokenizerCommandOptions& o) {
  try {
    auto start = std::chrono::steady_clock::now();
    BpeTrainer trainer(o.trainer);
    simdjson::dom::parser parser;
    uint64_t texts = 0, skipped = 0, bytes = 0;
    for (const std::string& path : o.inputs) {
      LineReader reader(path);
      std::string_view line;
      while (reader.next(line)) {
        std::string_view text = line;
        if (!o.plain_text) {
          simdjson::dom::object obj;
          if (parser.parse(line.data(), line.size()).get_object().get(obj) ||
              obj.at_key(o.text_field).get_string().get(text)) {
            ++skipped;  // not an object with a string text field
            continue;
          }
        }
        trainer.add_text(text);
        ++texts;
        bytes += text.size();
      }
    }
    Tokenizer tok = trainer.train();
    save_tokenizer_json(tok, o.output);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr,
                 "train-tokenizer: %llu texts (%.1f MB, %llu lines skipped), %zu distinct pieces, "
                 "%zu tokens, %zu merges -> %s (%.1f s)\n",
                 (unsigned long long)texts, double(bytes) / 1e6, (unsigned long long)skipped, trainer.distinct_pieces(),
                 tok.vocab_size(), tok.model().merges().size(), o.output.c_str(), seconds);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "train-tokenizer: %s\n", e.what());
    return 1;
  }
}

}  // namespace mucpt
