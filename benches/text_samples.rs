//! The five bundled text samples, compiled into the benchmarks that read them.

/// Each sample's name and bytes.
pub const SAMPLES: &[(&str, &[u8])] = &[
    (
        "qinhuangdao-kaifaqu-2020-budget",
        include_bytes!("../samples/qinhuangdao-kaifaqu-2020-budget.txt"),
    ),
    (
        "qinhuangdao-kaifaqu-2024-budget",
        include_bytes!("../samples/qinhuangdao-kaifaqu-2024-budget.txt"),
    ),
    (
        "shenzhen-luohu-2020-budget",
        include_bytes!("../samples/shenzhen-luohu-2020-budget.txt"),
    ),
    (
        "shenzhen-zhian-2023-budget",
        include_bytes!("../samples/shenzhen-zhian-2023-budget.txt"),
    ),
    (
        "tangshan-gaoxin-2022-performance",
        include_bytes!("../samples/tangshan-gaoxin-2022-performance.txt"),
    ),
];
