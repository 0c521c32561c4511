//! Development helper: builds the background table from the STIP corpus, or evaluates scorer
//! configurations on the BBC dev corpus. `cargo run --release -p brief-summarize --example tune -- ...`
use brief_summarize::*;
use std::sync::Arc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args[0].as_str() {
        "background" => {
            let text = std::fs::read_to_string(&args[1]).unwrap();
            let docs: Vec<_> = text
                .lines()
                .map(|l| {
                    let v: serde_json::Value = serde_json::from_str(l).unwrap();
                    brief_tokenize::analyze(v["text"].as_str().unwrap())
                })
                .collect();
            let bg = Background::from_documents(docs.iter(), 2, "EC-OECD STIP Compass (2021)");
            std::fs::write(&args[2], bg.to_json() + "\n").unwrap();
            eprintln!("{} stems over {} docs", bg.len(), bg.docs());
        }
        "eval" => {
            let text = std::fs::read_to_string(&args[1]).unwrap();
            let mut docs = read_corpus(&text, &CorpusFields::default()).unwrap();
            if let Some(n) = args.get(3) {
                docs.truncate(n.parse().unwrap());
            }
            let configs: Vec<(String, AnyScorer)> = args[2]
                .split(',')
                .map(|spec| {
                    if spec.ends_with(".json") {
                        let s: AnyScorer =
                            serde_json::from_str(&std::fs::read_to_string(spec).unwrap()).unwrap();
                        (spec.to_string(), s)
                    } else {
                        (spec.to_string(), AnyScorer::by_name(spec).unwrap())
                    }
                })
                .collect();
            for len in [EvalLength::Reference, EvalLength::Fixed(3)] {
                let t = std::time::Instant::now();
                let rows = evaluate(&docs, &configs, len).unwrap();
                for r in rows {
                    println!(
                        "{:?} {:40} R1 {:.2} R2 {:.2} RL {:.2} RLsum {:.2}",
                        len,
                        r.scorer,
                        100.0 * r.rouge.rouge1.f1,
                        100.0 * r.rouge.rouge2.f1,
                        100.0 * r.rouge.rouge_l.f1,
                        100.0 * r.rouge.rouge_lsum.f1
                    );
                }
                eprintln!("{:?}", t.elapsed());
            }
            let _ = Arc::new(0);
        }
        "segcheck" => {
            let text = std::fs::read_to_string(&args[1]).unwrap();
            let docs = read_corpus(&text, &CorpusFields::default()).unwrap();
            let (mut total, mut hit) = (0, 0);
            let mut shown = 0;
            for d in &docs {
                let doc = brief_tokenize::analyze(&d.text);
                let sents: std::collections::HashSet<&str> = (0..doc.sentences().len())
                    .map(|i| doc.sentence_text(i))
                    .collect();
                for r in &d.reference {
                    total += 1;
                    if sents.contains(r.as_str()) {
                        hit += 1;
                    } else if shown < 25 {
                        shown += 1;
                        let near: Vec<&str> = sents
                            .iter()
                            .filter(|s| s.contains(r.as_str()) || r.contains(*s))
                            .copied()
                            .collect();
                        println!("REF {r:?}\n  OURS {near:?}");
                    }
                }
            }
            println!("{hit}/{total}");
        }
        "summ" => {
            let text = std::fs::read_to_string(&args[1]).unwrap();
            let doc = brief_tokenize::analyze(&text);
            for name in args[2].split(',') {
                let s = Summarizer::builder()
                    .scorer(AnyScorer::by_name(name).unwrap())
                    .budget(Budget::Sentences(3))
                    .build()
                    .unwrap();
                println!("== {name}");
                for x in s.summarize(&doc).unwrap().sentences {
                    println!("[{}] {:.3} {}", x.index, x.score, x.text);
                }
            }
            for k in keywords(&doc, 10, Some(&Background::builtin())) {
                println!("{:?}", k);
            }
        }
        _ => panic!("unknown"),
    }
}
