"""The workflow tests' expression evaluator agrees with GitHub's documented semantics."""

import pytest
from workflow_runner.expressions import ExpressionError, condition, evaluate, interpolate

CONTEXTS = {"github": {"event_name": "push", "ref": "refs/heads/main",
                       "event": {"pull_request": None, "commits": [{"id": "a1"}]}},
            "steps": {"pr": {"outputs": {"number": ""}}}, "vars": {}}


@pytest.mark.parametrize("expression, value", [
    ("github.event_name == 'PUSH'", True),  # strings compare without case
    ("github.event.pull_request.head.ref", None),  # a missing property is null
    ("github.event.pull_request.head.ref || 'clean-up'", "clean-up"),
    ("github.event_name == 'push' && 'yes' || 'no'", "yes"),
    ("github.event_name != 'push' && 'yes' || 'no'", "no"),
    ("steps.pr.outputs.number != ''", False),
    ("!steps.pr.outputs.number", True),
    ("format('pr-{0}-{1}', 12, github.ref)", "pr-12-refs/heads/main"),
    ("github.event.commits[0].id", "a1"),
    ("vars.SITE_URL", None),
    ("contains('refs/heads/main', 'HEADS')", True),
    ("1 == '1'", True),
    ("null == 0", True),
])
def test_expressions(expression, value):
    assert evaluate(expression, CONTEXTS) == value


def test_interpolation_writes_null_as_nothing_and_booleans_as_words():
    text = "a${{ vars.SITE_URL }}b ${{ github.event_name == 'push' }}"
    assert interpolate(text, CONTEXTS) == "ab true"


def test_a_condition_without_a_status_function_needs_success():
    assert condition("github.event_name == 'push'", CONTEXTS, {"success": True})
    assert not condition("github.event_name == 'push'", CONTEXTS, {"success": False})
    assert condition("always() && github.event_name == 'push'", CONTEXTS, {"success": False})


def test_an_unknown_context_is_an_error():
    with pytest.raises(ExpressionError):
        evaluate("secrets.TOKEN", CONTEXTS)
