//! Following an assembly live: the stream that keeps the quorum and the
//! polls current while the page is open.

#[cfg(feature = "hydrate")]
use super::api::load_assembly;
use super::{LiveSnapshot, PollView, QuorumView};
use crate::domain::assembly::AssemblyStatus;
#[cfg(feature = "hydrate")]
use crate::domain::assembly::PollStatus;
use crate::domain::ids::AssemblyId;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// What follows the session live on a screen: the latest snapshot, the
/// polls (loaded again when one opens or closes) and the assembly's status.
#[derive(Clone, Copy)]
pub(super) struct Following {
    pub(super) live: RwSignal<Option<LiveSnapshot>>,
    pub(super) polls: RwSignal<Vec<PollView>>,
    pub(super) status: RwSignal<AssemblyStatus>,
    pub(super) quorum: Signal<QuorumView>,
}

impl Following {
    pub(super) fn start(
        id: AssemblyId,
        status: AssemblyStatus,
        polls: Vec<PollView>,
        quorum: QuorumView,
    ) -> Following {
        let live = RwSignal::new(None::<LiveSnapshot>);
        let polls = RwSignal::new(polls);
        let status = RwSignal::new(status);
        watch_live(id, live, status, polls);
        let quorum = Signal::derive(move || {
            live.with(|l| l.as_ref().map(|l| l.quorum))
                .unwrap_or(quorum)
        });
        Following {
            live,
            polls,
            status,
            quorum,
        }
    }

    /// A poll's turnout (voted, voters): live, or as loaded.
    pub(super) fn turnout(
        self,
        poll: &PollView,
    ) -> impl Fn() -> (i64, i64) + Copy + Send + Sync + 'static {
        let (id, voted, voters) = (poll.id, poll.voted, poll.voters);
        let live = self.live;
        move || {
            live.with(|l| {
                l.as_ref()
                    .and_then(|l| l.poll(id))
                    .map(|p| (p.voted, p.voters))
            })
            .unwrap_or((voted, voters))
        }
    }
}

/// Present voting organisations against all, and whether that is enough.
#[component]
pub(super) fn QuorumFigure(quorum: Signal<QuorumView>) -> impl IntoView {
    let a = use_i18n().t().assemblies();
    view! {
        <p class="quorum-figure" role="status">
            <strong>{move || { let q = quorum.get(); (a.quorum_count)(q.present, q.voters) }}</strong>
            " (" {move || (a.quorum_needed)(quorum.get().needed)} ")"
        </p>
        <meter min="0" max=move || quorum.get().voters.max(1).to_string() value=move || quorum.get().present.to_string()
            low=move || quorum.get().needed.max(1).to_string() optimum=move || quorum.get().voters.max(1).to_string()
            aria-label=a.quorum></meter>
        <p class:quorum-met=move || quorum.get().met>{move || if quorum.get().met { a.quorum_met } else { a.quorum_not_met }}</p>
        <p class="hint">{move || (a.attending)(quorum.get().attending)}</p>
    }
}

/// In the browser: listens to the assembly's live snapshots. Counts update
/// in place; when a poll opens or closes (or the assembly moves on), the
/// polls are loaded again. The stream reconnects by itself
/// (`browser::follow_stream`).
#[allow(unused_variables)]
fn watch_live(
    id: AssemblyId,
    live: RwSignal<Option<LiveSnapshot>>,
    status: RwSignal<AssemblyStatus>,
    polls: RwSignal<Vec<PollView>>,
) {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        crate::browser::follow_stream(format!("/assemblies/{id}/live"), "snapshot", move |data| {
            let Ok(snapshot) = serde_json::from_str::<LiveSnapshot>(&data) else {
                return;
            };
            let shown = (
                status.get_untracked(),
                polls.with_untracked(|ps| {
                    ps.iter()
                        .filter(|p| p.status != PollStatus::Draft)
                        .map(|p| (p.id, p.status))
                        .collect::<Vec<_>>()
                }),
            );
            if snapshot.shape() != shown {
                leptos::task::spawn_local(async move {
                    if let Ok(view) = load_assembly(id, String::new()).await {
                        status.set(view.assembly.status);
                        polls.set(view.polls);
                    }
                });
            }
            live.set(Some(snapshot));
        });
    });
}
