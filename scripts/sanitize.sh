#!/usr/bin/env bash
# Builds the unit tests that need no LibTorch with AddressSanitizer and
# UndefinedBehaviorSanitizer (build-sanitize/, clang) and runs them, together with
# each fuzz harness on its seeds and past crash inputs. Arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh
source scripts/lib/sanitize_build.sh

tests=(common_test curation_test privacy_test quality_test tokenizer_test megatron_test evaluation_test safetensors_test)
sanitize_build "${tests[@]}" fuzzers >/dev/null
cd build-sanitize
# Left out: reading a file by 1-byte ranges opens it 25,000 times, each with a 4 MiB
# buffer, minutes under ASan for nothing the other line tests do not cover.
ctest --output-on-failure -j"$(nproc)" -R "^(($(IFS='|'; echo "${tests[*]}"))(:|\$)|fuzz_inputs_)" \
  -E "byte ranges partition" "$@"
