#pragma once
// Options declared once. A struct lists its options in a member
//   template <class Visitor> void visit(Visitor&& v)
// calling v(key, field, help) for each field; the walks below register them with the
// struct's defaults, read them back and refuse negative counts, so that a key, its
// field, its default and its help cannot drift apart. Fields are bool, std::string,
// double or an integer type; a value the field cannot hold (past its range, below 0 for
// an unsigned one, a double that is not a finite number) is refused, not narrowed.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "common/config.h"

namespace mucpt {

template <class Options>
void register_options(Config& config) {
  Options defaults;
  defaults.visit([&](const auto& key, auto& field, const auto& help) {
    using T = std::decay_t<decltype(field)>;
    if constexpr (std::is_same_v<T, bool>) config.add_bool(key, field, help);
    else if constexpr (std::is_same_v<T, std::string>) config.add_string(key, field, help);
    else if constexpr (std::is_floating_point_v<T>) config.add_double(key, field, help);
    else config.add_int(key, static_cast<int64_t>(field), help);
  });
}

// Reads the options from anything with get_bool, get_int, get_double and get_string of
// `section.key` (Config, or a source's StageSettings). Throws ConfigError naming the key
// for a value its field cannot hold.
template <class Options, class Settings>
Options read_options(const Settings& settings) {
  Options o;
  o.visit([&](const auto& key, auto& field, const auto&) {
    using T = std::decay_t<decltype(field)>;
    if constexpr (std::is_same_v<T, bool>) {
      field = settings.get_bool(key);
    } else if constexpr (std::is_same_v<T, std::string>) {
      field = settings.get_string(key);
    } else if constexpr (std::is_floating_point_v<T>) {
      field = settings.get_double(key);
      if (!std::isfinite(field)) throw ConfigError(std::string(key) + " must be a finite number");
    } else {
      const int64_t value = settings.get_int(key);
      if (std::is_unsigned_v<T> && value < 0) throw ConfigError(std::string(key) + " must not be negative");
      if constexpr (sizeof(T) < sizeof(int64_t)) {
        if (value < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
            value > static_cast<int64_t>(std::numeric_limits<T>::max()))
          throw ConfigError(std::string(key) + " must be from " + std::to_string(std::numeric_limits<T>::min()) +
                            " to " + std::to_string(std::numeric_limits<T>::max()) + ", not " + std::to_string(value));
      }
      field = static_cast<T>(value);
    }
  });
  return o;
}

}  // namespace mucpt
