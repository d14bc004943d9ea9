"""Each scoring part and their sum, without a database."""

from volunteer.matching.scoring import (
    DEFAULT_WEIGHTS,
    Part,
    Reason,
    category_fit,
    fairness,
    grams,
    load,
    proximity,
    reasons,
    reliability,
    skill_fit,
    total,
)


def test_grams_are_character_bigrams_and_latin_words():
    assert grams("空调清洗") == {"空调", "调清", "清洗"}
    assert grams("修 TV") == {"修", "tv"}
    assert grams("") == set()


class TestCategory:
    def test_serving_team_fits(self):
        part = category_fit("repair", ["repair"])
        assert part.score == 1.0
        assert part.reason == Reason("serves_category", {"category": "repair"})

    def test_other_team_does_not(self):
        assert category_fit("repair", ["legal", "other"]) == Part("category", 0.0)


class TestSkill:
    def test_tag_contained_in_the_text_fits_fully(self):
        part = skill_fit("家里跳闸了，想找个电工看看", ["护理", "电工"])
        assert part.score == 1.0
        assert part.reason == Reason("skill", {"skill": "电工"})

    def test_word_order_does_not_matter(self):
        assert skill_fit("客厅空调漏水，需要清洗", ["空调清洗"]).score >= 2 / 3

    def test_unrelated_skills_score_nothing(self):
        part = skill_fit("咨询遗产继承问题", ["电工", "水暖"])
        assert part.score == 0.0
        assert part.reason is None

    def test_no_tags(self):
        assert skill_fit("修暖气", []).score == 0.0


class TestProximity:
    # Grids are records: the same grid is the same id (the name is only for the reason).
    common = {"order_grid": 7, "order_community": 1, "order_street": 10}

    def test_same_grid_beats_same_community_beats_same_street(self):
        grid = proximity(**self.common, grid=7, grid_name="一网格", community=1, street=10)
        community = proximity(**self.common, grid=8, grid_name="二网格", community=1, street=10)
        street = proximity(**self.common, grid=7, community=2, street=10)
        far = proximity(**self.common, grid=None, community=3, street=11)
        assert grid.score > community.score > street.score > far.score == 0
        assert grid.reason == Reason("same_grid", {"grid": "一网格"})
        assert street.reason.key == "same_street"

    def test_an_order_without_grid_is_near_the_whole_community(self):
        part = proximity(
            order_grid=None, order_community=1, order_street=10, grid=None, community=1, street=10
        )
        assert part.reason.key == "same_community"


def test_load_prefers_free_hands():
    assert load(0).score > load(1).score > load(3).score
    assert load(2).reason == Reason("open_claims", {"count": 2})
    assert load(0).reason.key == "no_open_claims"


class TestReliability:
    def test_two_perfect_ratings_do_not_outrank_fifty_excellent_ones(self):
        newcomer = reliability(completed=2, on_time=2, rated=2, score_sum=10)
        veteran = reliability(completed=50, on_time=48, rated=50, score_sum=240)
        assert veteran.score > newcomer.score

    def test_poor_history_scores_below_unknown(self):
        unknown = reliability(completed=0, on_time=0, rated=0, score_sum=0)
        poor = reliability(completed=10, on_time=2, rated=10, score_sum=20)
        assert poor.score < unknown.score
        assert unknown.reason is None
        assert poor.reason == Reason("rating", {"average": 2.0, "count": 10})

    def test_score_stays_within_bounds(self):
        best = reliability(completed=1000, on_time=1000, rated=1000, score_sum=5000)
        worst = reliability(completed=1000, on_time=0, rated=1000, score_sum=1000)
        assert 0.0 <= worst.score < best.score <= 1.0


def test_fairness_favours_those_who_have_not_served():
    assert fairness(0).score > fairness(1).score > fairness(5).score
    assert fairness(0).reason.key == "no_service_this_period"
    assert fairness(3).reason == Reason("services_this_period", {"count": 3})


class TestTotal:
    def test_weighted_sum(self):
        parts = [Part("category", 1.0), Part("skill", 0.5), Part("fairness", 1.0)]
        expected = (
            DEFAULT_WEIGHTS["category"]
            + 0.5 * DEFAULT_WEIGHTS["skill"]
            + DEFAULT_WEIGHTS["fairness"]
        )
        assert total(parts) == round(expected, 4)

    def test_weights_are_settings(self):
        parts = [Part("category", 1.0), Part("skill", 1.0)]
        assert total(parts, {"category": 0, "skill": 1}) == 1.0

    def test_category_fit_outweighs_everything_else_but_skill_and_category_together(self):
        serving = [category_fit("repair", ["repair"]), fairness(5), load(2)]
        skilled_outsider = [
            category_fit("repair", ["legal"]),
            skill_fit("修水管", ["水管"]),
            fairness(5),
            load(2),
        ]
        assert total(serving) > total(skilled_outsider)

    def test_reasons_skip_silent_parts(self):
        parts = [category_fit("repair", ["legal"]), load(0)]
        assert reasons(parts) == [Reason("no_open_claims")]
