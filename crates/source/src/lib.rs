//! Bytes in: reads a file or stdin, checks it is text, and tells plain text from HTML.
