#!/usr/bin/python3
"""Draws bench/scale_bench.py's results: how indexing and search cost grow with the archive.

    bench/plot_scale.py [--results docs/performance/scale.json] [--out docs/performance/scale.svg]
                        [--table]   (also print the figures as Markdown tables)

Four panels against archive size (log scale): indexing throughput, peak RSS while indexing,
index size on disk per article, and search p99 at 8 connections per query class. Dateline is
drawn solid, the plain-Xapian reference dashed. Needs matplotlib (Debian: python3-matplotlib).
"""
import argparse
import json
from pathlib import Path

try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    raise SystemExit("matplotlib is missing: apt-get install python3-matplotlib")

ROOT = Path(__file__).resolve().parent.parent
CLASSES = ("single", "multi", "phrase", "frequent", "newest")


def series(sizes, system, path):
    xs, ys = [], []
    for row in sizes:
        value = row.get(system)
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None:
            xs.append(row["articles"])
            ys.append(value)
    return xs, ys


def panel(axis, title, unit):
    axis.set_title(title, fontsize=10)
    axis.set_xscale("log")
    axis.set_xlabel("articles in the archive")
    axis.set_ylabel(unit)
    axis.grid(True, which="both", alpha=0.3)


def markdown_tables(sizes):
    """The figures docs/performance.md quotes, as Markdown tables."""
    def mb(n):
        return f"{n / 1e6:,.0f}" if n else "-"

    lines = ["| articles | Dateline s | art/s | reference s | art/s | ratio | Dateline peak RSS MiB "
             "| reference peak RSS MiB | Dateline MB before / after compact "
             "| reference MB before / after |", "|" + " --- |" * 10]
    for row in sizes:
        d, r = row["dateline"]["index"], row.get("reference", {}).get("index")
        ratio = f"{r['seconds'] / d['seconds']:.2f}x" if r else "-"
        lines.append(
            f"| {row['articles']:,} | {d['seconds']:.1f} | {row['articles'] / d['seconds']:,.0f} | "
            + (f"{r['seconds']:.1f} | {row['articles'] / r['seconds']:,.0f} | " if r else "- | - | ")
            + f"{ratio} | {d['peak_rss_mib']:.0f} | " + (f"{r['peak_rss_mib']:.0f}" if r else "-")
            + f" | {mb(d['bytes_before_compact'])} / {mb(d['bytes_after_compact'])} | "
            + (f"{mb(r['bytes_before_compact'])} / {mb(r['bytes_after_compact'])} |" if r else "- |"))
    lines += ["", "p50 / p99 ms at 1 and at 8 connections (reference: in-process loop, 1 and 8 "
              "processes; it has no facets, no date sort and no HTTP)", "",
              "| articles | class | Dateline c=1 | Dateline c=8 | reference 1 | reference 8 |",
              "|" + " --- |" * 6]
    for row in sizes:
        for name in CLASSES:
            q = row["dateline"].get("queries", {}).get(name)
            if not q:
                continue
            ref = row.get("reference", {}).get("queries", {}).get(name, {})
            cells = [f"{q[c]['p50_ms']:.1f} / {q[c]['p99_ms']:.1f}" for c in ("1", "8")]
            cells += [f"{ref[c]['p50_ms']:.1f} / {ref[c]['p99_ms']:.1f}" if c in ref else "-"
                      for c in ("1", "8")]
            lines.append(f"| {row['articles']:,} | {name} | " + " | ".join(cells) + " |")
    lines += ["", "| articles | add 1,000: s | searchable after s | p50 / p99 ms meanwhile (c=8) "
              "| errors |", "|" + " --- |" * 5]
    for row in sizes:
        inc = row["dateline"].get("incremental")
        if inc:
            lines.append(f"| {row['articles']:,} | {inc['add_seconds']:.1f} | "
                         f"{inc['searchable_seconds']:.1f} | {inc['p50_ms_during']:.1f} / "
                         f"{inc['p99_ms_during']:.1f} | {inc['errors_during']} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--results", type=Path, default=ROOT / "docs/performance/scale.json")
    parser.add_argument("--out", type=Path, default=ROOT / "docs/performance/scale.svg")
    parser.add_argument("--table", action="store_true", help="print the figures as Markdown")
    args = parser.parse_args()
    results = json.loads(args.results.read_text())
    sizes = results["sizes"]
    if args.table:
        print(markdown_tables(sizes))
    for row in sizes:  # derived figures
        for system in ("dateline", "reference"):
            index = row.get(system, {}).get("index")
            if index:
                index["articles_per_s"] = row["articles"] / index["seconds"]
                index["kb_per_article"] = index["bytes_after_compact"] / row["articles"] / 1024

    figure, axes = plt.subplots(2, 2, figsize=(11, 8))
    styles = {"dateline": dict(marker="o"), "reference": dict(marker="s", linestyle="--")}
    names = {"dateline": "Dateline", "reference": "plain Xapian (reference)"}
    for system, style in styles.items():
        axes[0][0].plot(*series(sizes, system, ("index", "articles_per_s")), label=names[system],
                        **style)
        axes[0][1].plot(*series(sizes, system, ("index", "peak_rss_mib")), label=names[system],
                        **style)
        axes[1][0].plot(*series(sizes, system, ("index", "kb_per_article")), label=names[system],
                        **style)
    panel(axes[0][0], "Indexing throughput (fresh build)", "articles/s")
    panel(axes[0][1], "Peak RSS while indexing", "MiB")
    panel(axes[1][0], "Index size on disk, compacted", "KiB per article")
    for axis in (axes[0][0], axes[0][1], axes[1][0]):
        axis.legend(fontsize=8)
        axis.set_ylim(bottom=0)

    latency = axes[1][1]
    for number, name in enumerate(CLASSES):
        color = f"C{number}"
        latency.plot(*series(sizes, "dateline", ("queries", name, "8", "p99_ms")), color=color,
                     label=f"{name}", **styles["dateline"])
        latency.plot(*series(sizes, "reference", ("queries", name, "8", "p99_ms")), color=color,
                     **styles["reference"])
    latency.axhline(50, color="grey", linewidth=0.8, linestyle=":")
    panel(latency, "Search p99 at 8 connections (dashed: reference, 8 processes)", "ms")
    latency.legend(fontsize=8, title="query class", title_fontsize=8)
    latency.set_ylim(bottom=0)

    machine = results.get("machine", {})
    figure.suptitle(f"Dateline at scale ({machine.get('cores', '?')} cores, commit "
                    f"{machine.get('commit', '?')}; bench/scale_bench.py)", fontsize=11)
    figure.tight_layout()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
