"""`qbank pdf`: printed question sets and their answer keys, typeset with Typst (PyPI `typst`,
offline, its embedded fonts) from `qbank.render`. The same set and bank give byte-identical
PDFs. See docs/pdf.md.

    spec = load_set(Path("sets/fundamentals.yaml"))      # or SetSpec(select=Selection(...))
    build_set(load_bank(Path("bank")), spec, Path("build/pdf"), config=load_config())
"""

from qbank.commands.pdf.build import Built, build_set, typeset
from qbank.commands.pdf.spec import PdfError, Selection, SetSpec, load_set

__all__ = ["Built", "PdfError", "Selection", "SetSpec", "build_set", "load_set", "typeset"]
