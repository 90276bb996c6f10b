//! Scraped text to article: removes what is not the article (paywall meters, teasers, footers, share lines), finds the title and the truncation.
