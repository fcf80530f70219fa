"""Parameterized question templates and the variant engine (issue #11): built on the core
model, below `validators` (whose GEN rules check the templates) and beside `qbank.render`."""
