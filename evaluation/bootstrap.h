#pragma once
// Percentile bootstrap intervals that are the same run to run: item indices are drawn
// with replacement from a std::mt19937_64 seeded explicitly, by rejection rather than
// std::uniform_int_distribution (whose algorithm differs between standard libraries),
// so a seed gives the same resamples on every platform. For n items and one seed every
// caller draws the same resamples, which is what pairs two runs over the same items.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

namespace mucpt {

struct BootstrapSettings {
  int64_t resamples = 2000;
  uint64_t seed = 20251118;
};
nlohmann::json bootstrap_json(const BootstrapSettings& settings);  // {"resamples", "seed"}

struct Interval {
  double low = 0, high = 0;
};
nlohmann::json interval_json(const Interval& interval);  // [low, high]

// A statistic of a resample: the indices (each in [0, n)) of the items drawn.
using ResampleStatistics = std::function<std::vector<double>(const std::vector<size_t>& sample)>;

// Draws settings.resamples resamples of n indices and returns, per statistic that
// `statistics` computes, its value in each resample (in resample order).
std::vector<std::vector<double>> bootstrap(size_t n, const BootstrapSettings& settings,
                                           const ResampleStatistics& statistics);

// The central `level` share of the values: their (1 - level) / 2 and (1 + level) / 2
// quantiles, interpolated linearly between order statistics (numpy's default). A value
// that is NaN (a statistic a resample leaves undefined) is left out.
Interval percentile_interval(std::vector<double> values, double level = 0.95);

}  // namespace mucpt
