"""Benchmarks (run as scripts, never collected by pytest): the synthetic district they share
(district.py) and one script per issue (bench_matching.py, bench_stats.py)."""
