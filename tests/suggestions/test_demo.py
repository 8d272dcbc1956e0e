import pytest
from django.core.management import call_command

from suggestions.models import Assignment, Suggestion
from suggestions.workflow import AssignmentStatus, Status

pytestmark = pytest.mark.django_db


def test_seed_scale_generates_suggestions_and_assignments_in_every_state():
    call_command("seed_demo", "--scale", "400", "--password", "x-demo-1")
    generated = Suggestion.objects.filter(body="生成的演示建议内容。")
    assert generated.count() == 400
    assert set(generated.values_list("status", flat=True)) >= {
        Status.SUBMITTED,
        Status.ASSIGNED,
        Status.WITHDRAWN,
    }
    states = set(Assignment.objects.values_list("status", flat=True))
    assert states >= {
        AssignmentStatus.PENDING,
        AssignmentStatus.HANDLING,
        AssignmentStatus.OBJECTED,
        AssignmentStatus.REASSIGNED,
    }
    assert 2.5 < Assignment.objects.count() / 400 < 3.5  # about 300,000 for 100,000
    numbers = [n or 0 for n in generated.order_by("number").values_list("number", flat=True)]
    assert numbers == list(range(numbers[0], numbers[0] + 400))


def test_the_demo_has_suggestions_in_several_states_for_the_demo_accounts():
    call_command("seed_demo", "--password", "x-demo-1")
    mine = Suggestion.objects.filter(lead_deputy__user__username="deputy1")
    assert mine.exists()
    assert set(Suggestion.objects.values_list("status", flat=True)) >= {
        Status.DRAFT,
        Status.SUBMITTED,
        Status.ASSIGNED,
    }
    assert Assignment.objects.filter(unit__name="省教育厅").exists()  # unit1's inbox is not empty
