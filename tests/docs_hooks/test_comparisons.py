"""pages/comparisons.py: Policy comparisons (comparisons.md.j2), each answered by `iamkb compare`."""

from __future__ import annotations

from pages import comparisons

from iamkb.compare import compare
from iamkb.render import render_each


def test_the_four_answers():
    """The questions the site answers, pinned: a change in a snippet or in compare that flips one is news."""
    answers = {}
    for question in comparisons.QUESTIONS:
        a, b = render_each([question.a, question.b], question.values)
        answers[question.title] = compare(a.document(), b.document()).a_allows_more
    assert list(answers.values()) == [False, False, False, True]


def test_each_question_shows_the_answer_its_result_gives():
    markdown = comparisons.markdown()
    for question in comparisons.QUESTIONS:
        answer = comparisons.answer(question)
        part = markdown.split(f"\n## {question.title}\n", 1)[1].split("\n## ", 1)[0]
        if answer["covered"]:
            assert '!!! success "Covered"' in part and question.if_covered in part and question.if_not not in part
        else:
            assert '!!! warning "Not covered"' in part and question.if_not in part
        assert f"```bash\n{question.command()}\n```" in part
        assert f"Output (exit status {answer['exit_status']}):" in part and answer["output"] in part


def test_the_command_sets_each_value():
    question = comparisons.QUESTIONS[2]
    assert question.command() == (
        "iamkb compare built-in-task-types AmazonSageMakerGroundTruthExecution \\\n"
        "    --set input-bucket-name=my-groundtruth-input \\\n"
        "    --set output-bucket-name=my-groundtruth-output"
    )
