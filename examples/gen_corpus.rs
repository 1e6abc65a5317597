//! Write a corpus of N documents made from the bundled text samples, for scale
//! measurements (`benches/scale.sh`): each is a sample with another
//! department name and year, so that every file's content differs.
//!
//! `cargo run --release --example gen_corpus -- N DIR`

use std::path::PathBuf;

const CITIES: &[&str] = &[
    "广州市",
    "深圳市",
    "珠海市",
    "汕头市",
    "佛山市",
    "韶关市",
    "湛江市",
    "肇庆市",
    "江门市",
    "茂名市",
    "惠州市",
    "梅州市",
    "汕尾市",
    "河源市",
    "阳江市",
    "清远市",
    "东莞市",
    "中山市",
    "潮州市",
    "揭阳市",
];
const ORGANS: &[&str] = &[
    "公安局",
    "教育局",
    "财政局",
    "民政局",
    "司法局",
    "交通运输局",
    "水务局",
    "卫生健康委员会",
    "市场监督管理局",
    "城市管理和综合执法局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "文化广电旅游体育局",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "统计局",
    "医疗保障局",
    "林业局",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let dir = PathBuf::from(args.get(1).map(String::as_str).unwrap_or("corpus"));
    std::fs::create_dir_all(&dir).expect("create the corpus folder");
    // the text samples only: a PDF's bytes are no text to rewrite
    let samples: Vec<(String, Option<String>, Option<u16>)> = budgettui::load::SAMPLES
        .iter()
        .filter(|(name, _)| name.ends_with(".txt"))
        .map(|(name, bytes)| {
            let doc = budgettui::parse::parse_bytes(name, bytes);
            let text = String::from_utf8_lossy(bytes).into_owned();
            (text, doc.department, doc.year)
        })
        .collect();
    let mut total = 0usize;
    for i in 0..n {
        let (text, dept, year) = &samples[i % samples.len()];
        let city = CITIES[(i / samples.len()) % CITIES.len()];
        let organ = ORGANS[(i / samples.len() / CITIES.len()) % ORGANS.len()];
        let unit = i / (samples.len() * CITIES.len() * ORGANS.len());
        let new_dept = format!("{city}{organ}第{}分局", unit + 1);
        let mut out = match dept {
            Some(d) if !d.is_empty() => text.replace(d.as_str(), &new_dept),
            _ => text.clone(),
        };
        if let Some(y) = year {
            let new_year = 2018 + (i % 9) as u16;
            for sep in ["年", " 年"] {
                out = out.replace(&format!("{y}{sep}"), &format!("{new_year}{sep}"));
            }
        }
        let path = dir.join(format!("{i:05}-{city}{organ}.txt"));
        std::fs::write(&path, &out).expect("write a document");
        total += out.len();
    }
    println!("{n} documents, {total} bytes in {}", dir.display());
}
