//! Part-of-speech tagging, lemmas and dependency parsing, trained on Universal Dependencies.
