"""qbank: grading and content validation for a bank of deep-learning interview questions."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("qbank")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"
