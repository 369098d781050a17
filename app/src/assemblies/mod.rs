//! General Assemblies: the list, one assembly with its agenda, quorum,
//! check-in, proxies and polls, the ballot screen and the projector. Every
//! change (announcing, checking in, proxies, opening and closing polls,
//! casting a ballot) is a plain form post, so all of it works without
//! JavaScript; the live stream that follows a session is the server's.
//!
//! Reads are server functions in `api`; writes are the form handlers in
//! `post` (agenda, session, ballot); SQL is in `store` (assemblies,
//! attendance and proxies, polls, ballots and results).

pub mod api;
mod assembly_page;
mod ballot_page;
mod correcting;
mod fields;
mod following;
mod list_page;
pub mod minutes;
mod minutes_page;
mod poll_card;
#[cfg(feature = "ssr")]
pub mod post;
mod projector_page;

#[cfg(feature = "ssr")]
pub mod store;
pub mod words;

pub use assembly_page::AssemblyPage;
pub use ballot_page::BallotPage;
pub use list_page::AssembliesPage;
pub use minutes_page::MinutesPage;
pub use projector_page::ProjectorPage;

use crate::auth::validate::Problem;
use crate::domain::assembly::{AssemblyStatus, PollStatus};
use crate::domain::ids::{AgendaItemId, DocumentId, OrganisationId, PollId};
use crate::domain::voting::{ElectionResult, MotionResult, Rule};
use serde::{Deserialize, Serialize};

/// An assembly as the pages show it.
pub type AssemblyItem = crate::domain::assembly::Assembly;

/// A poll with what may be shown of it now: results and named votes of a
/// closed poll (named votes also while a named poll is open), the bulletin
/// of a closed secret poll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollView {
    pub id: PollId,
    pub agenda_item_id: Option<AgendaItemId>,
    pub title_ka: String,
    pub title_en: String,
    pub kind: String,
    pub secret: bool,
    pub rule: Rule,
    pub seats: i64,
    pub candidates: Vec<String>,
    pub status: PollStatus,
    pub voters: i64,
    pub voted: i64,
    pub closed_at: Option<i64>,
    /// The quorum when it opened: (voting organisations present, needed).
    pub quorum_at_open: Option<(i64, i64)>,
    /// A run-off: the election whose tie it resolves.
    pub runoff_of: Option<PollId>,
    /// An election with a tie: the run-off held for it.
    pub runoff: Option<PollId>,
    pub motion: Option<MotionResult>,
    pub election: Option<ElectionResult>,
    /// Named polls: who voted what.
    pub named: Vec<NamedVote>,
    /// Closed secret polls: each ballot by its tracker.
    pub bulletin: Vec<BulletinLine>,
}

/// One ballot of a closed secret poll's published bulletin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulletinLine {
    pub tracker: String,
    /// The ballot as stored (a motion's choice, an election's marks).
    pub choice: String,
}

/// An organisation's name in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgName {
    pub ka: String,
    pub en: String,
}

impl OrgName {
    pub fn pick(&self, lang: crate::domain::lang::Lang) -> &str {
        lang.pick(&self.ka, &self.en)
    }
}

/// Present voting organisations against all voting organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuorumView {
    pub present: i64,
    pub voters: i64,
    pub needed: i64,
    pub met: bool,
    /// Every organisation checked in, voting or not.
    pub attending: i64,
}

/// What changes during a session, sent to every open screen of the
/// assembly as it changes (server-sent events): the quorum, and per poll
/// that is not a draft its status, turnout and — for open named polls — who
/// voted what (organisation id, choice as stored), and the agenda. Nothing
/// in it is secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveSnapshot {
    pub status: AssemblyStatus,
    pub quorum: QuorumView,
    pub polls: Vec<LivePoll>,
    /// The agenda as it reads now (staff correct its text in session).
    pub agenda: Vec<AgendaItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LivePoll {
    pub id: PollId,
    pub status: PollStatus,
    pub voted: i64,
    pub voters: i64,
    /// Open named polls: each organisation that has voted, and its choice
    /// as stored.
    pub named: Vec<(OrganisationId, String)>,
}

/// One organisation's vote in a named poll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedVote {
    pub name_ka: String,
    pub name_en: String,
    /// The choice as stored (a motion's code, or an election's candidates).
    pub choice: String,
}

impl LiveSnapshot {
    /// What a screen must load again for: the assembly's status and the
    /// polls and their statuses (turnout and named votes update in place).
    pub fn shape(&self) -> (AssemblyStatus, Vec<(PollId, PollStatus)>) {
        (
            self.status,
            self.polls.iter().map(|p| (p.id, p.status)).collect(),
        )
    }

    pub fn poll(&self, id: PollId) -> Option<&LivePoll> {
        self.polls.iter().find(|p| p.id == id)
    }
}

/// The caller's organisation at this assembly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPart {
    pub org_id: OrganisationId,
    pub name_ka: String,
    pub name_en: String,
    pub checked_in: bool,
    pub votes: bool,
    /// To whom this organisation gave its proxy.
    pub proxy_to: Option<OrgName>,
    /// Organisations whose proxy this one holds.
    pub proxies_held: Vec<OrgName>,
}

/// An organisation in staff's check-in list and the proxy choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgLine {
    pub id: OrganisationId,
    pub name_ka: String,
    pub name_en: String,
    /// Its category gives it a vote.
    pub votes: bool,
    pub checked_in: bool,
}

/// One item of an assembly's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: AgendaItemId,
    pub position: i64,
    pub title_ka: String,
    pub title_en: String,
}

/// A document of an assembly, as listed (its bytes are served apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentLine {
    pub id: DocumentId,
    pub title_ka: String,
    pub title_en: String,
    pub file_name: String,
    /// Bytes.
    pub size: i64,
}

/// A ballot a delegate casts: for the own organisation or a proxy's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotLine {
    pub org: OrganisationId,
    pub name_ka: String,
    pub name_en: String,
    pub voted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssemblyView {
    pub assembly: AssemblyItem,
    pub agenda: Vec<AgendaItem>,
    pub documents: Vec<DocumentLine>,
    pub polls: Vec<PollView>,
    pub quorum: QuorumView,
    pub me: Option<MyPart>,
    pub staff: bool,
    pub organisations: Vec<OrgLine>,
    pub problems: Vec<(String, Problem)>,
    pub values: Vec<(String, String)>,
    /// What the last post did (a code the page turns into a sentence).
    pub notice: String,
}

/// What a refused or finished assembly post hands back to the page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AssemblySubmitted {
    pub problems: Vec<(String, Problem)>,
    pub values: Vec<(String, String)>,
}

/// A ballot post: the choice to confirm, or the outcome of casting it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BallotStage {
    /// Chosen, not yet cast: shown back for confirmation.
    Confirm { org: OrganisationId, choice: String },
    /// Recorded; secret polls carry the voter's tracker code.
    Recorded {
        org: OrganisationId,
        tracker: Option<String>,
    },
    /// Refused: already voted, not a voter, poll closed, or no choice.
    Refused { org: OrganisationId, reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotView {
    pub assembly: AssemblyItem,
    pub poll: PollView,
    /// The ballots the caller's organisation casts here: its own, then the
    /// proxies it holds.
    pub ballots: Vec<BallotLine>,
    pub stage: Option<BallotStage>,
    /// The caller's own organisation (its ballot is not a proxy's).
    pub own_org: Option<OrganisationId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssembliesView {
    /// One page of them, the latest first.
    pub list: crate::domain::paging::Paged<AssemblyItem>,
    pub staff: bool,
    /// A refused "call an assembly" post: its problems and what was typed.
    pub problems: Vec<(String, Problem)>,
    pub values: Vec<(String, String)>,
    /// The rules a new assembly is called with unless staff choose others.
    pub rules: crate::domain::voting::VotingRules,
}
