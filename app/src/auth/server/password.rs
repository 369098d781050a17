//! Password hashing (argon2id, OWASP parameters) and the common-password check.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::RngCore;

/// Work that holds a core for tens of milliseconds on purpose (hashing,
/// verifying, the strength check) runs at most one per core at a time;
/// further requests wait their turn instead of piling up threads, so a burst
/// of sign-ups or logins cannot take every core and all the memory
/// (argon2 uses 19 MiB per hash).
fn cpu() -> &'static tokio::sync::Semaphore {
    static CPU: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    CPU.get_or_init(|| tokio::sync::Semaphore::new(concurrency()))
}

/// How many hashes, checks or verifications may run at once: one per core.
pub fn concurrency() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Hashes on a blocking thread: argon2 takes tens of milliseconds on purpose.
pub async fn hash(password: String) -> anyhow::Result<String> {
    let _turn = cpu().acquire().await?;
    tokio::task::spawn_blocking(move || hash_now(&password)).await?
}

fn hash_now(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let hash = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("hash: {e}"))?;
    Ok(hash.to_string())
}

/// Checks a password against a stored hash. With `None` (no such account) it
/// still spends the same time on a fixed hash, so timing reveals nothing.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    let Ok(_turn) = cpu().acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| DUMMY_HASH.to_string());
        let ok = PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        ok && known
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

/// `is_too_common` for a request: on a blocking thread, one per core at a
/// time like hashing (the check grows with the password's length).
pub async fn too_common(password: &str, user_inputs: &[&str]) -> bool {
    let password = password.to_string();
    let inputs: Vec<String> = user_inputs.iter().map(|s| s.to_string()).collect();
    let Ok(_turn) = cpu().acquire().await else {
        return true;
    };
    tokio::task::spawn_blocking(move || {
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
    async fn no_more_hashes_run_at_once_than_there_are_cores() {
        let cores = concurrency();
        assert!(cores >= 1);
        let running = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let most = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let tasks: Vec<_> = (0..4 * cores)
            .map(|_| {
                let (running, most) = (running.clone(), most.clone());
                tokio::spawn(async move {
                    let _turn = cpu().acquire().await.unwrap();
                    let now = running.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                    most.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
                    hash_now("a-password-for-the-count").unwrap();
                    running.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        assert!(most.load(std::sync::atomic::Ordering::SeqCst) <= cores);
        assert!(!too_common("violet-harbour-47-lantern", &[]).await);
        assert!(too_common("password1234", &[]).await);
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
