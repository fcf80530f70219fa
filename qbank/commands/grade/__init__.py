"""`qbank grade`: learners' responses against the answer keys the bank verified. Choice
questions by letter or text with named partial-credit rules (`choice.py`), numeric ones with
tolerance or the stated precision (`numeric.py`), symbolic ones by sympy equivalence with a
record's `expression` (`symbolic.py`), code run in the sandbox against the record's python
checks or expected output (`code.py`, one batch for all); other open and code answers are
listed for manual grading. Per-learner scores, per-response verdicts, and an item analysis
(`analysis.py`). See docs/grade.md."""

from qbank.commands.grade.run import Graded, grade_file

__all__ = ["Graded", "grade_file"]
