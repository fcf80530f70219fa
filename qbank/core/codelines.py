"""Lines of Python, and of program output, standing in prose: one test shared by the importer
(which fences them, marked `unfenced`) and TXT009/TXT011 (which report them), so that what
the importer leaves unfenced is not code for the gate either."""

from __future__ import annotations

import ast
import re

_CODE_LINE = re.compile(
    r"""^\s*(
        (from\s+[\w.]+\s+import\s+\w)            # from x import y
      | (import\s+[\w.]+(\s+as\s+\w+)?\s*$)      # import x [as y]
      | ((async\s+)?(def|class)\s+\w+\s*[(:])    # def f( / class C:
      | ([\w.\[\]]+\s*(,\s*[\w.]+\s*)*=\s*[\w.]+\(.*\)\s*(\#.*)?$)   # x = f(...)
      | ((model|tf|keras|np|layers|plt|sess|self)\.\w+(\.\w+)*\(.*\)\s*(\#.*)?$)  # model.fit(...)
      | (print\(.*\)\s*$)                        # print(...)
      | ((with|for|while|if)\s+.+:\s*$)          # with ...:  for ...:
      | (return\s+\S.*$)
    )""",
    re.VERBOSE,
)
# `name = expression` that indexes or slices (`h1 = w * x[1:3]`): an assignment the pattern above
# misses (no call), and one that prose arithmetic (`y = mx + b`) never is.
_ASSIGNS = re.compile(r"^[A-Za-z_][\w.]*\s*=\s*[^=\s].*\[.*\]")
# A sentence announcing a program's output, and the paragraph after it that is that output.
OUTPUT_SAYS = re.compile(
    r"(\b(the|its|this|that)\s+output\s+(will|would|should)\s+be(\s+as\s+follows)?"
    r"|\b(the|its|this|that)\s+output\s+is(\s+as\s+follows)?|^output|\bit\s+prints)\s*:$",
    re.IGNORECASE)
_SENTENCE = re.compile(r"^[A-Z][a-z]+(\s+[\w'’,-]+){3,}[.!?]$")


def looks_like_code(line: str) -> bool:
    """A line of Python that stands in prose (outside any fence or code span)."""
    s = line.strip()
    if not s or s.startswith(("-", "*", "|", ">", "#")):
        return False
    if len(s) > 160 or (s.endswith(".") and "(" not in s):
        return False
    return bool(_CODE_LINE.match(s)) or indexing_assignment(s)


def indexing_assignment(s: str) -> bool:
    """`h1 = w * x[1:3]`: one Python assignment whose value indexes or slices."""
    if not _ASSIGNS.match(s):
        return False
    try:
        tree = ast.parse(s)
    except (SyntaxError, ValueError):
        return False
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assign):
        return False
    return any(isinstance(n, ast.Subscript) for n in ast.walk(tree.body[0].value))


def is_sentence(s: str) -> bool:
    """A sentence: words and spaces ending in a full stop, with no code punctuation."""
    return bool(_SENTENCE.match(s)) and "(" not in s


def looks_like_output(line: str, said: str) -> bool:
    """A line of program output standing in prose: it follows a sentence announcing the output
    (`said`, the last line of text before it) and is no sentence, list, table, formula or code
    span."""
    s = line.strip()
    if not s or "`" in s or len(s) > 120 or not OUTPUT_SAYS.search(said.strip()):
        return False
    return not (s.startswith(("-", "*", "|", ">", "#", "$", "<", "!", "~"))
                or re.match(r"^\[[^\]]*\]\(", s)  # a Markdown link
                or s.endswith((".", "!", "?", ":")) or is_sentence(s) or len(s.split()) > 12)
