# Steps the demo and its sweep share. Expects: demo (the output folder), world, seeds,
# base_steps, cpt_steps, batch; scripts/lib/packages.sh sourced.

# shellcheck disable=SC2046  # mpirun_flags gives several words
run() { mpirun $(mpirun_flags) -np 2 "$@"; }

checkpoint() { echo "$1/checkpoint-$(printf %06d "$2")"; }  # RUN_DIR STEP
base_of() { checkpoint "$demo/base/seed$1" "$base_steps"; }  # SEED

# "step 200/200 loss 0.85": the last progress line of a training log.
last_step() { grep -o 'step [0-9]*/[0-9]* loss [0-9.]*' "$1" | tail -n 1; }

train_common=(--seq_len 128 --threads 1 --log_every 50 --lr 0.003 --min_lr 0.0003)

# Continued pretraining of a seed's base: cpt_run NAME SEED DATA [train options]. Every
# run of a seed starts from the same base and reads the same data order.
cpt_run() {
  local name=$1 seed=$2 data=$3 t0=$SECONDS
  shift 3
  mkdir -p "$demo/runs"
  run build/train --model "$(base_of "$seed")" --output "$demo/runs/$name" --data "$data" --seed "$seed" \
    --steps "$cpt_steps" --batch_size "$batch" --warmup 20 "${train_common[@]}" \
    --val.data "$demo/heldout/tokens" --val.windows 0 "$@" \
    >"$demo/runs/$name.log" 2>&1 || { cat "$demo/runs/$name.log"; exit 1; }
  echo $((SECONDS - t0)) >"$demo/runs/$name.seconds"
  echo "$name: $(last_step "$demo/runs/$name.log")"
}

# evaluate_model NAME MODEL: the benchmark, greedy answers, graded by the rules.
evaluate_model() {
  mkdir -p "$demo/eval"
  run build/evaluate --benchmark "$world/benchmark/music_qa.jsonl" --model "$2" --max_new_tokens 16 --threads 1 --answer_loss \
    --output "$demo/eval/$1" >"$demo/eval/$1.log" 2>&1 || { cat "$demo/eval/$1.log"; exit 1; }
}
