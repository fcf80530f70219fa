"""`qbank site build` and `qbank site serve`: MkDocs on site/mkdocs.yml, the bank's pages made
by the hook (qbank.commands.site.hook)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from qbank.commands.site.hook import BANK_ENV

SITE_DIR = Path(__file__).resolve().parents[3] / "site"
CONFIG = SITE_DIR / "mkdocs.yml"


class SiteError(Exception):
    """The site could not be built (a strict build's warnings, a bad configuration)."""


def _logging() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_qbank", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._qbank = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _config(out: Path | None, strict: bool, bank: Path | None) -> Any:
    from mkdocs.config import load_config

    if bank is not None:
        os.environ[BANK_ENV] = str(bank.resolve())
    kwargs: dict[str, Any] = {"strict": strict}
    if out is not None:
        kwargs["site_dir"] = str(out.resolve())
    return load_config(config_file=str(CONFIG), **kwargs)


def build(out: Path | None = None, *, strict: bool = False, bank: Path | None = None) -> Path:
    """Build the site into `out` (default build/site); return where it is."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    _logging()
    saved = os.environ.get(BANK_ENV)
    try:
        config = _config(out, strict, bank)
        mkdocs_build(config)
    except MkDocsException as exc:
        raise SiteError(str(exc)) from exc
    finally:
        if saved is None:
            os.environ.pop(BANK_ENV, None)
        else:
            os.environ[BANK_ENV] = saved
    return Path(config["site_dir"])


def serve(*, bank: Path | None = None, address: str = "127.0.0.1:8000",
          strict: bool = False) -> None:
    """Serve the site and rebuild it when a record (or the site) changes."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    _logging()
    if bank is not None:
        os.environ[BANK_ENV] = str(bank.resolve())
    mkdocs_serve(config_file=str(CONFIG), dev_addr=address, strict=strict)
