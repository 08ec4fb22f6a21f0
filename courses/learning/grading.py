"""Self-check grading: pure functions over a self-check block's value and an answer.

The answer names options by their block ids, never by position or text, so the page
can show answers in a neutral order and carry nothing that says which is right.
Anything that does not name this question's own options is refused, not graded.
"""

import random
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_REFLECTION = 4000


class AnswerError(ValueError):
    """An answer that cannot be graded (tampered, empty or of the wrong shape)."""


@dataclass
class Option:
    id: str
    text: str
    correct: bool
    feedback: str


@dataclass
class Grade:
    # None for reflections: there is no right answer, only an answer.
    correct: bool | None
    feedback: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.correct is not False


def options_of(value) -> list[Option]:
    options = value.get("options")
    if options is None:
        return []
    children = getattr(options, "bound_blocks", None)
    if children is None:
        return []
    return [
        Option(
            id=str(child.id),
            text=child.value.get("text", ""),
            correct=bool(child.value.get("correct")),
            feedback=child.value.get("feedback") or "",
        )
        for child in children
    ]


def shown_order(block_id: str, options: list[Option]) -> list[Option]:
    """The order the page shows: a fixed shuffle per question, so an ordering question
    never shows its answer and a reload shows the same order."""
    shuffled = list(options)
    random.Random(block_id).shuffle(shuffled)  # noqa: S311 - layout, not security
    if len(shuffled) > 1 and [o.id for o in shuffled] == [o.id for o in options]:
        shuffled = shuffled[1:] + shuffled[:1]
    return shuffled


def parse_answer(kind: str, options: list[Option], data) -> dict:
    """The stored answer from submitted form data (a QueryDict or a dict of lists)."""
    ids = {option.id for option in options}
    getlist = data.getlist if hasattr(data, "getlist") else lambda key: data.get(key, [])
    if kind == "reflection":
        text = (getlist("text") or [""])[0].strip()
        if not text:
            raise AnswerError(_("Write a few words before you send."))
        if len(text) > MAX_REFLECTION:
            raise AnswerError(_("Keep it under %(n)s characters.") % {"n": MAX_REFLECTION})
        return {"text": text}
    if kind in ("single", "audio"):
        chosen = getlist("choice")
        if len(chosen) != 1:
            raise AnswerError(_("Choose one answer."))
        if chosen[0] not in ids:
            raise AnswerError(_("That answer is not one of this question's answers."))
        return {"choices": chosen}
    if kind == "multiple":
        chosen = getlist("choice")
        if not chosen:
            raise AnswerError(_("Choose at least one answer."))
        if len(set(chosen)) != len(chosen) or not set(chosen) <= ids:
            raise AnswerError(_("That answer is not one of this question's answers."))
        return {"choices": chosen}
    if kind == "ordering":
        positions = {}
        for option in options:
            raw = (getlist(f"position-{option.id}") or [""])[0]
            try:
                positions[option.id] = int(raw)
            except ValueError as exc:
                raise AnswerError(_("Give every answer a place in the order.")) from exc
        if sorted(positions.values()) != list(range(1, len(options) + 1)):
            raise AnswerError(_("Use every place once: 1, 2, 3 and so on."))
        return {"order": sorted(positions, key=positions.get)}
    raise AnswerError(_("This question cannot be answered."))


def grade(kind: str, value, answer: dict) -> Grade:
    """Grade a stored answer against the question as it is now (regrading calls this
    again after an editor fixed the question)."""
    options = options_of(value)
    by_id = {option.id: option for option in options}
    right, wrong = value.get("feedback_correct") or "", value.get("feedback_wrong") or ""
    if kind == "reflection":
        text = answer.get("text", "")
        return Grade(correct=None if text else False, feedback=[right] if right and text else [])
    if kind == "ordering":
        order = answer.get("order", [])
        correct = order == [option.id for option in options]
        return Grade(
            correct=correct,
            feedback=[right if correct else wrong] if (right if correct else wrong) else [],
        )
    chosen = [by_id[i] for i in answer.get("choices", []) if i in by_id]
    if len(chosen) != len(answer.get("choices", [])) or not chosen:
        # An option the editor has since removed: the answer no longer counts as right.
        correct = False
    else:
        correct = {o.id for o in chosen} == {o.id for o in options if o.correct}
    feedback = [o.feedback for o in chosen if o.feedback]
    general = right if correct else wrong
    if general:
        feedback.append(general)
    return Grade(correct=correct, feedback=feedback)
