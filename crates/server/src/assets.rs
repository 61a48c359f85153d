//! The web UI and the OpenAPI document, built into the binary.

use axum::extract::Path;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");
const FAVICON_SVG: &str = include_str!("../assets/favicon.svg");
/// The talking-points page (issue 6) and its script.
const TALKING_HTML: &str = include_str!("../assets/talking.html");
const TALKING_JS: &str = include_str!("../assets/talking.js");
/// The OpenAPI 3 document of the API.
pub const OPENAPI_JSON: &str = include_str!("../assets/openapi.json");

fn file(body: &'static str, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
        .into_response()
}

pub(crate) async fn index() -> Response {
    file(INDEX_HTML, "text/html; charset=utf-8")
}

pub(crate) async fn talking_points() -> Response {
    file(TALKING_HTML, "text/html; charset=utf-8")
}

pub(crate) async fn favicon() -> Response {
    file(FAVICON_SVG, "image/svg+xml")
}

pub(crate) async fn openapi() -> Response {
    file(OPENAPI_JSON, "application/json")
}

pub(crate) async fn asset(Path(name): Path<String>) -> Response {
    match name.as_str() {
        "app.js" => file(APP_JS, "text/javascript; charset=utf-8"),
        "app.css" => file(APP_CSS, "text/css; charset=utf-8"),
        "talking.js" => file(TALKING_JS, "text/javascript; charset=utf-8"),
        "favicon.svg" => file(FAVICON_SVG, "image/svg+xml"),
        _ => crate::error::ApiError::NotFound("no such asset".into()).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    /// `html` loads `script` from /assets and has no inline script or
    /// style; `js` builds no markup from text.
    fn assert_csp_clean(html: &str, script: &str, js: &str) {
        assert!(html.contains(&format!(r#"<script src="/assets/{script}""#)));
        assert!(!html.contains("<script>"));
        assert!(!html.contains("style="));
        assert!(!html.contains("<style"));
        for forbidden in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
        ] {
            assert!(!js.contains(forbidden), "{script} uses {forbidden}");
        }
    }

    #[test]
    fn the_page_has_no_inline_script_or_style_and_builds_no_markup_from_text() {
        assert_csp_clean(TALKING_HTML, "talking.js", TALKING_JS);
    }

    #[test]
    fn openapi_document_lists_every_api_route() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI_JSON).unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        for route in crate::api::API_ROUTES {
            assert!(doc["paths"].get(route).is_some(), "{route} missing");
        }
        assert_eq!(
            doc["paths"].as_object().unwrap().len(),
            crate::api::API_ROUTES.len()
        );
    }

    #[test]
    fn ui_uses_no_inline_script_or_style_and_no_inner_html() {
        assert_csp_clean(INDEX_HTML, "app.js", APP_JS);
    }

    #[tokio::test]
    async fn unknown_assets_are_404() {
        let r = asset(Path("../Cargo.toml".into())).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
}
