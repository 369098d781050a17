use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body><App/></body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="Minimal"/>
        <Router>
            <main>
                <Routes fallback=|| "Not found.">
                    <Route path=path!("") view=Home/>
                </Routes>
            </main>
        </Router>
    }
}

/// One server function feeding a resource, as nearly every real page has.
#[server]
pub async fn greeting() -> Result<String, ServerFnError> {
    Ok("Hello from the server".to_string())
}

#[component]
fn Home() -> impl IntoView {
    let count = RwSignal::new(0);
    let greeting = Resource::new(|| (), |_| greeting());
    view! {
        <h1>"Minimal"</h1>
        <Suspense fallback=|| "Loading…">
            {move || Suspend::new(async move { greeting.await.map(|g| view! { <p>{g}</p> }) })}
        </Suspense>
        <button on:click=move |_| *count.write() += 1>"Clicked " {count} " times"</button>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
