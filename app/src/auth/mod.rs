//! Who may do what. The roles, the signed-in person as the browser may see
//! them, and the access rules every server function and route declares.
//! The rules are plain data and one function, checked on the server by one
//! mechanism (`server::authorize`); the UI only hides what a role cannot do.

#[cfg(feature = "ssr")]
pub mod server;
pub mod validate;
pub mod viewer;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Represents one member organisation.
    Member,
    /// The Alliance's secretariat.
    Staff,
    /// A member of the Board.
    Board,
    /// Manages accounts; may do everything staff may.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Member, Role::Staff, Role::Board, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Staff => "staff",
            Role::Board => "board",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// The signed-in person, as every request on the server knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caller {
    pub user_id: crate::domain::ids::UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The organisation a member representative speaks for.
    pub organisation_id: Option<crate::domain::ids::OrganisationId>,
}

impl Caller {
    /// The member organisation this person represents (speaks and votes
    /// for): none for staff, the Board and administrators.
    pub fn represents(&self) -> Option<crate::domain::ids::OrganisationId> {
        self.organisation_id.filter(|_| self.role == Role::Member)
    }
}

/// Who may call a server function or route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Anyone,
    /// Any signed-in account.
    SignedIn,
    /// Who takes part in General Assemblies: the representative of a member
    /// organisation, the secretariat, the Board and admins (not an account
    /// registered without an organisation).
    Participant,
    /// The representative of this organisation, or staff and admins.
    MemberOf(crate::domain::ids::OrganisationId),
    /// The representative of a member organisation: who casts its ballots.
    Delegate,
    /// The secretariat (and admins).
    Staff,
    /// The secretariat, the Board (and admins).
    StaffOrBoard,
    /// Administrators only.
    Admin,
}

impl Access {
    pub fn allows(self, caller: Option<&Caller>) -> bool {
        let Some(caller) = caller else {
            return self == Access::Anyone;
        };
        let role = caller.role;
        match self {
            Access::Anyone | Access::SignedIn => true,
            Access::Participant => role != Role::Member || caller.organisation_id.is_some(),
            Access::MemberOf(org) => {
                matches!(role, Role::Staff | Role::Admin)
                    || (role == Role::Member && caller.organisation_id == Some(org))
            }
            Access::Delegate => role == Role::Member && caller.organisation_id.is_some(),
            Access::Staff => matches!(role, Role::Staff | Role::Admin),
            Access::StaffOrBoard => matches!(role, Role::Staff | Role::Board | Role::Admin),
            Access::Admin => role == Role::Admin,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{OrganisationId, UserId};

    fn caller(role: Role, organisation_id: Option<i64>) -> Caller {
        Caller {
            user_id: UserId(1),
            email: "a@b.ge".into(),
            display_name: String::new(),
            role,
            organisation_id: organisation_id.map(OrganisationId),
        }
    }

    #[test]
    fn anonymous_callers_only_reach_public_things() {
        assert!(Access::Anyone.allows(None));
        for access in [
            Access::SignedIn,
            Access::Participant,
            Access::MemberOf(OrganisationId(1)),
            Access::Delegate,
            Access::Staff,
            Access::StaffOrBoard,
            Access::Admin,
        ] {
            assert!(!access.allows(None), "{access:?}");
        }
    }

    #[test]
    fn the_access_table() {
        use Role::*;
        let member_of_1 = caller(Member, Some(1));
        let member_of_2 = caller(Member, Some(2));
        let cases = [
            (Access::MemberOf(OrganisationId(1)), &member_of_1, true),
            (Access::MemberOf(OrganisationId(1)), &member_of_2, false),
            (Access::Staff, &member_of_1, false),
            (Access::Admin, &member_of_1, false),
            (Access::Delegate, &member_of_1, true),
            (Access::Delegate, &caller(Member, None), false),
            (Access::Delegate, &caller(Staff, None), false),
            (Access::Delegate, &caller(Board, None), false),
        ];
        for (access, who, expected) in cases {
            assert_eq!(access.allows(Some(who)), expected, "{access:?} for {who:?}");
        }
        let expectations = [
            // role: SignedIn, MemberOf(1), Staff, StaffOrBoard, Admin
            (Staff, [true, true, true, true, false]),
            (Board, [true, false, false, true, false]),
            (Admin, [true, true, true, true, true]),
        ];
        for (role, expected) in expectations {
            let who = caller(role, None);
            let got = [
                Access::SignedIn,
                Access::MemberOf(OrganisationId(1)),
                Access::Staff,
                Access::StaffOrBoard,
                Access::Admin,
            ]
            .map(|a| a.allows(Some(&who)));
            assert_eq!(got, expected, "{role:?}");
        }
    }

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("root"), None);
    }
}
