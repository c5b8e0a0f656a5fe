#!/usr/bin/env bash
# The main job on its embedded default: generate a small music world and curate it
# on 2 MPI ranks with configs/demo.ini.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/lib/packages.sh

world=out/demo/world
rm -rf "$world" out/demo/curated
build/synth --docs 3000 --seed 7 --output "$world"
# shellcheck disable=SC2046
mpirun $(mpirun_flags) -np 2 build/curate --config configs/demo.ini
echo
echo "Generated world:   $world (manifest.json, truth/, benchmark/)"
echo "Curated documents: out/demo/curated/docs/"
echo "Rejected lines:    out/demo/curated/rejects/<stage>/"
echo "Report:            out/demo/curated/report.md and report.json"
