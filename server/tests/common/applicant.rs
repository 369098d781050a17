//! An applicant's browser for the wizard: its own draft cookie (and a
//! session, when one is added), steps posted with good answers.

use super::{location, TestApp};

/// A browser with its own cookies: the draft cookie, optionally a session.
pub struct Applicant<'a> {
    pub app: &'a TestApp,
    pub cookies: String,
}

impl<'a> Applicant<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        // The wizard's draft token, as the cookie the page would set.
        let token = format!("test-draft-{}", uuid_like());
        Applicant {
            app,
            cookies: format!("alliance_draft={token}; lang=en"),
        }
    }

    pub fn token(&self) -> &str {
        self.cookies
            .split("; ")
            .find_map(|c| c.strip_prefix("alliance_draft="))
            .unwrap()
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.app
            .client
            .post(self.app.url(path))
            .header("cookie", &self.cookies)
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// A page, at its English address when the applicant reads English.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        let address = if self.cookies.contains("lang=en") {
            app::domain::lang::Lang::En.at(path)
        } else {
            path.to_string()
        };
        self.app
            .client
            .get(self.app.url(&address))
            .header("cookie", &self.cookies)
            .send()
            .await
            .unwrap()
    }

    /// Posts steps 1–4 with good answers; `start` is the activity start.
    pub async fn fill(&self, code: &str, start: &str, category: &str) {
        self.fill_as(code, start, category, "nino@ksovili.example")
            .await;
    }

    pub async fn fill_as(&self, code: &str, start: &str, category: &str, email: &str) {
        self.fill_steps(code, start, category, email, 4).await;
    }

    /// Posts steps 1 to `last` with good answers.
    pub async fn fill_steps(
        &self,
        code: &str,
        start: &str,
        category: &str,
        email: &str,
        last: usize,
    ) {
        let steps: [Vec<(&str, &str)>; 4] = [
            vec![
                ("step", "1"),
                ("go", "next"),
                ("name_ka", "ქსოვილი"),
                ("name_en", "Ksovili Weavers"),
                ("legal_form", "llc"),
                ("id_code", code),
                ("registered_on", "2019-04-01"),
                ("region", "GE-TB"),
                ("region", "GE-IM"),
                ("sector", "C"),
            ],
            vec![
                ("step", "2"),
                ("go", "next"),
                ("activity_start", start),
                ("mission", "Jobs for women weavers"),
                ("impact", "women"),
            ],
            vec![
                ("step", "3"),
                ("go", "next"),
                ("contact_name", "Nino Beridze"),
                ("contact_email", email),
                ("contact_phone", "+995 555 12 34 56"),
                ("password", "weaving-Looms-of-Imereti"),
                ("password_confirm", "weaving-Looms-of-Imereti"),
            ],
            vec![
                ("step", "4"),
                ("go", "next"),
                ("category", category),
                ("consent_data", "1"),
                ("listed", "1"),
            ],
        ];
        for (i, form) in steps.iter().take(last).enumerate() {
            let response = self.post("/apply", form).await;
            assert_eq!(response.status(), 303, "step {} refused", i + 1);
            assert_eq!(location(&response), format!("/apply?step={}", i + 2));
        }
    }
}

pub fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{nanos:x}{}", N.fetch_add(1, Ordering::Relaxed))
}
