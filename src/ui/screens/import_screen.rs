//! The mapping screen (what was detected, every choice changeable) and the import report.

use leptos::prelude::*;

use crate::ui::format::int;
use crate::ui::state::AppState;
use crate::ui::worker_client::use_worker;
use crate::engine::views::anonymise;
use crate::engine::import::amounts::DecimalSeparator;
use crate::engine::import::column_roles::Confidence;
use crate::engine::import::order_status::{StatusCount, CANCELLED_AT_KEY, MORE_VALUES_KEY, NO_PAYMENT_TIME_KEY, REFUNDED_IN_FULL_KEY};
use crate::engine::import::typed_rows::SpendMeaning;
use crate::engine::import::dates::DateFormat;
use crate::engine::import::dialect::Delimiter;
use crate::engine::import::header_mapping::{Role, Shape};
use crate::engine::import::ImportOptions;
use crate::engine::lang::Lang;
use crate::engine::time_unit::TimeUnit;

const ENCODINGS: [&str; 9] = ["UTF-8", "GBK", "gb18030", "Big5", "Shift_JIS", "EUC-KR", "windows-1252", "UTF-16LE", "UTF-16BE"];

#[component]
pub fn ImportScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        {move || state.failure.get().map(|f| view! {
            <div class="notice error" data-testid="import-error">
                <strong>{state.tr("error.title")}</strong>
                <p>{f.message(state.lang.get()).to_string()}</p>
            </div>
        })}
        <Show when=move || state.detected.with(|d| d.is_some())>
            <MappingPanel />
        </Show>
        <ReportPanel />
    }
}

/// A `<select>` over `(value, label)` pairs.
fn select_view(
    testid: &'static str,
    choices: Vec<(String, String)>,
    current: impl Fn() -> String + Send + Sync + 'static,
    on_pick: impl Fn(String) + 'static,
) -> impl IntoView {
    let current = std::sync::Arc::new(current);
    let c2 = current.clone();
    view! {
        <select data-testid=testid prop:value=move || c2() on:change=move |ev| on_pick(event_target_value(&ev))>
            {choices.into_iter().map(|(v, label)| {
                let cur = current.clone();
                let v2 = v.clone();
                view! { <option value=v selected=move || cur() == v2>{label}</option> }
            }).collect_view()}
        </select>
    }
}

/// Changing how the file is cut into columns makes the column mapping start afresh.
fn reset_structure(o: &mut ImportOptions) {
    o.mapping = None;
    o.shape = None;
    o.date_format = None;
    o.decimal = None;
    o.has_header = None;
}

fn delimiter_key(d: Delimiter) -> &'static str {
    match d {
        Delimiter::Comma => "delim.comma",
        Delimiter::Semicolon => "delim.semicolon",
        Delimiter::Tab => "delim.tab",
        Delimiter::Pipe => "delim.pipe",
        Delimiter::Whitespace => "delim.spaces",
    }
}

fn date_format_label(f: DateFormat, lang: Lang) -> String {
    let key = match f {
        DateFormat::YearMonthDay => "dateformat.ymd",
        DateFormat::DayMonthYear => "dateformat.dmy",
        DateFormat::MonthDayYear => "dateformat.mdy",
        DateFormat::ExcelSerial1900 => "dateformat.excel1900",
        DateFormat::ExcelSerial1904 => "dateformat.excel1904",
        DateFormat::UnixSeconds => "dateformat.unix",
        DateFormat::UnixMillis => "dateformat.unixms",
    };
    crate::ui::i18n::tr(lang, key).to_string()
}

#[component]
pub fn MappingPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let worker = use_worker();
    let det = move || state.detected.get();
    view! {
        <section class="panel mapping" data-testid="mapping">
            <h2>{move || state.tr("map.title")}</h2>
            <div class="file-line">
                {move || det().map(|d| format!("{}: {} · {} KB", state.tr("map.file"), state.file_label(&d.file_name), int(d.size_bytes.div_ceil(1024))))}
            </div>
            <div class="controls">
                <SourceControls />
                <ValueControls />
            </div>
            <button class="button primary" data-testid="apply" on:click=move |_| worker.reimport()>{move || state.tr("map.apply")}</button>
            <PreviewTable />
        </section>
    }
}

/// How the file is read: encoding, delimiter, sheet, header row, shape. (Components of their own, as
/// the page's warm-up draws them one per task: warm_up.rs.)
#[component]
pub fn SourceControls() -> impl IntoView {
    let state = expect_context::<AppState>();
    let det = move || state.detected.get();
    let opts = state.options;

    let encoding_row = move || {
        let d = det()?;
        if d.is_workbook {
            return None;
        }
        let detected_label = format!("{} ({})", d.encoding.clone().unwrap_or_default(), state.tr("map.detected"));
        let mut choices = vec![("auto".to_string(), detected_label)];
        choices.extend(ENCODINGS.iter().map(|e| (e.to_string(), e.to_string())));
        Some(view! {
            <label>{state.tr("map.encoding")}
                {select_view("encoding", choices,
                    move || opts.with(|o| o.encoding.clone()).unwrap_or_else(|| "auto".into()),
                    move |v| opts.update(|o| { o.encoding = if v == "auto" { None } else { Some(v) }; reset_structure(o); }))}
            </label>
        })
    };
    let delimiter_row = move || {
        let d = det()?;
        d.delimiter?;
        let choices = Delimiter::ALL.iter().map(|x| (x.name().to_string(), state.tr(delimiter_key(*x)).to_string())).collect();
        Some(view! {
            <label>{state.tr("map.delimiter")}
                {select_view("delimiter", choices,
                    move || opts.with(|o| o.delimiter).or(d.delimiter).map(|x| x.name().to_string()).unwrap_or_default(),
                    move |v| opts.update(|o| { o.delimiter = Delimiter::parse(&v); reset_structure(o); }))}
            </label>
        })
    };
    let sheet_row = move || {
        let d = det()?;
        if !d.is_workbook {
            return None;
        }
        let choices = d.sheets.iter().map(|s| (s.clone(), s.clone())).collect();
        let chosen = d.sheet.clone().unwrap_or_default();
        Some(view! {
            <label>{state.tr("map.sheet")}
                {select_view("sheet", choices,
                    move || opts.with(|o| o.sheet.clone()).unwrap_or_else(|| chosen.clone()),
                    move |v| opts.update(|o| { o.sheet = Some(v); reset_structure(o); }))}
            </label>
        })
    };
    view! {
        {encoding_row}
        {delimiter_row}
        {sheet_row}
        <label class="check">
            <input type="checkbox" data-testid="has-header"
                prop:checked=move || opts.with(|o| o.has_header).or(det().map(|d| d.has_header)).unwrap_or(true)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    opts.update(|o| { reset_structure(o); o.has_header = Some(on); });
                } />
            {move || state.tr("map.header")}
        </label>
        <label>{move || state.tr("map.shape")}
            {move || select_view("shape",
                vec![
                    ("transactions".into(), state.tr("shape.transactions").into()),
                    ("summary".into(), state.tr("shape.summary").into()),
                    ("rfm_table".into(), state.tr("shape.rfm_table").into()),
                ],
                move || opts.with(|o| o.shape).or(det().map(|d| d.shape)).map(|s| s.key().to_string()).unwrap_or_default(),
                move |v| opts.update(|o| o.shape = Some(match v.as_str() { "summary" => Shape::CustomerSummary, "rfm_table" => Shape::RfmTable, _ => Shape::Transactions })))}
        </label>
    }
}

/// How values are read and scored: date format, decimal separator, analysis date, time unit, margin.
#[component]
pub fn ValueControls() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let det = move || state.detected.get();
    let opts = state.options;
    view! {
        <label class:attention=move || det().is_some_and(|d| d.date_order_ambiguous) && opts.with(|o| o.date_format.is_none())>
            {move || state.tr("map.date_format")}
            {move || {
                let mut choices = vec![(String::new(), state.tr("map.choose").to_string())];
                choices.extend(DateFormat::ALL.iter().map(|f| (format!("{f:?}"), date_format_label(*f, lang.get()))));
                select_view("date-format", choices,
                    move || opts.with(|o| o.date_format).map(|f| format!("{f:?}")).unwrap_or_default(),
                    move |v| opts.update(|o| o.date_format = DateFormat::ALL.into_iter().find(|f| format!("{f:?}") == v)))
            }}
        </label>
        <label>{move || state.tr("map.decimal")}
            {move || select_view("decimal",
                vec![("point".into(), state.tr("decimal.point").into()), ("comma".into(), state.tr("decimal.comma").into())],
                move || if opts.with(|o| o.decimal) == Some(DecimalSeparator::Comma) { "comma".into() } else { "point".into() },
                move |v| opts.update(|o| o.decimal = Some(if v == "comma" { DecimalSeparator::Comma } else { DecimalSeparator::Point })))}
        </label>
        <label>{move || state.tr("map.analysis_date")}
            <input type="date" data-testid="analysis-date"
                prop:value=move || state.settings.with(|s| s.analysis_date.map(|d| d.to_string()).unwrap_or_default())
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    state.settings.update(|s| s.analysis_date = v.parse().ok());
                } />
            <small>{move || state.tr("map.analysis_date_hint")}</small>
        </label>
        <label>{move || state.tr("map.unit")}
            {move || select_view("unit",
                [TimeUnit::Day, TimeUnit::Week, TimeUnit::Month].iter().map(|u| (u.name().to_string(), state.tr(match u { TimeUnit::Day => "unit.day", TimeUnit::Week => "unit.week", TimeUnit::Month => "unit.month" }).to_string())).collect(),
                move || state.settings.with(|s| s.time_unit.name().to_string()),
                move |v| state.settings.update(|s| s.time_unit = TimeUnit::parse(&v).unwrap_or_default()))}
        </label>
        <label>{move || state.tr("map.margin")}
            <input type="number" min="0" max="1" step="0.01" data-testid="margin-rate"
                prop:value=move || state.settings.with(|s| s.margin_rate.to_string())
                on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                        state.settings.update(|s| s.margin_rate = v.clamp(0.0, 1.0));
                    }
                } />
        </label>
    }
}

/// The first rows as parsed, each column's name and its role (a select that remaps it).
#[component]
pub fn PreviewTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let det = move || state.detected.get();
    let opts = state.options;
    view! {
        <h3>{move || state.tr("map.preview")}</h3>
        <div class="table-wrap">
            <table class="preview" data-testid="preview">
                <thead>
                    <tr>
                        <th>{move || state.tr("map.line")}</th>
                        {move || det().map(|d| d.columns.iter().enumerate().map(|(i, c)| {
                            let mut choices = vec![(String::new(), state.tr("map.not_used").to_string())];
                            choices.extend(Role::ALL.iter().map(|r| (r.key().to_string(), r.label(lang.get()).to_string())));
                            let fallback = c.role;
                            let why = c.reading.as_ref().map(|r| {
                                let class = match r.confidence { Confidence::High => "why sure", Confidence::Medium => "why likely", Confidence::Low => "why unsure" };
                                view! { <div class=class data-testid="why">{r.why(lang.get())}</div> }
                            });
                            view! {
                                <th>
                                    <div class="col-name">{c.name.clone()}</div>
                                    {select_view("role", choices,
                                        move || opts.with(|o| o.mapping.as_ref().and_then(|m| m.get(i).copied()).unwrap_or(fallback)).map(|r| r.key().to_string()).unwrap_or_default(),
                                        move |v| opts.update(|o| {
                                            let n = det().map(|d| d.columns.len()).unwrap_or(0);
                                            let mut m = o.mapping.clone().unwrap_or_else(|| det().map(|d| d.columns.iter().map(|c| c.role).collect()).unwrap_or_default());
                                            m.resize(n, None);
                                            let role = Role::from_key(&v);
                                            for r in m.iter_mut() { if role.is_some() && *r == role { *r = None; } }
                                            if i < m.len() { m[i] = role; }
                                            o.mapping = Some(m);
                                        }))}
                                    {why}
                                </th>
                            }
                        }).collect_view())}
                    </tr>
                </thead>
                <tbody>
                    {move || det().map(|d| {
                        // Anonymised: the cells of identifying columns hidden (`anonymise::shows`), by
                        // the roles as mapped now.
                        let hide = state.anonymise.get();
                        let roles: Vec<Option<Role>> = opts.with(|o| o.mapping.clone()).unwrap_or_else(|| d.columns.iter().map(|c| c.role).collect());
                        d.preview.iter().map(|r| view! {
                            <tr>
                                <td class="line">{r.line}</td>
                                {r.cells.iter().enumerate().map(|(k, c)| {
                                    let shown = if hide { anonymise::cell(c, roles.get(k).copied().flatten()) } else { c.clone() };
                                    view! { <td>{shown}</td> }
                                }).collect_view()}
                            </tr>
                        }).collect_view()
                    })}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn ReportPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let worker = use_worker();
    move || {
        let v = state.view.get()?;
        let r = v.report.clone();
        let lang = state.lang.get();
        let shown = v.rejects.len() as u64;
        let roles: Vec<Option<Role>> = v.detected.columns.iter().map(|c| c.role).collect();
        Some(view! {
            <section class="panel report" data-testid="import-report">
                <h2>{state.tr("report.title")}</h2>
                <p class="reading" data-testid="reading-line">{r.reading_line(lang)}</p>
                <div class="counts">
                    <div class="count"><span class="k">{state.tr("report.read")}</span><span class="v" data-testid="rows-read">{int(r.rows_read)}</span></div>
                    <div class="count"><span class="k">{state.tr("report.used")}</span><span class="v" data-testid="rows-used">{int(r.rows_used)}</span></div>
                    {(r.rows_folded > 0).then(|| view! {
                        <div class="count"><span class="k">{state.tr("report.folded")}</span><span class="v" data-testid="rows-folded">{int(r.rows_folded)}</span></div>
                    })}
                    {(r.rows_not_counted > 0).then(|| view! {
                        <div class="count"><span class="k">{state.tr("report.not_counted")}</span><span class="v" data-testid="rows-not-counted">{int(r.rows_not_counted)}</span></div>
                    })}
                    <div class="count"><span class="k">{state.tr("report.rejected")}</span><span class="v" data-testid="rows-rejected">{int(r.rows_rejected)}</span></div>
                    <div class="count"><span class="k">{state.tr("report.after")}</span><span class="v" data-testid="rows-after">{int(r.rows_after_analysis_date)}</span></div>
                    <div class="count"><span class="k">{state.tr("report.customers")}</span><span class="v" data-testid="customers">{int(r.customers)}</span></div>
                </div>
                <p class="identity" data-testid="identity">
                    {if r.rows_folded + r.rows_not_counted == 0 {
                        format!("{} = {} + {}  ({})", int(r.rows_read), int(r.rows_used), int(r.rows_rejected), state.tr("report.identity"))
                    } else {
                        format!("{} = {} + {} + {} + {}  ({})", int(r.rows_read), int(r.rows_used), int(r.rows_folded), int(r.rows_not_counted), int(r.rows_rejected), state.tr("report.identity_orders"))
                    }}
                </p>
                <ul class="warnings">
                    {r.warnings.iter().map(|w| view! { <li>{w.text(lang)}</li> }).collect_view()}
                </ul>
                {(!r.statuses.is_empty()).then(|| view! { <StatusTable statuses=r.statuses.clone() /> })}
                {v.detected.rfm_spend.map(|spend| view! { <RfmSpendChoice spend=spend /> })}
                <h3>{state.tr("report.rejects")}</h3>
                {if r.rows_rejected == 0 {
                    view! { <p data-testid="no-rejects">{state.tr("report.no_rejects")}</p> }.into_any()
                } else {
                    view! {
                        <div>
                            <button class="button" data-testid="download-rejects" on:click=move |_| worker.download_rejects()>{state.tr("report.download")}</button>
                            <span class="muted">{format!(" {} {} {}", int(shown), state.tr("report.shown_of"), int(r.rows_rejected))}</span>
                            <div class="table-wrap">
                                <table class="rejects" data-testid="rejects">
                                    <thead><tr>
                                        <th>{state.tr("map.line")}</th><th>{state.tr("report.column")}</th>
                                        <th>{state.tr("report.value")}</th><th>{state.tr("report.reason")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {v.rejects.iter().cloned().map(|x| if state.anonymise.get() { anonymise::reject(x, &roles) } else { x }).map(|x| view! {
                                            <tr>
                                                <td class="line">{x.line}</td>
                                                <td>{if x.column == 0 { String::from("—") } else { format!("{} {}", x.column, x.column_name) }}</td>
                                                <td><code>{x.value.clone()}</code></td>
                                                <td>{x.reason.text(lang)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        </div>
                    }.into_any()
                }}
            </section>
        })
    }
}

/// The order statuses of the file: what each means, its orders and rows, and whether they count as
/// purchases; ticking or unticking one re-imports with that choice.
#[component]
pub fn StatusTable(
    /// Every status value met, as the import report lists them.
    statuses: Vec<StatusCount>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let worker = use_worker();
    let lang = state.lang;
    let choose = move |value: String, counted: bool| {
        state.options.update(|o| {
            o.status_choices.retain(|(v, _)| *v != value);
            o.status_choices.push((value, counted));
        });
        worker.reimport();
    };
    view! {
        <h3>{move || state.tr("report.statuses")}</h3>
        <p class="muted">{move || state.tr("report.statuses_hint")}</p>
        <div class="table-wrap">
            <table class="statuses" data-testid="statuses">
                <thead><tr>
                    <th>{move || state.tr("report.status")}</th><th>{move || state.tr("report.status_meaning")}</th>
                    <th>{move || state.tr("report.orders")}</th><th>{move || state.tr("report.rows")}</th>
                    <th>{move || state.tr("report.counted")}</th>
                </tr></thead>
                <tbody>
                    {statuses.into_iter().map(|s| {
                        let synthetic = [REFUNDED_IN_FULL_KEY, CANCELLED_AT_KEY, NO_PAYMENT_TIME_KEY, MORE_VALUES_KEY].contains(&s.value.as_str());
                        let shown = match s.value.as_str() {
                            REFUNDED_IN_FULL_KEY => state.tr("report.refund_equals_amount").to_string(),
                            CANCELLED_AT_KEY => state.tr("report.cancelled_at_set").to_string(),
                            NO_PAYMENT_TIME_KEY => state.tr("report.no_payment_time").to_string(),
                            MORE_VALUES_KEY => state.tr("report.more_statuses").to_string(),
                            v => v.to_string(),
                        };
                        let value = s.value.clone();
                        view! {
                            <tr class:not-counted=!s.counted>
                                <td>{shown}</td>
                                <td>{move || s.class.label(lang.get())}</td>
                                <td class="num">{int(s.orders)}</td>
                                <td class="num">{int(s.rows)}</td>
                                <td>
                                    <input type="checkbox" data-testid="status-counted" prop:checked=s.counted disabled=synthetic
                                        on:change=move |ev| choose(value.clone(), event_target_checked(&ev)) />
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// What an RFM table's spend column holds (total or per purchase); changing it re-imports.
#[component]
pub fn RfmSpendChoice(
    /// The meaning the import used.
    spend: SpendMeaning,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let worker = use_worker();
    let lang = state.lang;
    let key = |m: SpendMeaning| if m == SpendMeaning::Total { "total" } else { "per_purchase" };
    view! {
        <label class="rfm-spend">{move || state.tr("report.rfm_spend")}
            {move || select_view("rfm-spend",
                [SpendMeaning::Total, SpendMeaning::PerPurchase].iter().map(|m| (key(*m).to_string(), m.label(lang.get()).to_string())).collect(),
                move || key(spend).to_string(),
                move |v| {
                    state.options.update(|o| o.rfm_spend = Some(if v == "total" { SpendMeaning::Total } else { SpendMeaning::PerPurchase }));
                    worker.reimport();
                })}
        </label>
    }
}
