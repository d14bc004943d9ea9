"""The draw of a sample, as a pure function: the same population, seed, rate and minimum
always give the same orders, so anyone can repeat a stored draw and check it."""

import math
import random
import secrets


def new_seed() -> str:
    """A fresh random seed (stored with the sample)."""
    return secrets.token_hex(16)


def sample_size(population: int, rate: float, minimum: int) -> int:
    """`rate` of the population rounded up, at least `minimum`, at most all there is."""
    return min(population, max(minimum, math.ceil(population * rate)))


def draw(
    population: dict[int, list[int]], seed: str, rate: float, minimum: int
) -> dict[int, list[int]]:
    """Per community (in id order), the sampled order ids (ascending) from its closed orders.

    One generator seeded with `seed` runs through the communities in id order over each
    community's ids sorted, so the order of the input never changes the outcome."""
    generator = random.Random(seed)
    chosen = {}
    for community_id in sorted(population):
        ids = sorted(population[community_id])
        size = sample_size(len(ids), rate, minimum)
        chosen[community_id] = sorted(generator.sample(ids, size))
    return chosen
