//! Following an assembly live: the stream that keeps the quorum and the
//! polls current while the page is open.

#[cfg(feature = "hydrate")]
use super::api::load_assembly;
use super::{AgendaItem, LiveSnapshot, PollView, QuorumView};
use crate::domain::assembly::AssemblyStatus;
#[cfg(feature = "hydrate")]
use crate::domain::assembly::PollStatus;
use crate::domain::ids::AssemblyId;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// What follows the session live on a screen: the latest snapshot, the
/// polls (loaded again when one opens or closes), the assembly's status and
/// its agenda.
#[derive(Clone, Copy)]
pub(super) struct Following {
    pub(super) live: RwSignal<Option<LiveSnapshot>>,
    pub(super) polls: RwSignal<Vec<PollView>>,
    pub(super) status: RwSignal<AssemblyStatus>,
    pub(super) quorum: Signal<QuorumView>,
    pub(super) agenda: Signal<Vec<AgendaItem>>,
}

impl Following {
    pub(super) fn start(
        id: AssemblyId,
        status: AssemblyStatus,
        polls: Vec<PollView>,
        quorum: QuorumView,
        agenda: Vec<AgendaItem>,
    ) -> Following {
        #[cfg(feature = "hydrate")]
        let live = {
            // The page's own copy of the kept stream's latest snapshot: what
            // the page shows goes away with the page, while the stream stays.
            let kept = kept::stream_of(id);
            let live = RwSignal::new(kept.get_untracked());
            Effect::new(move |_| {
                let snapshot = kept.get();
                live.try_set(snapshot);
            });
            live
        };
        #[cfg(not(feature = "hydrate"))]
        let live = RwSignal::new(None::<LiveSnapshot>);
        let polls = RwSignal::new(polls);
        let status = RwSignal::new(status);
        watch_live(id, live, status, polls);
        let quorum = Signal::derive(move || {
            live.with(|l| l.as_ref().map(|l| l.quorum))
                .unwrap_or(quorum)
        });
        let agenda = Signal::derive(move || {
            live.with(|l| l.as_ref().map(|l| l.agenda.clone()))
                .unwrap_or_else(|| agenda.clone())
        });
        Following {
            live,
            polls,
            status,
            quorum,
            agenda,
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

/// In the browser: when a snapshot shows a poll opened or closed (or the
/// assembly moved on), the polls are loaded again; counts update in place.
/// The page holds the assembly's stream while it is shown.
#[allow(unused_variables)]
fn watch_live(
    id: AssemblyId,
    live: RwSignal<Option<LiveSnapshot>>,
    status: RwSignal<AssemblyStatus>,
    polls: RwSignal<Vec<PollView>>,
) {
    #[cfg(feature = "hydrate")]
    {
        hold(id);
        Effect::new(move |_| {
            let Some(shape) = live
                .try_with(|l| l.as_ref().map(LiveSnapshot::shape))
                .flatten()
            else {
                return;
            };
            let (Some(status_shown), Some(polls_shown)) = (
                status.try_get_untracked(),
                polls.try_with_untracked(|ps| {
                    ps.iter()
                        .filter(|p| p.status != PollStatus::Draft)
                        .map(|p| (p.id, p.status))
                        .collect::<Vec<_>>()
                }),
            ) else {
                return;
            };
            let shown = (status_shown, polls_shown);
            if shape != shown {
                leptos::task::spawn_local(async move {
                    if let Ok(view) = load_assembly(id, String::new()).await {
                        status.try_set(view.assembly.status);
                        polls.try_set(view.polls);
                    }
                });
            }
        });
    }
}

/// Keeps the assembly's live stream open while the page that calls it is
/// shown; once none is, and the browser has left the assembly's pages, the
/// stream closes.
pub(super) fn hold(#[allow(unused_variables)] id: AssemblyId) {
    #[cfg(feature = "hydrate")]
    kept::hold(id);
}

/// The live stream of the assembly being followed, kept across the pages
/// of that assembly (its page, a ballot, the projector) and across the forms
/// sent in place on them: checking in or casting a vote does not reconnect
/// it.
#[cfg(feature = "hydrate")]
mod kept {
    use super::LiveSnapshot;
    use crate::domain::ids::AssemblyId;
    use leptos::prelude::*;
    use std::cell::RefCell;

    struct Kept {
        id: AssemblyId,
        live: ArcRwSignal<Option<LiveSnapshot>>,
        stop: futures::future::AbortHandle,
        /// The pages of the assembly shown now.
        holders: u32,
        /// Which opening of the stream this is (a hold counts for one).
        opening: u64,
    }

    thread_local! {
        static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
        static OPENINGS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    }

    /// How long a page that went away leaves for the next one of the same
    /// assembly to take the stream over before it is closed.
    const HANDOVER_MS: u32 = 1_000;

    /// The latest snapshot of assembly `id`, from the stream kept open (or
    /// opened now, closing another assembly's).
    pub(super) fn stream_of(id: AssemblyId) -> ArcRwSignal<Option<LiveSnapshot>> {
        KEPT.with(|cell| {
            let mut kept = cell.borrow_mut();
            if let Some(k) = kept.as_ref().filter(|k| k.id == id) {
                return k.live.clone();
            }
            if let Some(old) = kept.take() {
                old.stop.abort();
            }
            let live = ArcRwSignal::new(None);
            let shown = live.clone();
            let stop = crate::browser::follow_stream(
                format!("/assemblies/{id}/live"),
                "snapshot",
                move |data| {
                    if let Ok(snapshot) = serde_json::from_str::<LiveSnapshot>(&data) {
                        shown.set(Some(snapshot));
                    }
                },
            );
            let opening = OPENINGS.with(|n| {
                n.set(n.get() + 1);
                n.get()
            });
            *kept = Some(Kept {
                id,
                live: live.clone(),
                stop,
                holders: 0,
                opening,
            });
            live
        })
    }

    fn with_kept<T>(id: AssemblyId, f: impl FnOnce(&mut Kept) -> T) -> Option<T> {
        KEPT.with(|cell| cell.borrow_mut().as_mut().filter(|k| k.id == id).map(f))
    }

    pub(super) fn hold(id: AssemblyId) {
        let held = with_kept(id, |k| {
            k.holders += 1;
            k.opening
        });
        on_cleanup(move || {
            if let Some(opening) = held {
                with_kept(id, |k| {
                    if k.opening == opening {
                        k.holders = k.holders.saturating_sub(1);
                    }
                });
            }
            close_when_left(id);
        });
    }

    /// Closes the stream once no page of the assembly holds it and the
    /// browser shows none of its pages (one may still be loading: then
    /// this looks again a little later).
    fn close_when_left(id: AssemblyId) {
        crate::browser::after(HANDOVER_MS, move || {
            let Some(holders) = with_kept(id, |k| k.holders) else {
                return;
            };
            if holders > 0 {
                return;
            }
            let path = crate::browser::current_path();
            let path = crate::i18n::page_path(&path);
            let here = format!("/assemblies/{id}");
            if path == here || path.starts_with(&format!("{here}/")) {
                close_when_left(id);
                return;
            }
            KEPT.with(|cell| {
                let mut kept = cell.borrow_mut();
                if kept.as_ref().is_some_and(|k| k.id == id) {
                    if let Some(k) = kept.take() {
                        k.stop.abort();
                    }
                }
            });
        });
    }
}
