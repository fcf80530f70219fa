"""The MkDocs hook (site/hooks/qbank_pages.py loads it): at build time, validate the bank, make
every page from it and add them to the build in memory; nothing generated is written to site/.

Which bank: `$QBANK_SITE_BANK`, else the `bank/` beside `site/`. A record left out for error
findings is logged as a warning (so `--strict` fails and names it); drafts as info.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qbank.commands.site.pages import (
    RULES,
    SiteContent,
    Variant,
    VariantProvider,
    Verification,
    generate,
)
from qbank.core.model import Record

log = logging.getLogger("mkdocs.plugins.qbank")
BANK_ENV = "QBANK_SITE_BANK"
VARIANT_SEEDS = (1, 2, 3, 4, 5)  # the variants of a template built into its page
_state: dict[str, Any] = {}


def bank_root(config: Any) -> Path:
    if os.environ.get(BANK_ENV):
        return Path(os.environ[BANK_ENV]).resolve()
    return (Path(config.config_file_path).resolve().parent.parent / "bank").resolve()


def variant_provider(seeds: Sequence[int] = VARIANT_SEEDS) -> VariantProvider | None:
    """The GEN engine's variants of a template record (`generators.is_template(record)`,
    `generators.variants(record, seeds)`), or None while the engine does not offer them: the
    site is then built without variants (a template's page shows the record as written)."""
    try:
        import generators
    except ImportError:  # pragma: no cover - generators ships with qbank
        return None
    is_template = getattr(generators, "is_template", None)
    make = getattr(generators, "variants", None)
    if not callable(is_template) or not callable(make):
        return None

    def provide(record: Record) -> Sequence[Variant]:
        if not is_template(record):
            return []
        try:
            return list(make(record, list(seeds)))
        except Exception as exc:  # the template's GEN findings say why; the page goes without
            log.warning("%s: no variants on its page: %s: %s", record.id,
                        type(exc).__name__, exc)
            return []

    return provide


def rules_dir(site_url: str | None, docs_url: str) -> str:
    """Where the rule pages go in the site: `docs_url` (where findings' `url` point) relative to
    the site's `site_url`, so that `<docs_url><CODE>/` is `<that dir>/<CODE>/index.html`."""
    base = (site_url or "").rstrip("/") + "/"
    if site_url and docs_url.startswith(base):
        rel = docs_url[len(base):].strip("/")
        if rel and ".." not in rel.split("/"):
            return rel
    log.warning("docs_url %s is not a folder under site_url %s: the rule pages go to rules/ "
                "and findings' urls do not lead to them", docs_url, site_url)
    return RULES


def verify(root: Path) -> tuple[Any, Verification, Any]:
    from qbank.core.config import load_config
    from qbank.core.loader import load_bank
    from qbank.lint.engine import validate

    pyproject = root.parent / "pyproject.toml"
    config = load_config(pyproject if pyproject.exists() else None)
    bank = load_bank(root)
    result = validate(bank, config)
    from qbank.lint.registry import all_rules

    families = {r.family for r in all_rules().values() if config.enabled(r)}
    # result.bank: templates as they publish (their defaults); `.written` keeps the template
    return result.bank, Verification.of(result.verdicts, result.findings, result.tool,
                                        families), config


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    from qbank.lint.registry import all_rules

    start = time.perf_counter()
    root = bank_root(config)
    bank, verification, qconfig = verify(root)
    validated = time.perf_counter()
    where = rules_dir(config.site_url, qconfig.docs_url)
    content: SiteContent = generate(bank, verification, all_rules().values(),
                                    variants=variant_provider(), rules_dir=where)
    for e in content.excluded:
        if e.error:
            log.warning("%s: not published: %s", e.path, e.reason)
        else:
            log.info("%s: not published: %s", e.path, e.reason)
    for path, text in content.pages.items():
        if files.get_file_from_path(path) is not None:
            files.remove(files.get_file_from_path(path))
        files.append(File.generated(config, path, content=text))
    # the navigation: home, the topics, tags, rules (a question is reached from its topic, the
    # tags and search: listing every question on every page would weigh each page down)
    topics = [{bank.topics[key].title: path} for path in content.pages
              if path.startswith("questions/") and path.endswith("/index.md")
              for key in [path.split("/")[1]]]
    order = {k: i for i, k in enumerate(bank.topics)}
    topics.sort(key=lambda t: order.get(next(iter(t.values())).split("/")[1], 0))
    config.nav = [{"Home": "index.md"}, {"Questions": topics}, {"Tags": "tags.md"},
                  {"Rules": f"{where}/index.md"}]
    _state.update(content=content, validate_s=validated - start,
                  generate_s=time.perf_counter() - validated)
    log.info("qbank: %d questions published, %d pages generated (validation %.1f s, "
             "pages %.1f s)", len(content.published), len(content.pages),
             _state["validate_s"], _state["generate_s"])
    return files


def on_config(config: Any) -> Any:
    # the bank's records are watched by `mkdocs serve` / `qbank site serve`
    root = str(bank_root(config))
    if root not in config.watch:
        config.watch.append(root)
    return config
