//! Development helper: 5-fold CV on a labelled JSONL with a TrainConfig given as JSON.
//! `cargo run --release -p brief-classify --example cv -- TRAIN.jsonl '{"epochs": 10}' [train OUT]`
use brief_classify::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args[0] == "sentences" {
        let text = std::fs::read_to_string(&args[1]).unwrap();
        let doc = brief_tokenize::Analyzer::new()
            .split_semicolons(std::env::var("SEMI").is_ok())
            .analyze(&text);
        let m = HybridModel::builtin().unwrap();
        for s in m.classify_sentences(&doc, Default::default()) {
            let mut sc: Vec<(&String, &f64)> = s.scores.iter().collect();
            sc.sort_by(|a, b| b.1.total_cmp(a.1));
            println!(
                "[{}] {:?} top {:?} | {}",
                s.index,
                s.labels,
                &sc[..2],
                &s.text[..s.text.len().min(90)]
            );
        }
        return;
    }
    let text = std::fs::read_to_string(&args[0]).unwrap();
    let cfg: TrainConfig =
        serde_json::from_str(args.get(1).map(String::as_str).unwrap_or("{}")).unwrap();
    let tax = Taxonomy::builtin();
    let recs = read_records(&text, &tax, "text", "labels").unwrap();
    if args.get(2).map(String::as_str) == Some("export") {
        let docs: Vec<_> = recs
            .iter()
            .map(|r| brief_tokenize::analyze(&r.text))
            .collect();
        let f = Featurizer::fit(&docs, cfg.min_df, cfg.bigrams, cfg.lead_weight);
        let mut out = String::new();
        for (d, r) in docs.iter().zip(&recs) {
            let labels: Vec<String> = r
                .labels
                .iter()
                .map(|l| tax.index_of(l).unwrap().to_string())
                .collect();
            out.push_str(&labels.join(","));
            for (j, v) in f.transform(d, 0..d.sentences().len()) {
                out.push_str(&format!(" {}:{}", j + 1, v));
            }
            out.push('\n');
        }
        std::fs::write(&args[3], out).unwrap();
        return;
    }
    if args.get(2).map(String::as_str) == Some("train") {
        let t = std::time::Instant::now();
        let m = train(&recs, tax.clone(), &cfg).unwrap();
        eprintln!("train {:?}", t.elapsed());
        let info = ModelInfo {
            source: "EC-OECD STIP Compass (2021)".into(),
            trained_docs: recs.len(),
        };
        std::fs::write(&args[3], m.to_json(&info, &cfg) + "\n").unwrap();
        return;
    }
    let t = std::time::Instant::now();
    for (k, m) in cross_validate(&recs, tax, &cfg, 5).unwrap() {
        println!(
            "{:8} micro {:.4} macro {:.4} p@1 {:.4} subset {:.4} microP {:.4} microR {:.4}",
            k.as_str(),
            m.micro_f1,
            m.macro_f1,
            m.precision_at_1,
            m.subset_accuracy,
            m.micro_precision,
            m.micro_recall
        );
        if k == ModelKind::Hybrid {
            for t in &m.per_theme {
                println!(
                    "   {:24} P {:.3} R {:.3} F {:.3} n {}",
                    t.theme, t.precision, t.recall, t.f1, t.support
                );
            }
        }
    }
    eprintln!("cv {:?}", t.elapsed());
}
