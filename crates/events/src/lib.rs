//! Events: PLOVER-coded who-did-what-to-whom with polarity, certainty and provenance.
