"""The soft-weighting sweep beside the demo's ablation: sweep.json, sweep.md, and the
same table as the last section of the demo's report.md.

Usage: sweep_report.py DEMO_DIR --seeds 1 2 3 --variants NAME... --settings "NAME=options;..."
Each variant's accuracy per seed and its paired difference to ntp on the same seeds
(per item, averaged over the seeds, 95% bootstrap over items).
"""
import argparse
import json

import numpy as np

from ablation_report import Demo, mean_sd, paired, write_atomically

SWEEP_HEADING = "## Soft weighting sweep"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--seeds", nargs="+", type=int, required=True)
    parser.add_argument("--variants", nargs="+", required=True)
    parser.add_argument("--settings", default="")
    args = parser.parse_args()
    settings = dict(part.split("=", 1) for part in args.settings.split(";") if part)
    demo = Demo(args.folder)
    names = ["ntp", "soft"] + args.variants
    runs = {n: [demo.run(f"{n}-seed{s}") for s in args.seeds] for n in names}
    ntp = np.stack([r["correct"] for r in runs["ntp"]])
    ntp_loss = np.stack([r["item_answer_loss"] for r in runs["ntp"]])
    sweep = {"seeds": args.seeds, "variants": {}}
    lines = ["| run | settings | accuracy per seed | mean ± sd | accuracy - ntp [95% interval] | gold answer loss | "
             "answer loss - ntp [95% interval] | music held-out loss |",
             "|---|---|---|---:|---:|---:|---:|---:|"]
    for n in names:
        acc = [r["accuracy"] for r in runs[n]]
        entry = {"settings": settings.get(n, "the demo's default" if n == "soft" else ""), "accuracy": acc,
                 "music_loss": [r["music_loss"] for r in runs[n]], "answer_loss": [r["answer_loss"] for r in runs[n]]}
        if n != "ntp":
            entry["paired_to_ntp"] = paired(np.stack([r["correct"] for r in runs[n]]), ntp)
            entry["answer_loss_paired_to_ntp"] = paired(np.stack([r["item_answer_loss"] for r in runs[n]]), ntp_loss)
        sweep["variants"][n] = entry
        m, sd = mean_sd(acc)
        d = entry.get("paired_to_ntp")
        diff = f"{d['mean']:+.4f} [{d['ci95'][0]:+.4f}, {d['ci95'][1]:+.4f}]" if d else ""
        e = entry.get("answer_loss_paired_to_ntp")
        loss_diff = f"{e['mean']:+.3f} [{e['ci95'][0]:+.3f}, {e['ci95'][1]:+.3f}]" if e else ""
        lines.append(f"| {n} | {entry['settings']} | {', '.join(f'{a:.3f}' for a in acc)} | {m:.3f} ± {sd:.3f} | "
                     f"{diff} | {mean_sd(entry['answer_loss'])[0]:.3f} | {loss_diff} | "
                     f"{mean_sd(entry['music_loss'])[0]:.3f} |")
    write_atomically(f"{args.folder}/sweep.json", json.dumps(sweep, indent=1) + "\n")
    table = "\n".join(lines)
    write_atomically(f"{args.folder}/sweep.md", f"# Soft weighting sweep\n\nSeeds {', '.join(map(str, args.seeds))}; "
                     f"everything else as in report.md.\n\n{table}\n")
    # report.md gets (or, on a rerun, replaces) its sweep section.
    with open(f"{args.folder}/report.md", encoding="utf-8") as f:
        report = f.read().split(SWEEP_HEADING)[0].rstrip("\n")
    write_atomically(f"{args.folder}/report.md",
                     f"{report}\n\n{SWEEP_HEADING}\n\n`soft` with one setting changed; the same bases, scores and data "
                     f"order; paired to ntp per item over the seeds (95% bootstrap over items).\n\n{table}\n")
    print(table)


if __name__ == "__main__":
    main()
