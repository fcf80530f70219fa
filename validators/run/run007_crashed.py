"""RUN007 crashed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.run import FenceRun, analysis, in_setup, short

if TYPE_CHECKING:
    from qbank.services.sandbox import JobResult

# how a run ends that other rules report: ran, raised, too slow, printed too much
_OTHERS = ("ok", "raised", "timeout", "output-limit")


def _result(fr: FenceRun, res: JobResult) -> Result:
    at = fr.fence.opening_pos(fr.rec)
    if res.status == "memory":
        return Result(f"the code ran out of memory (the sandbox allows 2 GiB)"
                      f"{in_setup(res.where)}: {short(res.message)}",
                      hint="use smaller arrays or models", at=fr.pos(res.where, res.line))
    if res.status == "exited":
        msg = res.message or ""
        what = msg if msg.startswith("the interpreter") else f"the code called sys.exit({msg})"
        return Result(f"the interpreter stopped before the code finished: {what}",
                      hint="do not call `sys.exit`/`os._exit` in an answer's code; let it end "
                           "normally", at=at)
    if res.status == "crashed":
        return Result(f"the interpreter crashed: {res.message}",
                      hint="the code crashes Python itself (native code, a fork bomb, a limit): "
                           "simplify it", at=at)
    # "error": the sandbox itself failed; not the record's fault, but not checked either
    return Result(f"the code could not be run: {res.message}",
                  hint="the sandbox failed; run `qbank validate --no-cache` again and report the "
                       "problem if it persists", at=at)


@rule("RUN007", "crashed", scope="bank")
def crashed(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """The interpreter dies while running a python fence (a signal, `os._exit`, the memory limit).

    Why: a snippet that kills Python (a segfault in native code, `os._exit`, a memory bomb,
    a fork bomb) cannot be what an answer means to show. The sandbox contains it and reports
    how it ended.

    Example:
    ~~~yaml
    # file: bank/keras/exit-a-script.yaml
    id: exit-a-script
    title: Ending a script
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How does a training script end?
    answer: |
      ```python
      import os
      print("training done")
      os._exit(1)
      ```
    ~~~

    Instead:
    ~~~yaml
    # file: bank/keras/exit-a-script.yaml
    id: exit-a-script
    title: Ending a script
    topic: keras
    type: open
    difficulty: easy
    tags: [keras]
    question: How does a training script end?
    answer: |
      ```python
      print("training done")
      ```
    ~~~
    """
    for fr in analysis(ctx).runs:
        if fr.result is not None and fr.result.status not in _OTHERS:
            yield fr.rec, _result(fr, fr.result)
