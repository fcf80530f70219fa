"""qbank's rules: one module per rule, grouped by family (see `qbank.lint.registry`)."""
