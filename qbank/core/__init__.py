"""The core layer: the record model, the loader, fences, findings, configuration, the cache.

Imports nothing of qbank above it, and no heavy library (TensorFlow, torch) at all."""
