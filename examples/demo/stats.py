"""A small typed pipeline: make numbers, summarize them, and write a report.

Written against the public flytekit API only, so it runs unchanged on flytekit 1.16 and on ours:

    pyflyte run examples/demo/stats.py stats_wf --n 6
    pyflyte run --remote --wait examples/demo/stats.py stats_wf --n 6 --title squares
"""

from typing import Dict, List, Tuple

from flytekit import task, workflow


@task
def squares(n: int) -> List[int]:
    """The squares of 1..n."""
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    return [i * i for i in range(1, n + 1)]


@task
def summarize(values: List[int]) -> Dict[str, float]:
    """Count, sum, mean, min and max of the values."""
    total = float(sum(values))
    return {
        "count": float(len(values)),
        "sum": total,
        "mean": total / len(values),
        "min": float(min(values)),
        "max": float(max(values)),
    }


@task
def report(title: str, stats: Dict[str, float], fair: bool) -> str:
    """One line of text describing the statistics."""
    parts = ", ".join(f"{key}={stats[key]:g}" for key in sorted(stats))
    verdict = "fair" if fair else "skewed"
    return f"{title}: {parts} ({verdict})"


@task
def is_fair(stats: Dict[str, float], tolerance: float) -> bool:
    """Whether the mean lies within `tolerance` of the midpoint of min and max."""
    midpoint = (stats["min"] + stats["max"]) / 2
    return abs(stats["mean"] - midpoint) <= tolerance * (stats["max"] - stats["min"] + 1)


@workflow
def stats_wf(n: int = 10, title: str = "squares", tolerance: float = 0.25) -> Tuple[str, Dict[str, float]]:
    values = squares(n=n)
    stats = summarize(values=values)
    fair = is_fair(stats=stats, tolerance=tolerance)
    return report(title=title, stats=stats, fair=fair), stats
