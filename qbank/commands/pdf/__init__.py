"""`qbank pdf`: printed question sets and their answer keys, typeset with Typst from
`qbank.render.record_typst` (issue #13)."""
