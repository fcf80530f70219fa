"""CLAIM002 disproved-by-computation."""

from collections.abc import Iterator

from qbank.core.loader import Bank, LoadedRecord
from validators.base import Context, Result, rule
from validators.claim import computable as comp
from validators.claim.scan import computations

_WHAT = {"range": "output range of", "bound": "output range of",
         "derivative": "derivative of",
         "params": "trainable parameters of",
         "invariance": "invariance of", "value": "value of", "vector": "value of",
         "sign": "sign of the output of", "point": "value of",
         "count": "parameter count of", "shape": "output shape of",
         "default": "default stated for", "loss": "value stated for",
         "metric": "value stated for", "penalty": "penalty stated for",
         "steps": "steps per epoch of", "update": "weight, step or clipped gradient stated for",
         "schedule": "learning rate stated for", "metric_arrays": "value stated for"}


@rule("CLAIM002", "disproved-by-computation", scope="bank")
def disproved_by_computation(bank: Bank, ctx: Context) -> Iterator[tuple[LoadedRecord, Result]]:
    """An answer states something about a Keras activation or layer that TensorFlow disproves.

    Why: claims about built-in Keras objects can be settled by running the real object instead
    of trusting the text. Every built-in activation (`keras.activations.*`: "hard tanh",
    "log_sigmoid", "GELU") and layer (`keras.layers.*`: "a Conv2D layer", "global average
    pooling", "BatchNormalization") named in prose is recognised, and a statement is parsed into
    (object, property, value) for these properties:
    - output range ("tanh outputs values between 0 and 1"), or one side of it ("sigmoid can
      exceed 1"), and the largest value of the derivative ("the derivative of tanh never
      exceeds 0.25", computed by automatic differentiation);
    - value at an input ("sigmoid(0) = 0.5", "the ELU of 0 is 0"), or on a vector ("the
      softmax of [1, 1] is [0.5, 0.5]"), or its sign or bound there ("tanh(-1) is above
      zero");
    - sign for negative or positive inputs, or always ("Leaky ReLU outputs zero for negative
      inputs", "GELU never outputs negative values");
    - shift or scale invariance ("softmax is scale invariant");
    - whether a layer has trainable parameters ("batch normalization has no trainable
      parameters"), and its trainable, non-trainable or total parameter count for the shapes
      and arguments the sentence states ("a Dense layer with 10 units on 20 input features has
      200 parameters"; a count the sentence leaves open, with no input size, is not judged);
    - output shape ("Conv2D(32, 3) on a 28x28x1 input outputs 26x26x32");
    - the default of a constructor parameter of a layer, optimizer, callback, loss or
      regularizer ("Keras's Adam uses a learning rate of 0.01 by default", "'same' padding is
      what Conv2D uses when padding is not specified"), read with `inspect.signature`;
    - the value of a Keras loss for stated inputs ("for a true label of 1 and a predicted
      probability of 0.5, binary cross-entropy equals 0.69", "the Huber loss of an error of 3
      is 2.5", "a positive example scored 0.3 has a hinge loss of 0.7"), or one side of its
      range ("binary cross-entropy can never exceed 1", "MSE is never negative");
      `validators/claim/losses.py`;
    - a metric from stated confusion counts ("with 30 true positives and 20 false negatives
      the recall is 0.6"; precision, recall, F1, accuracy, specificity, false positive rate,
      by `keras.metrics`; `validators/claim/metrics.py`);
    - what an L1 or L2 regularizer adds for stated weights ("`L2(0.01)` on the weights
      [1, 2] adds 0.05"; `validators/claim/penalties.py`);
    - where one step of plain SGD takes a weight ("w = 1.0, gradient 2.0, SGD(learning_rate=
      0.1): w becomes 0.8"), how far the first step of Adam, RMSprop, Adagrad, ... moves it
      ("on the first Adam step a weight with gradient 100 moves by about 0.001 with the default
      learning rate"), and what `clipnorm` / `clipvalue` make of a stated gradient ("with
      clipnorm=1.0 the gradient [3, 4] becomes [0.6, 0.8]"), applied by `keras.optimizers`;
      `validators/claim/updates.py`;
    - learning-rate schedules at a step, and Keras metrics on stated labels and predictions
      (`validators/claim/schedules.py`, `validators/claim/metric_arrays.py`);
    - the steps of one epoch of `model.fit` for stated examples, batch size and validation
      split (plain arithmetic: the finding says so).
    Hedging words ("relu(-3) is still -3", "is simply [..]") do not hide a statement.
    The phrasings are declared in `validators/claim/computable.yaml`; the facts are computed by
    the pinned TensorFlow/Keras in a child process (`tfeval.py`), started at most once per run
    and only for facts not already cached, and the finding reports the measured truth.

    Example:
    ~~~yaml
    # file: bank/activations/tanh-range.yaml
    id: tanh-range
    title: The range of tanh
    topic: activations
    type: open
    difficulty: easy
    tags: [tanh]
    question: What is the output range of tanh?
    answer: |
      The tanh function outputs values between 0 and 1, like the sigmoid.
    ~~~

    Instead:
    ~~~yaml
    # file: bank/activations/tanh-range.yaml
    id: tanh-range
    title: The range of tanh
    topic: activations
    type: open
    difficulty: easy
    tags: [tanh]
    question: What is the output range of tanh?
    answer: |
      The tanh function outputs values between -1 and 1, and it is zero-centred.
    ~~~
    """
    for loc, v in computations(ctx):
        if v.true is not False:
            continue
        st = v.statement
        yield loc.rec, Result(
            f'disproved by computation: "{st.text}" — {comp.source(st.kind)}: {v.actual}',
            hint=f"correct the {_WHAT[st.kind]} {st.subject} (" + (
                "worked out" if comp.source(st.kind) == "arithmetic" else
                "evaluated with the pinned TensorFlow/Keras") +
                 "; see validators/claim/computable.yaml)",
            at=loc.pos)
