//! Who is looking at the page, for the header: known on the server from the
//! session, and read back in the browser from the `<body>` the server wrote,
//! so both render the same header. Signing in or out always reloads the page.

use super::Role;
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub name: String,
    pub role: Role,
}

pub const NAME_ATTRIBUTE: &str = "data-viewer";
pub const ROLE_ATTRIBUTE: &str = "data-viewer-role";

pub fn provide_viewer() -> Option<Viewer> {
    let viewer = current();
    provide_context(viewer.clone());
    viewer
}

pub fn use_viewer() -> Option<Viewer> {
    use_context::<Option<Viewer>>().flatten()
}

#[cfg(feature = "ssr")]
fn current() -> Option<Viewer> {
    super::server::caller().map(|c| Viewer {
        name: if c.display_name.is_empty() {
            c.email
        } else {
            c.display_name
        },
        role: c.role,
    })
}

#[cfg(not(feature = "ssr"))]
fn current() -> Option<Viewer> {
    #[cfg(feature = "hydrate")]
    {
        use crate::browser::body_attribute;
        let name = body_attribute(NAME_ATTRIBUTE)?;
        let role = Role::from_code(&body_attribute(ROLE_ATTRIBUTE)?)?;
        Some(Viewer { name, role })
    }
    #[cfg(not(feature = "hydrate"))]
    None
}
