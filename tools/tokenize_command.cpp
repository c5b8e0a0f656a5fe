#include "tools/tokenize_command.h"

#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "common/json_writer.h"
#include "common/line_reader.h"
#include "common/tokenizer/tokenizer_loader.h"
#include "common/tokenizer/utf8_lossy.h"

namespace mucpt {

namespace {

// Standard output in 1 MB writes. A write that fails (a full disk) ends the command with
// exit 1: ids cut short must not pass for the whole output.
class Output {
 public:
  explicit Output(bool quiet) : quiet_(quiet) {}
  std::string& buffer() { return buf_; }
  void line_done() {
    buf_ += '\n';
    if (buf_.size() > (1 << 20)) flush();
  }
  void flush() {
    if (!quiet_ && !buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), stdout) != buf_.size())
      throw std::runtime_error("standard output: the write failed (disk full?)");
    buf_.clear();
  }
  // The last bytes written and the stream flushed; throws where any write failed.
  void finish() {
    flush();
    if (!quiet_ && (std::fflush(stdout) != 0 || std::ferror(stdout)))
      throw std::runtime_error("standard output: the write failed (disk full?)");
  }

 private:
  bool quiet_;
  std::string buf_;
};

void append_ids(std::string& out, const std::vector<int32_t>& ids) {
  out += '[';
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  out += ']';
}

// Reads every line first (for --time), as JSON strings or raw text.
std::vector<std::string> read_all(const TokenizeCommandOptions& o, simdjson::dom::parser& parser) {
  std::vector<std::string> lines;
  LineReader reader(o.input);
  std::string_view line;
  while (reader.next(line)) {
    if (o.mode == TokenizeCommandOptions::Mode::jsonl) {
      std::string_view s;
      if (parser.parse(line.data(), line.size()).get_string().get(s))
        throw std::runtime_error("line " + std::to_string(lines.size() + 1) + " is not a JSON string");
      lines.emplace_back(s);
    } else {
      lines.emplace_back(line);
    }
  }
  return lines;
}

void write_plain(std::string& out, const Tokenizer& tok, const std::vector<int32_t>& ids) {
  for (int32_t id : ids) {
    out += std::to_string(id);
    out += '\t';
    append_json_string(out, utf8_lossy(tok.decode(&id, 1)));
    out += '\n';
  }
}

int run_decode(const TokenizeCommandOptions& o, const Tokenizer& tok, Output& out) {
  simdjson::dom::parser parser;
  LineReader reader(o.input);
  std::string_view line;
  std::vector<int32_t> ids;
  uint64_t number = 0;
  while (reader.next(line)) {
    ++number;
    simdjson::dom::array arr;
    if (parser.parse(line.data(), line.size()).get_array().get(arr)) {
      std::fprintf(stderr, "tokenize: line %llu is not a JSON array of ids\n", (unsigned long long)number);
      return 1;
    }
    ids.clear();
    for (simdjson::dom::element e : arr) {
      int64_t id;
      if (e.get_int64().get(id) || id < 0 || id > INT32_MAX) {
        std::fprintf(stderr, "tokenize: line %llu holds something other than ids\n", (unsigned long long)number);
        return 1;
      }
      ids.push_back(int32_t(id));
    }
    append_json_string(out.buffer(), utf8_lossy(tok.decode(ids, o.skip_special)));
    out.line_done();
  }
  out.finish();
  return 0;
}

}  // namespace

int run_tokenize_command(const TokenizeCommandOptions& o) {
  try {
    Tokenizer tok = load_tokenizer(o.tokenizer);
    Output out(o.quiet);
    if (o.mode == TokenizeCommandOptions::Mode::decode) return run_decode(o, tok, out);

    simdjson::dom::parser parser;
    std::vector<int32_t> ids;
    auto emit = [&](std::string_view text) {
      ids.clear();
      tok.encode(text, ids, o.allow_special);
      if (o.mode == TokenizeCommandOptions::Mode::plain) {
        write_plain(out.buffer(), tok, ids);
      } else {
        append_ids(out.buffer(), ids);
      }
      out.line_done();
      return ids.size();
    };

    if (o.time) {
      std::vector<std::string> lines = read_all(o, parser);
      uint64_t bytes = 0, tokens = 0;
      auto start = std::chrono::steady_clock::now();
      for (const std::string& text : lines) {
        bytes += text.size();
        tokens += emit(text);
      }
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(stderr, "tokenize: %zu lines, %.2f MB, %llu tokens in %.3f s: %.2f MB/s\n", lines.size(),
                   double(bytes) / 1e6, (unsigned long long)tokens, seconds, double(bytes) / 1e6 / seconds);
      out.finish();
      return 0;
    }

    LineReader reader(o.input);
    std::string_view line;
    uint64_t number = 0;
    while (reader.next(line)) {
      ++number;
      if (o.mode == TokenizeCommandOptions::Mode::jsonl) {
        std::string_view text;
        if (parser.parse(line.data(), line.size()).get_string().get(text)) {
          std::fprintf(stderr, "tokenize: line %llu is not a JSON string\n", (unsigned long long)number);
          return 1;
        }
        emit(text);
      } else {
        emit(line);
      }
    }
    out.finish();
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tokenize: %s\n", e.what());
    return 1;
  }
}

}  // namespace mucpt
