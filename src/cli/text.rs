//! The text output: the import report and the fit lines as a person reads them.

use super::*;

/// How a fit's search ended, for the fit lines: "converged after 34 iterations", "stopped at a limit
/// of the model after 27 evaluations", …
pub(super) fn ended(outcome: Outcome, iterations: u64) -> String {
    match outcome {
        Outcome::Converged => format!("converged after {iterations} iterations"),
        Outcome::Stalled => format!("NOT converged after {iterations} iterations"),
        Outcome::OutOfBudget => format!("NOT converged: stopped at its budget of {} evaluations", kezhi::engine::models::fitting::MAX_EVALUATIONS),
        Outcome::RanOff { .. } => format!("stopped at a limit of the model after {iterations} evaluations"),
    }
}

/// What `kezhi score` prints without `--json`: the fits, the frameworks' tables, the customers to
/// act on first, and the time it took (on standard error).
pub(super) fn print_fits(s: &scoring::Scored, i: &Imported, score_s: f64, lang: Lang) {
    print_models(s, i, lang);
    print_frameworks(s, lang);
    print_priority(s, i);
    eprintln!("scored in {score_s:.3} s");
}

/// The fits, the holdout, the group models and the report's findings.
fn print_models(s: &scoring::Scored, i: &Imported, lang: Lang) {
    println!("{} customers ({} rows read, {} rejected)", i.table.customers.len(), i.report.rows_read, i.report.rows_rejected);
    match &s.bg_nbd {
        Some(f) => println!(
            "BG/NBD       r {:.4}  alpha {:.4}  a {:.4}  b {:.4}  LL {:.2}  {} ({})",
            f.params.r, f.params.alpha, f.params.a, f.params.b, f.log_likelihood, ended(f.outcome, f.iterations), f.method
        ),
        None => println!("BG/NBD       not fitted"),
    }
    match &s.pareto_nbd {
        Some(f) => println!(
            "Pareto/NBD   r {:.4}  alpha {:.4}  s {:.4}  beta {:.4}  LL {:.2}  {} ({})",
            f.params.r, f.params.alpha, f.params.s, f.params.beta, f.log_likelihood, ended(f.outcome, f.iterations), f.method
        ),
        None => println!("Pareto/NBD   not fitted"),
    }
    match &s.gamma_gamma {
        Some(f) => println!(
            "Gamma-Gamma  p {:.4}  q {:.4}  gamma {:.4}  LL {:.2}  {} ({} repeat customers)",
            f.params.p, f.params.q, f.params.gamma, f.log_likelihood, ended(f.outcome, f.iterations), f.customers
        ),
        None => println!("Gamma-Gamma  not fitted"),
    }
    if let Some(h) = s.checks.as_ref().and_then(|c| c.holdout.as_ref()) {
        println!("Holdout from {} ({:.1} units): by calibration repeats, customers, actual mean, predicted mean", h.split_date, h.holdout_length);
        for b in &h.bins {
            let label = if b.calibration_repeats == kezhi::engine::models::model_checks::TOP_BIN { format!("{}+", b.calibration_repeats) } else { b.calibration_repeats.to_string() };
            println!("  {label:>3}  {:>7}  {:>8.3}  {:>8.3}", b.customers, b.actual_mean, b.predicted_mean);
        }
    }
    if let Some(r) = &s.groups.retention {
        println!("Retention model  retention {:.3} per period, margin {:.2} per active period, CLV {:.2}", r.retention_rate, r.margin_per_active_period, r.clv);
    }
    if let Some(m) = &s.groups.migration {
        let fmt = |v: &[f64], d: usize| v.iter().map(|x| format!("{x:.d$}")).collect::<Vec<_>>().join(" ");
        println!("Migration model  P(buy) by recency state 0..{}: {}  value: {}", m.lapsed_state, fmt(&m.buy_probability, 3), fmt(&m.value, 2));
    }
    for line in s.report.lines(lang) {
        println!("! {line}");
    }
}

/// Each framework's classes: customers and margin.
fn print_frameworks(s: &scoring::Scored, lang: Lang) {
    if let Some(p) = &s.frameworks.pareto {
        println!("Pareto: the top {:.0}% of customers deliver {:.1}% of the margin; Gini {:.3}", p.top_share * 100.0, p.top_margin_share * 100.0, p.gini);
    }
    let pct = |rows: &[kezhi::engine::frameworks::class_table::ClassRow]| {
        rows.iter().map(|r| format!("{} {} ({:.0}% of customers, {:.0}% of margin)", r.key, r.customers, r.customer_share * 100.0, r.margin_share * 100.0)).collect::<Vec<_>>().join("; ")
    };
    println!("Value pyramid by {}: {}", s.frameworks.pyramid.ranked_by, pct(&s.frameworks.pyramid.table));
    println!("Tiers: {}", pct(&s.frameworks.tiers.table));
    println!("New-customer matrix: {}", pct(&s.frameworks.new_matrix.table));
    if let Some(c) = &s.frameworks.clusters {
        println!("Clusters (k = {}, silhouette {:.3}):", c.k, c.silhouette);
        for (r, centroid) in c.table.iter().zip(&c.centroids) {
            println!("  {} {} customers ({:.0}% of margin): {}", r.key, r.customers, r.margin_share * 100.0, kezhi::engine::frameworks::clustering::describe(centroid, lang == Lang::Zh));
        }
    }
    if let Some(l) = &s.frameworks.lifecycle {
        println!("Lifecycle (lost by {}): {}", l.lost_rule, pct(&l.table));
    }
    if let Some(v) = &s.frameworks.veteran {
        println!("Veteran matrix (loyalty {}, growth {}): {}", v.loyalty_measure, v.growth_measure, pct(&v.table));
    }
    println!("Gold/meteor/creek/burden: {}", pct(&s.frameworks.gmcb.table));
    let c = &s.segment_coverage;
    if !c.uncovered.is_empty() || !c.overlapping.is_empty() {
        println!(
            "Segments ({}): {} of 125 R-F-M score combinations match no rule (\"Others\"), {} match more than one (the first wins)",
            s.settings.segment_rules.name(),
            c.uncovered.len(),
            c.overlapping.len()
        );
    }
}

/// The ten customers of highest priority.
fn print_priority(s: &scoring::Scored, i: &Imported) {
    println!("Valuable and slipping (top 10): value percentile × (1 − P(alive))");
    for k in scoring::priority_list(s, 10) {
        let c = &s.customers[k];
        println!(
            "  {:<12} priority {:.3}  CLV {}  P(alive) {}",
            i.table.customers[k].id,
            c.priority,
            c.clv.map_or("-".into(), |v| format!("{v:.2}")),
            c.p_alive.map_or("-".into(), |v| format!("{v:.3}"))
        );
    }
}


/// The scoring's stages and their milliseconds, in one line.
pub(super) fn stages_line(t: &scoring::StageTimes) -> String {
    let stages = [
        ("RFM", t.rfm),
        ("BG/NBD", t.bg_nbd),
        ("Pareto/NBD", t.pareto_nbd),
        ("model checks", t.model_checks),
        ("Gamma-Gamma", t.gamma_gamma),
        ("group models", t.group_models),
        ("customers", t.customers),
        ("frameworks", t.frameworks),
    ];
    let parts: Vec<String> = stages.iter().map(|(name, ms)| format!("{name} {ms:.1}")).collect();
    format!("stages (ms): {}", parts.join(" · "))
}

pub(super) fn print_report(i: &Imported, lang: Lang, t: &Timing) {
    let r = &i.report;
    let d = &i.detected;
    let l = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    println!("{} {}", l("File:", "文件："), r.file_name);
    if let Some(s) = &d.sheet {
        println!("{} {s}", l("Sheet:", "工作表："));
    }
    if let Some(e) = &d.encoding {
        println!("{} {e}   {} {}", l("Encoding:", "编码："), l("delimiter:", "分隔符："), d.delimiter.map_or("-", |x| x.name()));
    }
    println!("{}", r.reading_line(lang));
    println!("{} {}   {} {}", l("Shape:", "类型："), r.shape.label(lang), l("date format:", "日期格式："), d.date_format.map_or("-", |f| f.name()));
    for c in d.columns.iter().filter(|c| c.role.is_some()) {
        let why = c.reading.as_ref().map(|x| format!("   ({})", x.why(lang))).unwrap_or_default();
        println!("  {:<24} → {}{why}", c.name, c.role.map_or(l("(not used)", "（未使用）"), |x| x.label(lang)));
    }
    let unused = d.columns.iter().filter(|c| c.role.is_none()).count();
    if unused > 0 {
        println!("  {} {unused}", l("columns not used:", "未使用的列："));
    }
    println!(
        "{} {} = {} {} + {} {} + {} {} + {} {}",
        l("Rows read", "读取行数"),
        r.rows_read,
        r.rows_used,
        l("used", "使用"),
        r.rows_folded,
        l("folded into their orders", "并入订单"),
        r.rows_not_counted,
        l("not counted", "不计为购买"),
        r.rows_rejected,
        l("rejected", "拒绝")
    );
    if !r.statuses.is_empty() {
        println!("{}", l("Order statuses (--count-status / --skip-status VALUE to change):", "订单状态（用 --count-status / --skip-status 状态值 更改）："));
        for s in &r.statuses {
            let counted = if s.counted { l("counted", "计入") } else { l("not counted", "不计入") };
            println!("  {:<28} {:>7} {}  {:<12} ({})", s.value, s.orders, l("orders", "单"), counted, s.class.label(lang));
        }
    }
    if r.rows_after_analysis_date > 0 {
        println!("{} {}", l("Rows after the analysis date (holdout):", "分析日之后的行（验证期）："), r.rows_after_analysis_date);
    }
    println!("{} {}", l("Customers:", "客户数："), r.customers);
    if let (Some(a), Some(b)) = (r.date_min, r.date_max) {
        println!("{} {a} – {b}   {} {}", l("Dates:", "日期范围："), l("analysis date:", "分析日："), r.analysis_date.map(|d| d.to_string()).unwrap_or_default());
    }
    for w in &r.warnings {
        println!("! {}", w.text(lang));
    }
    for (reason, n) in &r.rejects_by_reason {
        println!("  {n:>8}  {reason}");
    }
    for x in i.rejects.iter().take(20) {
        println!("  {} {}, {} {} ({}): {:?} — {}", l("line", "行"), x.line, l("column", "列"), x.column, x.column_name, x.value, x.reason.text(lang));
    }
    if i.rejects.len() > 20 {
        println!("  … {} {}", i.rejects.len() - 20, l("more rejected rows (use --json for all)", "行被拒绝（用 --json 查看全部）"));
    }
    let mb = t.bytes as f64 / 1e6;
    eprintln!(
        "read {:.3} s, parse {:.3} s ({:.0} MB/s), customer table {:.3} s",
        t.read,
        t.parse,
        mb / t.parse.max(1e-9),
        t.build
    );
}
