//! Form routes declare who may call them, and one guard checks it: every
//! area's `post::router()` is built here, so a route cannot be added
//! without an `Access`, and the list of what was declared is what the
//! role × endpoint test walks (a route without a row there fails it).
//!
//! The guard lets through whoever `Access` allows. A signed-in caller it
//! does not allow gets the "not allowed" page (403). A caller without a
//! session is sent to sign in when posting a form — back to the page the
//! form was on afterwards — and refused with 401 on anything else (the live
//! stream). Handlers still refine what depends on the request itself (which
//! organisation a profile is, which action an assembly form asks for), with
//! the same `Access` type.

use super::post::{lang_of, redirect, refuse, Refusal, FORM_BODY_LIMIT};
use crate::auth::server::CurrentSession;
use crate::auth::Access;
use axum::extract::Request;
use axum::handler::Handler;
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post, MethodRouter};
use axum::Router;

/// One route as declared: its method, its path pattern, who may call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declared {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

/// A router whose every route carries its `Access`.
pub struct Routes<S> {
    router: Router<S>,
    declared: Vec<Declared>,
}

impl<S: Clone + Send + Sync + 'static> Default for Routes<S> {
    fn default() -> Self {
        Routes {
            router: Router::new(),
            declared: Vec::new(),
        }
    }
}

impl<S: Clone + Send + Sync + 'static> Routes<S> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn post<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.guarded(path, "POST", access, None, FORM_BODY_LIMIT, post(handler))
    }

    /// A form whose page is elsewhere: `page` gives, from the path posted
    /// to, where to come back after signing in.
    pub fn post_from<H, T>(
        self,
        path: &'static str,
        access: Access,
        page: fn(&str) -> String,
        handler: H,
    ) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.guarded(
            path,
            "POST",
            access,
            Some(page),
            FORM_BODY_LIMIT,
            post(handler),
        )
    }

    pub fn get<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.guarded(path, "GET", access, None, FORM_BODY_LIMIT, get(handler))
    }

    /// A route whose method router is built by the caller (to add a
    /// layer), taking bodies of up to `body_limit` bytes.
    pub fn route(
        self,
        path: &'static str,
        method: &'static str,
        access: Access,
        body_limit: usize,
        route: MethodRouter<S>,
    ) -> Self {
        self.guarded(path, method, access, None, body_limit, route)
    }

    fn guarded(
        mut self,
        path: &'static str,
        method: &'static str,
        access: Access,
        page: Option<fn(&str) -> String>,
        body_limit: usize,
        route: MethodRouter<S>,
    ) -> Self {
        let guarded = route.route_layer(axum::middleware::from_fn(
            move |request: Request, next: Next| guard(access, page, body_limit, request, next),
        ));
        // A second method on a path already routed joins that route.
        self.router = self.router.route(path, guarded);
        self.declared.push(Declared {
            method,
            path,
            access,
        });
        self
    }

    /// The routes, with the state their handlers take provided.
    pub fn with_state<S2: Clone + Send + Sync + 'static>(self, state: S) -> Routes<S2> {
        Routes {
            router: self.router.with_state(state),
            declared: self.declared,
        }
    }

    pub fn merge(mut self, other: Routes<S>) -> Self {
        self.router = self.router.merge(other.router);
        self.declared.extend(other.declared);
        self
    }

    /// The routes with something done to their router as a whole (a
    /// layer for all of them); what is declared stays as it is.
    pub fn map(mut self, f: impl FnOnce(Router<S>) -> Router<S>) -> Self {
        self.router = f(self.router);
        self
    }

    pub fn declared(&self) -> &[Declared] {
        &self.declared
    }

    pub fn into_router(self) -> Router<S> {
        self.router
    }
}

async fn guard(
    access: Access,
    page: Option<fn(&str) -> String>,
    body_limit: usize,
    request: Request,
    next: Next,
) -> Response {
    let session = request
        .extensions()
        .get::<Option<CurrentSession>>()
        .cloned()
        .flatten();
    if access.allows(session.as_ref().map(|s| &s.caller)) {
        return next.run(request).await;
    }
    let lang = lang_of(request.headers());
    let response = match session {
        Some(_) => refuse(lang, Refusal::Forbidden),
        None if request.method() == Method::POST => {
            // Back to the page the form was on: the browser names it; else
            // the route knows (by default its own address is that page).
            let path = request.uri().path();
            let back = page_of_referer(&request)
                .map(str::to_string)
                .unwrap_or_else(|| page.map_or_else(|| path.to_string(), |page| page(path)));
            redirect("/login", &[("next", &back)])
        }
        None => refuse(lang, Refusal::SignInFirst),
    };
    // A refusal is answered once the form has arrived (as much of it as the
    // route takes): answering while the browser is still sending resets the
    // connection, and the person sees that instead of the answer.
    let _ = super::post::read_bounded(request.into_body(), body_limit).await;
    response
}

/// The path (and query) of the page a form was sent from, when the
/// browser says (same-site requests carry the whole address).
fn page_of_referer(request: &Request) -> Option<&str> {
    let referer = request.headers().get(header::REFERER)?.to_str().ok()?;
    let after_scheme = referer.split_once("://").map_or(referer, |(_, rest)| rest);
    let path = &after_scheme[after_scheme.find('/')?..];
    (super::post::safe_next(path) == path).then_some(path)
}
