//! The Social Enterprises Alliance platform: shared domain rules, pages,
//! components and server functions. Compiled twice: with `ssr` into the
//! server binary and with `hydrate` into the browser's WebAssembly.

pub mod account;
mod app;
pub mod apply;
pub mod assemblies;
pub mod auth;
pub mod board;
pub mod components;
pub mod directory;
pub mod domain;
pub mod error;
pub mod home;
pub mod i18n;
pub mod news;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod platform;

#[cfg(feature = "ssr")]
pub mod db;

pub use app::{shell, App};
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod markdown;
