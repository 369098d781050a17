//! The member list. A lazy route: its code loads only when a visitor opens it.

use crate::api::members::{list_members, MemberCard};
use crate::components::loading::{LoadError, Loading};
use crate::domain::date::Date;
use crate::domain::reference::{label, CATEGORIES, REGIONS, SECTORS};
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};

pub struct MembersRoute {
    members: Resource<Result<Vec<MemberCard>, AppError>>,
}

#[lazy_route]
impl LazyRoute for MembersRoute {
    fn data() -> Self {
        MembersRoute {
            members: Resource::new(|| (), |_| list_members()),
        }
    }

    fn view(this: Self) -> AnyView {
        let members = this.members;
        let i18n = use_i18n();
        let t = move || i18n.t();
        view! {
            <Title text=move || t().members.title/>
            <div class="container page">
                <h1>{move || t().members.title}</h1>
                <p class="lead">{move || t().members.lead}</p>
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        match members.await {
                            Ok(list) if list.is_empty() => view! { <p>{move || t().members.empty}</p> }.into_any(),
                            Ok(list) => {
                                let count = list.len() as i64;
                                view! {
                                    <p role="status">{move || (t().members.count)(count)}</p>
                                    <ul class="card-list member-list">
                                        {list.into_iter().map(|m| view! { <li><MemberItem member=m/></li> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }
                            Err(_) => view! { <LoadError/> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        }
        .into_any()
    }
}

#[component]
fn MemberItem(member: MemberCard) -> impl IntoView {
    let i18n = use_i18n();
    let MemberCard {
        slug,
        name_ka,
        name_en,
        category,
        member_since,
        sectors,
        regions,
    } = member;
    let since = Date::parse(&member_since).ok();
    let list = move |codes: &[String], table| {
        codes
            .iter()
            .map(|c| label(table, c, i18n.lang()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    view! {
        <article class="card" id=slug>
            <h2 class="card-title">{move || i18n.lang().pick(&name_ka, &name_en).to_string()}</h2>
            <p class="badge">{move || label(CATEGORIES, &category, i18n.lang())}</p>
            <dl class="facts">
                <dt>{move || i18n.t().members.member_since}</dt>
                <dd>{move || since.map(|d| i18n.date(d)).unwrap_or_default()}</dd>
                <dt>{move || i18n.t().reference.sector}</dt>
                <dd>{move || list(&sectors, SECTORS)}</dd>
                <dt>{move || i18n.t().reference.region}</dt>
                <dd>{move || list(&regions, REGIONS)}</dd>
            </dl>
        </article>
    }
}
