//! Many articles in: expands inputs, runs the pipeline in parallel, drops near-duplicates and writes the store.
