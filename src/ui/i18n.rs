//! Every string the page shows, in English and Chinese. One table; `tr` looks a key up.

use crate::engine::lang::Lang;


/// (key, English, Chinese)
const STRINGS: &[(&str, &str, &str)] = &[
    ("app.tagline", "Customer value, computed in your browser", "客户价值分析，全部在浏览器中完成"),
    ("app.switch_lang", "中文", "English"),
    ("privacy.line", "Your file never leaves this page: nothing is uploaded, everything is computed here.", "您的文件不会离开本页面：不上传任何数据，所有计算都在本机完成。"),
    ("landing.drop", "Drop a customer file here", "将客户数据文件拖到这里"),
    ("landing.formats", "CSV, TSV or Excel (XLSX); English or Chinese headers; UTF-8 or GBK. A transaction log (customer, date, amount) or a per-customer summary.", "支持 CSV、TSV 或 Excel（XLSX）；中文或英文表头；UTF-8 或 GBK 编码。交易明细（客户、日期、金额）或客户汇总均可。"),
    ("landing.pick", "Choose a file…", "选择文件…"),
    ("landing.demo", "Load demo data", "加载演示数据"),
    ("landing.sample", "Download a sample file", "下载示例文件"),
    ("landing.another", "Load another file", "加载其他文件"),
    ("busy.reading", "Reading the file", "正在读取文件"),
    ("busy.parsing", "Parsing rows", "正在解析数据行"),
    ("busy.building", "Building the customer table", "正在生成客户表"),
    ("busy.starting", "Starting", "正在启动"),
    ("busy.rows", "rows", "行"),
    ("tab.import", "Import", "导入"),
    ("tab.overview", "Overview", "概览"),
    ("tab.portfolio", "Portfolio", "客户资产"),
    ("tab.clv", "CLV", "客户终身价值"),
    ("tab.lifecycle", "Lifecycle", "生命周期"),
    ("life.title", "Customer lifecycle", "客户生命周期"),
    ("life.lost_by_model", "Lost: P(alive) below 0.1 under BG/NBD. A customer with one purchase has P(alive) 1 in that model, so one-time buyers stay in introduction however long ago they bought.", "流失：BG/NBD 模型中存活概率低于 0.1。该模型对只购买过一次的客户给出存活概率 1，因此一次性购买的客户无论多久以前购买都归入导入期。"),
    ("life.lost_by_recency", "Lost (no model fitted): more than 3 times the customer's usual gap and over 180 days since the last purchase.", "流失（未拟合模型）：距末次购买超过该客户通常间隔的 3 倍且超过 180 天。"),
    ("life.curve", "Lifecycle profit curve: mean margin per active customer by month since the first purchase", "生命周期利润曲线：按首购后月数的活跃客户人均毛利"),
    ("life.mean_margin", "Mean margin per active customer", "活跃客户人均毛利"),
    ("life.cohorts", "Cohort retention: share of each month's new customers buying again k months later", "同期群留存：各月新客在 k 个月后仍购买的比例"),
    ("life.flow", "Stage flow: stage then (rows) → stage now (columns)", "阶段迁移：此前阶段（行）→ 当前阶段（列）"),
    ("life.flow_from", "Stages then at", "此前阶段的时点："),
    ("life.not_yet", "Not yet a customer", "尚未成为客户"),
    ("life.no_dates", "A customer summary has no purchase dates: the lifecycle needs a transaction file.", "客户汇总文件没有购买日期：生命周期分析需要交易明细。"),
    ("clv.title", "Customer lifetime value: the model and its checks", "客户终身价值：模型与检验"),
    ("clv.actual", "Actual", "实际"),
    ("clv.model", "BG/NBD", "BG/NBD 模型"),
    ("clv.customers", "Customers", "客户数"),
    ("clv.mean_purchases", "Mean repeat purchases in the holdout", "留出期人均复购次数"),
    ("clv.repeat_purchases", "Cumulative repeat purchases", "累计复购次数"),
    ("clv.histogram", "Customers by number of repeat purchases: actual and expected", "按复购次数的客户分布：实际与模型"),
    ("clv.holdout", "Holdout: mean repeat purchases by calibration-period repeats, actual and predicted", "留出期检验：按校准期复购次数分组的人均复购，实际与预测"),
    ("clv.tracking", "Cumulative repeat purchases over time: actual and expected", "累计复购次数随时间变化：实际与模型"),
    ("clv.p_alive", "Probability a customer is still active", "客户仍然活跃的概率"),
    ("clv.p_alive_axes", "Rows: repeat purchases; columns: time of the last purchase since the first, in the time unit; for customers first seen", "行：复购次数；列：末次购买距首次购买的时间（时间单位）；客户观察期"),
    ("overview.all_settings", "All settings", "全部设置"),
    ("portfolio.title", "Customer portfolio", "客户资产组合"),
    ("portfolio.count_pyramid", "Customer pyramid: share of customers per level (bar: customers from the top down)", "客户数量金字塔：各层客户占比（条宽为自顶层累计客户）"),
    ("portfolio.profit_pyramid", "Profit pyramid, inverted: share of historical margin per level", "客户利润倒金字塔：各层历史毛利占比"),
    ("portfolio.new", "New customers: potential profitability × conversion probability", "新客户：潜在盈利性 × 转化率"),
    ("portfolio.new_axes", "Customers with one purchase so far; high and low at the medians.", "仅一次购买的客户；高低以中位数划分。"),
    ("portfolio.gmcb", "Gold, meteor, creek and burden customers", "黄金、流星、小溪与负担客户"),
    ("portfolio.veteran", "Veteran customers: asset quality × share-of-wallet growth", "老客户：资产质量 × 个客份额增长率"),
    ("portfolio.tiers", "Tier ladder by average monthly spend", "按月均消费划分的客户等级"),
    ("crash.title", "The analysis stopped unexpectedly", "分析意外中止"),
    ("crash.hint", "The page is still usable: try again, or load another file.", "页面仍可使用：请重试或加载其他文件。"),
    ("crash.gave_up", "the analysis engine could not be started; reload the page.", "分析引擎无法启动，请刷新页面。"),
    ("error.title", "This file could not be imported", "无法导入该文件"),
    ("map.title", "What Kezhi understood", "识别结果"),
    ("map.file", "File", "文件"),
    ("map.encoding", "Encoding", "编码"),
    ("map.delimiter", "Delimiter", "分隔符"),
    ("map.sheet", "Sheet", "工作表"),
    ("map.header", "First row is a header", "首行为表头"),
    ("map.shape", "Input shape", "数据类型"),
    ("map.date_format", "Date format", "日期格式"),
    ("map.decimal", "Decimal separator", "小数点"),
    ("map.analysis_date", "Analysis date", "分析日"),
    ("map.analysis_date_hint", "empty = last date in the data", "留空 = 数据中的最后日期"),
    ("map.unit", "Time unit", "时间单位"),
    ("map.margin", "Margin rate (no cost column)", "毛利率（无成本列时）"),
    ("map.apply", "Apply and re-import", "应用并重新导入"),
    ("map.preview", "First rows as parsed, with the role of each column", "解析后的前几行，以及每列的含义"),
    ("map.line", "Line", "行号"),
    ("map.not_used", "(not used)", "（不使用）"),
    ("map.choose", "choose…", "请选择…"),
    ("map.detected", "detected", "自动识别"),
    ("shape.transactions", "Transaction log", "交易明细"),
    ("shape.summary", "Customer summary", "客户汇总"),
    ("unit.day", "day", "天"),
    ("unit.week", "week", "周"),
    ("unit.month", "month", "月"),
    ("decimal.point", "point 1,234.5", "小数点 1,234.5"),
    ("decimal.comma", "comma 1.234,5", "小数逗号 1.234,5"),
    ("delim.comma", "comma ,", "逗号 ,"),
    ("delim.semicolon", "semicolon ;", "分号 ;"),
    ("delim.tab", "tab", "制表符"),
    ("delim.pipe", "pipe |", "竖线 |"),
    ("delim.spaces", "spaces", "空格"),
    ("report.title", "Import report", "导入报告"),
    ("report.read", "Rows read", "读取行数"),
    ("report.used", "Used", "已使用"),
    ("report.rejected", "Rejected", "已拒绝"),
    ("report.after", "After the analysis date (holdout)", "分析日之后（验证期）"),
    ("report.customers", "Customers", "客户数"),
    ("report.identity", "rows read = used + rejected", "读取行数 = 使用 + 拒绝"),
    ("report.rejects", "Rejected rows", "被拒绝的行"),
    ("report.no_rejects", "No row was rejected.", "没有被拒绝的行。"),
    ("report.download", "Download rejected rows (CSV)", "下载被拒绝的行（CSV）"),
    ("report.shown_of", "shown of", "行已显示，共"),
    ("report.column", "Column", "列"),
    ("report.value", "Value", "原始值"),
    ("report.reason", "Reason", "原因"),
    ("overview.title", "Overview", "概览"),
    ("fit.title", "Customer lifetime value: model fit", "客户终身价值：模型拟合"),
    ("fit.working", "Fitting BG/NBD, Pareto/NBD and Gamma-Gamma…", "正在拟合 BG/NBD、Pareto/NBD 与 Gamma-Gamma 模型…"),
    ("fit.not_fitted", "not fitted", "未拟合"),
    ("fit.clv_total", "CLV over the horizon", "预测期 CLV"),
    ("fit.clv_mean", "mean", "人均"),
    ("overview.customers", "Customers", "客户数"),
    ("overview.transactions", "Transactions", "交易笔数"),
    ("overview.revenue", "Revenue", "收入"),
    ("overview.margin", "Margin", "毛利"),
    ("overview.repeat", "Repeat customers", "复购客户占比"),
    ("overview.range", "Date range", "日期范围"),
    ("overview.monthly", "Revenue by month, and active customers", "月度收入与活跃客户数"),
    ("overview.revenue_axis", "Revenue", "收入"),
    ("overview.active_axis", "Active customers", "活跃客户"),
    ("overview.summary_note", "A customer summary has no dates: the monthly chart needs a transaction log.", "客户汇总文件不含日期：月度图表需要交易明细。"),
    ("overview.covers", "Covers", "覆盖"),
    ("overview.customers_word", "customers", "位客户"),
    ("overview.settings", "Settings", "设置"),
    ("tab.settings", "Settings", "设置"),
    ("settings.title", "Settings", "设置"),
    ("settings.intro", "Every setting of the analysis, grouped. Changes apply when you press Apply; the worker re-scores in the background.", "分析的全部设置（分组显示）。点击“应用”后生效，后台将重新计算。"),
    ("settings.apply", "Apply and recalculate", "应用并重新计算"),
    ("settings.reset", "Reset to defaults", "恢复默认值"),
    ("settings.export", "Export settings (JSON)", "导出设置（JSON）"),
    ("settings.import", "Import settings (JSON)…", "导入设置（JSON）…"),
    ("settings.remember", "Remember my settings in this browser", "在本浏览器中记住我的设置"),
    ("settings.applied", "Applied: recalculating in the background.", "已应用：正在后台重新计算。"),
    ("settings.imported", "loaded; press Apply to use these settings.", "已载入；点击“应用”以使用这些设置。"),
    ("settings.not_settings", "is not a Kezhi settings file", "不是客值设置文件"),
    ("settings.ahp", "AHP weights for R, F and M", "R、F、M 的 AHP 权重"),
    ("settings.ahp_note", "How much more important is the first than the second? 1 = equal, 3 = moderately, 5 = strongly, 7 = very strongly, 9 = extremely; fractions for the reverse. A consistency ratio below 0.10 is acceptable.", "前者相对后者的重要程度：1 = 同等重要，3 = 稍重要，5 = 明显重要，7 = 强烈重要，9 = 极端重要；反之取倒数。一致性比率低于 0.10 可接受。"),
    ("settings.ahp_use", "Use these weights", "使用这些权重"),
    ("settings.ahp_clear", "Back to equal weights", "恢复等权重"),
    ("chart.canvas", "Chart (the numbers are in the tables and exports)", "图表（数值见表格与导出文件）"),
    ("clv.historical", "historical (margin to date)", "历史价值（已实现毛利）"),
    ("clv.future", "future (CLV over the horizon)", "未来价值（预测期 CLV）"),
    ("clv.potential", "potential", "潜在价值"),
    ("clv.clv_histogram", "Customers by CLV (last bar: above the 99th percentile)", "按 CLV 的客户分布（最后一栏：高于第 99 百分位）"),
    ("clv.by_segment", "Value per segment: historical, future and potential", "各分群价值：历史、未来与潜在"),
    ("clv.compare", "BG/NBD and Pareto/NBD on the same customers", "BG/NBD 与 Pareto/NBD 对比（同一批客户）"),
    ("clv.ll", "Log-likelihood (higher fits better; same parameter count)", "对数似然（越高拟合越好；参数个数相同）"),
    ("clv.mean_p_alive", "Mean P(alive)", "平均存活概率"),
    ("clv.expected_horizon", "Expected repeat purchases over the horizon", "预测期预期复购次数"),
    ("clv.correlation", "Correlation of the two models' expected purchases per customer:", "两模型逐客户预期购买次数的相关系数："),
    ("life.group_models", "Retention and migration models (periods of the group-model setting)", "留存与迁移模型（周期见分组模型设置）"),
    ("life.periods_since", "Periods since the last purchase", "距末次购买的周期数"),
    ("life.customers_now", "Customers now", "当前客户数"),
    ("life.buy_probability", "Chance of buying next period", "下期购买概率"),
    ("life.state_value", "Expected discounted margin", "预期折现毛利"),
    ("tab.report", "Report", "报告"),
    ("report.title_print", "Kezhi customer-value report", "客值客户价值分析报告"),
    ("report.data", "Data", "数据"),
    ("report.hint", "Every view below, one per printed page. Use the browser's Print (Save as PDF).", "以下为全部视图，每个视图打印为一页。请使用浏览器的打印功能（另存为 PDF）。"),
    ("tab.rfm", "RFM", "RFM 分析"),
    ("tab.customers", "Customers", "客户列表"),
    ("app.print", "Print report", "打印报告"),
    ("customers.title", "Customers", "客户列表"),
    ("customers.search", "Search customer id or name", "搜索客户编号或姓名"),
    ("customers.export", "Export list (CSV)", "导出列表（CSV）"),
    ("customers.in_list", "Customers in the list:", "列表中的客户："),
    ("rfm.title", "RFM: recency, frequency, monetary", "RFM 分析：最近购买、购买频次、消费金额"),
    ("rfm.mean_m", "mean M", "平均 M"),
    ("rfm.heatmap", "R × F: mean M per cell (colour) and customers (count); click a cell for its customers", "R × F：各格平均 M（颜色）与客户数；点击单元格查看客户"),
    ("rfm.heat_note", "R 5 = most recent, F 5 = most frequent. Darker = higher mean spend.", "R 5 = 最近购买，F 5 = 购买最频繁。颜色越深平均消费越高。"),
    ("rfm.segments", "Segments: share of customers and of revenue", "客户分群：客户占比与收入占比"),
    ("rfm.customers_share", "customers", "客户"),
    ("rfm.revenue_share", "revenue", "收入"),
    ("rfm.treemap", "Segments by revenue (area = share of revenue)", "各分群收入（面积 = 收入占比）"),
    ("rfm.value_classes", "The 8 value classes (R, F, M high or low against the mean)", "八类客户价值（R、F、M 相对均值高或低）"),
    ("rfm.class", "Class", "类别"),
    ("rfm.of_customers", "of customers", "客户占比"),
    ("rfm.of_margin", "of margin", "毛利占比"),
    ("rfm.treatment", "Treatment", "策略"),
    ("rfm.cuts", "Score cut points (lowest–highest value in each score)", "评分分界点（每个分值的最低–最高值）"),
    ("rfm.coverage_ok", "Every one of the 125 (R, F, M) combinations has exactly one segment.", "125 种 (R, F, M) 组合均恰好属于一个分群。"),
    ("rfm.uncovered", "combinations no rule covers (their customers go to Others)", "种组合未被任何规则覆盖（归入“其他”）"),
    ("rfm.overlapping", "combinations two rules cover (the first wins)", "种组合被两条规则覆盖（以第一条为准）"),
    ("rfm.rules", "Segment rules", "分群规则"),
    ("rfm.preset", "Rule set", "规则集"),
    ("rfm.rules_note", "Rules are checked in order on the 5-bin scores; the first match wins. Edit a range and apply to re-score in the background.", "规则按顺序作用于五分制得分，以第一条匹配为准。修改范围后点击应用，将在后台重新计算。"),
    ("rfm.segment", "Segment", "分群"),
    ("rfm.apply_rules", "Apply these rules", "应用这些规则"),
    ("overview.clv_mean", "Mean CLV", "平均 CLV"),
    ("overview.at_risk", "Valuable and slipping", "高价值且在流失"),
    ("overview.show_customers", "Show them", "查看客户"),
    ("overview.pareto", "Pareto curve: customers ranked by margin against their share of the margin", "帕累托曲线：按毛利排序的客户与其累计毛利占比"),
    ("overview.share_customers", "share of customers", "客户占比"),
    ("portfolio.value_grid", "Value nine-grid: total margin × margin efficiency", "价值九宫格：总毛利 × 毛利效率"),
    ("portfolio.growth_grid", "Growth nine-grid: spend growth × frequency growth", "成长九宫格：消费增长 × 频次增长"),
    ("portfolio.clusters", "Clusters (k-means on R, F, M and CLV)", "聚类（基于 R、F、M 与 CLV 的 k-means）"),
    ("portfolio.centroid", "What they look like", "客群特征"),
];

/// The text of `key` in `lang`; the key itself if it is missing (visible, never a panic).
pub fn tr(lang: Lang, key: &'static str) -> &'static str {
    STRINGS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, zh)| lang.pick(*en, *zh))
        .unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the views look up is in the table (a missing key would show as itself), and no key
    /// is listed twice. The views are wasm-only, so their source is scanned for `tr("…")`.
    #[test]
    fn every_key_the_views_use_has_both_languages() {
        let mut seen = std::collections::HashSet::new();
        for (k, en, zh) in STRINGS {
            assert!(seen.insert(*k), "{k} twice");
            assert!(!en.is_empty() && !zh.is_empty(), "{k}");
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui");
        let mut missing = Vec::new();
        for entry in std::fs::read_dir(dir).expect("src/ui") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for needle in ["tr(\"", "key=\""] {
                for part in text.split(needle).skip(1) {
                    let key = part.split('"').next().unwrap_or_default();
                    if key.contains('.') && !seen.contains(key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "untranslated keys: {missing:?}");
    }
}
