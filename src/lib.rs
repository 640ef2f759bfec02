//! `roster`: plans who works where under Indonesian civil-service flexible-work policies.
//!
//! The flow: [`policy::Policy`], [`staff::Staff`] and [`leave::Leave`] are read and
//! validated; a [`resolve::Resolver`] decides who is fixed and who rotates; the pure
//! [`planner::Planner`] yields the roster day by day; [`audit::Audit`] checks every
//! guarantee as the days pass; the [`writers`] turn it into CSV and tables. The steps
//! `plan` and `explain` share, up to the overrides a roster is planned with, are the
//! [`pipeline`].

pub mod attendance;
pub mod audit;
pub mod calendar;
pub mod calendars;
pub mod carry;
pub mod catalogue;
pub mod cell;
pub mod cli;
pub mod commands;
pub mod error;
pub mod explain;
pub mod facts;
pub mod grants;
pub mod guarantee;
pub mod input;
pub mod lang;
pub mod leave;
pub mod mode;
pub mod names;
pub mod pattern;
pub mod pipeline;
pub mod planner;
pub mod policy;
pub mod pools;
pub mod progress;
pub mod published;
pub mod report;
pub mod requests;
pub mod resolve;
pub mod roster_file;
pub mod staff;
pub mod terminal;
pub mod view;
pub mod window;
pub mod writers;

pub use error::{Error, Result};
