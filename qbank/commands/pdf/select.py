"""Which records a set prints: the shared selection of `qbank.core.selection` (also `qbank
export`'s), its problems as PdfError."""

from __future__ import annotations

from qbank.commands.pdf.spec import PdfError, Selection
from qbank.core.loader import Bank, LoadedRecord
from qbank.core.selection import SelectionError
from qbank.core.selection import select as _select


def select(bank: Bank, sel: Selection) -> list[LoadedRecord]:
    try:
        return _select(bank, sel)
    except SelectionError as exc:
        raise PdfError(str(exc)) from None
