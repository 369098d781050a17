//! Live General Assemblies: every change to an assembly (a check-in, a
//! proxy, a poll opened or closed, a ballot) is published; one task per
//! server instance turns the changes into a snapshot per assembly — at most
//! one every `TICK`, computed once however many screens watch — and every
//! open screen receives it as a server-sent event.
//!
//! With several instances on one PostgreSQL database the change travels by
//! `NOTIFY assembly_changed` and each instance `LISTEN`s, so a ballot cast
//! through one instance reaches the screens connected to another. With
//! SQLite there is one instance and the change stays in the process.
//!
//! A `NOTIFY` is a transaction of its own that PostgreSQL commits under one
//! lock for the whole server, so an instance does not send one per change:
//! its notifier sends the assemblies that changed at once, and the changes
//! published while that is on its way go together in the next one. An idle
//! instance notifies at once; under a burst of ballots one notice per round
//! trip carries them all.

use app::assemblies::api::live_snapshot;
use app::assemblies::store as assemblies;
use app::auth::server::CurrentSession;
use app::auth::Access;
use app::db::{Backend, Db};
use app::domain::ids::AssemblyId;
use app::platform::post::{lang_of, refuse, simple_page, unavailable, Refusal};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{broadcast, watch};

/// Changes arriving within this time make one snapshot.
const TICK: Duration = Duration::from_millis(150);
const CHANNEL: &str = "assembly_changed";

/// Live streams one session may hold open at once (a delegate's laptop and
/// phone, a few tabs), and that one instance serves in all.
pub const STREAMS_PER_SESSION: usize = 8;
pub const STREAMS_PER_INSTANCE: usize = 10_000;

/// The latest snapshot of one assembly, as the JSON sent to screens.
pub type Snapshot = Option<Arc<str>>;

pub struct Live {
    db: Db,
    changed: broadcast::Sender<AssemblyId>,
    /// Held while the first snapshot of an assembly nobody watched yet is
    /// computed, so that screens connecting at once (all of them, after a
    /// restart) wait for one computation instead of each making its own.
    first: tokio::sync::Mutex<()>,
    /// Changed assemblies waiting for the notifier (PostgreSQL).
    unsent: Mutex<HashSet<AssemblyId>>,
    to_send: tokio::sync::Notify,
    watches: Mutex<HashMap<AssemblyId, watch::Sender<Snapshot>>>,
    closing: watch::Sender<bool>,
    /// Open streams: in all, and per session (by the session's hash).
    streams: Mutex<(usize, HashMap<String, usize>)>,
}

/// Why a stream cannot be opened now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoPlace {
    /// This session already holds `STREAMS_PER_SESSION`.
    Session,
    /// This instance already serves `STREAMS_PER_INSTANCE`.
    Instance,
}

/// A place among the open streams, given back when the stream ends.
pub struct StreamPlace {
    live: Arc<Live>,
    session: String,
}

impl Drop for StreamPlace {
    fn drop(&mut self) {
        let mut streams = self.live.streams.lock().unwrap_or_else(|e| e.into_inner());
        streams.0 = streams.0.saturating_sub(1);
        if let Some(count) = streams.1.get_mut(&self.session) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                streams.1.remove(&self.session);
            }
        }
    }
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live").finish_non_exhaustive()
    }
}

impl Live {
    /// Starts the snapshot task (and on PostgreSQL the listener).
    pub async fn start(db: Db, database_url: &str) -> anyhow::Result<Arc<Live>> {
        let (changed, _) = broadcast::channel(1024);
        let (closing, _) = watch::channel(false);
        let live = Arc::new(Live {
            db: db.clone(),
            changed,
            first: tokio::sync::Mutex::new(()),
            unsent: Mutex::new(HashSet::new()),
            to_send: tokio::sync::Notify::new(),
            watches: Mutex::new(HashMap::new()),
            closing,
            streams: Mutex::new((0, HashMap::new())),
        });
        if db.backend() == Backend::Postgres {
            let mut listener = sqlx::postgres::PgListener::connect(database_url).await?;
            listener.listen(CHANNEL).await?;
            let relay = live.clone();
            tokio::spawn(async move {
                loop {
                    // After a lost connection `recv` reconnects and listens again.
                    match listener.recv().await {
                        Ok(note) => {
                            if let Ok(id) = note.payload().parse::<AssemblyId>() {
                                let _ = relay.changed.send(id);
                            }
                        }
                        Err(error) => {
                            tracing::warn!(%error, "assembly listener");
                            tokio::time::sleep(Duration::from_millis(200)).await;
                        }
                    }
                }
            });
            tokio::spawn(notifier(live.clone()));
        }
        tokio::spawn(snapshots(live.clone()));
        Ok(live)
    }

    /// Says that assembly `id` changed, to this instance and (PostgreSQL)
    /// every other one.
    pub async fn publish(&self, id: AssemblyId) {
        if self.db.backend() == Backend::Postgres {
            self.unsent
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(id);
            self.to_send.notify_one();
        } else {
            let _ = self.changed.send(id);
        }
    }

    /// The snapshots of assembly `id` from now on.
    pub fn watch(&self, id: AssemblyId) -> watch::Receiver<Snapshot> {
        let mut watches = self.watches.lock().unwrap_or_else(|e| e.into_inner());
        watches
            .entry(id)
            .or_insert_with(|| watch::channel(None).0)
            .subscribe()
    }

    /// The snapshot now, computed for one screen that just connected.
    pub async fn snapshot(&self, id: AssemblyId) -> Result<Snapshot, sqlx::Error> {
        Ok(live_snapshot(&self.db, id)
            .await?
            .and_then(|s| serde_json::to_string(&s).ok())
            .map(Arc::from))
    }

    /// The snapshot a screen that just connected is shown first: the one
    /// kept for the screens already open, else one computed now and kept
    /// for the screens connecting with it (unless a change has sent a
    /// newer one meanwhile).
    pub async fn first_snapshot(
        &self,
        id: AssemblyId,
        watch: &mut watch::Receiver<Snapshot>,
    ) -> Result<Snapshot, sqlx::Error> {
        if let Some(kept) = watch.borrow_and_update().clone() {
            return Ok(Some(kept));
        }
        let _one = self.first.lock().await;
        if let Some(kept) = watch.borrow_and_update().clone() {
            return Ok(Some(kept));
        }
        let snapshot = self.snapshot(id).await?;
        if snapshot.is_none() {
            return Ok(None);
        }
        {
            let watches = self.watches.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(sender) = watches.get(&id) {
                sender.send_if_modified(|kept| {
                    let empty = kept.is_none();
                    if empty {
                        *kept = snapshot.clone();
                    }
                    empty
                });
            }
        }
        // What is kept now (this one, or a newer one a change sent), marked
        // as shown to this screen.
        Ok(watch.borrow_and_update().clone().or(snapshot))
    }

    /// Resolves when the server is shutting down (streams end then).
    /// Takes a place for a stream of `session`, or says why there is none.
    pub fn take_place(self: &Arc<Self>, session: &str) -> Result<StreamPlace, NoPlace> {
        let mut streams = self.streams.lock().unwrap_or_else(|e| e.into_inner());
        if streams.0 >= STREAMS_PER_INSTANCE {
            return Err(NoPlace::Instance);
        }
        let held = streams.1.get(session).copied().unwrap_or(0);
        if held >= STREAMS_PER_SESSION {
            return Err(NoPlace::Session);
        }
        streams.0 += 1;
        streams.1.insert(session.to_string(), held + 1);
        Ok(StreamPlace {
            live: self.clone(),
            session: session.to_string(),
        })
    }

    pub fn closing(&self) -> watch::Receiver<bool> {
        self.closing.subscribe()
    }

    pub fn close(&self) {
        let _ = self.closing.send(true);
    }
}

/// Sends the changed assemblies by `NOTIFY`, all that are waiting in one
/// statement, and waits for more. A notice that fails reaches this
/// instance's screens only.
async fn notifier(live: Arc<Live>) {
    let mut closing = live.closing();
    loop {
        tokio::select! {
            _ = live.to_send.notified() => {}
            _ = closing.changed() => return,
        }
        let ids: Vec<String> = {
            let mut unsent = live.unsent.lock().unwrap_or_else(|e| e.into_inner());
            unsent.drain().map(|id| id.to_string()).collect()
        };
        if ids.is_empty() {
            continue;
        }
        // Integers, joined by commas (the pool speaks to both databases
        // and has no arrays).
        let sent =
            sqlx::query("SELECT pg_notify($1, id) FROM unnest(string_to_array($2, ',')) AS id")
                .bind(CHANNEL)
                .bind(ids.join(","))
                .execute(live.db.pool())
                .await;
        if sent.is_err() {
            tracing::warn!("NOTIFY failed; this instance's screens only");
            for id in ids.iter().filter_map(|id| id.parse().ok()) {
                let _ = live.changed.send(id);
            }
        }
    }
}

/// Collects changes for one tick, then sends each changed assembly that
/// somebody watches its new snapshot.
async fn snapshots(live: Arc<Live>) {
    let mut changes = live.changed.subscribe();
    let mut closing = live.closing();
    loop {
        let first = tokio::select! {
            change = changes.recv() => change,
            _ = closing.changed() => return,
        };
        let mut ids = HashSet::new();
        match first {
            Ok(id) => {
                ids.insert(id);
            }
            // Missed some: refresh every watched assembly.
            Err(broadcast::error::RecvError::Lagged(_)) => {
                let watches = live.watches.lock().unwrap_or_else(|e| e.into_inner());
                ids.extend(watches.keys().copied());
            }
            Err(broadcast::error::RecvError::Closed) => return,
        }
        let deadline = tokio::time::Instant::now() + TICK;
        while let Ok(Ok(id)) = tokio::time::timeout_at(deadline, changes.recv()).await {
            ids.insert(id);
        }
        for id in ids {
            let watched = {
                let mut watches = live.watches.lock().unwrap_or_else(|e| e.into_inner());
                // Nobody watches any more: forget the assembly.
                watches.retain(|_, s| s.receiver_count() > 0);
                watches.contains_key(&id)
            };
            if !watched {
                continue;
            }
            match live.snapshot(id).await {
                Ok(snapshot) => {
                    let watches = live.watches.lock().unwrap_or_else(|e| e.into_inner());
                    if let Some(sender) = watches.get(&id) {
                        sender.send_replace(snapshot);
                    }
                }
                Err(error) => tracing::error!(%error, "assembly snapshot"),
            }
        }
    }
}

/// The assembly's snapshots as server-sent events, for participants:
/// the current one at once, then each change. The browser reconnects by
/// itself after a dropped connection and gets the current one again.
pub async fn stream(
    State(live): State<Arc<Live>>,
    Path(id): Path<AssemblyId>,
    Extension(current): Extension<Option<CurrentSession>>,
    headers: axum::http::HeaderMap,
) -> Response {
    use axum::response::sse::{Event, KeepAlive, Sse};
    let Some(CurrentSession {
        caller, token_hash, ..
    }) = current
    else {
        return refuse(lang_of(&headers), Refusal::SignInFirst);
    };
    if !Access::Participant.allows(Some(&caller)) {
        return refuse(lang_of(&headers), Refusal::Forbidden);
    }
    // A draft is the secretariat's alone; an assembly that does not exist
    // gets no watcher.
    match assemblies::get(&live.db, id).await {
        Ok(Some(a))
            if a.status != app::domain::assembly::AssemblyStatus::Draft
                || Access::Staff.allows(Some(&caller)) => {}
        Ok(_) => return refuse(lang_of(&headers), Refusal::NotFound),
        Err(error) => return unavailable(lang_of(&headers), error),
    }
    // A bounded number of streams per session and per instance: each holds
    // a connection and a task for as long as the screen is open.
    let place = match live.take_place(&token_hash) {
        Ok(place) => place,
        Err(crate::live::NoPlace::Session) => {
            let mut refused = busy(lang_of(&headers), StatusCode::TOO_MANY_REQUESTS);
            refused.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("10"),
            );
            return refused;
        }
        Err(crate::live::NoPlace::Instance) => {
            return busy(lang_of(&headers), StatusCode::SERVICE_UNAVAILABLE)
        }
    };
    let mut watch = live.watch(id);
    // The latest snapshot, if one is kept for screens already open (a
    // change replaces it at once), else one computed now.
    let first = match live.first_snapshot(id, &mut watch).await {
        Ok(Some(first)) => first,
        Ok(None) => return refuse(lang_of(&headers), Refusal::NotFound),
        Err(error) => return unavailable(lang_of(&headers), error),
    };
    let closing = live.closing();
    // The place travels with the stream and is given back when it ends.
    let stream = futures::stream::unfold(
        (Some(first), watch, closing, place),
        |(first, mut watch, mut closing, place)| async move {
            if let Some(first) = first {
                let event = Event::default().event("snapshot").data(&*first);
                return Some((
                    Ok::<_, std::convert::Infallible>(event),
                    (None, watch, closing, place),
                ));
            }
            loop {
                tokio::select! {
                    changed = watch.changed() => {
                        changed.ok()?;
                        let snapshot = watch.borrow_and_update().clone();
                        if let Some(snapshot) = snapshot {
                            let event = Event::default().event("snapshot").data(&*snapshot);
                            return Some((Ok(event), (None, watch, closing, place)));
                        }
                    }
                    _ = closing.changed() => return None,
                }
            }
        },
    );
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(std::time::Duration::from_secs(15)))
        .into_response();
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    // A reverse proxy that buffers answers (nginx does by default) would hold
    // the events back; this asks it not to.
    response.headers_mut().insert(
        axum::http::HeaderName::from_static("x-accel-buffering"),
        axum::http::HeaderValue::from_static("no"),
    );
    response
}

/// Too many screens follow assemblies (this session's, or the instance's).
fn busy(lang: app::domain::lang::Lang, status: StatusCode) -> Response {
    let r = app::i18n::messages(lang).refusals();
    (
        status,
        simple_page(lang, r.busy_title, r.busy_text, "/assemblies", r.go_back),
    )
        .into_response()
}
