"""`qbank grade`: learners' responses against the answer keys, numbers compared with
`qbank.core.numbers` (issue #14)."""
