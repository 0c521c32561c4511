//! Workspace integration tests through the `brief` facade: the three libraries together on the
//! project's own sample texts.

use brief::classify::{Classifier, HybridModel, PredictOptions};
use brief::summarize::{keywords, Budget, Summarizer, Summary};
use brief::tokenize::{analyze, decode, Analyzer};

const SAMPLES: &[(&str, &str)] = &[
    (
        "shaanxi",
        include_str!("../data/samples/shaanxi-sci-tech-conference.txt"),
    ),
    (
        "hubei",
        include_str!("../data/samples/hubei-lab-reform-meeting.txt"),
    ),
    (
        "oecd",
        include_str!("../data/samples/oecd-style-policy-brief.md"),
    ),
];

#[test]
fn every_sample_summarizes_without_boilerplate() {
    for (name, text) in SAMPLES {
        let doc = analyze(text);
        let s = Summarizer::builder()
            .budget(Budget::Sentences(3))
            .build()
            .unwrap();
        let sum = s.summarize(&doc).unwrap();
        assert_eq!(sum.sentences.len(), 3, "{name}");
        for x in &sum.sentences {
            let kind = doc.sentences()[x.index].kind;
            assert!(kind.is_body(), "{name}: {kind:?} {}", x.text);
            assert_eq!(&text[x.start..x.end], x.text);
        }
        // The summary is a stable serde type.
        let json = serde_json::to_string(&sum).unwrap();
        let back: Summary = serde_json::from_str(&json).unwrap();
        assert_eq!(back, sum);
    }
}

#[test]
fn samples_land_on_their_themes() {
    let model = HybridModel::builtin();
    let expect = [
        ("shaanxi", "talent"),
        ("hubei", "digital"),
        ("oecd", "key_core_tech"),
    ];
    for ((name, text), (_, theme)) in SAMPLES.iter().zip(expect) {
        let doc = Analyzer::new().split_semicolons(true).analyze(text);
        let sentences = model.classify_sentences(&doc, PredictOptions::default());
        let agg = brief::classify::aggregate(model.taxonomy(), &doc, &sentences, 0.0);
        assert!(
            agg.shares[theme] > 0.0,
            "{name}: {theme} in {:?}",
            agg.shares
        );
    }
}

#[test]
fn theme_preference_changes_the_summary() {
    let text = SAMPLES[0].1;
    let doc = analyze(text);
    let model = HybridModel::builtin();
    let k = model.taxonomy().require("international").unwrap();
    let prefer: Vec<f64> = (0..doc.sentences().len())
        .map(|i| model.sentence_scores(&doc, i)[k])
        .collect();
    let s = Summarizer::builder()
        .budget(Budget::Sentences(1))
        .build()
        .unwrap();
    let sum = s.summarize_with(&doc, Some((2.0, &prefer))).unwrap();
    assert!(
        sum.sentences[0].text.contains("Belt and Road"),
        "{}",
        sum.sentences[0].text
    );
}

#[test]
fn bytes_to_keywords() {
    let bytes = SAMPLES[1].1.replace('\n', "\r\n").into_bytes();
    let text = decode(&bytes, Default::default()).unwrap();
    assert_eq!(text, SAMPLES[1].1);
    let kw = keywords(
        &analyze(&text),
        5,
        Some(&brief::summarize::Background::builtin()),
    );
    assert_eq!(kw.len(), 5);
    assert!(kw.iter().any(|k| k.text.contains("laborator")), "{kw:?}");
}

#[test]
fn chinese_keywords_are_terms_not_meeting_words() {
    // jieba segments (the facade's default `zh` feature); the meeting words and verbs of
    // urging never open, close or make a keyword.
    let doc = analyze(
        "会议要求加快推进京津冀协同创新。会议强调推进京津冀协同创新。\
         会上部署京津冀协同创新重点任务。",
    );
    let texts: Vec<String> = keywords(&doc, 5, None)
        .into_iter()
        .map(|k| k.text)
        .collect();
    assert!(texts.iter().any(|t| t.contains("京津冀")), "{texts:?}");
    let framing = ["会议", "会上", "推进", "加快", "要求", "强调", "部署"];
    assert!(
        texts
            .iter()
            .all(|t| !framing.iter().any(|f| t.starts_with(f) || t.ends_with(f))),
        "{texts:?}"
    );
    let sample = analyze(include_str!(
        "../data/samples/zhejiang-keji-gongzuo-huiyi.txt"
    ));
    let kw = keywords(&sample, 8, None);
    assert_eq!(kw.len(), 8);
    assert!(kw.iter().all(|k| k.text.chars().count() >= 2), "{kw:?}");
    assert!(kw.iter().any(|k| k.text.contains("实验室")), "{kw:?}");
}

#[test]
fn chinese_keywords_are_not_units_single_characters_generic_words_or_pinyin() {
    // With jieba: `2万家` is `2` + `万家` and `29条措施` is `29` + `条` + `措施`.
    let doc = analyze(
        "全省高新技术企业由900家增至2万家，全省出台29条措施。\
         全省高新技术企业增至2万家，29条措施落地。\
         人民网(wǎng)报道，新材料产业创新发展，新材料产业加快发展。\
         新材料产业是重点，科技创新是关键，科技创新不断深化。",
    );
    let texts: Vec<String> = keywords(&doc, 8, None)
        .into_iter()
        .map(|k| k.text)
        .collect();
    assert_eq!(texts[0], "新材料产业", "{texts:?}");
    assert!(texts.iter().any(|t| t == "高新技术企业"), "{texts:?}");
    for bad in ["万家", "条措施", "条", "新", "wǎng", "发展", "科技", "创新"] {
        assert!(!texts.iter().any(|t| t == bad), "{bad} in {texts:?}");
    }
}

#[test]
fn a_long_chinese_sentence_is_not_a_run_on() {
    // One sentence of about 200 characters, its clauses chained with `，` as Chinese news
    // does; in English words it would be a run-on, in Chinese it is a sentence to choose.
    let long = "会议指出，过去一年全省科技工作取得新进展，研发经费投入强度稳步提高，\
        高新技术企业数量增长百分之二十，技术合同成交额再创新高，重点实验室体系加快重组，\
        科技特派员服务覆盖所有县区，揭榜挂帅项目带动企业投入超过三十亿元，\
        创新平台建设和人才引进取得明显成效，新型研发机构和孵化载体数量持续增加，\
        国际科技合作交流不断深化，科技金融服务体系逐步完善，全社会创新氛围日益浓厚，\
        为经济社会高质量发展提供了有力支撑。";
    let text = format!("全省科技工作会议召开。{long}会议部署了今年的重点任务。");
    let doc = analyze(&text);
    assert_eq!(doc.sentences().len(), 3, "{:?}", doc.sentences());
    assert!(doc.sentences()[1].word_count() > 64);
    let summary = Summarizer::default().summarize(&doc).unwrap();
    assert!(
        summary.sentences.iter().any(|s| s.index == 1),
        "{:?}",
        summary.sentences
    );
}

/// A digest's documents split into parts (as machines of a cluster would digest an archive's
/// shares), merged in order, give the report of one digest over every document; a part that
/// does not fit (other settings, damaged) is an error.
#[test]
fn digest_parts_merge_into_the_digest_of_all() {
    use brief::digest::{Digest, DocInput};
    let mut docs: Vec<DocInput> = SAMPLES
        .iter()
        .map(|(name, text)| DocInput::new(*name, *text))
        .collect();
    docs.push(DocInput::new(
        "zhejiang",
        include_str!("../data/samples/zhejiang-keji-gongzuo-huiyi.txt"),
    ));
    // The same texts again under other ids: repeated sentences compete for the same quotes.
    for (name, text) in SAMPLES {
        docs.push(DocInput::new(format!("{name}-repost"), *text));
    }
    let built = || Digest::builder().sentences_per_theme(2).build().unwrap();
    let mut one = built();
    for d in &docs {
        one.add(d.clone()).unwrap();
    }
    let mut merged = built();
    for share in docs.chunks(3) {
        let mut part = built();
        for d in share {
            part.add(d.clone()).unwrap();
        }
        merged.merge_part(&part.to_part()).unwrap();
    }
    let (one, merged) = (one.finish(), merged.finish());
    assert_eq!(merged.overview.documents, docs.len());
    assert!(merged.themes.iter().any(|t| t.quotes.len() == 2));
    assert_eq!(merged, one);

    let mut part = built();
    part.add(docs[0].clone()).unwrap();
    let good = part.to_part();
    let mut d = Digest::builder().build().unwrap();
    let err = d.merge_part(&good).unwrap_err().to_string();
    assert!(err.contains("2 sentences per theme"), "{err}");
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value = serde_json::from_str(&good).unwrap();
        f(&mut v);
        v.to_string()
    };
    // The first candidate sentence of the part's first theme.
    fn first(v: &mut serde_json::Value) -> &mut serde_json::Value {
        let t = v["candidates"]
            .as_object()
            .unwrap()
            .keys()
            .next()
            .unwrap()
            .clone();
        &mut v["candidates"][&t][0]
    }
    for damaged in [
        edit(&|v| v["version"] = 9.into()),
        edit(&|v| v["themes"][0] = "astrology".into()),
        edit(&|v| v["seq"] = 0.into()),
        edit(&|v| first(v)["score"] = 7.into()),
        edit(&|v| first(v)["source"]["start"] = 1_000_000.into()),
        edit(&|v| first(v)["source"]["date"] = "2024-1".into()),
        edit(&|v| v["documents"][0]["date"] = "20é4-01-01".into()),
        edit(&|v| v["candidates"]["astrology"] = serde_json::json!([])),
        edit(&|v| v["extra"] = 1.into()),
        // Cut at a character boundary near the middle.
        good[..(0..=good.len() / 2)
            .rev()
            .find(|&i| good.is_char_boundary(i))
            .unwrap_or(0)]
            .to_owned(),
        format!("{good} trailing"),
        "[]".to_owned(),
    ] {
        let mut d = built();
        assert!(d.merge_part(&damaged).is_err(), "{damaged:.80}");
        assert!(d.is_empty());
    }
}
