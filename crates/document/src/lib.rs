//! Article text to document: sentences and tokens with byte offsets, and their syntax.
