"""MkDocs hook: the pages generated from the bank (qbank.commands.site.hook does the work)."""

from qbank.commands.site.hook import on_config, on_files

__all__ = ["on_config", "on_files"]
