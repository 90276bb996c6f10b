//! HTML pages to article text: main-content extraction, page metadata and paywall signs.
