//! Outgoing mail: SMTP when configured, otherwise an outbox folder (one
//! `.eml` file per message, also logged), so a local run needs no mail server.

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
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

impl Mailer {
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
                let path = dir.join(format!("{nanos}-{}.eml", sanitize(to)));
                tokio::fs::write(&path, message.formatted()).await?;
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
