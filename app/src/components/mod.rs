//! Building blocks shared by the pages.

pub mod form;
pub mod lang_switch;
pub mod layout;
pub mod loading;
pub mod page_data;
pub mod pager;
pub mod post_form;
pub mod rcdata;
