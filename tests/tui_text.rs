//! Properties of the display-width helpers on arbitrary text (CJK, Latin,
//! punctuation, controls, bidi overrides).

use budgettui::tui::screen_text::{fit, sanitize, truncate, width, wrap};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just('公'),
            Just('安'),
            Just('，'),
            Just('。'),
            Just('（'),
            Just('）'),
            Just('“'),
            Just('a'),
            Just('Z'),
            Just('1'),
            Just(' '),
            Just('\t'),
            Just('\u{202E}'),
            Just('\u{1b}'),
            Just('\u{301}'),
            Just('…'),
            Just('％'),
            any::<char>(),
        ],
        0..60,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn truncate_fits_and_keeps_a_prefix(s in text(), max in 0usize..40) {
        let clean = sanitize(&s).into_owned();
        let t = truncate(&clean, max);
        prop_assert!(width(&t) <= max);
        let kept = t.trim_end_matches('…');
        prop_assert!(clean.starts_with(kept.trim_end()) || clean.starts_with(kept));
    }

    #[test]
    fn fit_is_exact_width(s in text(), w in 0usize..40, right in any::<bool>()) {
        let clean = sanitize(&s).into_owned();
        let f = fit(&clean, w, right);
        prop_assert_eq!(width(&f), w);
    }

    #[test]
    fn wrap_fits_and_loses_nothing_but_spaces(s in text(), max in 2usize..30) {
        let clean = sanitize(&s).into_owned();
        let lines = wrap(&clean, max);
        for l in &lines {
            prop_assert!(width(l) <= max, "{:?}", l);
        }
        // white space at a break (a space, a no-break space) may go
        let joined: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
        let orig: String = clean.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(joined, orig);
    }

    #[test]
    fn sanitize_leaves_no_controls_or_overrides(s in text()) {
        let clean = sanitize(&s);
        let bad = |c: char| {
            c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
        };
        let found = clean.chars().any(bad);
        prop_assert!(!found);
    }
}
