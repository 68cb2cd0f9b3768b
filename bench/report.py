"""Print a results file as the Markdown table docs/performance.md uses.

.venv/bin/python -m bench.report bench/results/2026-11-25-pages.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def markdown(result: dict) -> str:
    floor_cpu = result["pages"][0].get("probe", {}).get("cpu_ms")
    lines = [
        "| page | path | queries | CPU ms | × floor CPU | req/s | p50 ms | p95 ms | errors "
        "| × floor req/s |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in result["pages"]:
        found = row.get("probe") or {}
        load = row.get("load")
        cpu = found.get("cpu_ms")
        cpu_ratio = f"{cpu / floor_cpu:.1f}" if cpu and floor_cpu else "–"
        cells = [
            row["name"],
            f"`{row['path']}`" if row["path"] else "–",
            str(found.get("queries", "–")),
            f"{cpu:.2f}" if cpu is not None else "–",
            cpu_ratio,
        ]
        if load:
            cells += [
                f"{load['rps']:.0f}",
                f"{load['p50_ms']:.1f}",
                f"{load['p95_ms']:.1f}",
                str(load["errors"]),
                f"{row['ratio_to_floor']:.3f}",
            ]
        else:
            cells += [row.get("note", "–"), "", "", "", ""]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        f"Floor {result['floor_rps']:.0f} req/s (mean of start and end; drift "
        f"{result['floor_drift']:+.0%}); load average "
        f"{result['load_average']['start'][0]:.1f} → {result['load_average']['end'][0]:.1f}; "
        f"{result['data']['people']} people, {result['data']['organisations']} organisations; "
        f"{result['server']['database']}, commit {result['commit']}."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(markdown(json.loads(Path(name).read_text())))
