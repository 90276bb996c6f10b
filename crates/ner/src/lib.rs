//! Named-entity tagging: an averaged-perceptron sequence tagger trained on CoNLL-2003, and gazetteers.
