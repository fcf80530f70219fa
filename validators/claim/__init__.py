"""CLAIM: statements known to be wrong (CLAIM001) and claims disproved by computation (CLAIM002).

For other code (the seeds fixture test, importers): `scan_text(text)` finds both kinds in any
text and returns `ClaimHit`s with 1-based line numbers::

    from validators.claim import scan_text
    hits = scan_text(Path("seed.txt").read_text(), markdown=False)
    [(h.code, h.key, h.line) for h in hits]   # [("CLAIM001", "relu-output-layer", 512), ...]
"""

from __future__ import annotations

from validators.claim.scan import ClaimHit, scan_text

__all__ = ["ClaimHit", "scan_text"]
