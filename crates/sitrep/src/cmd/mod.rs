//! One module per command family. Each takes its clap arguments and returns an exit code.

pub mod ner;
pub mod read;
pub mod store;
pub mod syntax;
pub mod tag;

use anyhow::{Context, Result};
use clap::Args;

/// `--as-of`: the day articles are read on, which an undated article was written no later
/// than (see [`sitrep_pipeline::Pipeline::reading_on`]).
#[derive(Debug, Clone, Args)]
pub struct AsOfArg {
    /// The day the articles are read on (YYYY-MM-DD; default: today, UTC). An article that
    /// gives no date was written no later than that: a weekday and date without a year
    /// ("Thursday, November 28") take the latest year they fit up to it. `none` dates
    /// articles from their text alone (records then depend only on their input).
    #[arg(long, value_name = "YYYY-MM-DD|none")]
    pub as_of: Option<String>,
}

impl AsOfArg {
    /// The reading day: the one given, today (UTC) by default, or none.
    pub fn day(&self) -> Result<Option<jiff::civil::Date>> {
        match self.as_of.as_deref() {
            None => Ok(Some(
                jiff::Timestamp::now()
                    .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                    .date(),
            )),
            Some("none") => Ok(None),
            Some(day) => day
                .parse::<jiff::civil::Date>()
                .map(Some)
                .with_context(|| format!("--as-of {day:?} is not a YYYY-MM-DD date")),
        }
    }
}
