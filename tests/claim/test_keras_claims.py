"""CLAIM002 on claims about any Keras activation or layer, in ordinary words: value or sign at
an input, parameter counts and output shapes for stated configurations (development sentences,
written for this test; the held-out sets are never used here)."""

from __future__ import annotations

import pytest

from qbank.core.cache import CacheTable
from validators.claim.computable import Settler, find_statements

# sentence, kind, truth (None: recognised but not settled: the sentence leaves it open)
CASES: list[tuple[str, str, bool | None]] = [
    # value at a given input
    ("relu(-2) = 0", "value", True),
    ("The sigmoid of 0 is 0.5.", "value", True),
    ("softplus(0) = 0, so the output starts at zero.", "value", False),
    ("tanh(0) is 1.", "value", False),
    ("sigmoid(2) is approximately 0.88.", "value", True),
    ("GELU(1) = 1", "value", False),
    ("At x = 0, the ELU returns 0.", "value", True),
    ("The hard sigmoid of 0 is 0.5.", "value", True),
    ("Mish returns 0 for an input of 0.", "value", True),
    # sign for negative / positive inputs, or always
    ("ReLU outputs zero for negative inputs.", "sign", True),
    ("Leaky ReLU outputs zero for negative inputs.", "sign", False),
    ("Leaky ReLU returns a small negative value for negative inputs.", "sign", True),
    ("For negative inputs, ELU returns negative values.", "sign", True),
    ("For negative inputs, SELU outputs 0.", "sign", False),
    ("GELU never outputs negative values.", "sign", False),
    ("Sigmoid outputs are always positive.", "sign", True),
    ("The tanh function is always positive.", "sign", False),
    ("Softplus is always positive.", "sign", True),
    ("ReLU returns the input unchanged for positive inputs.", "sign", True),
    ("Swish outputs zero for negative inputs, exactly like ReLU.", "sign", False),
    ("The softsign activation returns negative values for negative inputs.", "sign", True),
    ("Hard tanh outputs zero for negative inputs.", "sign", False),
    # trainable / non-trainable counts for stated shapes
    ("A Dense layer with 10 units on 20 input features has 210 trainable parameters.",
     "count", True),
    ("A Dense layer with 10 units on 20 input features has 200 parameters.", "count", False),
    ("A dense layer with 10 units and no bias on 20 input features has 200 parameters.",
     "count", True),
    ("A Conv2D layer with 32 3x3 filters on 28x28x1 images has 320 parameters.", "count", True),
    ("A Conv2D layer with 32 3x3 filters on RGB images has 864 parameters.", "count", False),
    ("BatchNormalization on 64 channels has 128 trainable and 128 non-trainable parameters.",
     "count", True),
    ("BatchNormalization on 64 channels has 256 trainable parameters.", "count", False),
    ("keras.layers.Embedding(1000, 64) has 64000 parameters.", "count", True),
    ("An Embedding layer with a vocabulary of 5000 words and 32-dimensional embeddings has "
     "160032 weights.", "count", False),
    ("An LSTM layer with 64 units on 32 input features has 24832 parameters.", "count", True),
    ("A GRU with 64 units on 32 input features has 4 * 64 * (64 + 32 + 1) = 24832 parameters.",
     "count", False),
    ("A SimpleRNN with 8 units on 4 features has 104 trainable parameters.", "count", True),
    ("The first Dense layer has 100,480 parameters.", "count", None),  # input not stated
    ("A LayerNormalization layer over 64 features has 128 trainable parameters.", "count", True),
    # output shapes
    ("Conv2D(32, (3, 3)) applied to a 28x28x1 input outputs a 26x26x32 feature map.", "shape",
     True),
    ("Conv2D(32, 3, padding='same') on a 28x28x1 input produces an output of shape "
     "(26, 26, 32).", "shape", False),
    ("MaxPooling2D with a pool size of 2 on a 32x32x3 input outputs 16x16x3.", "shape", True),
    ("A Flatten layer applied to a 7x7x64 input returns a vector of size (3136,).", "shape",
     True),
    ("GlobalAveragePooling2D on an input of shape (7, 7, 512) outputs (7, 512).", "shape",
     False),
    ("An LSTM with 16 units on sequences of length 10 with 8 features has output shape (16,).",
     "shape", True),
    ("Flatten turns a 7x7x64 input into a vector of 3136 values.", "shape", True),
    ("Flatten turns a 7x7x64 input into a vector of 448 values.", "shape", False),
    # output range, value and sign of any built-in activation, not only the declared ones
    ("The hard tanh function outputs values between 0 and 1.", "range", False),
    ("log_sigmoid outputs values between -infinity and 0.", "range", True),
    ("Sigmoid returns 0.5 when the input is 0.", "value", True),
    ("tanh returns 1 when x is 0.", "value", False),
    ("ReLU's output is never negative.", "sign", True),
    ("Tanh's output is never negative.", "sign", False),
    ("CELU is shift invariant.", "invariance", False),
    # more phrasings of values, signs, counts and shapes
    ("The tanh function evaluated at 0 returns 0.", "value", True),
    ("ReLU can never produce a negative output.", "sign", True),
    ("A Conv2D with 16 filters of size 3x3 and no padding on a 32x32x3 input outputs 30x30x16.",
     "shape", True),
    ("A 3x3 Conv2D with 8 filters on a 4-channel input has 296 parameters.", "count", True),
    ("With use_bias=False, Dense(10) on 20 input features has 210 parameters.", "count", False),
    ("MaxPooling2D with a pool size of 2 leaves a 16x16x8 input at 16x16x8.", "shape", False),
    ("An LSTM(16) on an input of shape (batch, 10, 4) outputs (batch, 16).", "shape", True),
    ("A MultiHeadAttention layer with num_heads=2 and key_dim=4 on 8-dimensional inputs has "
     "288 parameters.", "count", True),
    ("A SimpleRNN with 4 units on 3 input features has 32 parameters, because it has one bias "
     "per unit.", "count", True),
    ("The softmax of [1, 1] is [0.5, 0.5].", "vector", True),
    ("For logits [2, 0], softmax gives [0.5, 0.5].", "vector", False),
    ("A 5x5 convolution with 32 output channels on a 3-channel image has 2,432 parameters.",
     "count", True),
    ("A Conv1D layer with 32 filters of width 3 on sequences with 8 features has 800 "
     "parameters.", "count", True),
    ("A convolutional layer with 16 filters of 5x5 on RGB input has 1,216 parameters.", "count",
     True),
    ("Conv2D with 10 filters, kernel size 3 and valid padding maps a 28x28x1 image to "
     "28x28x10.", "shape", False),
    ("Flatten on a 5x5x16 tensor gives a 400-dimensional vector.", "shape", True),
    ("A 3x3 depthwise convolution over 16 channels has 160 parameters.", "count", True),
    ("A separable 3x3 convolution with 8 filters on a 4-channel input has 76 parameters.",
     "count", True),
    ("A 1D convolution with 4 filters of width 3 over a 2-channel sequence has 28 parameters.",
     "count", True),
    ("GlobalAveragePooling2D on a 7x7x512 feature map yields a vector of 25,088 values.",
     "shape", False),
    ("A BatchNormalization layer on 16 channels has 64 parameters, all of them trainable.",
     "count", False),
    ("A Dense layer with 4 units on 3 inputs has 16 parameters, all of them trainable.", "count",
     True),
    ("A 3x3 depthwise convolution on 8 channels has 80 parameters (72 weights plus 8 biases).",
     "count", True),
    ("An LSTM with 8 units reads 5-step input sequences of 3 features, so it outputs (batch, 8).",
     "shape", True),
    ("An LSTM with 8 units on 3 features has 384 parameters, just like a GRU of that size.",
     "count", True),
    # values of Keras losses for stated inputs
    ("For a true label of 1 and a predicted probability of 0.5, binary cross-entropy equals "
     "0.5.", "loss", False),
    ("Binary cross-entropy for a predicted probability of 0.5 is about 0.69, whatever the "
     "label.", "loss", True),
    ("BCE when the predicted probability is 0.9 for a positive example is 0.105.", "loss", True),
    ("Predicting 0.25 for each of 4 classes gives a categorical cross-entropy of 1.39.", "loss",
     True),
    ("A uniform prediction over 4 classes has a categorical cross-entropy of 0.25.", "loss",
     False),
    ("For predictions 2 and 4 against targets 0 and 0, the mean squared error is 3.", "loss",
     False),
    ("The mean absolute error between predictions [1, 2] and targets [2, 4] is 1.5.", "loss",
     True),
    # defaults of Keras classes (read with inspect.signature in the child)
    ("Keras's Adam optimizer uses a learning rate of 0.001 by default.", "default", True),
    ("By default, keras.optimizers.RMSprop has a learning rate of 0.01.", "default", False),
    ("SGD in Keras defaults to momentum=0.0.", "default", True),
    ("Unless you change it, EarlyStopping has a patience of 10 epochs.", "default", False),
    ("A Conv2D layer uses 'valid' padding by default.", "default", True),
    ("With no arguments, keras.layers.LeakyReLU has a negative slope of 0.3.", "default", True),
    ("keras.regularizers.L2() has a regularization factor of 0.01 by default.", "default", True),
    ("BatchNormalization defaults to a momentum of 0.9.", "default", False),
    ("Keras's Adam defaults to epsilon=1e-8.", "default", False),
    ("By default a Dense layer has a linear activation.", "default", True),
    ("Keras's BinaryCrossentropy has from_logits=False by default.", "default", True),
    ("Keras's Huber loss uses a delta of 1.0 by default.", "default", True),
    ("By default, Keras's SGD uses learning_rate=0.01; with momentum=0.9 it converges faster.",
     "default", True),  # the momentum is a choice, in a clause without a cue
    # more phrasings (#15): what an object does when built with no arguments, a default named
    # by what it does ("halves the learning rate"), a paper named after the Keras claim
    ("Built with no arguments, keras.optimizers.SGD() trains with a learning rate of 0.1.",
     "default", False),
    ("Keras's RMSprop uses rho = 0.9 by default, as in the original proposal.", "default", True),
    ("keras.regularizers.L1() created without an argument has a penalty factor of 0.01.",
     "default", True),
    ("By default ReduceLROnPlateau cuts the learning rate in half.", "default", False),
    ("EarlyStopping stops after 3 epochs without improvement by default.", "default", False),
    ("keras.metrics.AUC() reports the ROC AUC unless told otherwise.", "default", True),
    ("By default keras.layers.Conv2D applies a ReLU activation.", "default", False),
    # a shape "turned into" another, or its spatial size only
    ("With its default 'valid' padding, a 3x3 Conv2D keeps a 64x64 input at 64x64.", "shape",
     False),
    ("MaxPooling2D() left at its defaults turns a 10x10x4 input into 5x5x4.", "shape", True),
    ("GlobalMaxPooling2D converts a (batch, 4, 4, 64) tensor into (batch, 64).", "shape", True),
    # a count compared with another layer: the first layer's; attention on d-dimensional inputs
    ("A SimpleRNN(8) on 4 features has 104 parameters, a quarter of an LSTM of the same size.",
     "count", True),
    ("MultiHeadAttention(num_heads=2, key_dim=4) built on 8-dimensional query and value vectors "
     "has 200 parameters.", "count", False),
    # one value for every entry of a vector
    ("Softmax of the scores [0, 0, 0, 0] assigns 0.25 to every class.", "vector", True),
    ("The softmax of [3, 3] gives 0.3 for each entry.", "vector", False),
    # one side of the output range
    ("The sigmoid never exceeds 1.", "bound", True),
    ("tanh can go below -1 for very negative inputs.", "bound", False),
    ("ReLU can exceed 6.", "bound", True),
    ("Hard sigmoid can rise above 1 for large inputs.", "bound", False),
    # a recurrent layer wrapped in Bidirectional
    ("A bidirectional LSTM with 16 units returns 32 features.", "shape", True),
    ("Bidirectional(GRU(8), merge_mode='sum') outputs 16 features.", "shape", False),
    ("A bidirectional SimpleRNN with 4 units on 3 features has 64 parameters.", "count", True),
    # steps of one epoch, and whether a layer learns weights
    ("With 50,000 images and a batch size of 100, one epoch is 500 steps.", "steps", True),
    ("An epoch over 1,000 samples with batch size 64 has 15 iterations.", "steps", False),
    ("A MaxPooling2D layer learns a weight per channel.", "params", False),
    # a single unit, "flattening", an embedding's dimensions, a query's shape, a feature size
    # kept, a comparison after the count, "and all of them are trainable"
    ("A Dense layer with a single unit on 5 input features has 5 parameters.", "count", False),
    ("Flattening a 4x4x8 feature map gives a vector of 128 values.", "shape", True),
    ("An Embedding layer with a 500-word vocabulary and 8 dimensions has 4,008 parameters.",
     "count", False),
    ("MultiHeadAttention(num_heads=2, key_dim=8) applied to a query of shape (batch, 5, 32) "
     "returns a tensor of shape (batch, 5, 8).", "shape", False),
    ("Wrapping a 16-unit GRU in Bidirectional keeps the output at 16 features.", "shape", False),
    ("A depthwise separable 3x3 convolution with 16 filters on an 8-channel input has 216 "
     "parameters, no more than a regular one.", "count", True),
    ("A BatchNormalization layer on 32 channels has 64 parameters, and all of them are "
     "trainable.", "count", False),
    # defaults named by what they do
    ("By default Keras's EarlyStopping restores the weights of the best epoch when training "
     "stops.", "default", False),
    ("Keras's BinaryCrossentropy expects probabilities by default, not logits.", "default", True),
    ("By default a Keras LSTM initialises its forget-gate bias to 0.", "default", False),
    ("A Keras GRU uses sigmoid for its gates by default.", "default", True),
    # vectors without brackets, or of equal logits
    ("The softmax of two equal logits gives 0.5 to each class.", "vector", True),
    ("Softmax of 0 and 1 gives 0.5 and 0.5.", "vector", False),
    ("Softmax of the logits 0 and 0 gives 1/2 and 1/2.", "vector", True),
    # the largest value of a derivative (automatic differentiation in the child)
    ("The derivative of the sigmoid never exceeds 0.25.", "derivative", True),
    ("Like the sigmoid, tanh has a derivative that never exceeds 0.25.", "derivative", False),
    ("The maximum derivative of tanh is 1.", "derivative", True),
    ("The gradient of ReLU can exceed 1 for large inputs.", "derivative", False),
    ("The derivative of tanh at 0 is 1.", "derivative", True),
    ("For positive inputs, ReLU has a slope of 2.", "derivative", False),
    ("The slope of the sigmoid is never larger than 0.25.", "derivative", True),
    # more phrasings of a value, and the value at one input against a number
    ("Evaluating the sigmoid at an input of 0 gives exactly 0.5.", "value", True),
    ("If you feed 0 into tanh you get 1.", "value", False),
    ("For a positive input like 2.0, ReLU simply returns 2.0.", "value", True),
    ("sigmoid(-2) is above zero.", "point", True),
    ("Softsign of a negative number like -2 is positive.", "point", False),
    ("For a negative input such as -1, ELU returns a negative number.", "point", True),
    # bounded by, unbounded, the smallest output
    ("Tanh is bounded above by 1.", "bound", True),
    ("Softplus is bounded below by 1.", "bound", False),
    ("ReLU6 is unbounded above.", "bound", False),
    ("The smallest possible output of swish is about -0.28.", "bound", True),
    # defaults stated after a condition, or as "the <parameter> of <object>"
    ("If you don't pass a momentum, keras.optimizers.SGD uses 0.9.", "default", False),
    ("The default rho of the Keras RMSprop optimizer is 0.9.", "default", True),
    ("keras.layers.Conv2D initializes its kernel with glorot_uniform by default.", "default",
     True),
    # losses on y_true / y_pred, a uniform K-class prediction
    ("With targets [0, 0] and predictions [1, 1], the mean absolute error evaluates to 1.",
     "loss", True),
    ("For y_true [0, 1] and y_pred [0, 3], MSE is 4.", "loss", False),
    ("If a 10-class classifier predicts a uniform distribution, its categorical cross-entropy "
     "is 2.30.", "loss", True),
    # a batch fed in, a depthwise kernel, steps with a partial last batch
    ("An LSTM(8, return_sequences=True) fed a (None, 5, 3) batch returns shape (None, 5, 8).",
     "shape", True),
    ("A 5x5 DepthwiseConv2D on 4 input channels has 104 parameters.", "count", True),
    ("If you call model.fit on 500 examples with batch_size 64, each epoch has 8 steps, the last "
     "one a partial batch of 52.", "steps", True),
    # hedging words, "whenever its input is", defaults of activation functions
    ("relu(-4) is still -4, since ReLU keeps what it is given.", "value", False),
    ("The softmax of [0, 0] is simply [0.5, 0.5].", "vector", True),
    ("SELU outputs exactly zero whenever its input is negative.", "sign", False),
    ("keras.activations.elu uses alpha=1.0 by default.", "default", True),
    ("By default keras.activations.leaky_relu has a negative slope of 0.3.", "default", False),
    # a regression error, a hinge score, "contributes nothing", one side of a loss's range
    ("With the default delta of 1.0, the Huber loss of an error of 3 is 4.5.", "loss", False),
    ("An error of 2 gives a mean absolute error of 2.", "loss", True),
    ("A positive example scored 0.3 contributes nothing to the hinge loss.", "loss", False),
    ("For a positive example scored 0.3, the hinge loss is 0.7.", "loss", True),
    ("Binary cross-entropy can never exceed 1.", "loss", False),
    ("Cross-entropy always lies between 0 and 1.", "loss", False),
    ("MSE is never negative.", "loss", True),
    ("Mean absolute error can be negative when the model overshoots.", "loss", False),
    # a default beside another object: the parameter's object is the nearest before it
    ("RMSprop averages squared gradients with rho = 0.999 by default, the same decay that Adam "
     "uses for its second moment.", "default", False),
    ("By default the LeakyReLU layer has negative_slope=0.3, while keras.activations.leaky_relu "
     "defaults to negative_slope=0.2.", "default", True),
    # words beside a call in code, "the same constant", a derivative for one side, a vector size
    ("With 'same' padding and stride 1, a Conv2D(8, 5) on a 28x28x1 image outputs 28x28x8.",
     "shape", True),
    ("Softmax does not change if you add the same constant to all logits.", "invariance", True),
    ("The derivative of tanh for positive inputs is 1.", "derivative", False),
    ("Global average pooling collapses a 7x7x512 feature map into a vector of 49 values.",
     "shape", False),
    # counts in words, "the output has N features"
    ("Keras EarlyStopping waits ten epochs without improvement by default.", "default", False),
    ("Wrapping LSTM(32) in keras.layers.Bidirectional averages the two directions, so the "
     "output still has 32 features.", "shape", False),
    ("A Dense layer with 10 units on 20 features, so its output has 10 values.", "shape", True),
    # what an L1 or L2 regularizer adds for stated weights
    ("keras.regularizers.L2(0.01) on a kernel [1.0, 2.0] adds 0.01 * (1 + 2) = 0.03 to the "
     "loss.", "penalty", False),
    ("An L1 penalty with a factor of 0.1 on weights of 1, -2 and 3 adds 0.6.", "penalty", True),
    # metrics from confusion counts
    ("With 30 true positives, 10 false positives and 20 false negatives, the recall is "
     "30/40 = 0.75.", "metric", False),
    ("A classifier with TP = 40, FP = 10, FN = 10 and TN = 40 has an accuracy of 80%.", "metric",
     True),
    ("Given 90 true negatives and 10 false positives, the specificity comes to 0.9.", "metric",
     True),
    ("With 8 true positives, 2 false positives and 8 false negatives, the F1 score is 0.8.",
     "metric", False),
    # defaults said by what the object does; input sizes in words; "feed ... and out comes"
    ("A Keras GRU's gates use hard_sigmoid by default.", "default", False),
    ("keras.layers.Conv1D pads with 'valid' unless told otherwise.", "default", True),
    ("Unless you say otherwise, keras.layers.Dense(4) applies tanh to its output.", "default",
     False),
    ("keras.layers.Bidirectional concatenates the two directions by default.", "default", True),
    ("keras.metrics.TopKCategoricalAccuracy() scores a hit when the label is among the top 2 "
     "classes, unless k is set.", "default", False),
    ("MaxPooling1D() with no arguments moves its window with a stride of 2.", "default",
     True),
    ("If the inputs are 10-dimensional, keras.layers.GRU(8) has 480 trainable weights.",
     "count", True),
    ("keras.layers.MultiHeadAttention(num_heads=2, key_dim=4) on 16-dimensional queries and "
     "values has 500 parameters.", "count", False),
    ("Feed a 2 into tanh and out comes 0.96.", "value", True),
    ("Pass the scores [0, 0] through softmax and you get [0.5, 0.5].", "vector", True),
    ("keras.layers.LayerNormalization() maps the row [2, 4] to [-1, 1].", "vector", True),
    # the steps of an epoch with a validation split, or the leftover samples named
    ("With 2,000 samples, batch_size=64 and validation_split=0.25, an epoch is 24 steps.",
     "steps", True),
    ("With 2,000 samples, batch_size=64 and validation_split=0.25, an epoch is 32 steps.",
     "steps", False),
    ("With 100 samples and batch_size=30, an epoch runs 3 steps and drops the 10 samples left "
     "over.", "steps", False),
    # one step of plain SGD
    ("From w = 2.0 with a gradient of 4, one step of SGD(learning_rate=0.25) with no momentum: "
     "w becomes 1.0.", "update", True),
    ("Using plain gradient descent with lr = 0.1, a weight at 1.5 whose gradient is -5 is "
     "updated to 1.0.", "update", False),
    # schedules at a step, metrics on stated arrays, derivatives at a point
    ("With `keras.optimizers.schedules.ExponentialDecay(1.0, decay_steps=10, decay_rate=0.5)` "
     "the learning rate at step 20 is 0.25.", "schedule", True),
    ("`PiecewiseConstantDecay(boundaries=[100], values=[0.1, 0.01])` still gives 0.1 after 500 "
     "steps.", "schedule", False),
    ("For labels [0, 1, 1] and predictions [0.2, 0.9, 0.4], `keras.metrics.BinaryAccuracy()` "
     "returns 0.667.", "metric_arrays", True),
    ("For labels [0, 1, 1] and predictions [0.2, 0.9, 0.4], `keras.metrics.Recall()` returns "
     "1.0.", "metric_arrays", False),
    ("At x = 0 the derivative of tanh is 1.", "derivative", True),
    ("If you record sigmoid(x) at x = 0 under tf.GradientTape, the gradient is 0.5.",
     "derivative", False),
    # a class index with a predicted distribution; predictions equal to targets
    ("If the true class is 1 and the predicted probabilities are [0.5, 0.5], categorical "
     "cross-entropy is about 0.693.", "loss", True),
    ("When the predictions are identical to the targets, mean absolute error is 1.", "loss",
     False),
    # the constant classifier
    ("With 90 negatives and 10 positives, the always-negative classifier has 90% accuracy.",
     "metric", True),
    ("With 90 negatives and 10 positives, a model that always predicts negative scores 90% "
     "recall and 90% accuracy.", "metric", False),
    ("A plain `keras.callbacks.EarlyStopping()` monitors the validation loss.", "default",
     True),
    # 'flattened' images are the input, not the Flatten layer; counts with 'M of them'
    ("A Dense layer with 10 units on flattened 28x28 images has 7850 parameters.", "count",
     True),
    # constraints' defaults; AUC from a ranking stated in words
    ("By default keras.constraints.MaxNorm() has a max_value of 2.", "default", True),
    ("If every positive is scored higher than every negative, the ROC AUC is 0.5.",
     "metric_arrays", False),
    ("If every positive is scored higher than every negative, the ROC AUC is 1.",
     "metric_arrays", True),
    # the first step of a stateful optimizer, and gradient clipping
    ("On the very first Adam step, a weight whose gradient is 50 moves by about 0.05 with the "
     "default learning rate.", "update", False),
    ("On the first Adam step, a weight whose gradient is 50 moves by about 0.001 with the "
     "default learning rate.", "update", True),
    ("With RMSprop(learning_rate=0.01), the first update of a weight with gradient 0.5 moves "
     "it by about 0.032.", "update", True),
    ("With `clipnorm=1.0`, a gradient of [6, 8] becomes [1, 1].", "update", False),
    ("With clipvalue=0.5, a gradient of [3, -0.2] is clipped to [0.5, -0.2].", "update", True),
    # the steepest slope; shapes handed back; a layer after a sized Dense layer
    ("The steepest the tanh ever gets is a slope of 0.5.", "derivative", False),
    ("Give keras.layers.GRU(16) a batch of shape (batch, 10, 4) and it hands back a (batch, 16) "
     "tensor.", "shape", True),
    ("Put LayerNormalization after a 32-unit Dense layer and you add 128 trainable "
     "parameters.", "count", False),
    # losses: a miss of N, a cost, a target and prediction separated by a comma
    ("keras.losses.Huber charges 1.5 for a prediction that misses by 2.", "loss", True),
    ("keras.losses.CosineSimilarity evaluates to +1 when the prediction and the target point "
     "in the same direction.", "loss", False),
    ("Target [0, 1], predicted probabilities [0.5, 0.5]: the categorical cross-entropy is "
     "0.693.", "loss", True),
    # a pronoun, or an input with no function named, after the function that opens the sentence
    ("Sigmoid is a smooth step, so at an input of 0 it outputs 0.", "value", False),
    ("Hard sigmoid saturates for large inputs, so an input of 5 gives 1.", "value", True),
    ("Softsign looks like tanh: its derivative never exceeds 0.5.", "derivative", False),
]


@pytest.mark.parametrize(("sentence", "kind", "truth"), CASES, ids=[c[0][:40] for c in CASES])
def test_recognised(sentence: str, kind: str, truth: bool | None) -> None:
    kinds = {st.kind for st in find_statements(sentence)}
    assert kind in kinds, (sentence, kinds)


@pytest.mark.parametrize("sentence", [
    "The derivative of ReLU is zero for negative inputs.",
    "A dead ReLU unit always outputs zero.",
    "Dense layers have many parameters, for example 1,000 per unit.",
    "Use 3x3 filters and a Dense layer at the end.",
    "ReLU outputs zero or positive values for negative and positive inputs respectively.",
    "A dense vector of 300 dimensions has 300 weights.",
    "Softmax outputs zero for negative inputs.",  # an axis function: not element-wise
    "ReLU outputs values between 0 and 1 for inputs between 0 and 1.",  # a part of the range
    "The softmax of two equal logits is [0.5, 0.5].",  # a vector: not an interval [0.5, 0.5]
    "The Adam optimizer with a learning rate of 0.01 trained faster.",  # not the default
    "Set restore_best_weights=True on EarlyStopping; by default the last weights are kept.",
    "By default, Dense and Conv2D layers use a bias.",  # two objects
    "Adam does not default to a learning rate of 0.01.",  # negated
    "An LSTM returns only the last state by default, the whole sequence only with "
    "return_sequences=True.",
    # a value that is a choice, another framework or version, a call's argument (review, #15)
    "SGD with momentum 0.9 usually beats plain SGD, whose default momentum is 0.",
    "A learning rate of 0.1 is too high for Adam, whose default is 0.001.",
    "EarlyStopping keeps its defaults here, and a patience of 5 is a common choice.",
    "PyTorch's Adam defaults to eps=1e-8, while Keras uses 1e-7.",
    "In Keras 2, Adagrad's default learning rate was 0.01.",
    "keras.optimizers.AdamW(learning_rate=0.001, weight_decay=0.01) is the default in the "
    "Hugging Face examples.",
    "The L2 regularizer with lambda 0.001 is a default choice for small networks.",
    "softmax([1, 2]) = [0.27, 0.73].",  # the vector is not an interval
    "Cross-entropy is the standard loss for classification, and MSE is used for regression.",
    "A binary cross-entropy of 0.3 means the model is fairly confident.",
    # several layers, several epochs, a derivative, another framework (#15)
    "Two rounds of 2x2 max pooling reduce a 28x28 image to 7x7.",
    "Applying a 2x2 MaxPooling2D twice turns a 32x32x8 input into 8x8x8.",
    "Training for 10 epochs on 1,000 samples with batch size 100 gives 100 updates.",
    "The derivative of sigmoid never exceeds 0.25.",
    "In PyTorch, Adam's default eps is 1e-8.",
    "Halving the learning rate after 5 epochs without improvement is a common schedule.",
    "A bidirectional layer around a GRU and an LSTM with 8 units returns 16 features.",
    # a loss configured away from its defaults (the child builds the default one)
    "Huber with delta=2 on an error of 3 gives a loss of 4.",
    "With label_smoothing=0.1, binary cross-entropy for a label of 1 and probability 0.9 is 0.2.",
    # a factor stated without weights, two regularizers
    "An L2 regularization strength of 0.001 is typical for weights of any size.",
    "L1(0.01) and L2(0.01) on the weights [1, 2] add different penalties of 0.03 and 0.05.",
    # a metric without the counts it needs, or a negated one
    "With 30 true positives and 10 false positives, the recall is 0.75.",
    "With 30 true positives and 10 false positives, the precision is not 0.5.",
    "The recall of 0.75 came from 30 true positives.",
])
def test_not_a_computable_claim(sentence: str) -> None:
    assert [st.kind for st in find_statements(sentence)
            if st.kind in ("value", "sign", "count", "shape", "range", "bound",
                           "steps", "default", "loss", "metric", "penalty")] == []


@pytest.mark.slow
def test_settled_with_tensorflow_in_one_run(tmp_path) -> None:
    sts = [next(st for st in find_statements(s) if st.kind == k) for s, k, _ in CASES]
    settler = Settler(CacheTable(tmp_path / "v.json"))
    verdicts = settler.settle(sts)
    got = {s: v.true for (s, _, _), v in zip(CASES, verdicts, strict=True)}
    assert got == {s: t for s, _, t in CASES}
    assert settler.runs == 1
    by = {s: v for (s, _, _), v in zip(CASES, verdicts, strict=True)}
    # the measured truth is in the verdict
    assert "210 trainable" in by[CASES[23][0]].actual
    assert "for negative inputs" in by["Leaky ReLU outputs zero for negative inputs."].actual
    assert by["The hard tanh function outputs values between 0 and 1."].actual == \
        "its outputs span [-1, 1]"
    assert by["tanh returns 1 when x is 0."].actual == "tanh(0) = 0"
    assert by["BatchNormalization defaults to a momentum of 0.9."].actual == \
        "keras.layers.BatchNormalization: momentum defaults to 0.99"


@pytest.mark.slow
def test_defaults_table_names_what_the_pinned_keras_has() -> None:
    """computable.yaml's `defaults` names real Keras classes, and each parameter it reads is a
    constructor parameter with a plain default of one of them (a Keras upgrade that renames one
    fails here, not silently in prose)."""
    import inspect

    import keras

    from qbank.core.loader import load_data
    from validators.claim.computable import DATA_FILE

    data = load_data(DATA_FILE.read_text(encoding="utf-8"))
    classes = [getattr(getattr(keras, module), name)
               for module, names in data["defaults"]["objects"].items() for name in names]
    classes += [getattr(keras.layers, n) for n in data["namespace"]["layers"]
                if n not in data["skip_names"]]
    having: set[str] = set()
    for cls in classes:
        for p in inspect.signature(cls).parameters.values():
            if p.default is not p.empty and (p.default is None
                                             or isinstance(p.default, bool | int | float | str)):
                having.add(p.name)
    assert set(data["defaults"]["params"]) - having == set()
    aliased = {k.split(".")[-1] for k in data["defaults"]["aliases"]}
    assert aliased <= {c.__name__ for c in classes}


def test_a_breakdown_in_parentheses_is_not_a_count() -> None:
    sts = find_statements("A 3x3 depthwise convolution on 8 channels has 80 parameters "
                          "(72 weights plus 8 biases).")
    assert [st.claim["n"] for st in sts if st.kind == "count"] == [80]


@pytest.mark.slow
def test_a_count_of_them_is_a_second_claim(tmp_path) -> None:
    sts = [st for st in find_statements("A LayerNormalization layer on 64 features has 128 "
                                        "parameters, 64 of them non-trainable.")
           if st.kind == "count"]
    assert [(st.claim["n"], st.claim["q"]) for st in sts] == [(128, "any"), (64, "non_trainable")]
    verdicts = Settler(CacheTable(tmp_path / "v.json")).settle(sts)
    assert [v.true for v in verdicts] == [True, False]


def test_a_pronoun_speaks_of_the_function_that_opens_the_sentence() -> None:
    sts = find_statements("Tanh is steeper than the sigmoid, and at an input of 0 it outputs 0.")
    assert [(st.kind, st.subject) for st in sts if st.kind == "value"] == [("value", "tanh")]
    # no function opens the sentence: the pronoun is left alone
    assert [st.kind for st in find_statements("At an input of 0 it outputs 0.")] == []


def test_a_layer_too_large_to_build_is_not_settled() -> None:
    assert [st.kind for st in find_statements(
        "A 99999999999x99999999999 convolution with 32 filters on RGB images has 10 parameters.")
        if st.kind in ("count", "shape")] == []


def test_no_module_beside_tfeval_shadows_the_standard_library() -> None:
    """tfeval.py runs as a script from validators/claim, so that folder is first on its
    sys.path: a module there named like a standard one (numbers.py) breaks numpy's import."""
    import sys
    from pathlib import Path

    from validators.claim.computable import EVAL_SCRIPT

    names = {p.stem for p in Path(EVAL_SCRIPT).parent.glob("*.py")}
    assert names & set(sys.stdlib_module_names) == set()
