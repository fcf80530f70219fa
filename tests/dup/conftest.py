"""Helpers for the DUP tests: records with just the fields a duplicate search reads."""

from __future__ import annotations

REC = """\
id: {id}
title: {title}
topic: {topic}
type: open
difficulty: easy
tags: [test]
question: |
  {question}
answer: |
  {answer}
{extra}"""


_WORDS = ["tensor", "gradient", "kernel", "stride", "epoch", "batch", "optimizer", "momentum",
          "decay", "dropout", "embedding", "attention", "encoder", "decoder", "softmax", "logits",
          "pooling", "residual", "filter", "channel", "sigmoid", "bias", "weight", "layer",
          "scheduler", "checkpoint", "callback", "metric"]


def unique_answer(rid: str) -> str:
    """An answer of its own for each id (records in these tests differ in their questions)."""
    import random

    rng = random.Random(rid)
    return " ".join(rng.sample(_WORDS, 12)).capitalize() + "."


def rec(rid: str, question: str, answer: str | None = None, *, topic: str = "fundamentals",
        extra: str = "") -> str:
    return REC.format(id=rid, title=rid.replace("-", " "), topic=topic, question=question,
                      answer=answer or unique_answer(rid), extra=extra)
