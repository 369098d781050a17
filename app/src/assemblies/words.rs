//! How the assembly pages say a time, a status, a place, a rule, a choice.

use super::{AssemblyItem, PollView};
use crate::domain::assembly::{AssemblyStatus, PollStatus};
use crate::domain::date::Date;
use crate::domain::voting::{Choice, Rule};
use crate::i18n::Messages;

/// "12 March 2027, 10:00" in Tbilisi time.
/// A tracker code as typed, in the form the bulletin shows: upper case,
/// spaces and dashes ignored, `ABCD-EFGH-JKLM` when it has twelve
/// characters (anything else stays as typed, and is not found).
pub fn tracker_as_shown(typed: &str) -> String {
    let chars: String = typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if chars.len() == 12 {
        format!("{}-{}-{}", &chars[0..4], &chars[4..8], &chars[8..12])
    } else {
        typed.trim().chars().take(40).collect()
    }
}

pub fn when(t: &'static Messages, at: i64) -> String {
    let local = at + crate::apply::TBILISI_OFFSET_SECONDS;
    let minutes = local.rem_euclid(86_400) / 60;
    format!(
        "{}, {:02}:{:02}",
        (t.format_date)(Date::from_unix(local)),
        minutes / 60,
        minutes % 60
    )
}

pub fn status_text(t: &'static Messages, status: AssemblyStatus) -> &'static str {
    let a = t.assemblies();
    match status {
        AssemblyStatus::Draft => a.status_draft,
        AssemblyStatus::Announced => a.status_announced,
        AssemblyStatus::InSession => a.status_in_session,
        AssemblyStatus::Closed => a.status_closed,
        AssemblyStatus::Cancelled => a.status_cancelled,
    }
}

pub fn place_text(t: &'static Messages, place: &str) -> &'static str {
    match place {
        "in_person" => t.assemblies().place_in_person,
        "online" => t.assemblies().place_online,
        _ => t.assemblies().place_hybrid,
    }
}

pub(super) fn rule_text(t: &'static Messages, rule: Rule) -> &'static str {
    match rule {
        Rule::SimpleMajority => t.assemblies().rule_simple,
        Rule::AbsoluteMajority => t.assemblies().rule_absolute,
        Rule::TwoThirds => t.assemblies().rule_two_thirds,
    }
}

pub(super) fn poll_status_text(t: &'static Messages, status: PollStatus) -> &'static str {
    let a = t.assemblies();
    match status {
        PollStatus::Draft => a.poll_draft,
        PollStatus::Open => a.poll_open,
        PollStatus::Closed => a.poll_closed,
    }
}

/// A motion's choice in words.
pub(super) fn choice_label(t: &'static Messages, choice: Choice) -> &'static str {
    let a = t.assemblies();
    match choice {
        Choice::Yes => a.yes,
        Choice::No => a.no,
        Choice::Abstain => a.abstain,
    }
}

/// A stored ballot as words: "Yes", or the marked candidates.
pub(super) fn choice_text(t: &'static Messages, poll: &PollView, choice: &str) -> String {
    match Choice::from_code(choice) {
        Some(choice) => choice_label(t, choice).into(),
        None => {
            let marks = choice;
            let marks: Vec<usize> = serde_json::from_str(marks).unwrap_or_default();
            if marks.is_empty() {
                t.assemblies().abstain.into()
            } else {
                marks
                    .iter()
                    .filter_map(|i| poll.candidates.get(*i).cloned())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }
    }
}

pub(super) fn title_of(lang: crate::i18n::Lang, a: &AssemblyItem) -> String {
    lang.pick(&a.title_ka, &a.title_en).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_tracker_is_found_however_it_is_typed() {
        for typed in [
            "abcd-efgh-jk23",
            " ABCD EFGH JK23 ",
            "abcdefghjk23",
            "ABCD-EFGH-JK23",
        ] {
            assert_eq!(super::tracker_as_shown(typed), "ABCD-EFGH-JK23", "{typed}");
        }
        assert_eq!(super::tracker_as_shown(" abc "), "abc");
        assert_eq!(super::tracker_as_shown(&"x".repeat(100)).len(), 40);
    }
}
