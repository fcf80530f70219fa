"""`qbank site build|serve`: the MkDocs Material site (site/), its generated pages made from
`qbank.render` and the rule pages made from the rules' docstrings (issue #12)."""
