"""Splitting skill tags and order texts into grams: pure, no database (matching scores with
them, the skill index stores them)."""

import re
from functools import lru_cache

CJK_OR_WORD = re.compile(r"[\u4e00-\u9fff]+|[a-z0-9]+")


@lru_cache(maxsize=4096)
def grams(text: str) -> frozenset[str]:
    """Character bigrams of the Chinese runs and whole Latin words: segmentation without a
    dictionary, so that 空调清洗 meets 清洗空调 and 电工 meets 找个电工.

    Cached (hence frozen): ranking scores one order text against hundreds of candidates'
    tags, and tags repeat across members."""
    found: set[str] = set()
    for run in CJK_OR_WORD.findall(text.lower()):
        if run.isascii() or len(run) == 1:
            found.add(run)
        else:
            found.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(found)
