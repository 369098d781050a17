//! Account forms: plain HTML forms that post here and are answered with a
//! redirect (303) to the page, carrying in its query what the page should
//! show — which messages, and the values typed so far (never passwords).
//! They work the same with and without JavaScript, and with password managers.

mod email;
mod login;
mod password;
mod register;

pub use email::{change_email, confirm_email};
pub use login::{login, logout};
pub use password::{change_password, forgot, reset};
pub use register::{register, verify};

pub(crate) use app::platform::post::{
    lang_of, page_again, page_with_status, redirect, send, too_many_attempts, unavailable,
    with_cookie,
};
