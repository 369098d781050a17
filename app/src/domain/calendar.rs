//! iCalendar (RFC 5545) invitations for General Assemblies: one event, its
//! text escaped and its lines folded at 75 octets, times in UTC.

use super::date::Date;

/// `20270312T060000Z`
fn utc_stamp(at: i64) -> String {
    let date = Date::from_unix(at);
    let seconds = at.rem_euclid(86_400);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        date.year(),
        date.month(),
        date.day(),
        seconds / 3600,
        seconds % 3600 / 60,
        seconds % 60
    )
}

/// Escapes a TEXT value: backslash, semicolon, comma and newlines.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line into lines of at most 75 octets (continuations
/// start with a space), never splitting a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

/// A `datetime-local` value ("2027-03-12T10:00") read at a UTC offset, as a
/// Unix time; `None` when it is not such a value.
pub fn parse_local(text: &str, offset_seconds: i64) -> Option<i64> {
    let (date, time) = text.trim().split_once('T')?;
    let date = Date::parse(date).ok()?;
    let (h, m) = time.get(..5)?.split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..24).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    Some(date.to_days() * 86_400 + h * 3600 + m * 60 - offset_seconds)
}

/// A Unix time as a `datetime-local` value at a UTC offset (the reverse of
/// [`parse_local`]).
pub fn local_value(at: i64, offset_seconds: i64) -> String {
    let local = at + offset_seconds;
    let minutes = local.rem_euclid(86_400) / 60;
    format!(
        "{}T{:02}:{:02}",
        Date::from_unix(local),
        minutes / 60,
        minutes % 60
    )
}

pub struct Event<'a> {
    /// Unique and stable for the assembly, e.g. `assembly-7@alliance.example.org`.
    pub uid: &'a str,
    pub starts_at: i64,
    pub hours: i64,
    pub title: &'a str,
    pub location: &'a str,
    pub url: &'a str,
    pub now: i64,
    /// How many times the event was changed since the first invitation: a
    /// calendar replaces the event it holds with the higher sequence.
    pub sequence: i64,
    /// The event is cancelled (the calendar marks or removes it).
    pub cancelled: bool,
}

/// The `.ics` text of one event.
pub fn invitation(e: &Event) -> String {
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Social Enterprises Alliance//Assemblies//EN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}", e.uid),
        format!("SEQUENCE:{}", e.sequence),
        format!(
            "STATUS:{}",
            if e.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            }
        ),
        format!("DTSTAMP:{}", utc_stamp(e.now)),
        format!("DTSTART:{}", utc_stamp(e.starts_at)),
        format!("DTEND:{}", utc_stamp(e.starts_at + e.hours * 3600)),
        format!("SUMMARY:{}", escape(e.title)),
        format!("LOCATION:{}", escape(e.location)),
        format!("URL:{}", e.url),
        format!("DESCRIPTION:{}", escape(e.url)),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ];
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_is_valid_icalendar() {
        let ics = invitation(&Event {
            uid: "assembly-7@alliance.example.org",
            starts_at: 1_804_831_200, // 12 March 2027, 06:00 UTC
            hours: 3,
            title: "საერთო კრება; 2027, რიგითი",
            location: "Tbilisi",
            url: "https://alliance.example.org/assemblies/7",
            now: 1_800_000_000,
            sequence: 0,
            cancelled: false,
        });
        assert!(ics.contains("SEQUENCE:0\r\nSTATUS:CONFIRMED\r\n"));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("DTSTART:20270312T060000Z\r\n"));
        assert!(ics.contains("DTEND:20270312T090000Z\r\n"));
        assert!(ics.contains("SUMMARY:საერთო კრება\\; 2027\\, რიგითი"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "folded: {line:?}");
        }
        // Unfolding gives back the escaped title whole.
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:საერთო კრება\\; 2027\\, რიგითი\r\n"));
    }

    #[test]
    fn a_change_replaces_the_event_and_a_cancellation_marks_it() {
        let event = |sequence, cancelled| {
            invitation(&Event {
                uid: "assembly-7@alliance.example.org",
                starts_at: 1_804_831_200,
                hours: 3,
                title: "Assembly",
                location: "Online",
                url: "https://alliance.example.org/assemblies/7",
                now: 1_800_000_000,
                sequence,
                cancelled,
            })
        };
        let moved = event(1, false);
        assert!(moved.contains("UID:assembly-7@alliance.example.org\r\nSEQUENCE:1\r\n"));
        assert!(moved.contains("STATUS:CONFIRMED\r\n"));
        let cancelled = event(2, true);
        assert!(cancelled.contains("SEQUENCE:2\r\nSTATUS:CANCELLED\r\n"));
    }

    #[test]
    fn local_times_are_read_at_their_offset() {
        assert_eq!(
            parse_local("2027-03-12T10:00", 4 * 3600),
            Some(1_804_831_200)
        );
        assert_eq!(
            parse_local("2027-03-12T10:00:30", 4 * 3600),
            Some(1_804_831_200)
        );
        assert_eq!(parse_local("2027-02-30T10:00", 0), None);
        assert_eq!(parse_local("2027-03-12T24:00", 0), None);
        assert_eq!(parse_local("2027-03-12", 0), None);
        assert_eq!(parse_local("", 0), None);
        assert_eq!(local_value(1_804_831_200, 4 * 3600), "2027-03-12T10:00");
        assert_eq!(
            parse_local(&local_value(1_804_831_200, 4 * 3600), 4 * 3600),
            Some(1_804_831_200)
        );
    }

    #[test]
    fn long_georgian_lines_fold_between_characters() {
        let line = format!("SUMMARY:{}", "ა".repeat(60));
        let folded = fold(&line);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    }
}
