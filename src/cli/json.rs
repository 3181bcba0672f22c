//! The `--json` output: the import report, the fits and the frameworks as JSON values.

use super::*;

/// A framework's class table with each class's recommended treatment (strategies.json) in `lang`.
pub(super) fn with_strategy(framework: &str, rows: &[kezhi::engine::frameworks::class_table::ClassRow], lang: Lang) -> serde_json::Value {
    rows.iter()
        .map(|r| {
            let mut v = json!(r);
            v["strategy"] = json!(kezhi::engine::views::strategy_texts::strategy(framework, &r.key, lang));
            v
        })
        .collect()
}

/// A nine-grid: per cell the class row, its strategy key and text, its profile and its path up.
pub(super) fn grid_json(g: &kezhi::engine::frameworks::nine_grid::Grid, lang: Lang) -> serde_json::Value {
    use kezhi::engine::frameworks::nine_grid;
    g.table
        .iter()
        .enumerate()
        .map(|(c, r)| {
            let strategy = nine_grid::strategy_of(g, c);
            json!({
                "cell": r.key, "customers": r.customers, "customer_share": r.customer_share, "margin": r.margin, "margin_share": r.margin_share,
                "strategy": strategy, "strategy_text": kezhi::engine::views::strategy_texts::strategy("nine_grid", strategy, lang),
                "profile": nine_grid::INDICATORS.iter().zip(&g.profiles[c].means).map(|(k, v)| (k.to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
                "path_up": nine_grid::path_up(g, c),
            })
        })
        .collect()
}

pub(super) fn fit_json(s: &scoring::Scored, i: &Imported, t: &Timing, score_s: f64, lang: Lang) -> serde_json::Value {
    json!({
        "customers": i.table.customers.len(),
        "rows_read": i.report.rows_read,
        "rows_rejected": i.report.rows_rejected,
        "bg_nbd": s.bg_nbd.as_ref().map(|f| json!({
            "r": f.params.r, "alpha": f.params.alpha, "a": f.params.a, "b": f.params.b,
            "log_likelihood": f.log_likelihood, "converged": f.converged, "outcome": f.outcome, "iterations": f.iterations, "method": f.method,
            "standard_errors": f.standard_errors.map(|e| json!({"r": e.r, "alpha": e.alpha, "a": e.a, "b": e.b})),
        })),
        "gamma_gamma": s.gamma_gamma.as_ref().map(|f| json!({
            "p": f.params.p, "q": f.params.q, "gamma": f.params.gamma, "log_likelihood": f.log_likelihood,
            "converged": f.converged, "outcome": f.outcome, "customers": f.customers, "frequency_spend_correlation": f.frequency_spend_correlation,
        })),
        "pareto_nbd": s.pareto_nbd.as_ref().map(|f| json!({
            "r": f.params.r, "alpha": f.params.alpha, "s": f.params.s, "beta": f.params.beta,
            "log_likelihood": f.log_likelihood, "converged": f.converged, "outcome": f.outcome, "iterations": f.iterations, "method": f.method,
            "standard_errors": f.standard_errors.map(|e| json!({"r": e.r, "alpha": e.alpha, "s": e.s, "beta": e.beta})),
        })),
        "verdict": s.report.verdict,
        "report": s.report.lines(lang),
        "findings": s.report.findings,
        "segment_coverage": s.segment_coverage,
        "rfm_weights": s.rfm_weights,
        "ahp": s.ahp,
        "frameworks": {
            "new_customer_matrix": {
                "profit_cut": s.frameworks.new_matrix.profit_cut, "conversion_cut": s.frameworks.new_matrix.conversion_cut,
                "table": with_strategy("new_customer_matrix", &s.frameworks.new_matrix.table, lang),
            },
            "veteran_matrix": s.frameworks.veteran.as_ref().map(|v| json!({
                "growth_measure": v.growth_measure, "spend_growth_fallbacks": v.spend_growth_fallbacks, "loyalty_measure": v.loyalty_measure,
                "table": with_strategy("veteran_matrix", &v.table, lang),
            })),
            "lifecycle": s.frameworks.lifecycle.as_ref().map(|l| json!({
                "lost_rule": l.lost_rule, "table": with_strategy("lifecycle", &l.table, lang),
                "profit_curve": l.profit_curve, "cohorts": l.cohorts, "flow_from": l.flow_from, "flow": l.flow,
            })),
            "clusters": s.frameworks.clusters.as_ref().map(|c| json!({
                "k": c.k, "features": c.features, "silhouette": c.silhouette, "inertia": c.inertia,
                "table": c.table.iter().zip(&c.centroids).map(|(r, centroid)| {
                    let mut v = json!(r);
                    v["centroid"] = json!(centroid);
                    v["description"] = json!(kezhi::engine::frameworks::clustering::describe(centroid, lang));
                    v
                }).collect::<Vec<_>>(),
            })),
            "value_grid": grid_json(&s.frameworks.value_grid, lang),
            "growth_grid": s.frameworks.growth_grid.as_ref().map(|g| grid_json(g, lang)),
            "value_pyramid": { "ranked_by": s.frameworks.pyramid.ranked_by, "table": with_strategy("value_pyramid", &s.frameworks.pyramid.table, lang) },
            "pareto": s.frameworks.pareto,
            "tier_ladder": { "table": with_strategy("tier_ladder", &s.frameworks.tiers.table, lang), "monthly_spend_ranges": s.frameworks.tiers.ranges },
            "gold_meteor_creek_burden": {
                "profit_per_occasion_median": s.frameworks.gmcb.profit_median,
                "repeats_median": s.frameworks.gmcb.repeats_median,
                "table": with_strategy("gold_meteor_creek_burden", &s.frameworks.gmcb.table, lang),
            },
        },
        "checks": s.checks,
        "groups": s.groups,
        "groups_by_segment": s.segments.iter().map(|r| r.key.clone()).chain(std::iter::once("others".to_string())).zip(&s.groups_by_segment)
            .map(|(k, g)| json!({"segment": k, "retention": g.retention, "migration": g.migration})).collect::<Vec<_>>(),
        "priority_top": scoring::priority_list(s, 20).into_iter().map(|k| json!({
            "customer_id": i.table.customers[k].id, "priority": s.customers[k].priority,
            "clv": s.customers[k].clv, "p_alive": s.customers[k].p_alive,
        })).collect::<Vec<_>>(),
        "settings": s.settings,
        "rfm_cut_points": { "r_days": s.rfm.cuts_r, "f": s.rfm.cuts_f, "m": s.rfm.cuts_m },
        "seconds": { "read": t.read, "parse": t.parse, "customer_table": t.build, "score": score_s },
        "parsed_in_halves": t.halves,
    })
}

pub(super) fn report_json(i: &Imported, t: &Timing) -> serde_json::Value {
    let r = &i.report;
    let d = &i.detected;
    json!({
        "file": r.file_name,
        "rows_read": r.rows_read,
        "rows_used": r.rows_used,
        "rows_rejected": r.rows_rejected,
        "rows_in_window": r.rows_in_window,
        "rows_after_analysis_date": r.rows_after_analysis_date,
        "return_rows": r.return_rows,
        "customers": r.customers,
        "customers_without_purchase": r.customers_without_purchase,
        "encoding": d.encoding,
        "delimiter": d.delimiter.map(|x| x.name()),
        "sheet": d.sheet,
        "shape": r.shape.key(),
        "has_header": d.has_header,
        "mapping": d.columns.iter().map(|c| json!({
            "column": c.name,
            "role": c.role.map(|r| r.key()),
            "why": c.reading.as_ref().map(|x| x.why(Lang::En)),
            "confidence": c.reading.as_ref().map(|x| format!("{:?}", x.confidence).to_lowercase()),
        })).collect::<Vec<_>>(),
        "read_as": r.export.map(|e| e.key()),
        "reading": r.reading_line(Lang::En),
        "rows_folded": r.rows_folded,
        "rows_not_counted": r.rows_not_counted,
        "orders": r.orders,
        "orders_not_counted": r.orders_not_counted,
        "orders_rejected": r.orders_rejected,
        "statuses": r.statuses.iter().map(|s| json!({
            "value": s.value, "class": s.class.label(Lang::En), "counted": s.counted, "orders": s.orders, "rows": s.rows
        })).collect::<Vec<_>>(),
        "date_format": d.date_format.map(|f| f.name()),
        "decimal": d.decimal,
        "date_min": r.date_min,
        "date_max": r.date_max,
        "analysis_date": r.analysis_date,
        "time_unit": r.time_unit.name(),
        "warnings": r.warnings.iter().map(|w| w.text(Lang::En)).collect::<Vec<_>>(),
        "rejects": i.rejects.iter().map(|x| json!({
            "line": x.line, "column": x.column, "column_name": x.column_name, "value": x.value, "reason": x.reason.text(Lang::En)
        })).collect::<Vec<_>>(),
        "seconds": { "read": t.read, "parse": t.parse, "customer_table": t.build, "import": t.parse + t.build },
        "parsed_in_halves": t.halves,
    })
}
