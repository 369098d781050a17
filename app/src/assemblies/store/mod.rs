//! General Assemblies in storage: attendance, proxies, polls, and the
//! transaction that records a group of ballots. The counting itself is
//! `domain::voting`; here is what keeps votes right under concurrency: one
//! "has voted" row per organisation per poll (its primary key), written in
//! the same transaction as the ballot, and a poll that is open for the
//! whole of that transaction (a ballot racing the close is counted or
//! refused, never accepted and lost).

mod agenda;
mod assembly;
mod attendance;
mod ballots;
mod casting;
mod documents;
mod minutes;
mod polls;

pub use crate::domain::assembly::{Assembly, AssemblyStatus, PollStatus};
pub use agenda::*;
pub use assembly::*;
pub use attendance::*;
pub use ballots::*;
pub use casting::cast;
pub use documents::*;
pub use minutes::minutes;
pub use polls::*;
