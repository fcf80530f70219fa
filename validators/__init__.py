"""qbank's rules: one module per rule, grouped by family (see `validators.registry`)."""
