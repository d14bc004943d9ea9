"""The draw is a pure function of the population, seed, rate and minimum."""

from volunteer.surveys.sampling import draw, sample_size


def test_sample_size_is_rate_rounded_up_at_least_minimum_at_most_all():
    assert sample_size(100, 0.1, 5) == 10
    assert sample_size(101, 0.1, 5) == 11
    assert sample_size(20, 0.1, 5) == 5
    assert sample_size(3, 0.1, 5) == 3
    assert sample_size(0, 0.1, 5) == 0


def test_same_seed_same_draw_whatever_the_input_order():
    population = {2: list(range(100, 160)), 1: list(range(1, 40))}
    shuffled = {1: list(reversed(range(1, 40))), 2: list(range(159, 99, -1))}
    first = draw(population, "abc123", 0.1, 5)
    assert first == draw(shuffled, "abc123", 0.1, 5)
    assert [len(first[1]), len(first[2])] == [5, 6]
    assert set(first[1]) <= set(population[1]) and set(first[2]) <= set(population[2])


def test_another_seed_draws_differently():
    population = {1: list(range(1000))}
    assert draw(population, "one", 0.1, 5) != draw(population, "two", 0.1, 5)
