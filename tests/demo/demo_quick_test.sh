#!/usr/bin/env bash
# scripts/demo.sh --quick end to end: every step runs, the ablation has one figure per
# mode and seed, paired intervals hold their means, the plots are PNG files, and the
# token weights each mode trained with are what the mode means (ntp: all 1; hard: 0 or
# 1/keep; soft: mean 1).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: demo_quick_test.sh SCRATCH_DIR}/demo_quick
rm -rf "$out"
mkdir -p "$(dirname "$out")"
fail() { echo "demo_quick_test: $*" >&2; exit 1; }

"$root/scripts/demo.sh" --quick --output "$out" >"$out.log" 2>&1 || { tail -n 40 "$out.log"; fail "demo.sh --quick failed"; }
grep -q '^| soft |' "$out.log" || fail "the table was not printed"

a=$out/ablation.json
[ "$(jq -c .seeds "$a")" = "[1,2,3]" ] || fail "seeds: $(jq -c .seeds "$a")"
for mode in ntp hard soft; do
  for key in accuracy f music_loss general_loss; do
    n=$(jq "[.modes.$mode.$key[] | select(type == \"number\" and . >= 0)] | length" "$a")
    [ "$n" = 3 ] || fail "$mode.$key has $n valid figures, not 3"
  done
  jq -e ".modes.$mode.accuracy | all(. <= 1)" "$a" >/dev/null || fail "$mode accuracy above 1"
  for seed in 1 2 3; do
    # The accuracy in ablation.json is the evaluation's own.
    [ "$(jq ".modes.$mode.accuracy[$((seed - 1))]" "$a")" = "$(jq .accuracy "$out/eval/$mode-seed$seed/report.json")" ] ||
      fail "$mode seed $seed: accuracy differs from its report"
    [ -f "$out/runs/$mode-seed$seed/weights.json" ] || fail "no weights.json for $mode seed $seed"
  done
done
for pair in soft-ntp hard-ntp; do
  jq -e ".paired[\"$pair\"] | .ci95[0] <= .mean and .mean <= .ci95[1]" "$a" >/dev/null || fail "$pair interval"
done
jq -e '.recipes | has("music only") and has("music + general")' "$a" >/dev/null || fail "recipes missing"

# Token weights: bins of 0.25; weight 1 is bin 4.
w() { jq "$2" "$out/runs/$1-seed1/weights.json"; }
# Compared inside jq: jq 1.7 prints a number read from the file as written (12288.0) and a
# sum as computed (12288).
jq -e '(.counts | add) == .counts[4]' "$out/runs/ntp-seed1/weights.json" >/dev/null ||
  fail "ntp trained with weights other than 1"
[ "$(w ntp '.counts | add')" -gt 0 ] || fail "ntp counted no tokens"
# hard keeps 60%: weight 0 (bin 0) or 1/0.6 (bin 6), nothing else.
[ "$(w hard '.counts[0] + .counts[6]')" = "$(w hard '.counts | add')" ] || fail "hard weights other than 0 or 1/keep"
jq -e '(.counts[6] / (.counts | add)) as $kept | $kept > 0.55 and $kept < 0.65' "$out/runs/hard-seed1/weights.json" \
  >/dev/null || fail "hard kept $(w hard '.counts[6] / (.counts | add)') of the tokens, not 0.6"
# soft: normalised to mean 1 over real tokens; bin centres are within half a bin of it.
mean=$(jq '([.counts | to_entries[] | (.key + 0.5) * .value * .25] | add) / (.counts | add)' "$out/runs/soft-seed1/weights.json")
awk -v m="$mean" 'BEGIN { exit !(m > 0.85 && m < 1.15) }' || fail "soft mean weight $mean, not about 1"

for f in loss_curves token_weights accuracy; do
  [ "$(head -c 4 "$out/$f.png" | tail -c 3)" = "PNG" ] || fail "$f.png is not a PNG"
done
grep -q '^## Paired differences' "$out/report.md" || fail "report.md has no paired differences"

# Another seed: its runs join the demo's in all_seeds/, and the demo's own report stays.
"$root/scripts/demo/more_seeds.sh" "$out" 4 >"$out.more.log" 2>&1 || { tail -n 40 "$out.more.log"; fail "more_seeds.sh failed"; }
[ "$(jq -c .seeds "$out/all_seeds/ablation.json")" = "[1,2,3,4]" ] || fail "all_seeds: $(jq -c .seeds "$out/all_seeds/ablation.json")"
[ "$(jq -c .seeds "$a")" = "[1,2,3]" ] || fail "more_seeds.sh changed the demo's ablation.json"
for mode in ntp hard soft; do
  [ "$(jq ".modes.$mode.accuracy[3]" "$out/all_seeds/ablation.json")" = "$(jq .accuracy "$out/eval/$mode-seed4/report.json")" ] ||
    fail "$mode seed 4: accuracy differs from its report"
done
# A seed the demo has is refused as a usage error, by name.
status=0
"$root/scripts/demo/more_seeds.sh" "$out" 2 >"$out.refused.log" 2>&1 || status=$?
[ "$status" = 2 ] || fail "more_seeds.sh with a seed the demo has exited $status, not 2"
grep -q "^seed 2 is one of the demo's$" "$out.refused.log" || fail "more_seeds.sh refused seed 2 without saying why"
echo "demo_quick_test: passed"
