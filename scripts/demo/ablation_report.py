"""The demo's ablation: ntp, hard and soft over seeds, and the data recipes.

Reads the demo folder scripts/demo.sh wrote (runs/, eval/, world/truth/, heldout/) and
writes ablation.json, report.md and three plots (loss curves, token weights, accuracy
per mode), then prints the table. Usage:
    ablation_report.py DEMO_DIR --seeds 1 2 3 --wall_seconds N
Paired intervals resample benchmark items (the same items for every mode and seed) and
average the per-item difference over the seeds; 2,000 resamples, the same for every
comparison (a fixed seed).
"""
import argparse
import json
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

MODES = ["ntp", "hard", "soft"]
RESAMPLES = 2000
BOOTSTRAP_SEED = 20251118


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class Demo:
    def __init__(self, folder):
        self.folder = folder
        facts = {r["id"]: r for r in read_jsonl(f"{folder}/world/truth/benchmark_facts.jsonl")}
        self.items = [r["id"] for r in read_jsonl(f"{folder}/world/benchmark/music_qa.jsonl")]
        self.corrupted = self._corrupted_questions(facts)
        manifest = read_json(f"{folder}/heldout_world/manifest.json")
        self.domain = {s["name"]: s["domain"] for s in manifest["sources"]}
        heldout = read_json(f"{folder}/heldout/tokens/dataset.json")
        self.heldout_tokens = {}
        for shard in heldout["shards"]:
            for source, counts in shard["sources"].items():
                self.heldout_tokens[source] = self.heldout_tokens.get(source, 0) + counts["tokens"]

    # Benchmark questions whose fact some document states wrongly: {id: (true, written)}.
    def _corrupted_questions(self, facts):
        field_of_kind = {"formed": "formed", "artist_city": "city", "album_year": "year", "album_label": "label"}
        written = {}
        for c in read_jsonl(f"{self.folder}/world/truth/corrupted_facts.jsonl"):
            written.setdefault((c["entity_id"], c["field"]), (c["true"], set()))[1].add(c["written"])
        out = {}
        for qid, f in facts.items():
            key = (f["entity_id"], field_of_kind.get(f["kind"], ""))
            if key in written:
                out[qid] = written[key]
        return out

    def run(self, name):
        """Figures of one trained model: its evaluation and its training run."""
        report = read_json(f"{self.folder}/eval/{name}/report.json")
        graded = {r["id"]: r for r in read_jsonl(f"{self.folder}/eval/{name}/graded.jsonl")}
        correct = np.array([graded[i]["grade"] == "CORRECT" for i in self.items], dtype=float)
        out = {
            "accuracy": report["accuracy"],
            "accuracy_ci95": report["accuracy_ci95"],
            "correct_given_attempted": report["correct_given_attempted"],
            "f": report["f_score"],
            "correct": correct,
            "answer_loss": report.get("answer_loss", float("nan")),
            "item_answer_loss": np.array([graded[i].get("answer_loss", np.nan) for i in self.items], dtype=float),
        }
        repeats = truths = 0
        for qid, (true, wrong) in self.corrupted.items():
            answer = graded[qid]["predicted"].strip().rstrip(".").lower()
            truths += graded[qid]["grade"] == "CORRECT"
            repeats += any(answer == w.lower() or answer.startswith(w.lower() + " ") for w in wrong)
        out["corrupted_questions"] = len(self.corrupted)
        out["repeats_written_wrong_value"] = repeats
        out["answers_true_value"] = truths
        run_dir = f"{self.folder}/runs/{name}"
        if os.path.isdir(run_dir):
            metrics = read_jsonl(f"{run_dir}/metrics.jsonl")
            out["loss_curve"] = [m["loss"] for m in metrics]
            last = metrics[-1]["val_loss_by_source"]
            out["music_loss"] = self._domain_loss(last, "music")
            out["general_loss"] = self._domain_loss(last, "general")
            out["tokens_per_second"] = float(np.median([m["tokens_per_second"] for m in metrics]))
            with open(f"{run_dir}.seconds", encoding="utf-8") as f:
                out["seconds"] = float(f.read())
            out["weights"] = read_json(f"{run_dir}/weights.json")
        return out

    # Token-weighted mean of the held-out loss over the sources of one domain.
    def _domain_loss(self, by_source, domain):
        pairs = [(loss, self.heldout_tokens.get(s, 0)) for s, loss in by_source.items() if self.domain.get(s) == domain]
        total = sum(t for _, t in pairs)
        return sum(loss * t for loss, t in pairs) / total if total else float("nan")


def paired(a, b):
    """Mean over items of (a - b), a and b of shape [seeds, items]; bootstrap over items."""
    diff = (a - b).mean(axis=0)
    # A generator of its own: the interval depends on the data and the seed only, not on
    # the comparisons made before it, and comparisons over the same items share resamples.
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    idx = rng.integers(0, diff.size, size=(RESAMPLES, diff.size))
    means = diff[idx].mean(axis=1)
    return {"mean": float(diff.mean()), "ci95": [float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))],
            "share_of_resamples_above_0": float((means > 0).mean())}


def mean_sd(values):
    v = np.array(values, dtype=float)
    return float(v.mean()), float(v.std(ddof=1)) if v.size > 1 else 0.0


def write_atomically(path, text):
    """Writes text through a temporary file beside path: a crash leaves the old file or the new one."""
    with open(f"{path}.tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(f"{path}.tmp", path)


def finish(fig, ax, path, xlabel, ylabel, title, legend=True):
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    if legend:
        ax.legend()
    fig.tight_layout()
    fig.savefig(f"{path}.tmp", dpi=110, format="png")
    os.replace(f"{path}.tmp", path)
    plt.close(fig)


def plots(folder, runs, seeds):
    fig, ax = plt.subplots(figsize=(7, 4))
    colors = {"ntp": "tab:blue", "hard": "tab:orange", "soft": "tab:green"}
    for mode in MODES:
        for k, seed in enumerate(seeds):
            curve = runs[f"{mode}-seed{seed}"]["loss_curve"]
            ax.plot(range(1, len(curve) + 1), curve, color=colors[mode], alpha=0.7, lw=1,
                    label=mode if k == 0 else None)
    finish(fig, ax, f"{folder}/loss_curves.png", "step", "training loss (unweighted, per token)",
           "Continued pretraining, every seed")

    fig, ax = plt.subplots(figsize=(7, 4))
    for mode in ("hard", "soft"):
        w = runs[f"{mode}-seed{seeds[0]}"]["weights"]
        counts = np.array(w["counts"], dtype=float)
        edges = np.arange(counts.size) * w["bin_width"]
        ax.bar(edges + (0.0 if mode == "hard" else w["bin_width"] / 2), counts / counts.sum(), width=w["bin_width"] / 2,
               align="edge", color=colors[mode], label=f"{mode} (seed {seeds[0]})")
    ax.set_yscale("log")
    finish(fig, ax, f"{folder}/token_weights.png",
           f"token weight (bins of {runs[f'soft-seed{seeds[0]}']['weights']['bin_width']}; last bin: above)",
           "share of training tokens", "Token weights over the run")

    fig, ax = plt.subplots(figsize=(6, 4))
    for x, mode in enumerate(MODES):
        for k, seed in enumerate(seeds):
            r = runs[f"{mode}-seed{seed}"]
            lo, hi = r["accuracy_ci95"]
            xs = x + (k - (len(seeds) - 1) / 2) * 0.15
            ax.errorbar(xs, r["accuracy"], yerr=[[r["accuracy"] - lo], [hi - r["accuracy"]]], fmt="o",
                        color=colors[mode], capsize=3)
    ax.set_xticks(range(len(MODES)), MODES)
    finish(fig, ax, f"{folder}/accuracy.png", "", "benchmark accuracy (95% interval)",
           "Accuracy per mode, one point per seed", legend=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--seeds", nargs="+", type=int, required=True)
    parser.add_argument("--wall_seconds", type=float, default=0)
    args = parser.parse_args()
    demo = Demo(args.folder)
    seeds = args.seeds
    runs = {f"{m}-seed{s}": demo.run(f"{m}-seed{s}") for m in MODES for s in seeds}
    base = demo.run("base")
    reference = demo.run("rm")
    recipe_names = {"music + general": f"ntp-seed{seeds[0]}", "music only": f"music_only-ntp-seed{seeds[0]}"}
    recipes = {label: demo.run(name) for label, name in recipe_names.items()}

    matrix = {m: np.stack([runs[f"{m}-seed{s}"]["correct"] for s in seeds]) for m in MODES}
    losses = {m: np.stack([runs[f"{m}-seed{s}"]["item_answer_loss"] for s in seeds]) for m in MODES}
    ablation = {
        "seeds": seeds,
        "modes": {m: {key: [runs[f"{m}-seed{s}"][src] for s in seeds]
                      for key, src in (("accuracy", "accuracy"), ("f", "f"), ("music_loss", "music_loss"),
                                       ("general_loss", "general_loss"),
                                       ("correct_given_attempted", "correct_given_attempted"),
                                       ("repeats_written_wrong_value", "repeats_written_wrong_value"),
                                       ("answers_true_value", "answers_true_value"),
                                       ("answer_loss", "answer_loss"),
                                       ("tokens_per_second", "tokens_per_second"), ("seconds", "seconds"))}
                  for m in MODES},
        "paired": {"soft-ntp": paired(matrix["soft"], matrix["ntp"]),
                   "hard-ntp": paired(matrix["hard"], matrix["ntp"]),
                   "soft-hard": paired(matrix["soft"], matrix["hard"])},
        # The same pairs on the gold answers' loss given the prompt (lower is better).
        "paired_answer_loss": {f"{a}-{b}": paired(losses[a], losses[b])
                               for a, b in (("soft", "ntp"), ("hard", "ntp"), ("soft", "hard"))},
        "base_accuracy": base["accuracy"],
        "reference_accuracy": reference["accuracy"],
        "corrupted_questions": len(demo.corrupted),
        "recipes": {label: {"accuracy": r["accuracy"], "music_loss": r["music_loss"], "general_loss": r["general_loss"]}
                    for label, r in recipes.items()},
        "wall_seconds": args.wall_seconds,
    }
    write_atomically(f"{args.folder}/ablation.json", json.dumps(ablation, indent=1) + "\n")
    plots(args.folder, runs, seeds)

    def row(m):
        a = ablation["modes"][m]
        acc, acc_sd = mean_sd(a["accuracy"])
        cells = [m, f"{acc:.3f} ± {acc_sd:.3f}", f"{mean_sd(a['correct_given_attempted'])[0]:.3f}",
                 f"{mean_sd(a['f'])[0]:.3f}", f"{mean_sd(a['answer_loss'])[0]:.3f}",
                 f"{mean_sd(a['music_loss'])[0]:.3f}", f"{mean_sd(a['general_loss'])[0]:.3f}",
                 f"{sum(a['repeats_written_wrong_value'])} / {sum(a['answers_true_value'])}",
                 f"{mean_sd(a['tokens_per_second'])[0]:,.0f}", f"{mean_sd(a['seconds'])[0]:.0f}"]
        return "| " + " | ".join(cells) + " |"

    n = len(seeds)
    lines = [
        f"| mode | accuracy (mean ± sd over {n} seeds) | given attempted | F | gold answer loss | music held-out loss | "
        "general held-out loss | corrupted facts repeated / true | tokens/s | seconds per run |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ] + [row(m) for m in MODES]
    paired_lines = [f"| {k} | {v['mean']:+.4f} | [{v['ci95'][0]:+.4f}, {v['ci95'][1]:+.4f}] | "
                    f"{v['share_of_resamples_above_0']:.3f} |" for k, v in ablation["paired"].items()]
    loss_lines = [f"| {k} | {v['mean']:+.4f} | [{v['ci95'][0]:+.4f}, {v['ci95'][1]:+.4f}] | "
                  f"{1 - v['share_of_resamples_above_0']:.3f} |" for k, v in ablation["paired_answer_loss"].items()]
    recipe_lines = [f"| {label} | {r['accuracy']:.3f} | {r['music_loss']:.3f} | {r['general_loss']:.3f} |"
                    for label, r in ablation["recipes"].items()]
    per_seed = ["| " + m + " | " + " | ".join(f"{x:.3f}" for x in ablation["modes"][m]["accuracy"]) + " |"
                for m in MODES]
    table = "\n".join(lines)
    report = f"""# Ablation: ntp, hard and soft token weighting

Benchmark: {len(demo.items)} questions about the artists the quizzes never ask about. Base model
(seed {seeds[0]}): accuracy {base['accuracy']:.3f}; reference model: {reference['accuracy']:.3f}.
Seeds {', '.join(map(str, seeds))} (each seed: its own base model and data order, shared by the three modes).
{f"Wall time of the whole demo: {args.wall_seconds:.0f} s." if args.wall_seconds > 0 else ""}

{table}

Corrupted facts: {len(demo.corrupted)} benchmark questions ask a fact that some document states
wrongly; "repeated / true" counts, over the seeds, answers giving a written wrong value and
answers giving the true value.

## Accuracy per seed

| mode | {' | '.join(f'seed {s}' for s in seeds)} |
|---|{'---:|' * n}
{chr(10).join(per_seed)}

## Paired differences (per item, averaged over the seeds; 95% bootstrap over items)

| pair | mean difference | 95% interval | share of resamples above 0 |
|---|---:|---:|---:|
{chr(10).join(paired_lines)}

Gold answer loss (nats per answer token given the prompt, lower is better), the same pairs:

| pair | mean difference | 95% interval | share of resamples below 0 |
|---|---:|---:|---:|
{chr(10).join(loss_lines)}

## Data recipes (ntp, seed {seeds[0]})

| recipe | accuracy | music held-out loss | general held-out loss |
|---|---:|---:|---:|
{chr(10).join(recipe_lines)}

Plots: loss_curves.png, token_weights.png, accuracy.png.
"""
    write_atomically(f"{args.folder}/report.md", report)
    print(table)
    print()
    print("\n".join(["| pair | mean difference | 95% interval | share above 0 |", "|---|---:|---:|---:|"] + paired_lines))
    print(f"\nReport: {args.folder}/report.md, ablation.json, loss_curves.png, token_weights.png, accuracy.png")


if __name__ == "__main__":
    main()
