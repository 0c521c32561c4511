fn main() {
    let mut text = String::new();
    for l in std::fs::read_to_string("/work/shared/data/bbc-summary/dev.jsonl")
        .unwrap()
        .lines()
        .take(500)
    {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        text.push_str(v["article"].as_str().unwrap());
        text.push_str("\n\n");
    }
    let text = &text[..text.len().min(1_000_000)];
    let a = brief_tokenize::Analyzer::new();
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let d = a.analyze(text);
        let e = t.elapsed();
        println!(
            "{} bytes {} sents {} toks {:?} {:.1} MB/s",
            text.len(),
            d.sentences().len(),
            d.tokens().len(),
            e,
            text.len() as f64 / e.as_secs_f64() / 1e6
        );
    }
    let t = std::time::Instant::now();
    let mut n = 0;
    for p in text.split("\n") {
        n += sentencex::get_sentence_boundaries("en", p).len();
    }
    println!("sentencex per line: {n} {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let mut out = Vec::new();
    use brief_tokenize::WordTokenizer;
    brief_tokenize::NativeTokenizer.tokenize(text, 0, &mut out);
    println!("native tok: {} {:?}", out.len(), t.elapsed());
    if std::env::var("NOHF").is_ok() {
        return;
    }
    let a =
        brief_tokenize::Analyzer::new().with_tokenizer(brief_tokenize::HfWordTokenizer::default());
    let t = std::time::Instant::now();
    let d = a.analyze(text);
    let e = t.elapsed();
    println!(
        "hf: {} toks {:?} {:.1} MB/s",
        d.tokens().len(),
        e,
        text.len() as f64 / e.as_secs_f64() / 1e6
    );
}
#[allow(dead_code)]
fn x() {}
