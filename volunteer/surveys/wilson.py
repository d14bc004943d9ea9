"""Rates with their Wilson score intervals (95 %), and the index that weighs them."""

import math

Z95 = 1.959964


def wilson(successes: int, count: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of a proportion; None without observations.

    Unlike the normal approximation it stays inside [0, 1] and is honest for small counts
    and for rates near 0 or 1 (a 10-for-10 sample is not a certain 100 %)."""
    if count == 0:
        return None
    p = successes / count
    denominator = 1 + z * z / count
    centre = (p + z * z / (2 * count)) / denominator
    half = z * math.sqrt(p * (1 - p) / count + z * z / (4 * count * count)) / denominator
    return max(0.0, round(centre - half, 4)), min(1.0, round(centre + half, 4))


def part(successes: int, count: int) -> dict:
    """One part of the index: its rate, count and interval."""
    interval = wilson(successes, count)
    return {
        "rate": round(successes / count, 4) if count else None,
        "count": count,
        "satisfied": successes,
        "low": interval[0] if interval else None,
        "high": interval[1] if interval else None,
    }


def weighted_index(parts: dict[str, dict], weights: dict[str, float]) -> float | None:
    """The weighted mean of the parts that have answers (their weights rescaled to sum 1)."""
    used = {name: p for name, p in parts.items() if p["count"] and weights.get(name, 0) > 0}
    total = sum(weights[name] for name in used)
    if not total:
        return None
    return round(sum(weights[name] * used[name]["rate"] for name in used) / total, 4)
