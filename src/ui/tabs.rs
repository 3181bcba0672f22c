//! The tab bar and the open view, with what the page shows above them.

use leptos::prelude::*;

use crate::ui::documents::report::ReportScreen;
use crate::ui::screens::clv_screen::ClvScreen;
use crate::ui::screens::customers_screen::CustomersScreen;
use crate::ui::screens::import_screen::ImportScreen;
use crate::ui::screens::landing::Landing;
use crate::ui::screens::lifecycle_screen::LifecycleScreen;
use crate::ui::screens::overview_screen::OverviewScreen;
use crate::ui::screens::portfolio_screen::PortfolioScreen;
use crate::ui::screens::rfm_screen::RfmScreen;
use crate::ui::screens::scenario_screen::ScenarioScreen;
use crate::ui::screens::settings_screen::SettingsScreen;
use crate::ui::state::{AppState, Tab};
use crate::ui::widgets::model_notice::ModelNotice;
use crate::ui::widgets::page_notices::{CancelledNotice, CrashNotice, ForgottenNotice, ProgressBar, SettingsLinkNotice};

/// Everything between the header and the footer: the landing strip, progress, notices, the tabs and
/// the open view. Apart from `App` so the page's warm-up (warm_up.rs) can draw it on its own state.
#[component]
pub fn Screens() -> impl IntoView {
    let state = expect_context::<AppState>();
    let has_data = move || state.view.with(|v| v.is_some()) || state.failure.with(|f| f.is_some());
    view! {
        <main>
            <Landing compact=Signal::derive(has_data) />
            <ProgressBar />
            <CrashNotice />
            <ModelNotice />
            <SettingsLinkNotice />
            <CancelledNotice />
            <ForgottenNotice />
            <Show when=has_data>
                <nav class="tabs">
                    <TabButton tab=Tab::Import key="tab.import" />
                    <Show when=move || state.view.with(|v| v.is_some())>
                        <TabButton tab=Tab::Overview key="tab.overview" />
                        <TabButton tab=Tab::Rfm key="tab.rfm" />
                        <TabButton tab=Tab::Clv key="tab.clv" />
                        <TabButton tab=Tab::Portfolio key="tab.portfolio" />
                        <TabButton tab=Tab::Lifecycle key="tab.lifecycle" />
                        <TabButton tab=Tab::Customers key="tab.customers" />
                        <TabButton tab=Tab::Scenarios key="tab.scenarios" />
                        <TabButton tab=Tab::Settings key="tab.settings" />
                        <TabButton tab=Tab::Report key="tab.report" />
                    </Show>
                </nav>
                {move || match state.tab.get() {
                    Tab::Import => view! { <ImportScreen /> }.into_any(),
                    Tab::Overview => view! { <OverviewScreen /> }.into_any(),
                    Tab::Clv => view! { <ClvScreen /> }.into_any(),
                    Tab::Portfolio => view! { <PortfolioScreen /> }.into_any(),
                    Tab::Lifecycle => view! { <LifecycleScreen /> }.into_any(),
                    Tab::Rfm => view! { <RfmScreen /> }.into_any(),
                    Tab::Customers => view! { <CustomersScreen /> }.into_any(),
                    Tab::Settings => view! { <SettingsScreen /> }.into_any(),
                    Tab::Scenarios => view! { <ScenarioScreen /> }.into_any(),
                    Tab::Report => view! { <ReportScreen /> }.into_any(),
                }}
            </Show>
        </main>
    }
}

#[component]
pub fn TabButton(tab: Tab, key: &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <button class="tab" class:active=move || state.tab.get() == tab data-testid=format!("tab-{key}")
            on:click=move |_| state.tab.set(tab)>
            {move || state.tr(key)}
        </button>
    }
}
