//! The hash chain itself, apart from storage: an entry's canonical form,
//! its hash, and the walk that checks a chain entry by entry.

use sha2::{Digest, Sha256};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub seq: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    pub kind: String,
    pub subject: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The entry's canonical form: a JSON array of its fields in a fixed
/// order, `detail` as the very text stored — so any change to any stored
/// byte of the entry changes its hash.
pub fn canonical(
    seq: i64,
    at: i64,
    actor_id: Option<i64>,
    kind: &str,
    subject: &str,
    detail: &str,
) -> String {
    serde_json::json!([seq, at, actor_id, kind, subject, detail]).to_string()
}

/// SHA-256, in lowercase hex, over the previous hash, a line feed and the
/// canonical form.
pub fn link(prev_hash: &str, canonical: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Record {
    /// The hash this entry must have, given what is stored in it.
    pub fn expected_hash(&self) -> String {
        link(
            &self.prev_hash,
            &canonical(
                self.seq,
                self.at,
                self.actor_id,
                &self.kind,
                &self.subject,
                &self.detail,
            ),
        )
    }
}

/// Where a chain is broken: the first entry that was changed, deleted or
/// inserted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// The entry's stored hash does not match its content: it was changed.
    Changed { seq: i64 },
    /// No entry with this number: it was deleted.
    Missing { seq: i64 },
    /// The entry does not carry the hash of the one before it: the one
    /// before was changed (and its hash made to match), or this one was
    /// inserted.
    DoesNotFollow { seq: i64 },
    /// The chain's recorded end is not its last entry: entries were
    /// deleted from the end (or the end was changed).
    End { head_seq: i64, last_seq: i64 },
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Break::Changed { seq } => write!(f, "entry {seq} was changed: its hash does not match what it records"),
            Break::Missing { seq } => write!(f, "entry {seq} is missing: it was deleted"),
            Break::DoesNotFollow { seq } => write!(
                f,
                "entry {seq} does not follow entry {}: that entry was changed, or entry {seq} was inserted",
                seq - 1
            ),
            Break::End { head_seq, last_seq } => write!(
                f,
                "the chain ends at entry {last_seq} but its recorded end is entry {head_seq}: entries were deleted or added at the end"
            ),
        }
    }
}

/// Checks a chain entry by entry, in order.
#[derive(Debug, Clone)]
pub struct Walk {
    next_seq: i64,
    last_hash: String,
}

impl Default for Walk {
    fn default() -> Self {
        Walk {
            next_seq: 1,
            last_hash: GENESIS.to_string(),
        }
    }
}

impl Walk {
    /// The next entry (entries come in `seq` order).
    pub fn step(&mut self, record: &Record) -> Result<(), Break> {
        if record.seq != self.next_seq {
            return Err(if record.seq > self.next_seq {
                Break::Missing { seq: self.next_seq }
            } else {
                Break::DoesNotFollow { seq: record.seq }
            });
        }
        if record.prev_hash != self.last_hash {
            return Err(Break::DoesNotFollow { seq: record.seq });
        }
        if record.expected_hash() != record.hash {
            return Err(Break::Changed { seq: record.seq });
        }
        self.next_seq += 1;
        self.last_hash = record.hash.clone();
        Ok(())
    }

    /// After the last entry: the recorded end must be it.
    pub fn finish(&self, head_seq: i64, head_hash: &str) -> Result<(), Break> {
        let last_seq = self.next_seq - 1;
        if head_seq != last_seq || head_hash != self.last_hash {
            return Err(Break::End { head_seq, last_seq });
        }
        Ok(())
    }

    /// Entries checked so far.
    pub fn checked(&self) -> i64 {
        self.next_seq - 1
    }

    pub fn last_hash(&self) -> &str {
        &self.last_hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<Record> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let mut r = Record {
                    seq,
                    at: 1_800_000_000 + seq,
                    actor_id: (seq % 2 == 0).then_some(7),
                    kind: "poll.opened".into(),
                    subject: format!("poll {seq}"),
                    detail: format!(r#"{{"voters":{seq}}}"#),
                    prev_hash: prev.clone(),
                    hash: String::new(),
                };
                r.hash = r.expected_hash();
                prev = r.hash.clone();
                r
            })
            .collect()
    }

    fn walk(records: &[Record], head: (i64, &str)) -> Result<i64, Break> {
        let mut w = Walk::default();
        for r in records {
            w.step(r)?;
        }
        w.finish(head.0, head.1)?;
        Ok(w.checked())
    }

    #[test]
    fn an_intact_chain_verifies_and_an_empty_one_too() {
        let c = chain(5);
        assert_eq!(walk(&c, (5, &c[4].hash)), Ok(5));
        assert_eq!(walk(&[], (0, GENESIS)), Ok(0));
    }

    #[test]
    fn the_canonical_form_covers_every_field() {
        let base = canonical(1, 2, Some(3), "k", "s", "{}");
        assert_eq!(base, r#"[1,2,3,"k","s","{}"]"#);
        for other in [
            canonical(2, 2, Some(3), "k", "s", "{}"),
            canonical(1, 3, Some(3), "k", "s", "{}"),
            canonical(1, 2, None, "k", "s", "{}"),
            canonical(1, 2, Some(3), "k2", "s", "{}"),
            canonical(1, 2, Some(3), "k", "s2", "{}"),
            canonical(1, 2, Some(3), "k", "s", "{ }"),
        ] {
            assert_ne!(link(GENESIS, &base), link(GENESIS, &other));
        }
        // No field can spill into the next: the separators are quoted.
        assert_ne!(
            canonical(1, 2, None, "a\",\"b", "c", "{}"),
            canonical(1, 2, None, "a", "b\",\"c", "{}")
        );
    }

    #[test]
    fn a_changed_entry_is_named() {
        let mut c = chain(5);
        c[2].detail = r#"{"voters":99}"#.into();
        let head = c[4].hash.clone();
        assert_eq!(walk(&c, (5, &head)), Err(Break::Changed { seq: 3 }));
        // Changed with its hash made to match: the next entry says so.
        c[2].hash = c[2].expected_hash();
        assert_eq!(walk(&c, (5, &head)), Err(Break::DoesNotFollow { seq: 4 }));
    }

    #[test]
    fn a_deleted_entry_is_named_in_the_middle_and_at_the_end() {
        let c = chain(5);
        let head = c[4].hash.clone();
        let mut gap = c.clone();
        gap.remove(1);
        assert_eq!(walk(&gap, (5, &head)), Err(Break::Missing { seq: 2 }));
        let mut short = c.clone();
        short.pop();
        assert_eq!(
            walk(&short, (5, &head)),
            Err(Break::End {
                head_seq: 5,
                last_seq: 4
            })
        );
    }

    #[test]
    fn an_inserted_entry_is_named() {
        let c = chain(4);
        let head = c[3].hash.clone();
        // An entry slipped in after the second, the rest renumbered.
        let mut forged = Record {
            seq: 3,
            at: c[1].at,
            actor_id: None,
            kind: "account.role".into(),
            subject: "account 1".into(),
            detail: r#"{"role":"admin"}"#.into(),
            prev_hash: c[1].hash.clone(),
            hash: String::new(),
        };
        forged.hash = forged.expected_hash();
        let mut inserted = vec![c[0].clone(), c[1].clone(), forged];
        for r in &c[2..] {
            let mut r = r.clone();
            r.seq += 1;
            inserted.push(r);
        }
        assert_eq!(
            walk(&inserted, (5, &head)),
            Err(Break::DoesNotFollow { seq: 4 })
        );
    }
}
