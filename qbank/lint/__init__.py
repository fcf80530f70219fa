"""The lint engine and the explicit rule registry: runs `validators/` over a bank and builds
the findings."""
