//! Counting at a General Assembly (PRODUCT.md §2): quorum, motions and
//! elections. Pure functions over plain counts and ballots, in exact integer
//! arithmetic — no floating point decides an outcome.

use serde::{Deserialize, Serialize};

/// A fraction, for shares and thresholds; compared by cross-multiplying.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub part: u64,
    pub whole: u64,
}

impl Share {
    /// The share in tenths of a percent, rounded half up (`None` of nothing).
    pub fn per_mille(self) -> Option<u64> {
        (self.whole > 0).then(|| (self.part * 1000 * 2 + self.whole) / (self.whole * 2))
    }
}

/// When an assembly may decide: present voting organisations against all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quorum {
    /// More than `numerator / denominator` of all voting organisations
    /// (`strict`), or at least that share.
    pub numerator: u64,
    pub denominator: u64,
    pub strict: bool,
}

impl Default for Quorum {
    /// The charter's default: more than half.
    fn default() -> Self {
        Quorum {
            numerator: 1,
            denominator: 2,
            strict: true,
        }
    }
}

impl Quorum {
    pub fn is_met(self, present: u64, voters: u64) -> bool {
        if voters == 0 || self.denominator == 0 {
            return false;
        }
        let left = present * self.denominator;
        let right = voters * self.numerator;
        if self.strict {
            left > right
        } else {
            left >= right
        }
    }

    /// The fewest present organisations that meet the quorum.
    pub fn needed(self, voters: u64) -> u64 {
        (0..=voters)
            .find(|p| self.is_met(*p, voters))
            .unwrap_or(voters + 1)
    }
}

impl Quorum {
    /// The rule as stored and configured: ">1/2" (more than half), "2/3"
    /// (at least two thirds).
    pub fn code(self) -> String {
        let strict = if self.strict { ">" } else { "" };
        format!("{strict}{}/{}", self.numerator, self.denominator)
    }

    pub fn from_code(text: &str) -> Result<Quorum, &'static str> {
        let (strict, fraction) = match text.trim().strip_prefix('>') {
            Some(rest) => (true, rest),
            None => (false, text.trim()),
        };
        let (n, d) = fraction
            .split_once('/')
            .ok_or("expected a fraction, e.g. >1/2 or 2/3")?;
        let numerator: u64 = n.trim().parse().map_err(|_| "not a fraction")?;
        let denominator: u64 = d.trim().parse().map_err(|_| "not a fraction")?;
        if denominator == 0 || numerator > denominator || denominator > 100 {
            return Err("the fraction must be between 0 and 1");
        }
        Ok(Quorum {
            numerator,
            denominator,
            strict,
        })
    }
}

/// The membership categories an assembly may give the vote to.
pub const CATEGORIES: [&str; 3] = ["full", "associate", "honorary"];

/// The most proxies an assembly may let one organisation hold.
pub const PROXIES_MAX: i64 = 5;

/// Who votes at one assembly and when it may decide: chosen when the
/// assembly is called (the configured rules by default), stored with it,
/// and used for it whatever the server is configured with later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VotingRules {
    /// Categories whose organisations vote (the charter: full members); the
    /// others attend without a vote. Known codes only, in `CATEGORIES` order.
    pub categories: Vec<String>,
    pub quorum: Quorum,
    /// How many proxies one organisation may hold (the charter: 1).
    pub proxies_per_holder: i64,
}

impl Default for VotingRules {
    fn default() -> Self {
        VotingRules {
            categories: vec!["full".into()],
            quorum: Quorum::default(),
            proxies_per_holder: 1,
        }
    }
}

impl VotingRules {
    pub fn category_codes(&self) -> Vec<&str> {
        self.categories.iter().map(String::as_str).collect()
    }

    /// The categories as stored: "full,associate".
    pub fn categories_code(&self) -> String {
        self.categories.join(",")
    }

    /// Known category codes from a list (stored or posted), each once, in
    /// the order of `CATEGORIES`.
    pub fn categories_of<'a>(codes: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let given: Vec<&str> = codes.into_iter().map(str::trim).collect();
        CATEGORIES
            .iter()
            .filter(|c| given.contains(c))
            .map(|c| c.to_string())
            .collect()
    }

    /// The rules as stored, each part the default where it is missing or
    /// unreadable.
    pub fn from_stored(
        quorum: Option<&str>,
        categories: Option<&str>,
        proxies_per_holder: Option<i64>,
    ) -> VotingRules {
        let default = VotingRules::default();
        let categories = categories
            .map(|c| VotingRules::categories_of(c.split(',')))
            .filter(|c| !c.is_empty())
            .unwrap_or(default.categories);
        VotingRules {
            categories,
            quorum: quorum
                .and_then(|q| Quorum::from_code(q).ok())
                .unwrap_or(default.quorum),
            proxies_per_holder: proxies_per_holder
                .map(|p| p.clamp(0, PROXIES_MAX))
                .unwrap_or(default.proxies_per_holder),
        }
    }
}

/// How a motion passes, fixed when its poll opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rule {
    /// More yes than no; abstentions are not counted.
    SimpleMajority,
    /// Yes from more than half of the voters present when the poll opened.
    AbsoluteMajority,
    /// At least two thirds of the votes cast (yes and no) are yes.
    TwoThirds,
}

impl Rule {
    pub const ALL: [Rule; 3] = [
        Rule::SimpleMajority,
        Rule::AbsoluteMajority,
        Rule::TwoThirds,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rule::SimpleMajority => "simple",
            Rule::AbsoluteMajority => "absolute",
            Rule::TwoThirds => "two_thirds",
        }
    }

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Choice {
    Yes,
    No,
    Abstain,
}

impl Choice {
    pub const ALL: [Choice; 3] = [Choice::Yes, Choice::No, Choice::Abstain];

    /// The choice as the ballot form sends it and storage keeps it.
    pub fn code(self) -> &'static str {
        match self {
            Choice::Yes => "yes",
            Choice::No => "no",
            Choice::Abstain => "abstain",
        }
    }

    pub fn from_code(code: &str) -> Option<Choice> {
        Choice::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// The result of a motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MotionResult {
    pub yes: u64,
    pub no: u64,
    pub abstain: u64,
    /// Voters present when the poll opened (the absolute majority's base).
    pub present: u64,
    pub rule: Rule,
    pub passed: bool,
}

impl MotionResult {
    pub fn ballots(&self) -> u64 {
        self.yes + self.no + self.abstain
    }

    /// Votes cast: yes and no (abstentions are not votes cast).
    pub fn cast(&self) -> u64 {
        self.yes + self.no
    }

    /// Yes as a share of what the rule measures against.
    pub fn yes_share(&self) -> Share {
        let whole = match self.rule {
            Rule::AbsoluteMajority => self.present,
            Rule::SimpleMajority | Rule::TwoThirds => self.cast(),
        };
        Share {
            part: self.yes,
            whole,
        }
    }
}

/// Counts a motion's ballots under `rule`; `present` is the number of
/// voters snapshotted when the poll opened.
pub fn tally_motion(ballots: &[Choice], present: u64, rule: Rule) -> MotionResult {
    let count = |c: Choice| ballots.iter().filter(|b| **b == c).count() as u64;
    let (yes, no, abstain) = (
        count(Choice::Yes),
        count(Choice::No),
        count(Choice::Abstain),
    );
    let passed = match rule {
        Rule::SimpleMajority => yes > no,
        Rule::AbsoluteMajority => 2 * yes > present,
        Rule::TwoThirds => yes + no > 0 && 3 * yes >= 2 * (yes + no),
    };
    MotionResult {
        yes,
        no,
        abstain,
        present,
        rule,
        passed,
    }
}

/// Why an election ballot is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BallotError {
    TooManyMarks,
    UnknownCandidate,
    MarkedTwice,
}

/// An election ballot marks at most `seats` distinct candidates (by index);
/// an empty ballot is an abstention.
pub fn check_election_ballot(
    marks: &[usize],
    candidates: usize,
    seats: usize,
) -> Result<(), BallotError> {
    if marks.len() > seats {
        return Err(BallotError::TooManyMarks);
    }
    if marks.iter().any(|m| *m >= candidates) {
        return Err(BallotError::UnknownCandidate);
    }
    let mut seen = marks.to_vec();
    seen.sort_unstable();
    seen.dedup();
    if seen.len() != marks.len() {
        return Err(BallotError::MarkedTwice);
    }
    Ok(())
}

/// The result of an election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElectionResult {
    /// Votes per candidate, by index.
    pub votes: Vec<u64>,
    pub ballots: u64,
    pub abstentions: u64,
    /// Elected candidates, most votes first (ties by index).
    pub elected: Vec<usize>,
    /// Candidates tied for the last seat(s) that the tie leaves open: a
    /// run-off decides among them. Empty when there is no such tie.
    pub runoff: Vec<usize>,
    /// Seats the run-off fills.
    pub runoff_seats: usize,
}

/// Counts an election: top `seats` by votes are elected; a tie across the
/// last seat is flagged for a run-off instead of being broken. A candidate
/// needs at least one vote. Ballots must have passed `check_election_ballot`.
pub fn tally_election(candidates: usize, seats: usize, ballots: &[Vec<usize>]) -> ElectionResult {
    let mut votes = vec![0u64; candidates];
    let mut abstentions = 0;
    for ballot in ballots {
        if ballot.is_empty() {
            abstentions += 1;
        }
        for mark in ballot {
            if let Some(v) = votes.get_mut(*mark) {
                *v += 1;
            }
        }
    }
    let mut ranked: Vec<usize> = (0..candidates).filter(|c| votes[*c] > 0).collect();
    ranked.sort_by(|a, b| votes[*b].cmp(&votes[*a]).then(a.cmp(b)));
    let (elected, runoff, runoff_seats) = if ranked.len() <= seats {
        (ranked, Vec::new(), 0)
    } else if seats == 0 {
        (Vec::new(), Vec::new(), 0)
    } else {
        let last = votes[ranked[seats - 1]];
        let first_after = votes[ranked[seats]];
        if last == first_after {
            // Everyone with the last seat's count is in the run-off.
            let above: Vec<usize> = ranked
                .iter()
                .copied()
                .filter(|c| votes[*c] > last)
                .collect();
            let tied: Vec<usize> = ranked
                .iter()
                .copied()
                .filter(|c| votes[*c] == last)
                .collect();
            let open = seats - above.len();
            (above, tied, open)
        } else {
            (ranked[..seats].to_vec(), Vec::new(), 0)
        }
    };
    ElectionResult {
        votes,
        ballots: ballots.len() as u64,
        abstentions,
        elected,
        runoff,
        runoff_seats,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_codes_round_trip() {
        for choice in Choice::ALL {
            assert_eq!(Choice::from_code(choice.code()), Some(choice));
        }
        assert_eq!(Choice::from_code("Yes"), None);
        assert_eq!(Choice::from_code(""), None);
    }
    use proptest::prelude::*;
    use Choice::{Abstain as A, No as N, Yes as Y};

    #[test]
    fn quorum_codes_round_trip_and_refuse_what_is_not_a_share() {
        for code in [">1/2", "2/3", ">2/3", "1/2", "3/4"] {
            assert_eq!(Quorum::from_code(code).unwrap().code(), code);
        }
        assert_eq!(Quorum::from_code(">1/2"), Ok(Quorum::default()));
        for bad in ["", "1", "3/2", "1/0", "a/b", ">", "1/1000"] {
            assert!(Quorum::from_code(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn stored_rules_keep_known_categories_and_fall_back_part_by_part() {
        let rules = VotingRules::from_stored(Some("2/3"), Some("honorary,x',full"), Some(9));
        assert_eq!(rules.categories, vec!["full", "honorary"]);
        assert_eq!(rules.quorum.code(), "2/3");
        assert_eq!(rules.proxies_per_holder, PROXIES_MAX);
        assert_eq!(rules.categories_code(), "full,honorary");
        let missing = VotingRules::from_stored(None, Some(""), None);
        assert_eq!(missing, VotingRules::default());
        assert_eq!(
            VotingRules::from_stored(Some("nonsense"), Some("associate"), Some(0)),
            VotingRules {
                categories: vec!["associate".into()],
                quorum: Quorum::default(),
                proxies_per_holder: 0,
            }
        );
    }

    #[test]
    fn quorum_is_more_than_half_by_default() {
        let q = Quorum::default();
        assert!(!q.is_met(20, 40));
        assert!(q.is_met(21, 40));
        assert!(q.is_met(21, 41));
        assert!(!q.is_met(20, 41));
        assert!(!q.is_met(0, 0));
        assert_eq!(q.needed(40), 21);
        assert_eq!(q.needed(41), 21);
        assert_eq!(q.needed(1), 1);
        let third = Quorum {
            numerator: 1,
            denominator: 3,
            strict: false,
        };
        assert!(third.is_met(10, 30));
        assert!(!third.is_met(9, 30));
    }

    #[test]
    fn the_three_majority_rules() {
        // 5 yes, 4 no, 3 abstain, 20 present.
        let ballots = [vec![Y; 5], vec![N; 4], vec![A; 3]].concat();
        let simple = tally_motion(&ballots, 20, Rule::SimpleMajority);
        assert!(simple.passed, "abstentions are not counted");
        assert_eq!(
            (
                simple.yes,
                simple.no,
                simple.abstain,
                simple.cast(),
                simple.ballots()
            ),
            (5, 4, 3, 9, 12)
        );
        assert!(
            !tally_motion(&ballots, 20, Rule::AbsoluteMajority).passed,
            "5 of 20 present"
        );
        assert!(
            !tally_motion(&ballots, 20, Rule::TwoThirds).passed,
            "5 of 9 cast"
        );
        // A tie fails a simple majority.
        assert!(!tally_motion(&[Y, N], 2, Rule::SimpleMajority).passed);
        // Absolute majority: more than half of those present, exactly.
        assert!(
            !tally_motion(
                &[vec![Y; 10], vec![A; 10]].concat(),
                20,
                Rule::AbsoluteMajority
            )
            .passed
        );
        assert!(
            tally_motion(
                &[vec![Y; 11], vec![A; 9]].concat(),
                20,
                Rule::AbsoluteMajority
            )
            .passed
        );
        // Two thirds: exactly two thirds passes, one short fails.
        assert!(tally_motion(&[vec![Y; 6], vec![N; 3]].concat(), 9, Rule::TwoThirds).passed);
        assert!(!tally_motion(&[vec![Y; 5], vec![N; 3]].concat(), 9, Rule::TwoThirds).passed);
        // Only abstentions: nothing passes.
        for rule in Rule::ALL {
            assert!(!tally_motion(&[A, A], 2, rule).passed);
            assert!(!tally_motion(&[], 2, rule).passed);
        }
    }

    #[test]
    fn shares_are_exact_and_rounded_half_up() {
        let r = tally_motion(&[Y, Y, N], 5, Rule::TwoThirds);
        assert_eq!(r.yes_share(), Share { part: 2, whole: 3 });
        assert_eq!(r.yes_share().per_mille(), Some(667));
        assert_eq!(Share { part: 1, whole: 8 }.per_mille(), Some(125));
        assert_eq!(
            Share {
                part: 1,
                whole: 2000
            }
            .per_mille(),
            Some(1),
            "0.5 per mille rounds up"
        );
        assert_eq!(Share { part: 0, whole: 0 }.per_mille(), None);
        assert_eq!(
            tally_motion(&[Y], 4, Rule::AbsoluteMajority).yes_share(),
            Share { part: 1, whole: 4 }
        );
    }

    #[test]
    fn election_ballots_mark_at_most_the_seats() {
        assert_eq!(check_election_ballot(&[0, 2], 5, 2), Ok(()));
        assert_eq!(check_election_ballot(&[], 5, 2), Ok(()));
        assert_eq!(
            check_election_ballot(&[0, 1, 2], 5, 2),
            Err(BallotError::TooManyMarks)
        );
        assert_eq!(
            check_election_ballot(&[5], 5, 2),
            Err(BallotError::UnknownCandidate)
        );
        assert_eq!(
            check_election_ballot(&[1, 1], 5, 2),
            Err(BallotError::MarkedTwice)
        );
    }

    #[test]
    fn the_top_candidates_are_elected_and_a_tie_at_the_last_seat_goes_to_a_runoff() {
        // 3 seats; votes: c0=5, c1=4, c2=4, c3=2.
        let ballots = vec![
            vec![0, 1, 2],
            vec![0, 1, 2],
            vec![0, 1, 2],
            vec![0, 1, 3],
            vec![0, 2, 3],
            vec![],
        ];
        let r = tally_election(4, 3, &ballots);
        assert_eq!(r.votes, vec![5, 4, 4, 2]);
        assert_eq!(r.elected, vec![0, 1, 2]);
        assert!(r.runoff.is_empty());
        assert_eq!((r.ballots, r.abstentions), (6, 1));
        // 2 seats: c1 and c2 tie for the second seat.
        let r = tally_election(
            4,
            2,
            &ballots
                .iter()
                .map(|b| b.iter().copied().take(2).collect())
                .collect::<Vec<_>>(),
        );
        assert_eq!(r.votes, vec![5, 4, 1, 0]);
        assert_eq!(r.elected, vec![0, 1]);
        let tie = vec![vec![0, 1], vec![0, 2], vec![1, 2], vec![3]];
        let r = tally_election(4, 2, &tie);
        assert_eq!(r.votes, vec![2, 2, 2, 1]);
        assert_eq!(r.elected, Vec::<usize>::new(), "three tied for two seats");
        assert_eq!((r.runoff, r.runoff_seats), (vec![0, 1, 2], 2));
        let r = tally_election(4, 3, &[vec![0, 1], vec![0, 2], vec![0, 3]]);
        assert_eq!(r.elected, vec![0]);
        assert_eq!((r.runoff, r.runoff_seats), (vec![1, 2, 3], 2));
        // Fewer candidates with votes than seats: those are elected, no run-off.
        let r = tally_election(7, 7, &[vec![0, 1], vec![0]]);
        assert_eq!(r.elected, vec![0, 1]);
        assert!(r.runoff.is_empty());
    }

    fn motion_ballots() -> impl Strategy<Value = Vec<Choice>> {
        proptest::collection::vec(prop_oneof![Just(Y), Just(N), Just(A)], 0..300)
    }

    fn election(seats: usize, candidates: usize) -> impl Strategy<Value = Vec<Vec<usize>>> {
        proptest::collection::vec(
            proptest::sample::subsequence(
                (0..candidates).collect::<Vec<_>>(),
                0..=seats.min(candidates),
            ),
            0..200,
        )
    }

    proptest! {
        #[test]
        fn motion_counts_add_up_and_do_not_depend_on_order(
            ballots in motion_ballots(), extra in 0u64..50, seed in any::<u64>(),
        ) {
            let present = ballots.len() as u64 + extra;
            for rule in Rule::ALL {
                let r = tally_motion(&ballots, present, rule);
                prop_assert_eq!(r.ballots(), ballots.len() as u64);
                let mut shuffled = ballots.clone();
                // A deterministic shuffle from the seed.
                let mut state = seed | 1;
                for i in (1..shuffled.len()).rev() {
                    state ^= state << 13; state ^= state >> 7; state ^= state << 17;
                    shuffled.swap(i, (state % (i as u64 + 1)) as usize);
                }
                prop_assert_eq!(tally_motion(&shuffled, present, rule), r);
            }
        }

        /// One more yes never turns a passed motion into a failed one.
        #[test]
        fn a_further_yes_never_defeats_a_motion(ballots in motion_ballots(), extra in 1u64..50) {
            let present = ballots.len() as u64 + extra;
            for rule in Rule::ALL {
                let before = tally_motion(&ballots, present, rule).passed;
                let mut more = ballots.clone();
                more.push(Y);
                prop_assert!(!before || tally_motion(&more, present, rule).passed);
            }
        }

        #[test]
        fn election_counts_add_up_and_do_not_depend_on_order(
            (seats, candidates, ballots) in (1usize..8, 1usize..12)
                .prop_flat_map(|(s, c)| (Just(s), Just(c), election(s, c))),
        ) {
            let r = tally_election(candidates, seats, &ballots);
            let marks: usize = ballots.iter().map(Vec::len).sum();
            prop_assert_eq!(r.votes.iter().sum::<u64>(), marks as u64);
            prop_assert_eq!(r.abstentions, ballots.iter().filter(|b| b.is_empty()).count() as u64);
            prop_assert!(r.elected.len() + r.runoff_seats <= seats);
            prop_assert!(r.runoff.is_empty() || r.runoff.len() > r.runoff_seats);
            // Nobody elected has fewer votes than anybody not elected.
            for e in &r.elected {
                for (c, v) in r.votes.iter().enumerate() {
                    if !r.elected.contains(&c) {
                        prop_assert!(r.votes[*e] > *v);
                    }
                }
            }
            let mut reversed = ballots.clone();
            reversed.reverse();
            prop_assert_eq!(tally_election(candidates, seats, &reversed), r);
        }
    }
}
