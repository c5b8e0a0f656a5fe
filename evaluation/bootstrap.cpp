#include "evaluation/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

namespace mucpt {

namespace {

// Unbiased draw from [0, bound).
size_t draw_below(std::mt19937_64& rng, uint64_t bound) {
  const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  uint64_t r;
  do r = rng();
  while (r >= limit);
  return static_cast<size_t>(r % bound);
}

double quantile(const std::vector<double>& sorted, double p) {
  const double position = p * static_cast<double>(sorted.size() - 1);
  const size_t below = static_cast<size_t>(position);
  if (below + 1 >= sorted.size()) return sorted.back();
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
}

}  // namespace

nlohmann::json bootstrap_json(const BootstrapSettings& settings) {
  return {{"resamples", settings.resamples}, {"seed", settings.seed}};
}

nlohmann::json interval_json(const Interval& interval) { return nlohmann::json::array({interval.low, interval.high}); }

std::vector<std::vector<double>> bootstrap(size_t n, const BootstrapSettings& settings,
                                           const ResampleStatistics& statistics) {
  if (settings.resamples < 1) throw std::invalid_argument("bootstrap: at least one resample is needed");
  std::vector<std::vector<double>> values;
  if (n == 0) return values;
  std::mt19937_64 rng(settings.seed);
  std::vector<size_t> sample(n);
  for (int64_t r = 0; r < settings.resamples; ++r) {
    for (size_t& index : sample) index = draw_below(rng, n);
    const std::vector<double> computed = statistics(sample);
    values.resize(computed.size());
    for (size_t s = 0; s < computed.size(); ++s) values[s].push_back(computed[s]);
  }
  return values;
}

Interval percentile_interval(std::vector<double> values, double level) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }), values.end());
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  return {quantile(values, (1 - level) / 2), quantile(values, (1 + level) / 2)};
}

}  // namespace mucpt
