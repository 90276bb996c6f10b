//! Annotations over a document: entities with their titles, countries and mentions, times, and quotes with their speakers.
