//! Outgoing mail: SMTP when configured, otherwise an outbox folder (one
//! `.eml` file per message, also logged), so a local run needs no mail server.
//!
//! Requests never wait for a mail to leave: they queue it (one row in
//! `mail_queue`) and it is delivered after the answer, retried when the
//! mail server fails, and picked up again after a restart. So an answer
//! takes the same time whether or not a mail goes out (nothing tells, for
//! example, whether an address has an account) and a slow mail server
//! slows nobody's page.

use crate::db::mail_queue::{enqueue_in, Outgoing};
use crate::db::{mail_queue, now_unix, Db};
use crate::domain::lang::Lang;
use crate::i18n::mails::Mail;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sqlx::{Any, Transaction};
use std::path::PathBuf;

#[derive(Clone)]
pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Outbox {
        dir: PathBuf,
        from: Mailbox,
    },
}

impl Mailer {
    /// Mail is written to a folder rather than sent.
    pub fn is_outbox(&self) -> bool {
        matches!(self, Mailer::Outbox { .. })
    }
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Smtp { from, .. } => write!(f, "Mailer::Smtp(from {from})"),
            Mailer::Outbox { dir, .. } => write!(f, "Mailer::Outbox({})", dir.display()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid address: {0}")]
    Address(#[from] lettre::address::AddressError),
    #[error("cannot build the message: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("outbox: {0}")]
    Outbox(#[from] std::io::Error),
    #[error("the body cannot be encoded")]
    Encoding,
}

/// How long a delivery holds a queued mail before another may try it.
const HOLD_SECONDS: i64 = 120;
/// Attempts before a mail is given up: with the doubling waits from 30
/// seconds (at most six hours apart), about a day and a half.
const MAX_ATTEMPTS: i64 = 12;

impl Mailer {
    /// Queues a mail (with a calendar invitation attached, when given) and
    /// starts delivering it in the background.
    pub async fn queue(
        &self,
        db: &Db,
        to: &str,
        subject: &str,
        body: &str,
        calendar: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        let id = mail_queue::enqueue(db, to, subject, body, calendar, now_unix()).await?;
        self.deliver_soon(db, id);
        Ok(())
    }

    /// Delivers queued mail `id` now, after the answer, in the request's
    /// span (what happens to the mail is logged with the request's id). If
    /// this fails or the server stops, the queue's worker sends it later.
    pub fn deliver_soon(&self, db: &Db, id: i64) {
        let (db, mailer) = (db.clone(), self.clone());
        // In the request's span: what happens to the mail is logged with
        // the request's id.
        let delivery = async move { mailer.deliver_queued(&db, id).await };
        tokio::spawn(tracing::Instrument::instrument(
            delivery,
            tracing::Span::current(),
        ));
    }

    /// Delivers queued mail `id`, if it is due and nobody else holds it.
    pub async fn deliver_queued(&self, db: &Db, id: i64) {
        let now = now_unix();
        let mail = match mail_queue::claim(db, id, now, HOLD_SECONDS).await {
            Ok(Some(mail)) => mail,
            Ok(None) => return,
            Err(error) => {
                tracing::error!(%error, "mail queue unreadable");
                return;
            }
        };
        let sent = match &mail.calendar {
            Some(ics) => {
                self.send_with_calendar(&mail.to, &mail.subject, &mail.body, ics)
                    .await
            }
            None => self.send(&mail.to, &mail.subject, &mail.body).await,
        };
        let attempts = mail.attempts + 1;
        let recorded = match sent {
            Ok(()) => mail_queue::remove(db, id).await,
            Err(error) if attempts >= MAX_ATTEMPTS => {
                tracing::error!(%error, attempts, "could not send mail; given up");
                mail_queue::give_up(db, id, &error.to_string(), now_unix()).await
            }
            Err(error) => {
                tracing::error!(%error, attempts, "could not send mail; will try again");
                let wait = (30_i64 << (attempts - 1).min(20)).min(6 * 60 * 60);
                mail_queue::retry_at(db, id, now_unix() + wait, &error.to_string()).await
            }
        };
        if let Err(error) = recorded {
            tracing::error!(%error, "mail queue not updated");
        }
    }

    /// Delivers every mail that is due (left by a restart, or to retry).
    pub async fn deliver_due(&self, db: &Db) {
        match mail_queue::due(db, now_unix(), 100).await {
            Ok(ids) => {
                for id in ids {
                    self.deliver_queued(db, id).await;
                }
            }
            Err(error) => tracing::error!(%error, "mail queue unreadable"),
        }
    }

    /// SMTP from a URL such as `smtps://user:pass@smtp.example.org` when given,
    /// otherwise `<data-dir>/outbox`.
    pub fn new(
        smtp_url: Option<&str>,
        data_dir: &std::path::Path,
        from: &str,
    ) -> Result<Mailer, MailError> {
        let from: Mailbox = from.parse()?;
        Ok(match smtp_url {
            Some(url) if !url.is_empty() => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.build();
                Mailer::Smtp { transport, from }
            }
            _ => Mailer::Outbox {
                dir: data_dir.join("outbox"),
                from,
            },
        })
    }

    #[tracing::instrument(skip(self, body), fields(to = %to))]
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), MailError> {
        let message = self
            .builder(to, subject)?
            .header(ContentType::TEXT_PLAIN)
            .body(text_body(body)?)?;
        self.deliver(to, message).await
    }

    /// Sends a text with a calendar invitation (`text/calendar`, an
    /// `.ics` file) attached.
    #[tracing::instrument(skip(self, body, calendar), fields(to = %to))]
    pub async fn send_with_calendar(
        &self,
        to: &str,
        subject: &str,
        body: &str,
        calendar: &str,
    ) -> Result<(), MailError> {
        use lettre::message::{Attachment, MultiPart, SinglePart};
        let text = SinglePart::builder()
            .header(ContentType::TEXT_PLAIN)
            .body(text_body(body)?);
        let ics = Attachment::new("invitation.ics".into()).body(
            text_body(calendar)?,
            ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                .map_err(|_| MailError::Encoding)?,
        );
        let message = self
            .builder(to, subject)?
            .multipart(MultiPart::mixed().singlepart(text).singlepart(ics))?;
        self.deliver(to, message).await
    }

    fn builder(
        &self,
        to: &str,
        subject: &str,
    ) -> Result<lettre::message::MessageBuilder, MailError> {
        let from = match self {
            Mailer::Smtp { from, .. } | Mailer::Outbox { from, .. } => from.clone(),
        };
        Ok(Message::builder()
            .from(from)
            .to(to.parse()?)
            .subject(subject))
    }

    async fn deliver(&self, to: &str, message: Message) -> Result<(), MailError> {
        match self {
            Mailer::Smtp { transport, .. } => {
                transport.send(message).await?;
                tracing::info!("mail sent");
            }
            Mailer::Outbox { dir, .. } => {
                tokio::fs::create_dir_all(dir).await?;
                let nanos = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or_default();
                let name = format!("{nanos}-{}.eml", sanitize(to));
                // Written whole under another name, then renamed: whoever
                // reads the folder never sees half a message.
                let partial = dir.join(format!(".{name}.partial"));
                let path = dir.join(name);
                tokio::fs::write(&partial, message.formatted()).await?;
                tokio::fs::rename(&partial, &path).await?;
                tracing::info!(path = %path.display(), "mail written to the outbox");
            }
        }
        Ok(())
    }
}

/// Quoted-printable keeps the (ASCII) links readable in the raw message,
/// whatever the language of the text around them.
fn text_body(body: &str) -> Result<Body, MailError> {
    Body::new_with_encoding(body.to_string(), ContentTransferEncoding::QuotedPrintable)
        .map_err(|_| MailError::Encoding)
}

fn sanitize(address: &str) -> String {
    address
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Queues, inside `tx`, a mail to every active staff member and
/// administrator who chose to be told (each in their own language), so that
/// it leaves if and only if what it tells of is written. Returns the mails'
/// ids, to deliver once `tx` is committed.
pub async fn queue_for_staff_in(
    tx: &mut Transaction<'static, Any>,
    compose: &(dyn Fn(Lang) -> Mail + Send + Sync),
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    queue_for_in(tx, false, compose, now).await
}

/// As `queue_for_staff_in`, and to every Board member's account too.
pub async fn queue_for_staff_and_board_in(
    tx: &mut Transaction<'static, Any>,
    compose: &(dyn Fn(Lang) -> Mail + Send + Sync),
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    queue_for_in(tx, true, compose, now).await
}

async fn queue_for_in(
    tx: &mut Transaction<'static, Any>,
    board: bool,
    compose: &(dyn Fn(Lang) -> Mail + Send + Sync),
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let roles = if board { "'board'" } else { "''" };
    let staff: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT email, lang FROM users WHERE deactivated_at IS NULL \
           AND ((notify_staff = 1 AND role IN ('staff', 'admin')) OR role = {roles}) \
           ORDER BY id"
    ))
    .fetch_all(&mut **tx)
    .await?;
    let mut ids = Vec::with_capacity(staff.len());
    for (to, lang) in staff {
        let mail = compose(Lang::from_code(&lang).unwrap_or(Lang::Ka));
        let outgoing = Outgoing {
            to: &to,
            subject: &mail.subject,
            body: &mail.body,
        };
        ids.push(enqueue_in(tx, outgoing, now).await?);
    }
    Ok(ids)
}
