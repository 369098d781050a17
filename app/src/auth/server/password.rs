//! Password hashing (argon2id, OWASP parameters) and the common-password check.

use argon2::password_hash::{PasswordHash, SaltString};
use argon2::Argon2;
use rand::RngCore;

/// Work that holds a core for tens of milliseconds on purpose (hashing,
/// verifying, the strength check) runs on a few threads of its own, one per
/// core; further requests wait their turn instead of piling up threads, so
/// a burst of sign-ups or logins cannot take every core and all the memory.
/// The threads live as long as the server: argon2 takes 19 MiB per hash, and
/// a thread's allocator keeps what it freed for its next hash. (On tokio's
/// blocking threads each hash could land on a fresh thread whose allocator
/// kept another 19 MiB: 400 logins took the server from 24 MiB to 540 MiB.)
fn workers() -> &'static std::sync::mpsc::SyncSender<Job> {
    static JOBS: std::sync::OnceLock<std::sync::mpsc::SyncSender<Job>> = std::sync::OnceLock::new();
    JOBS.get_or_init(|| {
        let (jobs, waiting) = std::sync::mpsc::sync_channel::<Job>(QUEUE);
        let waiting = std::sync::Arc::new(std::sync::Mutex::new(waiting));
        for n in 0..concurrency() {
            let waiting = waiting.clone();
            let started = std::thread::Builder::new()
                .name(format!("password-{n}"))
                .spawn(move || loop {
                    let job = match waiting.lock() {
                        Ok(waiting) => waiting.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                });
            if let Err(error) = started {
                tracing::error!(%error, "could not start a password thread");
            }
        }
        jobs
    })
}

type Job = Box<dyn FnOnce() + Send>;

/// How many password jobs may wait for a thread; a post finding the queue
/// full waits for room (the rate limits keep it far from full).
const QUEUE: usize = 1_024;

/// How many hashes, checks or verifications may run at once: one per core.
pub fn concurrency() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Runs `work` on a password thread and waits for its answer.
async fn on_password_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> anyhow::Result<T> {
    let (answer, answered) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = answer.send(work());
    });
    match workers().try_send(job) {
        Ok(()) => {}
        Err(std::sync::mpsc::TrySendError::Full(job)) => {
            // Waiting for room must not hold up the runtime's threads.
            let jobs = workers().clone();
            tokio::task::spawn_blocking(move || jobs.send(job))
                .await?
                .map_err(|_| anyhow::anyhow!("the password threads are gone"))?;
        }
        Err(std::sync::mpsc::TrySendError::Disconnected(_)) => {
            anyhow::bail!("the password threads are gone")
        }
    }
    Ok(answered.await?)
}

/// Hashes on a password thread: argon2 takes tens of milliseconds on purpose.
pub async fn hash(password: String) -> anyhow::Result<String> {
    on_password_thread(move || hash_now(&password)).await?
}

fn hash_now(password: &str) -> anyhow::Result<String> {
    use argon2::password_hash::{Output, ParamsString};
    use argon2::{Algorithm, Params, Version};
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt_text = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let params = Params::default();
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    in_kept_memory(&argon, &params, password.as_bytes(), &salt, &mut out)
        .map_err(|e| anyhow::anyhow!("hash: {e}"))?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| anyhow::anyhow!("params: {e}"))?,
        salt: Some(salt_text.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| anyhow::anyhow!("output: {e}"))?),
    };
    Ok(hash.to_string())
}

/// Whether `password` gives the argon2 hash `stored` (a PHC string).
fn verify_now(password: &str, stored: &str) -> bool {
    use argon2::password_hash::Output;
    use argon2::{Algorithm, Params, Version};
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let (Ok(algorithm), Ok(params), Some(salt), Some(expected)) = (
        Algorithm::try_from(parsed.algorithm),
        Params::try_from(&parsed),
        parsed.salt,
        parsed.hash,
    ) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from).transpose() {
        Ok(version) => version.unwrap_or_default(),
        Err(_) => return false,
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    let argon = Argon2::new(algorithm, version, params.clone());
    // `Output` compares in constant time.
    in_kept_memory(&argon, &params, password.as_bytes(), salt, &mut out).is_ok()
        && Output::new(&out).is_ok_and(|got| got == expected)
}

thread_local! {
    /// The password thread's argon2 memory, kept from one hash to the next.
    static BLOCKS: std::cell::RefCell<Vec<argon2::Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// argon2 of `password` and `salt` into `out`, in this thread's kept memory
/// (every block is written before it is read, so what an earlier hash left
/// there plays no part).
fn in_kept_memory(
    argon: &Argon2,
    params: &argon2::Params,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> argon2::Result<()> {
    BLOCKS.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        let needed = params.block_count();
        if blocks.len() < needed {
            blocks.resize(needed, argon2::Block::default());
        }
        argon.hash_password_into_with_memory(password, salt, out, &mut blocks[..needed])
    })
}

/// Checks a password against a stored hash. With `None` (no such account) it
/// still spends the same time on a fixed hash, so timing reveals nothing.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    on_password_thread(move || {
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| DUMMY_HASH.to_string());
        verify_now(&password, &hash) && known
    })
    .await
    .unwrap_or(false)
}

/// The argon2id hash of a random string nobody knows, with default parameters.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$7bUBJ5iXR2Oo7a9yL3n7SKk3uJ8b6xJ5lq1Jc0b0Q1o";

/// True when the password is among the most common or easiest to guess
/// (zxcvbn's frequency lists, keyboard patterns, repeats, sequences, dates),
/// taking the person's own email and name into account.
pub fn is_too_common(password: &str, user_inputs: &[&str]) -> bool {
    u8::from(zxcvbn::zxcvbn(password, user_inputs).score()) < 3
}

/// `is_too_common` for a request: on a password thread, like hashing (the
/// check grows with the password's length).
pub async fn too_common(password: &str, user_inputs: &[&str]) -> bool {
    let password = password.to_string();
    let inputs: Vec<String> = user_inputs.iter().map(|s| s.to_string()).collect();
    on_password_thread(move || {
        let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
        is_too_common(&password, &inputs)
    })
    .await
    .unwrap_or(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_differ_by_salt() {
        let a = hash("ალიანსი-საპატიო-წევრი".into()).await.unwrap();
        let b = hash("ალიანსი-საპატიო-წევრი".into()).await.unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "a fresh salt each time");
        assert!(verify("ალიანსი-საპატიო-წევრი".into(), Some(a.clone())).await);
        assert!(!verify("ალიანსი-საპატიო-წევრ".into(), Some(a)).await);
        assert!(!verify("anything at all".into(), None).await);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_hashes_run_at_once_than_there_are_cores_and_on_the_same_threads() {
        let cores = concurrency();
        assert!(cores >= 1);
        let running = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let most = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let threads = std::sync::Arc::new(std::sync::Mutex::new(std::collections::HashSet::new()));
        let tasks: Vec<_> = (0..4 * cores)
            .map(|_| {
                let (running, most, threads) = (running.clone(), most.clone(), threads.clone());
                tokio::spawn(on_password_thread(move || {
                    let now = running.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                    most.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
                    threads.lock().unwrap().insert(std::thread::current().id());
                    hash_now("a-password-for-the-count").unwrap();
                    running.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                }))
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert!(most.load(std::sync::atomic::Ordering::SeqCst) <= cores);
        // The same few threads hash every time (their memory is reused).
        assert!(threads.lock().unwrap().len() <= cores);
        assert!(!too_common("violet-harbour-47-lantern", &[]).await);
        assert!(too_common("password1234", &[]).await);
    }

    #[test]
    fn hashes_are_those_of_the_argon2_crate_both_ways() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let ours = hash_now("ტყემალი ცხრა ბორბალი").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(Argon2::default()
            .verify_password("ტყემალი ცხრა ბორბალი".as_bytes(), &parsed)
            .is_ok());
        let salt = SaltString::encode_b64(b"sixteen-byte-slt").unwrap();
        let theirs = Argon2::default()
            .hash_password(b"violet-harbour-47-lantern", &salt)
            .unwrap()
            .to_string();
        assert!(verify_now("violet-harbour-47-lantern", &theirs));
        assert!(!verify_now("violet-harbour-47-lanterN", &theirs));
        // Twice in the same memory: the memory's old content plays no part.
        assert!(verify_now("violet-harbour-47-lantern", &theirs));
        assert!(!verify_now("anything", "not a hash"));
    }

    #[test]
    fn the_dummy_hash_parses() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[test]
    fn common_passwords_are_refused() {
        for weak in [
            "password1234",
            "123456789012",
            "qwertyuiop12",
            "aaaaaaaaaaaa",
            "nino.beridze@example.ge",
        ] {
            assert!(is_too_common(weak, &["nino.beridze@example.ge"]), "{weak}");
        }
        for strong in ["ტყემალი ცხრა ბორბალი", "violet-harbour-47-lantern"]
        {
            assert!(!is_too_common(strong, &[]), "{strong}");
        }
    }
}
