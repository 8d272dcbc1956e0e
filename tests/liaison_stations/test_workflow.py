"""The state tables, read as the measures say; no database."""

from liaison_stations import workflow
from liaison_stations.workflow import OpinionStatus as S


def test_a_point_s_record_waits_to_be_sent_to_the_station():
    assert workflow.initial_status(at_point=True, online=False) == S.REGISTERED
    assert workflow.opinion_target("report", S.REGISTERED) == S.PENDING


def test_records_made_at_the_station_or_online_are_at_the_station_at_once():
    assert workflow.initial_status(at_point=False, online=False) == S.PENDING
    assert workflow.initial_status(at_point=True, online=True) == S.PENDING


def test_the_station_forwards_and_answers_only_what_it_has():
    assert workflow.opinion_target("forward", S.REGISTERED) is None
    assert workflow.opinion_target("answer", S.REGISTERED) is None
    assert workflow.opinion_target("forward", S.PENDING) == S.FORWARDED
    assert workflow.opinion_target("answer", S.FORWARDED) == S.ANSWERED


def test_a_matter_can_be_forwarded_again_elsewhere():
    assert workflow.opinion_target("forward", S.FORWARDED) == S.FORWARDED


def test_the_visitor_is_told_only_after_the_answer():
    assert workflow.opinion_target("feedback", S.FORWARDED) is None
    assert workflow.opinion_target("feedback", S.ANSWERED) == S.CLOSED


def test_a_matter_in_hand_cannot_be_set_aside():
    assert workflow.opinion_target("dismiss", S.FORWARDED) is None
    assert workflow.opinion_target("dismiss", S.PENDING) == S.DISMISSED


def test_only_matters_in_hand_or_answered_and_not_secret_are_published():
    assert workflow.is_published(S.FORWARDED, is_secret=False)
    assert workflow.is_published(S.CLOSED, is_secret=False)
    assert not workflow.is_published(S.CLOSED, is_secret=True)
    assert not workflow.is_published(S.PENDING, is_secret=False)
    assert not workflow.is_published(S.DISMISSED, is_secret=False)


def test_a_held_or_cancelled_reception_is_final():
    assert workflow.reception_target("hold", "scheduled") == "held"
    assert workflow.reception_target("cancel", "held") is None
    assert workflow.reception_target("hold", "cancelled") is None


def test_every_transition_cites_an_article_of_the_measures():
    for transition in [*workflow.OPINION_TRANSITIONS.values(), *workflow.RECEPTION_TRANSITIONS.values()]:
        assert transition.article.startswith("D§")
