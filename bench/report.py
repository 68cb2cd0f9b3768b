"""Print a results file as the Markdown tables docs/performance.md uses.

.venv/bin/python -m bench.report bench/results/2026-12-02-pages.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _f(value, fmt: str) -> str:
    return "–" if value is None else format(value, fmt)


def markdown(result: dict) -> str:
    lines = [
        "| page | queries | CPU ms | cached CPU ms | server CPU ms/req | req/s | p50 ms | p95 ms "
        "| × floor | uncached: server CPU ms/req | req/s | p50 ms | p95 ms | errors |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in result["pages"]:
        found = row.get("probe") or {}
        load = row.get("load") or {}
        uncached = row.get("load_uncached") or {}
        if row["name"] == "floor":
            floor = result["floor"]["cached"]
            load = {
                "server_cpu_ms_per_request": floor["floor_server_cpu_ms_per_request"],
                "rps": floor["floor_median_rps"],
                "p50_ms": floor["floor_p50_ms"],
                "p95_ms": floor["floor_p95_ms"],
                "ratio_to_floor": 1.0,
            }
        cells = [
            row["name"] + (f" `{row['path']}`" if row.get("path") else ""),
            _f(found.get("queries"), "d"),
            _f(found.get("cpu_ms"), ".2f"),
            _f(found.get("cached_cpu_ms"), ".2f"),
        ]
        if not load and not uncached:
            cells += [row.get("note", "–")] + [""] * 9
        else:
            cells += [
                _f(load.get("server_cpu_ms_per_request"), ".2f"),
                _f(load.get("rps"), ".0f"),
                _f(load.get("p50_ms"), ".1f"),
                _f(load.get("p95_ms"), ".1f"),
                _f(load.get("ratio_to_floor"), ".3f"),
                _f(uncached.get("server_cpu_ms_per_request"), ".2f"),
                _f(uncached.get("rps"), ".0f"),
                _f(uncached.get("p50_ms"), ".1f"),
                _f(uncached.get("p95_ms"), ".1f"),
                str(load.get("errors", 0) + uncached.get("errors", 0)),
            ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    floors = "; ".join(
        f"floor ({name}) median {f['floor_median_rps']:.0f} req/s "
        f"(min {f['floor_min_rps']:.0f}, max {f['floor_max_rps']:.0f})"
        for name, f in result["floor"].items()
    )
    data = result["data"]
    lines.append(
        f"{result['load']['clients']} clients ({result['load']['tool']}), "
        f"{result['load']['duration_s']:.0f} s per page; {floors}; load average "
        f"{result['load_average']['start'][0]:.1f} → {result['load_average']['end'][0]:.1f}; "
        f"{data['people']} people; {result['server']['database']}, commit "
        f"{result['commit']}; {result['elapsed_s']:.0f} s."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(markdown(json.loads(Path(name).read_text())))
