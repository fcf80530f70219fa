"""DUP001/DUP002 on small real banks (no embedding model needed: DUP003 not selected)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from qbank.services.dedup import find_duplicates
from tests.conftest import only, run_bank
from tests.dup.conftest import rec

LEX = ["DUP001", "DUP002"]


def test_exact_duplicate_of_question_on_newer_record(make_bank) -> None:
    bank = make_bank({
        "fundamentals/epoch.yaml": rec("epoch", "What is an epoch in deep learning?"),
        "training/epoch-definition.yaml": rec(
            "epoch-definition", "7. What is an **epoch** in  deep learning", topic="training"),
    })
    res = run_bank(bank, LEX)
    [f] = only(res, "DUP001")
    # no git history here: the newer record is the later id
    assert (f.question, Path(f.path).name, f.line) == ("epoch-definition", "epoch-definition.yaml", 7)
    assert f.severity.value == "error"
    assert "question" in f.message and "`epoch`" in f.message
    [r] = f.related
    assert (r.question, Path(r.path).name, r.line) == ("epoch", "epoch.yaml", 7)
    assert not only(res, "DUP002"), "a pair is reported once, at its strongest strength"


def test_answers_are_compared_with_answers(make_bank) -> None:
    same = "One full pass of the training algorithm over every example of the training set."
    bank = make_bank({
        "fundamentals/epoch.yaml": rec("epoch", "What is an epoch?", same),
        "fundamentals/full-pass.yaml": rec("full-pass", "What is a full pass over the data?",
                                           same.upper()),
        # the same text as a question elsewhere is not compared with answers
        "fundamentals/odd.yaml": rec("odd", same),
    })
    [f] = only(run_bank(bank, LEX), "DUP001")
    assert (f.question, f.line) == ("full-pass", 9)
    assert "answer" in f.message
    assert [(r.question, r.line) for r in f.related] == [("epoch", 9)]


def test_near_duplicate_light_edit(make_bank) -> None:
    bank = make_bank({
        "regularization/batch-normalization.yaml": rec(
            "batch-normalization", "What is batch normalization and how is it implemented in Keras?",
            topic="regularization"),
        "training/batch-normalisation.yaml": rec(
            "batch-normalisation", "What is batch normalisation and how is it implemented in Keras?",
            topic="training"),
    })
    [f] = only(run_bank(bank, LEX), "DUP002")
    assert (f.question, f.line, f.severity.value) == ("batch-normalization", 7, "error")
    assert "ratio" in f.message
    assert [r.question for r in f.related] == ["batch-normalisation"]


def test_sibling_questions_are_not_near_duplicates(make_bank) -> None:
    bank = make_bank({
        "regularization/l1.yaml": rec("l1", "What is L1 regularization and when is it used?",
                                      topic="regularization"),
        "regularization/l2.yaml": rec("l2", "What is L2 regularization and when is it used?",
                                      topic="regularization"),
        "activations/relu-pros.yaml": rec("relu-pros", "What are the advantages of ReLU?",
                                          topic="activations"),
        "activations/relu-cons.yaml": rec("relu-cons", "What are the disadvantages of ReLU?",
                                          topic="activations"),
        "training/mae-over-mse.yaml": rec(
            "mae-over-mse", "What are the advantages of MAE over MSE as a regression loss?",
            topic="training"),
        "training/mse-over-mae.yaml": rec(
            "mse-over-mae", "What are the advantages of MSE over MAE as a regression loss?",
            topic="training"),
    })
    assert not run_bank(bank, LEX).findings


def test_opposites_numerals_and_other_concepts_are_siblings_not_typos(make_bank) -> None:
    """One edit apart but opposite ("micro"/"macro", "overfitting"/"underfitting"), a Type I /
    Type II numeral, and one word that names another concept ("data" / "model parallelism",
    "model" being a stopword) make sibling questions; a typo that shortens a concept's name
    ("scheduel") is still a light edit."""
    bank = make_bank({
        "evaluation/micro.yaml": rec("micro", "What is micro-averaged F1 in multi-class tasks?",
                                     topic="evaluation"),
        "evaluation/macro.yaml": rec("macro", "What is macro-averaged F1 in multi-class tasks?",
                                     topic="evaluation"),
        "training/overfit.yaml": rec("overfit", "How can you tell that a network is overfitting?",
                                     topic="training"),
        "training/underfit.yaml": rec("underfit",
                                      "How can you tell that a network is underfitting?",
                                      topic="training"),
        "evaluation/type1.yaml": rec("type1", "What is a Type I error in hypothesis testing?",
                                     topic="evaluation"),
        "evaluation/type2.yaml": rec("type2", "What is a Type II error in hypothesis testing?",
                                     topic="evaluation"),
        "practice/data-par.yaml": rec("data-par", "What is data parallelism in distributed "
                                      "training?", topic="practice"),
        "practice/model-par.yaml": rec("model-par", "What is model parallelism in distributed "
                                       "training?", topic="practice"),
        "training/schedule.yaml": rec("schedule", "What is a learning rate schedule in Keras?",
                                      topic="training"),
        "training/scheduel.yaml": rec("scheduel", "What is a learning rate scheduel in Keras?",
                                      topic="training"),
    })
    findings = run_bank(bank, LEX).findings
    assert [(f.code, f.question) for f in findings] == [("DUP002", "schedule")]


def test_related_pairs_are_never_reported(make_bank) -> None:
    q = "What is an epoch in deep learning?"
    bank = make_bank({
        "fundamentals/epoch.yaml": rec("epoch", q, extra="related: [epoch-again]\n"),
        "fundamentals/epoch-again.yaml": rec("epoch-again", q),
    })
    assert not run_bank(bank, LEX).findings


def test_template_variants_are_not_duplicates(make_bank) -> None:
    q = "A 3x3 filter slides over a 12x12 input with stride 1. What is the output size?"
    bank = make_bank({
        "cnn/conv-a.yaml": rec("conv-a", q, topic="cnn", extra="template: conv-output\n"),
        "cnn/conv-b.yaml": rec("conv-b", q, topic="cnn", extra="template: conv-output\n"),
        "cnn/conv-c.yaml": rec("conv-c", q, topic="cnn"),
    })
    found = sorted((f.question, tuple(r.question for r in f.related))
                   for f in run_bank(bank, LEX).findings)
    # a and b are variants of one template; c is a plain copy of both
    assert found == [("conv-c", ("conv-a",)), ("conv-c", ("conv-b",))]


def test_threshold_is_configurable(make_bank) -> None:
    bank = make_bank({
        "fundamentals/a.yaml": rec("a", "What is batch normalization in deep learning?"),
        "fundamentals/b.yaml": rec("b", "What is batch normalisation in deep learning?"),
    })
    assert only(run_bank(bank, LEX), "DUP002")
    strict = run_bank(bank, LEX, rules={"DUP002": {"threshold": 0.99}})
    assert not only(strict, "DUP002")


def _git(cwd: Path, *args: str, date: str | None = None) -> None:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "PATH": "/usr/bin:/bin",
           "HOME": str(cwd)}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_newer_record_by_git_history(make_bank, tmp_path: Path) -> None:
    q = "What is an epoch in deep learning?"
    # "zz-old" sorts after "aa-new" by id, but git says it was added first
    bank = make_bank({"fundamentals/zz-old.yaml": rec("zz-old", q)})
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "old", date="2020-01-01T00:00:00")
    (bank / "fundamentals" / "aa-new.yaml").write_text(rec("aa-new", q), encoding="utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "new", date="2024-01-01T00:00:00")
    [f] = only(run_bank(bank, LEX), "DUP001")
    assert f.question == "aa-new"
    assert [r.question for r in f.related] == ["zz-old"]
    # an untracked file is newer than any committed one
    (bank / "fundamentals" / "mm-draft.yaml").write_text(rec("mm-draft", q), encoding="utf-8")
    got = sorted((f.question, f.related[0].question) for f in only(run_bank(bank, LEX), "DUP001"))
    assert got == [("aa-new", "zz-old"), ("mm-draft", "aa-new"), ("mm-draft", "zz-old")]


def test_single_file_validate_compares_with_the_whole_bank(make_bank) -> None:
    q = "What is an epoch in deep learning?"
    bank = make_bank({
        "fundamentals/a-first.yaml": rec("a-first", q),
        "fundamentals/b-second.yaml": rec("b-second", q),
        "fundamentals/c-other.yaml": rec("c-other", "How do convolutional layers share weights?"),
    })
    # the newer file alone: reported there
    [f] = run_bank(bank, LEX, targets=[bank / "fundamentals" / "b-second.yaml"]).findings
    assert (f.question, f.related[0].question) == ("b-second", "a-first")
    # the older file alone: still compared with every other record, reported on it
    [f] = run_bank(bank, LEX, targets=[bank / "fundamentals" / "a-first.yaml"]).findings
    assert (f.question, f.related[0].question) == ("a-first", "b-second")
    assert not run_bank(bank, LEX, targets=[bank / "fundamentals" / "c-other.yaml"]).findings


def test_fingerprints_are_cached(make_bank) -> None:
    bank = make_bank({
        "fundamentals/a.yaml": rec("a", "What is batch normalization in deep learning?"),
        "fundamentals/b.yaml": rec("b", "What is batch normalisation in deep learning?"),
    })
    first = run_bank(bank, LEX)
    assert first.stats.dup.minhash_computed == 4  # 2 questions + 2 answers
    again = run_bank(bank, LEX)
    assert again.stats.dup.minhash_cached == 4
    assert again.stats.dup.minhash_computed == 0
    assert [f.code for f in again.findings] == [f.code for f in first.findings] == ["DUP002"]
    assert list((bank.parent / ".qbank-cache" / "dup").glob("minhash-*/*.npz"))


def test_find_duplicates_api(make_bank) -> None:
    q = "What is an epoch in deep learning?"
    bank = make_bank({"fundamentals/a.yaml": rec("a", q), "fundamentals/b.yaml": rec("b", q)})
    from qbank.services.dedup import ExactSearch, Settings

    # the search knows strengths, not rule codes: DUP001 reports the exact pairs
    [p] = find_duplicates(bank, Settings(ExactSearch(), None, None), cache_dir=None)
    assert (p.strength, p.field, p.ids, p.score) == ("exact", "question", ("b", "a"), 1.0)


def test_sibling_guard_sees_reversed_order_and_paired_swaps() -> None:
    """The guard of DUP002/DUP003: same words in an order that reverses the question, two
    words swapped for two, and key terms that look like function words ("He", "one")."""
    from qbank.services.dedup.normalize import normalize, siblings, swapped_order

    def sib(a: str, b: str) -> list[str]:
        return siblings(normalize(a), normalize(b))

    assert swapped_order(normalize("When is precision more important than recall?"),
                         normalize("When is recall more important than precision?")) == [
        "precision", "recall"]
    assert sib("Why use max pooling instead of average pooling?",
               "Why use average pooling instead of max pooling?") == ["average", "max"]
    assert sib("What are the pros and cons of oversampling the minority class?",
               "What are the pros and cons of undersampling the majority class?")
    assert sib("When should you use Xavier initialization?",
               "When should you use He initialization?") == ["xavier", "he"]
    assert sib("How do one-stage object detectors work?", "How do two-stage object detectors work?")
    assert sib("How does batch normalization behave during training?",
               "How does batch normalization behave at inference time?")
    # not siblings: the same question reordered without an asymmetric word, a light edit,
    # a paraphrase
    assert sib("What are the differences between LSTM and GRU?",
               "What are the differences between GRU and LSTM?") == []
    assert sib("What is batch normalisation?", "What is batch normalization in deep learning?") == []
    assert sib("What is dropout?", "Describe how the dropout technique works.") == []
