//! Integration tests for `attache-clean`.

/// Bag-of-words F1, as `tools/extraction-eval.py` scores a body against its gold.
mod score {
    use regex::Regex;
    use std::collections::HashMap;
    use unicode_normalization::UnicodeNormalization;

    /// Bag-of-words tokens as `tools/extraction-eval.py` makes them: NFC, case-folded runs of
    /// word characters. (The pages have no CJK, which that script would split by character.)
    fn tokens(text: &str) -> HashMap<String, usize> {
        let word = Regex::new(r"\w+").unwrap();
        let folded: String = text.nfc().flat_map(char::to_lowercase).collect();
        let mut bag = HashMap::new();
        for m in word.find_iter(&folded) {
            *bag.entry(m.as_str().to_owned()).or_insert(0) += 1;
        }
        bag
    }

    pub(crate) fn f1(predicted: &str, gold: &str) -> f64 {
        let (p, g) = (tokens(predicted), tokens(gold));
        let n_pred: usize = p.values().sum();
        let n_gold: usize = g.values().sum();
        let tp: usize = p.iter().map(|(k, c)| (*c).min(g.get(k).copied().unwrap_or(0))).sum();
        if tp == 0 {
            return 0.0;
        }
        let (precision, recall) = (tp as f64 / n_pred as f64, tp as f64 / n_gold as f64);
        2.0 * precision * recall / (precision + recall)
    }
}

/// The five seed pages in `../shared/seeds` (beside the workspace), scored against the
/// hand-judged bodies in `../shared/seeds-gold`.
mod seeds {
    use crate::score::f1;
    use attache_clean::{CleanConfig, Cleaner};
    use attache_model::{Article, DocId, Format, Meta, RawDoc};
    use regex::Regex;
    use std::collections::HashMap;
    use std::path::{Path, PathBuf};
    use unicode_normalization::UnicodeNormalization;

    /// `shared/` beside the workspace root, or `None` (a failure under CI) when it is missing.
    fn shared_dir() -> Option<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
        if dir.join("seeds").is_dir() && dir.join("seeds-gold").is_dir() {
            return Some(dir);
        }
        assert!(
            std::env::var_os("CI").is_none(),
            "{}: seeds or seeds-gold missing (they must be present under CI)",
            dir.display()
        );
        eprintln!("skipping: {} has no seeds", dir.display());
        None
    }

    fn clean_seeds(shared: &Path, cleaner: &Cleaner) -> Vec<Article> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(shared.join("seeds"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        assert_eq!(paths.len(), 5, "five seed files");
        paths
            .iter()
            .map(|path| {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let doc = RawDoc {
                    id: DocId(name),
                    origin: path.display().to_string(),
                    format: Format::Text,
                    body: std::fs::read_to_string(path).unwrap(),
                    meta: Meta::default(),
                };
                cleaner.clean(&doc).unwrap()
            })
            .collect()
    }

    #[test]
    fn bodies_match_the_gold() {
        let Some(shared) = shared_dir() else { return };
        let articles = clean_seeds(&shared, &CleanConfig::default().build().unwrap());
        let mut scores = Vec::new();
        for article in &articles {
            let gold = std::fs::read_to_string(shared.join("seeds-gold/body").join(&article.id.0))
                .unwrap();
            let score = f1(&article.text, &gold);
            eprintln!("{}: F1 {score:.4}", article.id);
            assert!(score >= 0.95, "{}: F1 {score:.4}\n{}", article.id, article.text);
            assert!(
                !article.text.contains("\n\n\n"),
                "{}: paragraphs are one blank line apart",
                article.id
            );
            assert_eq!(article.text, article.text.nfc().collect::<String>(), "{}: NFC", article.id);
            scores.push(score);
        }
        let mean = scores.iter().sum::<f64>() / scores.len() as f64;
        eprintln!("mean F1 {mean:.4}");
        assert!(mean >= 0.97, "mean F1 {mean:.4}");
    }

    #[test]
    fn titles_and_datelines_match_the_gold() {
        let Some(shared) = shared_dir() else { return };
        let gold: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(shared.join("seeds-gold/events.json")).unwrap(),
        )
        .unwrap();
        let documents = &gold["documents"];
        let articles = clean_seeds(&shared, &CleanConfig::default().build().unwrap());
        let number = Regex::new(r"\d+").unwrap();
        for article in &articles {
            let want = &documents[article.id.0.as_str()];
            assert!(want.is_object(), "{}: not in the gold documents", article.id);
            assert_eq!(article.title.as_deref(), want["title"].as_str(), "{}: title", article.id);
            assert_eq!(
                article.published, None,
                "{}: published comes only from metadata",
                article.id
            );
            // The gold gives the date the dateline states; the dateline line must state it.
            match (want["published"].as_str(), article.dateline.as_deref()) {
                (None, None) => {}
                (Some(date), Some(line)) => {
                    let numbers: Vec<u32> =
                        number.find_iter(line).map(|m| m.as_str().parse().unwrap()).collect();
                    for part in date.split('-') {
                        let part: u32 = part.parse().unwrap();
                        assert!(
                            numbers.contains(&part),
                            "{}: dateline {line:?} lacks {date}",
                            article.id
                        );
                    }
                    assert!(
                        article.text.contains(line),
                        "{}: the dateline stays in the text",
                        article.id
                    );
                }
                (want, got) => panic!("{}: dateline {got:?}, gold date {want:?}", article.id),
            }
            if let Some(title) = &article.title {
                assert!(
                    article.text.starts_with(title.as_str()),
                    "{}: the headline opens the text",
                    article.id
                );
            }
        }
        let by_id: HashMap<&str, &Article> =
            articles.iter().map(|a| (a.id.0.as_str(), a)).collect();
        let source = |id: &str| by_id[id].source.as_deref();
        assert_eq!(source("001_660d5ccee3f9ddf8.txt"), Some("VOVWORLD"));
        assert_eq!(source("002_0b637f8d3be3c9a2.txt"), Some("VAN"));
        assert_eq!(
            by_id["003_96039dc029409cfc.txt"].url.as_deref(),
            Some(
                "https://tuoitre.vn/tong-bi-thu-to-lam-hoi-dam-hep-voi-tong-thong-nga-putin-20250510175614884.htm"
            )
        );
    }
}

/// The project's own plain-text example pages (`examples/*.txt`): site banners, menus, tag
/// lines and page clocks above the headline, credits and footers below the article. Scored
/// against `testdata/examples-gold`.
mod examples {
    use crate::score::f1;
    use attache_clean::CleanConfig;
    use attache_model::{Article, DocId, Format, Meta, RawDoc};
    use std::path::{Path, PathBuf};

    fn clean_examples() -> Vec<Article> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let cleaner = CleanConfig::default().build().unwrap();
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("examples"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        assert!(paths.len() >= 10, "the plain-text examples");
        paths
            .iter()
            .map(|path| {
                let doc = RawDoc {
                    id: DocId(path.file_name().unwrap().to_string_lossy().into_owned()),
                    origin: path.display().to_string(),
                    format: Format::Text,
                    body: std::fs::read_to_string(path).unwrap(),
                    meta: Meta::default(),
                };
                cleaner.clean(&doc).unwrap()
            })
            .collect()
    }

    #[test]
    fn bodies_titles_and_datelines_match_the_gold() {
        let gold_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/examples-gold");
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(gold_dir.join("events.json")).unwrap())
                .unwrap();
        let mut scores = Vec::new();
        for article in clean_examples() {
            let id = article.id.0.as_str();
            let body = std::fs::read_to_string(gold_dir.join("body").join(id)).unwrap();
            let score = f1(&article.text, &body);
            eprintln!("{id}: F1 {score:.4}");
            assert!(score >= 0.95, "{id}: F1 {score:.4}\n{}", article.text);
            scores.push(score);
            let want = &gold["documents"][id];
            assert_eq!(article.title.as_deref(), want["title"].as_str(), "{id}: title");
            // The dateline line, where the page has one, states the gold date; the page clock
            // above the headline is not it. ("WASHINGTON, May 16 (…) -" in a lead is no line.)
            if let Some(line) = &article.dateline {
                let date: jiff::civil::Date = want["published"].as_str().unwrap().parse().unwrap();
                let year = date.year().to_string();
                let day = date.day().to_string();
                assert!(line.contains(&year) && line.contains(&day), "{id}: dateline {line:?}");
            } else {
                assert!(
                    id.starts_with("en-biden-trip-cut") || id.starts_with("en-xi-hanoi"),
                    "{id}: no dateline"
                );
            }
        }
        let mean = scores.iter().sum::<f64>() / scores.len() as f64;
        eprintln!("mean F1 {mean:.4}");
        assert!(mean >= 0.97, "mean F1 {mean:.4}");
    }
}

/// HTML pages end to end.
mod html {
    use attache_clean::CleanConfig;
    use attache_model::{DocId, Format, Meta, RawDoc};

    #[test]
    fn vietnamese_page_with_related_block() {
        let html = r#"<html><head><meta charset="utf-8"><title>Chủ tịch nước Tô Lâm hội đàm với Tổng thống Nga</title>
<meta name="description" content="Chiều 20/6, Chủ tịch nước Tô Lâm hội đàm với Tổng thống Putin.">
</head><body><header><a href="/">Trang chủ</a><a href="/the-gioi">Thế giới</a></header>
<div class="article"><h1>Chủ tịch nước Tô Lâm hội đàm với Tổng thống Nga</h1>
<p>Chiều 20/6, tại Phủ Chủ tịch, Chủ tịch nước Tô Lâm đã hội đàm với Tổng thống Liên bang Nga Vladimir Putin, người đang có chuyến thăm cấp nhà nước tới Việt Nam.</p>
<p>Hai nhà lãnh đạo nhất trí tăng cường hợp tác trong các lĩnh vực kinh tế, thương mại, năng lượng, giáo dục và khoa học công nghệ.</p>
<p>Chủ tịch nước Tô Lâm và Tổng thống Putin tại lễ đón - ảnh 1</p>
<p>Tổng thống Putin cảm ơn sự đón tiếp trọng thị và mời Chủ tịch nước Tô Lâm sớm thăm Nga.</p>
<p>Nguồn: https://example.vn/to-lam-putin.htm</p>
<h3>Tin liên quan</h3><ul><li>Putin đến Hà Nội</li><li>Lễ đón chính thức</li></ul>
</div><footer>© Báo Example</footer></body></html>"#;
        let doc = RawDoc {
            id: DocId("vi.html".into()),
            origin: "vi.html".into(),
            format: Format::Html,
            body: html.into(),
            meta: Meta::default(),
        };
        let article = CleanConfig::default().build().unwrap().clean(&doc).unwrap();
        assert_eq!(
            article.title.as_deref(),
            Some("Chủ tịch nước Tô Lâm hội đàm với Tổng thống Nga")
        );
        assert!(
            article.text.contains("mời Chủ tịch nước Tô Lâm sớm thăm Nga."),
            "{}",
            article.text
        );
        for gone in ["ảnh 1", "Putin đến Hà Nội", "Trang chủ", "Nguồn"] {
            assert!(!article.text.contains(gone), "{gone:?} left in:\n{}", article.text);
        }
        assert_eq!(article.text.split("\n\n").count(), 4, "{}", article.text);
        assert_eq!(article.url.as_deref(), Some("https://example.vn/to-lam-putin.htm"));
    }
}
