//! The open-data API: the directory as JSON, CSV and a spreadsheet at stable
//! addresses, with the same filters as the page. Open to every origin for reading.

use crate::state::AppState;
use app::auth::Access;
use app::directory::MemberProfile;
use app::domain::directory::{Filters, PAGE_SIZE};
use app::domain::lang::Lang;
use app::domain::reference::{Entry, REGIONS, SECTORS};
use app::platform::csv::field as csv_field;
use app::platform::routes::Routes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures::StreamExt;
use serde_json::{json, Value};

pub fn router() -> Routes<AppState> {
    Routes::new()
        .get("/api/v1/members", Access::Anyone, members)
        .get("/api/v1/members.csv", Access::Anyone, members_csv)
        .get(
            "/api/v1/members.xlsx",
            Access::Anyone,
            super::spreadsheet::members_xlsx,
        )
        .get("/api/v1/members/{slug}", Access::Anyone, member)
        .get("/api/v1/sectors", Access::Anyone, || async {
            reference(SECTORS)
        })
        .get("/api/v1/regions", Access::Anyone, || async {
            reference(REGIONS)
        })
        .map(|router| router.layer(axum::middleware::map_response(open_cors)))
}

async fn open_cors(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

/// Filters from the query string, or the 400 answer naming the parameter.
#[allow(clippy::result_large_err)] // the error is the response itself
pub(super) fn filters(query: Option<String>) -> Result<Filters, Response> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.as_deref().unwrap_or(""))
        .map_err(|_| {
        error(
            StatusCode::BAD_REQUEST,
            "the query string cannot be read",
            None,
        )
    })?;
    Filters::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| error(StatusCode::BAD_REQUEST, &e.to_string(), Some(&e.param)))
}

fn error(status: StatusCode, message: &str, parameter: Option<&str>) -> Response {
    (
        status,
        Json(json!({ "error": message, "parameter": parameter })),
    )
        .into_response()
}

pub(super) fn unavailable(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "open data query failed");
    self::error(
        StatusCode::SERVICE_UNAVAILABLE,
        "temporarily unavailable",
        None,
    )
}

fn names(ka: &str, en: &str) -> Value {
    json!({ "ka": ka, "en": en })
}

fn profile_json(state: &AppState, p: &MemberProfile) -> Value {
    json!({
        "slug": p.slug,
        "name": names(&p.name_ka, &p.name_en),
        "category": p.category,
        "legal_form": p.legal_form,
        "identification_code": p.id_code,
        "member_since": p.member_since,
        "sectors": p.sectors,
        "regions": p.regions,
        "impact_areas": p.impact,
        "description": names(&p.description_ka, &p.description_en),
        "products_and_services": names(&p.products_ka, &p.products_en),
        "website": p.website,
        "email": p.email,
        "phone": p.phone,
        "logo": (p.logo_version > 0).then(|| state.site.link(&format!("/members/{}/logo?v={}", p.slug, p.logo_version))),
        "url": state.site.link(&format!("/members/{}", p.slug)),
    })
}

/// `GET /api/v1/members`: one page (20) of matching members with the total.
async fn members(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let filters = match filters(query) {
        Ok(filters) => filters,
        Err(response) => return response,
    };
    let listing = match app::directory::store::listing::search(&state.db, &filters, Lang::Ka).await
    {
        Ok(listing) => listing,
        Err(e) => return unavailable(e),
    };
    let items: Vec<Value> = listing
        .items
        .iter()
        .map(|c| {
            json!({
                "slug": c.slug,
                "name": names(&c.name_ka, &c.name_en),
                "category": c.category,
                "member_since": c.member_since,
                "sectors": c.sectors,
                "regions": c.regions,
                "impact_areas": c.impact,
                "url": state.site.link(&format!("/members/{}", c.slug)),
                "details": state.site.link(&format!("/api/v1/members/{}", c.slug)),
            })
        })
        .collect();
    Json(json!({
        "total": listing.total,
        "page": listing.page,
        "pages": listing.pages,
        "per_page": PAGE_SIZE,
        "items": items,
    }))
    .into_response()
}

/// Organisations read and written at a time by the CSV export.
const EXPORT_PART: usize = 200;

/// `GET /api/v1/members.csv`: every matching member, UTF-8 with a header row.
/// Streamed: the matching ids are read first (the export's one moment), then
/// the rows [`EXPORT_PART`] at a time as the client takes them, so neither
/// the server's memory nor a database connection grows with the directory
/// or waits on a slow reader.
async fn members_csv(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    use app::directory::store::listing::{export_ids, export_part};
    let filters = match filters(query) {
        Ok(filters) => filters,
        Err(response) => return response,
    };
    let ids = match export_ids(&state.db, &filters).await {
        Ok(ids) => ids,
        Err(e) => return unavailable(e),
    };
    let header =
        "slug,name_ka,name_en,category,legal_form,identification_code,member_since,sectors,\
        regions,impact_areas,website,email,phone\r\n";
    let parts = futures::stream::iter(
        ids.chunks(EXPORT_PART)
            .map(<[i64]>::to_vec)
            .collect::<Vec<_>>(),
    )
    .then(move |part| {
        let (db, filters) = (state.db.clone(), filters.clone());
        async move {
            match export_part(&db, &filters, &part).await {
                Ok(rows) => Ok(axum::body::Bytes::from(csv_rows(&rows))),
                Err(error) => {
                    // The answer has begun: ending it early is all that is
                    // left; the client sees a cut-off download.
                    tracing::error!(%error, "open data export failed part-way");
                    Err(error)
                }
            }
        }
    });
    let body = futures::stream::once(async move {
        Ok::<_, sqlx::Error>(axum::body::Bytes::from_static(header.as_bytes()))
    })
    .chain(parts);
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"members.csv\"",
            ),
        ],
        axum::body::Body::from_stream(body),
    )
        .into_response()
}

/// CSV lines for `rows`, each ending in CRLF.
fn csv_rows(rows: &[MemberProfile]) -> String {
    let mut csv = String::new();
    for p in rows {
        let fields = [
            p.slug.as_str(),
            &p.name_ka,
            &p.name_en,
            &p.category,
            &p.legal_form,
            &p.id_code,
            &p.member_since,
            &p.sectors.join(";"),
            &p.regions.join(";"),
            &p.impact.join(";"),
            &p.website,
            &p.email,
            &p.phone,
        ];
        csv.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        csv.push_str("\r\n");
    }
    csv
}

/// `GET /api/v1/members/{slug}`: one listed member, whole.
async fn member(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    match app::directory::store::organisations::public_profile(&state.db, &slug).await {
        Ok(Some(profile)) => Json(profile_json(&state, &profile)).into_response(),
        Ok(None) => error(
            StatusCode::NOT_FOUND,
            "no listed member with this slug",
            None,
        ),
        Err(e) => unavailable(e),
    }
}

fn reference(list: &'static [Entry]) -> Response {
    let items: Vec<Value> = list
        .iter()
        .map(|e| json!({ "code": e.code, "name": names(e.ka, e.en) }))
        .collect();
    Json(items).into_response()
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("+995 32"), "'+995 32");
    }
}
