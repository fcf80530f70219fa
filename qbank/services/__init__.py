"""Services: the expensive machinery that rules and commands share (the sandbox that runs
code, the embedding model, duplicate search). Built on the core only."""
