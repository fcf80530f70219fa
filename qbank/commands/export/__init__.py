"""`qbank export --format moodle|gift|qti|anki`: the bank for LMSs and flashcards, each item's
body from `qbank.render.record_html` (issue #14)."""
