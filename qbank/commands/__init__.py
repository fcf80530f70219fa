"""Commands: the command line (one module per command), the reports, the importer, and the
publishing commands (site, PDF, export, grading). The top layer: nothing imports it."""
