//! Exports of real systems, in their exact header shapes (tests/fixtures/exports/, written by
//! make_exports.py), read with no mapping by hand give the customers, purchases, revenue, folded
//! lines and orders not counted that `expected.json` states. Those figures are computed by the
//! generator from the orders it wrote (which are paid, refunded, cancelled …), not by Kezhi.

use std::collections::BTreeMap;

use kezhi_engine::import::errors::ImportError;
use kezhi_engine::import::header_mapping::Role;
use kezhi_engine::import::ImportOptions;
use kezhi_engine::table::imported::{import, Imported};
use kezhi_engine::lang::Lang;
use kezhi_engine::settings::Settings;
use kezhi_engine::tolerances::MONEY_CENTS;
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/exports");

fn expected() -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string(format!("{DIR}/expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("json")
}

fn read(name: &str, opts: &ImportOptions) -> Result<Imported, kezhi_engine::import::ImportFailure> {
    let bytes = std::fs::read(format!("{DIR}/{name}")).expect("fixture");
    import(&bytes, name, opts, &Settings::default(), &mut |_| {})
}

#[test]
fn every_export_reads_as_its_system_means_it() {
    let mut checked = 0;
    for (name, e) in expected() {
        if e.get("asks").is_some() || e.get("rfm_table").is_some() {
            continue;
        }
        let i = read(&name, &ImportOptions::default()).unwrap_or_else(|f| panic!("{name}: {}", f.error.message(&name, Lang::En)));
        let r = &i.report;
        assert!(r.balanced(), "{name}: rows read = used + folded + not counted + rejected: {r:?}");
        assert_eq!(r.export.map(|x| x.key()), e["export"].as_str(), "{name}: recognised as");
        let n = |k: &str| e[k].as_u64().unwrap_or_else(|| panic!("{name}: {k}"));
        assert_eq!(r.rows_read, n("rows_read"), "{name}: rows read");
        assert_eq!(r.rows_folded, n("rows_folded"), "{name}: line items folded");
        assert_eq!(r.rows_rejected, n("rows_rejected"), "{name}: rows rejected {:?}", i.rejects.first());
        assert_eq!(r.orders_not_counted, n("orders_not_counted"), "{name}: orders not counted {:?}", r.statuses);
        let mut by_class = BTreeMap::new();
        for s in r.statuses.iter().filter(|s| !s.counted) {
            *by_class.entry(format!("{:?}", s.class)).or_insert(0u64) += s.orders;
        }
        let want: BTreeMap<String, u64> = e["not_counted"].as_object().expect("map").iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(0))).collect();
        assert_eq!(by_class, want, "{name}: orders not counted by class");
        assert_eq!(r.orders, n("purchases"), "{name}: purchases");
        assert_eq!(r.customers, n("customers"), "{name}: customers");
        let revenue: f64 = i.table.customers.iter().map(|c| c.revenue).sum();
        let want = e["revenue"].as_f64().expect("revenue");
        assert!((revenue - want).abs() <= MONEY_CENTS, "{name}: revenue {revenue} against {want}");
        if let Some(c) = e.get("c_prefix_returns") {
            assert!(r.warnings.iter().any(|w| w.text(Lang::En).starts_with(&format!("{} rows have invoice numbers starting with C", c))), "{name}: {:?}", r.warnings);
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} exports checked");
}

/// The lead line of the report says what the file was read as, with the counts that add up.
#[test]
fn the_report_leads_with_what_the_file_was_read_as() {
    let i = read("shopify_orders.csv", &ImportOptions::default()).expect("imports");
    let line = i.report.reading_line(Lang::En);
    let e = &expected()["shopify_orders.csv"];
    let orders = e["purchases"].as_u64().unwrap_or(0) + e["orders_not_counted"].as_u64().unwrap_or(0) + e["rows_rejected"].as_u64().unwrap_or(0);
    assert!(line.starts_with("Read as a Shopify orders export: "), "{line}");
    assert!(line.contains(&format!("{} rows → {orders} orders → {} purchases by {} customers", e["rows_read"], e["purchases"], e["customers"])), "{line}");
    assert!(line.contains(&format!("{} line items folded into their orders", e["rows_folded"])), "{line}");
    assert!(line.contains("not counted (") && line.contains("pending"), "{line}");
    let zh = read("taobao_orders.csv", &ImportOptions::default()).expect("imports").report.reading_line(Lang::Zh);
    assert!(zh.starts_with("按淘宝/天猫订单报表读取："), "{zh}");
    assert!(zh.contains("不计为购买（") && zh.contains("已关闭") && zh.contains("未付款"), "{zh}");
}

/// A date column whose name says nothing is found from its values and asked about, not guessed; with
/// the column confirmed (`--map date=…`, or the mapping screen) the file imports.
#[test]
fn a_required_column_found_only_by_its_values_is_asked() {
    let e = &expected()["pos_unclear_date.csv"]["asks"];
    let failure = read("pos_unclear_date.csv", &ImportOptions::default()).expect_err("asks");
    match &failure.error {
        ImportError::UnsureColumn { role, column, .. } => {
            assert_eq!((role.key(), column.as_str()), (e["role"].as_str().unwrap_or(""), e["column"].as_str().unwrap_or("")));
        }
        other => panic!("{other:?}"),
    }
    assert!(failure.error.message("pos.csv", Lang::En).contains("Confirm it"), "{}", failure.error.message("pos.csv", Lang::En));
    let opts = ImportOptions { overrides: vec![(Role::Date, "Purchased On".into())], ..ImportOptions::default() };
    let i = read("pos_unclear_date.csv", &opts).expect("imports once confirmed");
    assert_eq!((i.report.rows_read, i.report.rows_used), (24, 24));
}

/// The user can count a status Kezhi does not count (and the other way): here Taobao's closed orders
/// that were paid, then refunded in full, stay out by their refund even when 交易关闭 is counted.
#[test]
fn the_user_decides_which_statuses_count() {
    let e = &expected()["woocommerce_orders.csv"];
    let on_hold = e["not_counted"]["Pending"].as_u64().expect("on hold orders");
    let opts = ImportOptions { status_choices: vec![("On hold".into(), true)], ..ImportOptions::default() };
    let i = read("woocommerce_orders.csv", &opts).expect("imports");
    assert!(i.report.balanced());
    assert_eq!(i.report.orders, e["purchases"].as_u64().unwrap_or(0) + on_hold);
    let held = i.report.statuses.iter().find(|s| s.value == "On hold").expect("On hold");
    assert!(held.counted);
    // Shopify's pending orders have no payment time: counted, they are dated by their creation time
    // (the other date column), not rejected.
    let e = &expected()["shopify_orders.csv"];
    let opts = ImportOptions { status_choices: vec![("pending".into(), true)], ..ImportOptions::default() };
    let i = read("shopify_orders.csv", &opts).expect("imports");
    assert_eq!(i.report.orders, e["purchases"].as_u64().unwrap_or(0) + e["not_counted"]["Pending"].as_u64().unwrap_or(0));
    assert_eq!(i.report.rows_rejected, e["rows_rejected"].as_u64().unwrap_or(0));
}

/// An RFM table (recency = days since the last purchase, a purchase count, a total spend) opens as
/// one: fewest days → R = 5, most days → R = 1; the spend is the revenue; the models that need
/// purchase histories say why they are not there; its export imports back as an RFM table with the
/// same scores, never as a `lifetimes` summary.
#[test]
fn an_rfm_table_is_read_with_recency_as_days_since() {
    use kezhi_engine::models::fit_report::Finding;
    use kezhi_engine::import::header_mapping::Shape;
    use kezhi_engine::import::typed_rows::SpendMeaning;
    use kezhi_engine::scoring::score;
    let e = &expected()["rfm_table.csv"]["rfm_table"];
    let i = read("rfm_table.csv", &ImportOptions::default()).expect("imports");
    assert_eq!(i.report.shape, Shape::RfmTable);
    assert_eq!(i.report.export.map(|x| x.key()), Some("rfm_table"));
    assert_eq!(i.detected.rfm_spend, Some(SpendMeaning::Total));
    assert!(i.table.rfm_only && i.report.balanced());
    assert_eq!(i.table.customers.len() as u64, e["customers"].as_u64().unwrap_or(0));
    let revenue: f64 = i.table.customers.iter().map(|c| c.revenue).sum();
    assert!((revenue - e["revenue"].as_f64().unwrap_or(0.0)).abs() <= MONEY_CENTS);
    let scored = score(&i.table, &Settings::default());
    let r_of = |id: &str| i.table.customers.iter().position(|c| c.id == id).map(|k| scored.customers[k].r_score);
    assert_eq!(r_of(e["fewest_days"].as_str().unwrap_or("")), Some(5), "the most recent customer");
    assert_eq!(r_of(e["most_days"].as_str().unwrap_or("")), Some(1), "the least recent customer");
    assert!(scored.bg_nbd.is_none() && scored.gamma_gamma.is_none() && scored.customers.iter().all(|c| c.clv.is_none()));
    assert!(scored.report.findings.contains(&Finding::NeedsPurchaseHistories));
    // No first purchase, so no monthly average: the tiers rank total spend, the top tier the top spender.
    let tiers = &scored.frameworks.tiers;
    assert!(tiers.by_total_spend);
    let top = (0..i.table.customers.len()).max_by(|&a, &b| i.table.customers[a].revenue.total_cmp(&i.table.customers[b].revenue)).unwrap_or(0);
    assert_eq!(tiers.tier[top], 5, "the top spender is black gold");
    assert!(!scored.report.findings.iter().any(|f| matches!(f, Finding::NoFiniteLikelihood { .. } | Finding::NoMeanSpend)));
    // Its export reads back as an RFM table with the same R, F and M scores.
    let text = kezhi_engine::views::csv_export::scored_csv(&i.table, &scored, Lang::En, i.report.margin_source.assumed_rate());
    assert!(text.trim_start_matches('\u{feff}').starts_with("customer_id,name,first_purchase,last_purchase,orders,revenue,margin (assumed 30% of revenue),days_since,purchases,total_spend,mean_spend,"), "{}", &text[..200]);
    let back = import(text.as_bytes(), "back.csv", &ImportOptions::default(), &Settings::default(), &mut |_| {}).expect("re-imports");
    assert_eq!(back.report.shape, Shape::RfmTable);
    let again = score(&back.table, &Settings::default());
    let cells = |s: &kezhi_engine::scoring::Scored| s.customers.iter().map(|c| c.rfm_cell.clone()).collect::<Vec<_>>();
    assert_eq!(cells(&again), cells(&scored));
    // Read as a spend per purchase, the revenue is spend × purchases.
    let per = read("rfm_table.csv", &ImportOptions { rfm_spend: Some(SpendMeaning::PerPurchase), ..ImportOptions::default() }).expect("imports");
    let c = &per.table.customers[0];
    assert!((c.revenue - i.table.customers[0].revenue * f64::from(c.occasions)).abs() < 1e-9);
}

/// With a payment time beside the order time and no status column, an order whose payment time is
/// empty was never paid: counted apart, not rejected for its empty date nor dated by its order time.
#[test]
fn an_empty_payment_time_is_an_unpaid_order() {
    let csv = "订单号,会员,下单时间,付款时间,实付金额\nA1,m1,2024-01-02 10:00,2024-01-02 10:05,12.00\nA2,m2,2024-01-03 10:00,,0.00\nA3,m1,2024-02-03 10:00,2024-02-03 10:01,8.00\n";
    let i = import(csv.as_bytes(), "erp.csv", &ImportOptions::default(), &Settings::default(), &mut |_| {}).expect("imports");
    assert!(i.report.balanced());
    assert_eq!((i.report.orders, i.report.orders_not_counted, i.report.rows_rejected, i.report.customers), (2, 1, 0, 1));
    let apart = i.report.statuses.iter().find(|s| !s.counted).expect("set apart");
    assert_eq!(format!("{:?}", apart.class), "Unpaid");
    assert!(i.report.reading_line(Lang::En).contains("1 order not counted (1 unpaid)"), "{}", i.report.reading_line(Lang::En));
}

/// The user's mapping is obeyed: with the order time chosen as the date, the report no longer says
/// the payment time was used, unpaid orders are not looked for by an empty payment time, and the
/// export's own rules (statuses, refunds) still apply.
#[test]
fn a_date_the_user_chooses_replaces_the_payment_time() {
    let opts = ImportOptions { overrides: vec![(Role::Date, "订单创建时间".into())], ..ImportOptions::default() };
    let i = read("taobao_orders.csv", &opts).expect("imports");
    let warnings: Vec<String> = i.report.warnings.iter().map(|w| w.text(Lang::En)).collect();
    assert!(!warnings.iter().any(|w| w.contains("订单付款时间")), "{warnings:?}");
    assert_eq!(i.report.export.map(|e| e.key()), Some("taobao_orders"));
    let e = &expected()["taobao_orders.csv"];
    assert_eq!(i.report.orders, e["purchases"].as_u64().unwrap_or(0), "statuses still decide");
}
