//! The text output: the import report and the fit lines as a person reads them.

use super::*;
use super::texts::CliText;
use kezhi::engine::say;
use kezhi::engine::texts::Text;

/// How a fit's search ended, for the fit lines: "converged after 34 iterations", "stopped at a limit
/// of the model after 27 evaluations", …
pub(super) fn ended(outcome: Outcome, iterations: u64, lang: Lang) -> String {
    match outcome {
        Outcome::Converged => say!(CliText::Converged, lang, n = iterations),
        Outcome::Stalled => say!(CliText::NotConverged, lang, n = iterations),
        Outcome::OutOfBudget => say!(CliText::OutOfBudget, lang, n = kezhi::engine::models::fitting::MAX_EVALUATIONS),
        Outcome::RanOff { .. } => say!(CliText::RanOff, lang, n = iterations),
    }
}

/// What `kezhi score` prints without `--json`: the fits, the frameworks' tables, the customers to
/// act on first, and the time it took (on standard error).
pub(super) fn print_fits(s: &scoring::Scored, i: &Imported, score_s: f64, lang: Lang) {
    print_models(s, i, lang);
    print_frameworks(s, lang);
    print_priority(s, i, lang);
    eprintln!("{}", say!(CliText::ScoredIn, lang, seconds = format!("{score_s:.3}")));
}

/// The fits, the holdout, the group models and the report's findings. Parameter lines are symbols,
/// the same in both languages.
fn print_models(s: &scoring::Scored, i: &Imported, lang: Lang) {
    println!("{}", say!(CliText::CustomersRead, lang, customers = i.table.customers.len(), rows = i.report.rows_read, rejected = i.report.rows_rejected));
    let not_fitted = |model: &str| println!("{model:<13}{}", CliText::NotFitted.get(lang));
    match &s.bg_nbd {
        Some(f) => println!(
            "BG/NBD       r {:.4}  alpha {:.4}  a {:.4}  b {:.4}  LL {:.2}  {} ({})",
            f.params.r, f.params.alpha, f.params.a, f.params.b, f.log_likelihood, ended(f.outcome, f.iterations, lang), f.method
        ),
        None => not_fitted("BG/NBD"),
    }
    match &s.pareto_nbd {
        Some(f) => println!(
            "Pareto/NBD   r {:.4}  alpha {:.4}  s {:.4}  beta {:.4}  LL {:.2}  {} ({})",
            f.params.r, f.params.alpha, f.params.s, f.params.beta, f.log_likelihood, ended(f.outcome, f.iterations, lang), f.method
        ),
        None => not_fitted("Pareto/NBD"),
    }
    match &s.gamma_gamma {
        Some(f) => println!(
            "Gamma-Gamma  p {:.4}  q {:.4}  gamma {:.4}  LL {:.2}  {} ({})",
            f.params.p,
            f.params.q,
            f.params.gamma,
            f.log_likelihood,
            ended(f.outcome, f.iterations, lang),
            say!(CliText::RepeatCustomers, lang, n = f.customers)
        ),
        None => not_fitted("Gamma-Gamma"),
    }
    if let Some(h) = s.checks.as_ref().and_then(|c| c.holdout.as_ref()) {
        println!("{}", say!(CliText::HoldoutHeader, lang, date = h.split_date, units = format!("{:.1}", h.holdout_length)));
        for b in &h.bins {
            let label = if b.calibration_repeats == kezhi::engine::models::model_checks::TOP_BIN { format!("{}+", b.calibration_repeats) } else { b.calibration_repeats.to_string() };
            println!("  {label:>3}  {:>7}  {:>8.3}  {:>8.3}", b.customers, b.actual_mean, b.predicted_mean);
        }
    }
    if let Some(r) = &s.groups.retention {
        let (rate, margin, clv) = (format!("{:.3}", r.retention_rate), format!("{:.2}", r.margin_per_active_period), format!("{:.2}", r.clv));
        println!("{}", say!(CliText::RetentionLine, lang, rate = rate, margin = margin, clv = clv));
    }
    if let Some(m) = &s.groups.migration {
        let fmt = |v: &[f64], d: usize| v.iter().map(|x| format!("{x:.d$}")).collect::<Vec<_>>().join(" ");
        println!("{}", say!(CliText::MigrationLine, lang, last = m.lapsed_state, buy = fmt(&m.buy_probability, 3), value = fmt(&m.value, 2)));
    }
    for line in s.report.lines(lang) {
        println!("! {line}");
    }
}

/// Each framework's classes: customers and margin.
fn print_frameworks(s: &scoring::Scored, lang: Lang) {
    if let Some(p) = &s.frameworks.pareto {
        let (top, margin, gini) = (format!("{:.0}", p.top_share * 100.0), format!("{:.1}", p.top_margin_share * 100.0), format!("{:.3}", p.gini));
        println!("{}", say!(CliText::ParetoLine, lang, top = top, margin = margin, gini = gini));
    }
    let pct = |rows: &[kezhi::engine::frameworks::class_table::ClassRow]| {
        rows.iter()
            .map(|r| {
                let (customers, margin) = (format!("{:.0}", r.customer_share * 100.0), format!("{:.0}", r.margin_share * 100.0));
                say!(CliText::ClassShares, lang, key = r.key, n = r.customers, customers = customers, margin = margin)
            })
            .collect::<Vec<_>>()
            .join(Text::ClauseSeparator.get(lang))
    };
    let f = &s.frameworks;
    println!("{}", say!(CliText::PyramidLine, lang, by = f.pyramid.ranked_by, classes = pct(&f.pyramid.table)));
    println!("{}", say!(CliText::TiersLine, lang, classes = pct(&f.tiers.table)));
    println!("{}", say!(CliText::NewMatrixLine, lang, classes = pct(&f.new_matrix.table)));
    if let Some(c) = &f.clusters {
        println!("{}", say!(CliText::ClustersLine, lang, k = c.k, silhouette = format!("{:.3}", c.silhouette)));
        for (r, centroid) in c.table.iter().zip(&c.centroids) {
            let words = kezhi::engine::frameworks::clustering::describe(centroid, lang);
            println!("{}", say!(CliText::ClusterLine, lang, key = r.key, n = r.customers, margin = format!("{:.0}", r.margin_share * 100.0), words = words));
        }
    }
    if let Some(l) = &f.lifecycle {
        println!("{}", say!(CliText::LifecycleLine, lang, rule = l.lost_rule, classes = pct(&l.table)));
    }
    if let Some(v) = &f.veteran {
        println!("{}", say!(CliText::VeteranLine, lang, loyalty = v.loyalty_measure, growth = v.growth_measure, classes = pct(&v.table)));
    }
    println!("{}", say!(CliText::GmcbLine, lang, classes = pct(&f.gmcb.table)));
    let c = &s.segment_coverage;
    if !c.uncovered.is_empty() || !c.overlapping.is_empty() {
        println!("{}", say!(CliText::SegmentCoverage, lang, rules = s.settings.segment_rules.name(), uncovered = c.uncovered.len(), overlapping = c.overlapping.len()));
    }
}

/// The ten customers of highest priority.
fn print_priority(s: &scoring::Scored, i: &Imported, lang: Lang) {
    println!("{}", CliText::PriorityHeader.get(lang));
    for k in scoring::priority_list(s, 10) {
        let c = &s.customers[k];
        println!(
            "{}",
            say!(
                CliText::PriorityLine,
                lang,
                id = format!("{:<12}", i.table.customers[k].id),
                priority = format!("{:.3}", c.priority),
                clv = c.clv.map_or("-".into(), |v| format!("{v:.2}")),
                p_alive = c.p_alive.map_or("-".into(), |v| format!("{v:.3}"))
            )
        );
    }
}

/// The scoring's stages and their milliseconds, in one line.
pub(super) fn stages_line(t: &scoring::StageTimes, lang: Lang) -> String {
    let stages = [
        ("RFM", t.rfm),
        ("BG/NBD", t.bg_nbd),
        ("Pareto/NBD", t.pareto_nbd),
        (CliText::StageModelChecks.get(lang), t.model_checks),
        ("Gamma-Gamma", t.gamma_gamma),
        (CliText::StageGroupModels.get(lang), t.group_models),
        (CliText::StageCustomers.get(lang), t.customers),
        (CliText::StageFrameworks.get(lang), t.frameworks),
    ];
    let parts: Vec<String> = stages.iter().map(|(name, ms)| format!("{name} {ms:.1}")).collect();
    say!(CliText::StagesLine, lang, stages = parts.join(" · "))
}

pub(super) fn print_report(i: &Imported, lang: Lang, t: &Timing) {
    let r = &i.report;
    let d = &i.detected;
    let l = |text: CliText| text.get(lang);
    println!("{} {}", l(CliText::File), r.file_name);
    if let Some(s) = &d.sheet {
        println!("{} {s}", l(CliText::Sheet));
    }
    if let Some(e) = &d.encoding {
        println!("{} {e}   {} {}", l(CliText::Encoding), l(CliText::Delimiter), d.delimiter.map_or("-", |x| x.name()));
    }
    println!("{}", r.reading_line(lang));
    println!("{} {}   {} {}", l(CliText::Shape), r.shape.label(lang), l(CliText::DateFormat), d.date_format.map_or("-", |f| f.name()));
    for c in d.columns.iter().filter(|c| c.role.is_some()) {
        let why = c.reading.as_ref().map(|x| format!("   ({})", x.why(lang))).unwrap_or_default();
        println!("  {:<24} → {}{why}", c.name, c.role.map_or(l(CliText::NotUsed), |x| x.label(lang)));
    }
    let unused = d.columns.iter().filter(|c| c.role.is_none()).count();
    if unused > 0 {
        println!("  {} {unused}", l(CliText::ColumnsNotUsed));
    }
    println!(
        "{}",
        say!(CliText::RowsAccount, lang, read = r.rows_read, used = r.rows_used, folded = r.rows_folded, not_counted = r.rows_not_counted, rejected = r.rows_rejected)
    );
    if !r.statuses.is_empty() {
        println!("{}", l(CliText::StatusesHeader));
        for s in &r.statuses {
            let counted = if s.counted { l(CliText::Counted) } else { l(CliText::NotCounted) };
            println!("  {:<28} {:>7} {}  {:<12} ({})", s.value, s.orders, l(CliText::Orders), counted, s.class.label(lang));
        }
    }
    if r.rows_after_analysis_date > 0 {
        println!("{} {}", l(CliText::RowsAfterAnalysisDate), r.rows_after_analysis_date);
    }
    println!("{} {}", l(CliText::Customers), r.customers);
    if let (Some(a), Some(b)) = (r.date_min, r.date_max) {
        println!("{} {a} – {b}   {} {}", l(CliText::Dates), l(CliText::AnalysisDate), r.analysis_date.map(|d| d.to_string()).unwrap_or_default());
    }
    for w in &r.warnings {
        println!("! {}", w.text(lang));
    }
    for (reason, n) in &kezhi::engine::table::import_report::rejects_by_reason(&i.rejects, lang) {
        println!("  {n:>8}  {reason}");
    }
    for x in i.rejects.iter().take(20) {
        println!("{}", say!(CliText::RejectLine, lang, line = x.line, column = x.column, name = x.column_name, value = format!("{:?}", x.value), reason = x.reason.text(lang)));
    }
    if i.rejects.len() > 20 {
        println!("{}", say!(CliText::MoreRejects, lang, n = i.rejects.len() - 20));
    }
    let mb = t.bytes as f64 / 1e6;
    let (read, parse, speed, build) = (format!("{:.3}", t.read), format!("{:.3}", t.parse), format!("{:.0}", mb / t.parse.max(1e-9)), format!("{:.3}", t.build));
    eprintln!("{}", say!(CliText::ReadTimes, lang, read = read, parse = parse, speed = speed, build = build));
}
