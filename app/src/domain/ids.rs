//! The ids of the platform's records, each its own type, so an assembly's
//! id cannot be passed where a poll's is expected, and a page, a handler and
//! a storage function agree on what a number names. They travel as plain
//! numbers: in JSON, in a path (`/assemblies/7`), in a form field and in a
//! database column (the server derives `sqlx::Type` for each, nothing more).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type))]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", sqlx(transparent))]
        pub struct $name(pub i64);

        impl $name {
            /// The number as stored.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.trim().parse().map($name)
            }
        }
    )*};
}

ids!(
    /// A member or applicant organisation (`organisations.id`).
    OrganisationId,
    /// An account (`users.id`).
    UserId,
    /// A General Assembly (`assemblies.id`).
    AssemblyId,
    /// A poll of an assembly (`polls.id`).
    PollId,
    /// An application to join (`applications.id`).
    ApplicationId,
    /// An item of an assembly's agenda (`agenda_items.id`).
    AgendaItemId,
    /// A news post (`news_posts.id`).
    NewsId,
    /// A document of an assembly (`assembly_documents.id`).
    DocumentId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_travels_as_a_plain_number() {
        assert_eq!(serde_json::to_string(&PollId(7)).unwrap(), "7");
        assert_eq!(serde_json::from_str::<PollId>("7").unwrap(), PollId(7));
        assert_eq!("  12".parse::<AssemblyId>().unwrap(), AssemblyId(12));
        assert!("12a".parse::<AssemblyId>().is_err());
        assert_eq!(OrganisationId(3).to_string(), "3");
    }
}
