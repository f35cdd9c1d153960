//! Deciding each cut of a wrapped line from the pieces themselves.
//!
//! A piece was cut at some width between the document's limit and two columns less, then lost
//! its trailing blanks. So at each cut the blanks to put back are `w - length` for a width `w` in
//! that window, and the readings are few. What the whole document says about them is surveyed
//! here: its limit, the width its agent usually cut at, and the tokens it prints whole away from
//! any cut (its vocabulary).
//!
//! * A document cut at one habitual width (nearly every piece cut inside a token is that wide,
//!   the fixture's agent) needs no more: a piece short of the habit lost what it is short, one at
//!   it was cut inside a token (unless its halves are words the document prints apart and never
//!   joined, where a blank was trimmed).
//! * Otherwise (widths drift piece by piece) every cut is read by the columns of the lines
//!   around it, all lines together ([`crate::columns`]); the vocabulary weighs in where a token
//!   may have been cut in two.

use foldhash::{HashMap, HashMapExt};

use crate::ascii::trim_start;
use crate::context::{in_line, Blank, Context};
use crate::tokens::{
    closes_its_bracket, count_narrow_gaps, dash_before_figure, facing, fields_at, fields_at_cut,
    figure_cut, figures_one_apart, key, spaced_operator, starts_a_figure, two_figures,
    whole_figure, word_before_aside,
};
use crate::trade::{apart_by_usage, joined_by_a_short_word, trade_word};
use crate::unwrap::{Piece, DRIFT, MAX_WRAP_WIDTH};

/// How dominant the usual width must be for a document to count as cut at one width.
const CONSISTENT_SHARE: f64 = 0.95;

/// How many cuts of tokens printed whole elsewhere it takes to judge the habit by them alone.
const MIN_CERTAIN_HABIT: u32 = 6;

/// How many pieces cut inside a token, all at one width, show a habit. Two suffice: a document
/// cut at drifting widths shows hundreds of such cuts, never all at one width, while a short
/// one cut at one width may show only two (reading it as drifting pads its trimmed pieces by
/// the columns of text that has none).
const MIN_UNANIMOUS: u32 = 2;

/// How many lines on a row looks for another row of its table cut at another width.
const ROW_REACH: usize = 8;

/// The fields a row's first piece prints, at the least, to be compared with another's.
const MIN_ROW_FIELDS: usize = 3;

/// How many pieces cut inside a token it takes to tell a habit from chance.
const MIN_HABIT: u32 = 6;

/// What the whole document says about its cuts.
pub(crate) struct Survey<'a> {
    pub(crate) limit: usize,
    /// The most common width of a first piece and of a continuation piece cut inside a token.
    usual: [Option<usize>; 2],
    /// Whether nearly every piece cut inside a token was cut at the usual width: then that
    /// width decides every uncertain cut too.
    consistent: bool,
    /// Fields printed whole, away from any cut.
    words: HashMap<&'a str, u32>,
    /// The same, as words ([`key`]: `Administrator:` is the word `administrator`); surveyed
    /// only for a document cut at drifting widths.
    keys: HashMap<String, u32>,
    /// Two fields printed side by side in a piece, and the blanks between them; surveyed only
    /// for a document cut at drifting widths.
    pairs: HashMap<(&'a str, &'a str), Vec<usize>>,
    /// The same by their facing edges ([`facing`]: `Adjustable Group;` is the pair
    /// `Adjustable Group` of a heading): what a cut between two fields falls between is the
    /// edges they turn to each other, whatever marks their other edges carry.
    facing_pairs: HashMap<(&'a str, &'a str), Vec<usize>>,
    /// After a field ending in a mark (`,`, `:`, `)`), how often the document prints one blank
    /// and how often several; surveyed only for a document cut at drifting widths.
    after_mark: HashMap<char, (u32, u32)>,
    /// How often the document prints a mark right before a letter or digit, and how often
    /// one blank apart (`(555)0` never, `(555) 0`); surveyed only for a document cut at
    /// drifting widths.
    before_word: HashMap<char, (u32, u32)>,
    /// The words the document prints, lower-cased (`Including` is the word `including`);
    /// surveyed only for a document cut at drifting widths.
    folded: HashMap<String, u32>,
    /// How often the document prints a word one blank before a figure (`March 25,`);
    /// surveyed only for a document cut at drifting widths.
    word_before_figure: u32,
    /// How often a piece prints two fields one blank apart and two blanks apart. A cut
    /// between two non-blanks was read as a trimmed blank only because documents print such
    /// gaps (`number of`); one that never does (every field several blanks from the next)
    /// had a token cut in two there.
    narrow_gaps: [u32; 2],
    /// How often a piece prints two whole figures one blank apart (away from any cut). A
    /// table parts its columns by two blanks or more; a document that never prints two
    /// figures closer did not where a cut fell between two.
    figures_one_apart: u32,
    /// The document's text and how it prints kinds of character side by side ([`Context`]);
    /// surveyed only for a document cut at drifting widths.
    context: Option<Context>,
}

impl<'a> Survey<'a> {
    pub fn new(groups: &[(usize, Vec<Piece<'a>>)], limit: usize) -> Survey<'a> {
        let mut survey = Survey {
            limit,
            usual: [None, None],
            consistent: false,
            words: HashMap::new(),
            keys: HashMap::new(),
            pairs: HashMap::new(),
            facing_pairs: HashMap::new(),
            after_mark: HashMap::new(),
            before_word: HashMap::new(),
            folded: HashMap::new(),
            word_before_figure: 0,
            narrow_gaps: [0, 0],
            figures_one_apart: 0,
            context: None,
        };
        let mut widths: [HashMap<usize, u32>; 2] = [HashMap::new(), HashMap::new()];
        for (_, pieces) in groups {
            for (k, piece) in pieces.iter().enumerate() {
                let content = piece.content.trim_end();
                // Fields away from any cut: a piece's last field may be half of one, and so
                // may a continuation's first.
                let cut_after =
                    k + 1 < pieces.len() && content.ends_with(|c: char| !c.is_whitespace());
                let cut_before =
                    piece.continuation && content.starts_with(|c: char| !c.is_whitespace());
                count_narrow_gaps(content, &mut survey.narrow_gaps);
                survey.figures_one_apart += figures_one_apart(content, cut_before, cut_after);
                let count = content.split_whitespace().count();
                for (i, token) in content.split_whitespace().enumerate() {
                    if (cut_before && i == 0) || (cut_after && i + 1 == count) {
                        continue;
                    }
                    *survey.words.entry(token).or_default() += 1;
                }
            }
        }
        // The widths pieces were cut at inside a token (not those the vocabulary shows fell
        // on a trimmed blank: `Account` + `Report`); apart, those whose whole the document
        // prints elsewhere (`Prin` + `cipal`): cut inside a token beyond doubt.
        let mut certain: [HashMap<usize, u32>; 2] = [HashMap::new(), HashMap::new()];
        for (_, pieces) in groups {
            for (piece, next) in pieces.iter().zip(pieces.iter().skip(1)) {
                if survey.splits_a_token(piece, next) && !survey.split_words(piece, next) {
                    let kind = usize::from(piece.continuation);
                    *widths[kind].entry(piece.physical()).or_default() += 1;
                    if survey.prints_whole(piece, next) {
                        *certain[kind].entry(piece.physical()).or_default() += 1;
                    }
                }
            }
        }
        // An agent that drifts cuts within two columns of its widest cut of the kind; a piece
        // further short than that met a field after the trim took its blanks (`>` + a field
        // three blanks before the limit, where a continuation's limit is one past the
        // document's).
        for counts in widths.iter_mut().chain(certain.iter_mut()) {
            if let Some(widest) = counts.keys().max().copied() {
                counts.retain(|w, _| w + DRIFT >= widest);
            }
        }
        // A habit shows in the certain cuts when there are enough of them (tables put blanks
        // at the same columns on many lines, so trimmed cuts can cluster a column or two
        // short of the habit), else in all of them.
        let certain_count: u32 = certain.iter().flat_map(|c| c.values()).sum();
        let evidence = if certain_count >= MIN_CERTAIN_HABIT {
            &certain
        } else {
            &widths
        };
        let (mut usual_pieces, mut all_pieces) = (0u32, 0u32);
        for (kind, counts) in evidence.iter().enumerate() {
            let usual = counts.iter().max_by_key(|(w, n)| (**n, **w));
            // One piece is no habit: it may be a trimmed one that happened to meet a field.
            survey.usual[kind] = usual.filter(|(_, n)| **n >= 2).map(|(w, _)| *w);
            usual_pieces += usual.map_or(0, |(_, n)| *n);
            all_pieces += counts.values().sum::<u32>();
        }
        // Two cuts, one of each kind, show no habit of either.
        let habit = survey.usual.iter().any(Option::is_some);
        // A kind never seen cut inside a token takes the other's width: the agent that cut
        // the fixture holds 79 characters a piece, its `>` not counted.
        survey.usual = match survey.usual {
            [None, Some(c)] => [Some(c.saturating_sub(1)), Some(c)],
            [Some(f), None] => [Some(f), Some(f + 1)],
            other => other,
        };
        // No piece of an agent's habit runs past it: where one does, the cuts inside tokens
        // fell short of the limit by chance, and the agent drifts.
        let overrun = groups.iter().any(|(_, pieces)| {
            pieces.iter().zip(pieces.iter().skip(1)).any(|(piece, _)| {
                let kind = usize::from(piece.continuation);
                survey.usual[kind].is_some_and(|usual| piece.physical() > usual)
            })
        });
        // A short document shows few cuts inside tokens; if every one of them is at the
        // usual width, nothing says the agent ever cut at another (a document cut at drifting
        // widths shows hundreds of such cuts, never all at one width).
        let unanimous = habit && all_pieces >= MIN_UNANIMOUS && usual_pieces == all_pieces;
        survey.consistent = !overrun
            && (unanimous
                || (all_pieces >= MIN_HABIT
                    && f64::from(usual_pieces) >= CONSISTENT_SHARE * f64::from(all_pieces)))
            && !rows_cut_at_two_widths(groups);
        if !survey.consistent {
            survey.context = Some(Context::new(
                groups.iter().flat_map(|(_, p)| p.iter().map(|p| p.content)),
            ));
            for (token, count) in &survey.words {
                *survey.keys.entry(key(token)).or_default() += count;
                *survey.folded.entry(key(token).to_lowercase()).or_default() += count;
                let chars: Vec<char> = token.chars().collect();
                for pair in chars.windows(2) {
                    if !pair[0].is_alphanumeric() && pair[1].is_alphanumeric() {
                        survey.before_word.entry(pair[0]).or_default().0 += count;
                    }
                }
            }
            for (_, pieces) in groups {
                for piece in pieces {
                    let content = piece.content.trim_end();
                    let mut previous: Option<(&str, usize)> = None;
                    for (start, token) in fields_at(content) {
                        if let Some((left, end)) = previous {
                            for gaps in [
                                survey.pairs.entry((left, token)).or_default(),
                                survey.facing_pairs.entry(facing(left, token)).or_default(),
                            ] {
                                if !gaps.contains(&(start - end)) {
                                    gaps.push(start - end);
                                }
                            }
                            if start - end == 1
                                && left.chars().count() >= 2
                                && left.chars().all(char::is_alphabetic)
                                && starts_a_figure(token)
                            {
                                survey.word_before_figure += 1;
                            }
                            if let Some(mark) = left.chars().last().filter(|c| !c.is_alphanumeric())
                            {
                                let counts = survey.after_mark.entry(mark).or_default();
                                if start - end == 1 {
                                    counts.0 += 1;
                                    if token.starts_with(char::is_alphanumeric) {
                                        survey.before_word.entry(mark).or_default().1 += 1;
                                    }
                                } else {
                                    counts.1 += 1;
                                }
                            }
                        }
                        previous = Some((token, start + token.len()));
                    }
                }
            }
        }
        survey
    }

    /// The blanks that may have been trimmed from `piece`: `w - length` for each width `w` the
    /// agent may have cut it at.
    fn paddings(&self, piece: &Piece<'_>) -> std::ops::RangeInclusive<usize> {
        let length = piece.physical();
        let narrowest = self.limit.saturating_sub(DRIFT).max(length);
        let widest = self.limit.max(length);
        (narrowest - length)..=(widest - length)
    }

    /// A piece within the cut window ending in a non-blank, before a non-blank continuation.
    fn splits_a_token(&self, piece: &Piece<'_>, next: &Piece<'_>) -> bool {
        // At the document's habit where it has one (a piece short of it lost blanks, and a
        // kind of piece never cut inside a token may be cut wider than any piece shows);
        // else within two columns of its limit.
        let full = if self.consistent {
            piece.physical() >= self.usual_width(piece)
        } else {
            piece.physical() + DRIFT >= self.limit
        };
        piece.runs_on_into(next) && full
    }

    /// Whether the token a cut splits is printed whole elsewhere in the document.
    fn prints_whole(&self, piece: &Piece<'_>, next: &Piece<'_>) -> bool {
        let (left, right) = fields_at_cut(piece, next);
        self.known(&format!("{left}{right}"))
    }

    /// Whether the document's own conventions print `left` and `right` apart, though it may
    /// print neither anywhere else:
    /// * a comma before digits that are not a group of three ends no figure (`25,` + `2002`);
    /// * a word the document prints as a word, in a document that prints words one blank
    ///   before figures, is no part of the figure after it (`March` + `31,`, `or` + `15(d)`,
    ///   `per` + `$1,000`);
    /// * a mark the document prints a blank after far more often than a letter or digit
    ///   (`(555)` + `010-0197`);
    /// * an operator the document prints on its own, one blank before what follows it (`+` +
    ///   `Repurchases)/(Beg`, `(1-SMMn+1)` + `*`), where it does not sign a figure nor start a
    ///   hyphen (`Non` + `-`) (an operator spaced on its left: see [`spaced_operator`]);
    /// * a word before an aside in brackets, a word of three letters or more (`CORPORATION` +
    ///   `(SYNTHETIC)`): a formula's bracket opens on what it applies to (`Avg(Loss`), a
    ///   plural's closes on a letter or two (`Class(es)`).
    ///
    /// Each holds only where the document prints its fields one blank apart somewhere: fields
    /// printed several blanks apart are never read apart where a cut may have split one.
    fn apart_by_convention(&self, left: &str, right: &str) -> bool {
        let (Some(last), Some(first)) = (left.chars().last(), right.chars().next()) else {
            return false;
        };
        if self.year_after_comma(left, right) || word_before_aside(left, right) {
            return true;
        }
        let word = key(left);
        if starts_a_figure(right)
            && word.chars().count() >= 2
            && word.chars().all(char::is_alphabetic)
            && left.ends_with(char::is_alphabetic)
            && self.known_word(left)
            && self.word_before_figure >= 2
        {
            return true;
        }
        if !last.is_alphanumeric() && first.is_alphanumeric() && !"([$-".contains(last) {
            let (joined, apart) = self.before_word.get(&last).copied().unwrap_or_default();
            if apart >= 2 && apart > 2 * joined {
                return true;
            }
        }
        let mark = |t: &str| {
            let mut chars = t.chars();
            chars.next().is_some_and(|c| "+-*=/&".contains(c)) && chars.next().is_none()
        };
        // An operator the document prints one blank apart from what follows it more often
        // than several (in formulas, not as a table's `=` column).
        let spaced = |op: &str| {
            op.chars()
                .next()
                .and_then(|c| self.after_mark.get(&c))
                .is_some_and(|(one, more)| one > more)
                && self.words.contains_key(op)
        };
        (mark(left) && first.is_alphabetic() && spaced(left))
            || (mark(right) && right != "-" && !last.is_ascii_digit() && spaced(right))
    }

    /// A comma before digits that are no group of three (`25,` + `2002`), in a document that
    /// prints a comma one blank before what follows it more often than several: no figure is
    /// cut there, a date is.
    fn year_after_comma(&self, left: &str, right: &str) -> bool {
        let group = right.chars().take_while(char::is_ascii_digit).count();
        left.ends_with(',')
            && group > 0
            && group != 3
            && self
                .after_mark
                .get(&',')
                .is_some_and(|(one, more)| one > more)
    }

    /// Whether the halves a cut falls between make a word the document prints in another case
    /// (`includ` + `ing`: `Including` on the cover) while one of them is printed nowhere as a
    /// word: a prose line cut inside a word is read joined by the document's own words, not by
    /// how its fields happen to line up with a table around it. Where both halves are words
    /// too (`be` + `come`) this says nothing.
    fn prints_word_whole(&self, piece: &Piece<'_>, next: &Piece<'_>) -> bool {
        let (left, right) = fields_at_cut(piece, next);
        let join = format!("{left}{right}");
        key(&join).chars().filter(|c| c.is_alphabetic()).count() >= 2
            && self.known_word(&join)
            && !(self.known_word(left) && self.known_word(right))
    }

    /// Whether the document prints `token` as a word, in any case (`including`, `Including`;
    /// not a letter alone: `F` of `James F Noriega` is not the `f` of `Of` + `f`).
    fn known_word(&self, token: &str) -> bool {
        let word = key(token);
        self.known(token)
            || (word.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && self.folded.contains_key(&word.to_lowercase()))
    }

    /// Whether the document prints `token` away from any cut, as it is or as the same word.
    fn known(&self, token: &str) -> bool {
        let word = key(token);
        self.words.contains_key(token)
            || (word.chars().any(char::is_alphanumeric) && self.keys.contains_key(&word))
    }

    /// The width the agent usually cut this kind of piece at.
    fn usual_width(&self, piece: &Piece<'_>) -> usize {
        // Never wider than any cut believed: a crafted document must not expand without bound.
        self.usual[usize::from(piece.continuation)]
            .unwrap_or(self.limit)
            .min(MAX_WRAP_WIDTH)
    }

    /// Two halves the document prints again and again as fields of their own, whose join it
    /// never prints, the first a word (`November` + `25,`, `of` + `24`): the cut fell on a
    /// blank that the trim removed. Figures are never split this way: `1` + `0` are printed
    /// everywhere, `10` may not be; nor are fragments (`)eb` + `%)5F`).
    fn split_words(&self, piece: &Piece<'_>, next: &Piece<'_>) -> bool {
        let (left, right) = fields_at_cut(piece, next);
        let word = |w: &str| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic);
        let printed = |w: &str| self.words.get(w).copied().unwrap_or(0);
        // In a document cut at one width, a piece of that width was cut, not trimmed.
        if self.consistent && piece.physical() >= self.usual_width(piece) {
            return false;
        }
        word(left)
            && printed(left) >= 2
            && printed(right) >= 2
            && printed(&format!("{left}{right}")) == 0
            && self.paddings(piece).contains(&1)
            && self.prints_gap(1)
    }

    /// Whether the document prints two fields `blanks` blanks apart anywhere (always, for
    /// three or more: tables do).
    pub(crate) fn prints_gap(&self, blanks: usize) -> bool {
        !matches!(blanks, 1 | 2) || self.narrow_gaps[blanks - 1] > 0
    }
}

/// Whether two rows of one table were cut at two widths: their first pieces print the same
/// fields at the same columns, and their continuations print as many figures, as wide as each
/// other's, every one one or two columns further on in one than in the other. An agent of one
/// habit cut both rows at the same column, so rows that line up before the cut line up after
/// it too. A short document shows few cuts inside a token, and a drifting agent may cut all
/// of them at one width by chance; its tables still show the drift.
fn rows_cut_at_two_widths(groups: &[(usize, Vec<Piece<'_>>)]) -> bool {
    let spans = |content: &str| -> Vec<(usize, usize)> {
        fields_at(content.trim_end())
            .map(|(start, token)| (start, start + token.len()))
            .collect()
    };
    // Per line, the fields of its first piece and of its continuation, where it has them.
    type Row = (Vec<(usize, usize)>, Vec<(usize, usize)>);
    let rows: Vec<Option<Row>> = groups
        .iter()
        .map(|(_, pieces)| {
            let [first, next, ..] = pieces.as_slice() else {
                return None;
            };
            let figures = next.content.split_whitespace();
            if figures.clone().count() < 2 || !figures.clone().all(whole_figure) {
                return None;
            }
            let head = spans(first.content);
            (head.len() >= MIN_ROW_FIELDS).then(|| (head, spans(next.content)))
        })
        .collect();
    // The shift of every field, start and end alike: figures as wide as each other, all of
    // them moved (not `36,146.41` over `(36,146.41)`, left-aligned).
    let shift = |a: &[(usize, usize)], b: &[(usize, usize)]| -> Option<i64> {
        let mut shifts = a
            .iter()
            .zip(b)
            .flat_map(|(x, y)| [x.0 as i64 - y.0 as i64, x.1 as i64 - y.1 as i64]);
        let first = shifts.next()?;
        (a.len() == b.len() && shifts.all(|d| d == first)).then_some(first)
    };
    rows.iter().enumerate().any(|(i, row)| {
        let Some((head, tail)) = row else {
            return false;
        };
        rows.iter()
            .skip(i + 1)
            .take(ROW_REACH)
            .flatten()
            .any(|(h, t)| {
                h == head
                    && shift(t, tail)
                        .is_some_and(|d| (1..=DRIFT as u64).contains(&d.unsigned_abs()))
            })
    })
}

/// One logical line of a document cut at one habitual width: every piece short of the habit
/// lost what it is short to the trim, every piece at it was cut inside a token.
fn join_habitual(pieces: &[Piece<'_>], survey: &Survey<'_>) -> String {
    let mut out = String::new();
    for (k, piece) in pieces.iter().enumerate() {
        let Some(next) = pieces.get(k + 1) else {
            out.push_str(piece.content);
            break;
        };
        out.push_str(piece.content.trim_end());
        let pad = if survey.splits_a_token(piece, next) {
            usize::from(survey.split_words(piece, next))
        } else {
            survey.usual_width(piece).saturating_sub(piece.physical())
        };
        out.extend(std::iter::repeat_n(' ', pad));
    }
    out.truncate(out.trim_end().len());
    out
}

/// Every logical line of the document, each cut decided (see the module comment).
pub(crate) fn join_lines(groups: &[(usize, Vec<Piece<'_>>)], survey: &Survey<'_>) -> Vec<String> {
    if survey.consistent {
        return groups
            .iter()
            .map(|(_, pieces)| join_habitual(pieces, survey))
            .collect();
    }
    crate::columns::join_by_columns(groups, survey)
}

impl Survey<'_> {
    /// The blanks the cut after `piece` may have trimmed, the likeliest first: a token cut in
    /// two joined, else the usual width.
    pub(crate) fn candidates(&self, piece: &Piece<'_>, next: &Piece<'_>) -> Vec<usize> {
        let mut pads: Vec<usize> = self.paddings(piece).collect();
        let preferred = if self.splits_a_token(piece, next) {
            usize::from(self.split_words(piece, next))
        } else {
            self.usual_width(piece).saturating_sub(piece.physical())
        };
        pads.sort_by_key(|p| (p.abs_diff(preferred), *p));
        pads
    }

    /// Whether the fields a cut falls between are two whole figures whose join is no figure
    /// (see [`two_figures`]).
    pub(crate) fn two_figures(&self, piece: &Piece<'_>, next: &Piece<'_>) -> bool {
        let (left, right) = fields_at_cut(piece, next);
        two_figures(left, right)
    }

    /// Whether the document prints two whole figures one blank apart anywhere away from a cut.
    pub(crate) fn prints_figures_one_apart(&self) -> bool {
        self.figures_one_apart > 0
    }

    /// Whether the document prints the two fields a cut falls between side by side elsewhere
    /// with `blanks` blanks between them (`COPYRIGHT 2002` on every other page's footer).
    pub(crate) fn prints_pair(&self, piece: &Piece<'_>, next: &Piece<'_>, blanks: usize) -> bool {
        let (left, right) = fields_at_cut(piece, next);
        !dash_before_figure(left, right) && self.printed_gaps(left, right).contains(&blanks)
    }

    /// The blanks the document prints between `left` and `right` where it prints them side by
    /// side in one piece (none where it never does); where it never prints these two, those
    /// it prints between two fields with the same facing edges (`Adjustable Group;` where a
    /// heading prints `Adjustable Group`).
    fn printed_gaps(&self, left: &str, right: &str) -> Vec<usize> {
        self.pairs
            .get(&(left, right))
            .or_else(|| self.facing_pairs.get(&facing(left, right)))
            .cloned()
            .unwrap_or_default()
    }

    /// Whether the document prints the two words a cut falls between side by side elsewhere,
    /// always `blanks` blanks apart (`Fixed Group`, a name: not figures, which tables print
    /// at every distance from each other).
    pub(crate) fn prints_words_apart(
        &self,
        piece: &Piece<'_>,
        next: &Piece<'_>,
        blanks: usize,
    ) -> bool {
        let (left, right) = fields_at_cut(piece, next);
        let word = |w: &str| w.chars().any(char::is_alphabetic);
        word(left) && word(right) && self.printed_gaps(left, right) == [blanks]
    }

    /// Whether reading the cut after `piece` with `pad` blanks prints the two fields around it
    /// one blank apart inside a run of fields one blank apart (a phrase: `Wendover Funding,` +
    /// ` Inc.`, `April 30,` + `2002`): the blanks a cut in blanks put back are the whole gap
    /// between the fields, and inside a phrase that gap is one blank. Several blanks there are
    /// read only where the columns of the lines around line up with them.
    ///
    /// A phrase needs a field one blank before the piece's last, or one blank after the
    /// continuation's first; and a line that prints fields apart by as many blanks as another
    /// reading puts back (`gaps`: a heading's `TOTAL  CURRENT PRINCIPAL BALANCE`) says nothing
    /// of which it is here; nor does a mark the document prints several blanks after more
    /// often than one (a label's `Record Date:`). Where the trim may have cut a token in two (`pad` 1 after a
    /// piece at the limit, before a continuation that starts with a non-blank), the phrase
    /// only says how far apart two words are that the vocabulary reads apart (`read_apart`:
    /// what [`Survey::vocabulary`] said of one blank there, asked once per cut by the caller).
    pub(crate) fn phrase(
        &self,
        piece: &Piece<'_>,
        next: &Piece<'_>,
        pad: usize,
        gaps: &[usize],
        read_apart: bool,
    ) -> bool {
        let content = piece.content.trim_end();
        let rest = trim_start(next.content);
        let lead = next.content.len() - rest.len();
        let Some(last) = content.chars().last().filter(|c| !c.is_whitespace()) else {
            return false;
        };
        // A mark the document prints several blanks after more often than one (a label's
        // `:`) ends no phrase.
        let labels = self
            .after_mark
            .get(&last)
            .is_some_and(|(one, more)| more > one);
        if rest.is_empty() || labels {
            return false;
        }
        if pad + lead != 1
            || self
                .paddings(piece)
                .any(|p| p + lead >= 2 && gaps.contains(&(p + lead)))
        {
            return false;
        }
        // One blank, then a non-blank.
        let single = |gap: &str| {
            let mut chars = gap.chars();
            chars.next().is_some_and(char::is_whitespace)
                && chars.next().is_some_and(|c| !c.is_whitespace())
        };
        let before: String = content
            .chars()
            .rev()
            .skip_while(|c| !c.is_whitespace())
            .take(2)
            .collect();
        let after = rest.trim_start_matches(|c: char| !c.is_whitespace());
        if !(single(&before) || single(after)) {
            return false;
        }
        lead > 0 || !self.paddings(piece).contains(&0) || read_apart
    }

    /// What the pieces and the document's vocabulary say of reading the cut after `piece`
    /// with `pad` blanks, where both sides of the cut are non-blank; `line` is every piece of
    /// the logical line the cut is in.
    pub(crate) fn vocabulary(
        &self,
        line: &[Piece<'_>],
        piece: &Piece<'_>,
        next: &Piece<'_>,
        pad: usize,
    ) -> Evidence {
        let (left, right) = fields_at_cut(piece, next);
        if dash_before_figure(left, right) {
            return if pad == 0 {
                Evidence::Sign
            } else {
                Evidence::None
            };
        }
        if spaced_operator(piece.content, right) {
            return if pad == 0 {
                Evidence::None
            } else {
                Evidence::Apart
            };
        }
        if closes_its_bracket(left, right) {
            return if pad == 0 {
                Evidence::Whole
            } else {
                Evidence::None
            };
        }
        let context = self.context.as_ref();
        let words = context.and_then(|c| c.words(left, right));
        let kinds = || context.and_then(|c| c.kinds(left, right));
        // The two halves printed whole (in any case where one is no word: `includ` + `ing`).
        let printed_whole =
            || self.prints_whole(piece, next) || self.prints_word_whole(piece, next);
        if pad == 0 {
            // The two halves printed whole, or the same two words printed joined elsewhere
            // (`MIN(30,` + `Avg`), or the kinds of character the cut falls between printed
            // joined far more often than apart (`Co-` + `Lead`).
            if printed_whole() || words == Some(Blank::Joined) {
                Evidence::Whole
            } else if words.is_none() && kinds() == Some(Blank::Joined) {
                Evidence::Leans
            } else {
                Evidence::Join
            }
        } else if figure_cut(left, right) && !self.year_after_comma(left, right) {
            Evidence::SplitsAFigure
        } else {
            // Two tokens the document prints, one of them a word (`Sample` + `Administrator`,
            // `1` + `of`, `+` + `Repurchases`), whose join it never prints.
            let word = |w: &str| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic);
            // A half with letters that is no word (`n,m)`) and that the document prints right
            // after other tokens too (`(AvgSMMn,m)`, `Avg WASn,m)`: a subscript) is the tail
            // of a token as readily as a field of its own: printed alone elsewhere (`period
            // n,m)`), it says nothing of a blank before it here (`Avg(Loss Severity` +
            // `n,m)`). Not a field of marks only (`Balance` + `- Sched`): an operator.
            let a_tail = |w: &str| {
                !word(w)
                    && w.chars().any(char::is_alphabetic)
                    && context.is_some_and(|c| c.printed_after_a_token(w))
            };
            let apart_words = |known: &dyn Fn(&str) -> bool| {
                (word(left) || word(right))
                    && known(left)
                    && known(right)
                    // `Avg` + `(Loss`: a bracket may open right after a word.
                    && !right.starts_with(['(', '['])
                    && !left.ends_with(['(', '['])
                    && !a_tail(right)
            };
            let printed_apart = apart_words(&|w| self.known_word(w));
            // A word of the trade is known though the document prints it only here (a
            // heading's `REALIZED` over `LOSSES`), and the short words that join it into a
            // title (`IN` + `DOLLARS`); so are an address's and a name's parts.
            let general = !printed_apart
                && (apart_words(&|w| self.known_word(w) || trade_word(w))
                    || apart_by_usage(left, right)
                    || joined_by_a_short_word(left, right));
            // A lower-case letter before an upper-case one starts a new word (`Holdings` +
            // `Inc.`, `Avg` + `WASn,m`) where one side is a word the document prints.
            let printed_word = |w: &str| {
                let k = key(w);
                k.chars().count() >= 3 && k.chars().all(char::is_alphabetic) && self.known(w)
            };
            let new_word = left.ends_with(|c: char| c.is_lowercase())
                && right.starts_with(|c: char| c.is_uppercase())
                && (printed_word(left) || printed_word(right));
            // The same two words printed elsewhere decide; else the conventions above, or the
            // line the cut is in printing the characters around it apart and never joined
            // (see [`in_line`]: the rest of the document may print them both ways, this line
            // speaks of itself); else how the document prints the kinds of character around
            // the cut. Either way, a whole the document prints says the cut fell inside it.
            let apart = match words {
                Some(blank) => blank == Blank::Apart,
                None => {
                    printed_apart
                        || new_word
                        || self.apart_by_convention(left, right)
                        || in_line(line, left, right) == Some(Blank::Apart)
                }
            };
            if words.is_none() && !apart && general && !printed_whole() {
                Evidence::Words
            } else if (apart || (words.is_none() && kinds() == Some(Blank::Apart)))
                && !printed_whole()
            {
                if apart {
                    Evidence::Apart
                } else {
                    Evidence::Leans
                }
            } else {
                Evidence::None
            }
        }
    }
}

/// What speaks for or against one reading of a cut between two non-blanks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Evidence {
    /// Joined, the two halves make a token the document prints whole elsewhere (`Principal`).
    Whole,
    /// Apart, they are two words the document prints, whose join it never prints.
    Apart,
    /// Joined, with nothing else to say: a cut falls inside a token more often than not.
    Join,
    /// The reading the document's printing of the two characters around the cut favours
    /// (`Funding,` + `Inc.` apart: it prints `,` a blank before a letter, never joined).
    Leans,
    /// Apart by one blank: two words of the trade, or of an address or a name, that the
    /// document prints nowhere else (`REALIZED` + `DEFERRED`, `CA` + `92705`). Nothing says
    /// how far apart; words are one blank apart, and a reading two apart would part one
    /// heading in two (`CURRENT  PRINCIPAL BALANCE`).
    Words,
    /// Joined, a dash alone is the sign of the figure after it: where the columns say nothing
    /// (see [`crate::tokens::dash_before_figure`]).
    Sign,
    /// Apart, they would split a figure (`2,7` + `96.94`).
    SplitsAFigure,
    None,
}

#[cfg(test)]
mod tests {
    use crate::unwrap::unwrap_lines;

    /// Cuts `line` the way a filer agent does: each piece at the next of `widths` (a
    /// continuation's `>` counting), its trailing blanks trimmed.
    fn cut(line: &str, widths: &mut impl Iterator<Item = usize>, out: &mut Vec<String>) {
        let chars: Vec<char> = line.trim_end().chars().collect();
        let mut at = 0;
        let mut first = true;
        loop {
            let room = widths.next().unwrap_or(80) - usize::from(!first);
            let end = (at + room).min(chars.len());
            let piece: String = chars[at..end].iter().collect();
            let mark = if first { "" } else { ">" };
            out.push(format!("{mark}{}", piece.trim_end()));
            if end == chars.len() {
                break;
            }
            at = end;
            first = false;
        }
    }

    /// A table of figures 150 columns wide, cut at widths drifting from 78 to 80, then
    /// `lines`, each cut at its own widths: the document shows no habitual width.
    fn drifting(lines: &[(&str, &[usize])]) -> (String, usize) {
        let mut out = Vec::new();
        let mut widths = [80, 78, 79, 80, 79, 78, 80, 79].into_iter().cycle();
        for row in 0..16 {
            let figures: Vec<String> = (0..9)
                .map(|col| {
                    format!(
                        "{:>14}",
                        format!(
                            "{},{:03}.{:02}",
                            7 + row * 3 + col,
                            100 + row * 37 + col * 11,
                            row + col
                        )
                    )
                })
                .collect();
            cut(
                &format!("Class A-{row:<4}{}", figures.concat()),
                &mut widths,
                &mut out,
            );
        }
        let first = out.len();
        for (line, widths) in lines {
            cut(line, &mut widths.iter().copied(), &mut out);
        }
        (out.join("\n"), first)
    }

    fn rejoined(lines: &[(&str, &[usize])]) -> Vec<String> {
        let (text, first) = drifting(lines);
        let skip = unwrap_lines(&text)
            .iter()
            .position(|(_, n)| *n as usize > first)
            .unwrap();
        unwrap_lines(&text)
            .into_iter()
            .skip(skip)
            .map(|(l, _)| l)
            .collect()
    }

    #[test]
    fn rows_of_a_table_cut_at_two_widths_show_the_drift_a_few_cuts_inside_tokens_hide() {
        use crate::unwrap::Piece;
        let piece = |content, continuation| Piece {
            content,
            continuation,
        };
        // Two cuts inside a word, both at 40: by themselves, the habit of an agent that always
        // cuts at 40.
        let prose = [
            (
                "The trustee prints this statement monthl",
                "y for the holders",
            ),
            ("Distributions are made on the twenty-fif", "th day"),
        ];
        let survey_with = |second_row: &'static str| {
            let mut groups: Vec<(usize, Vec<Piece<'static>>)> = prose
                .iter()
                .enumerate()
                .map(|(i, (a, b))| (i + 1, vec![piece(*a, false), piece(*b, true)]))
                .collect();
            // Two rows of one table, alike up to the trimmed cut.
            groups.push((
                3,
                vec![
                    piece("A-1  1,000.00  2,000.00  3,000.00", false),
                    piece("      4.00      5.00", true),
                ],
            ));
            groups.push((
                4,
                vec![
                    piece("A-2  1,000.00  2,000.00  3,000.00", false),
                    piece(second_row, true),
                ],
            ));
            super::Survey::new(&groups, 40).consistent
        };
        // Cut at one column, the second row's figures line up with the first's after the cut.
        assert!(survey_with("      6.00      7.00"));
        // Cut a column further on, its continuation starts a blank closer to its figures.
        assert!(!survey_with("     6.00      7.00"));
        // Figures left-aligned, the second row's in brackets: they start where the first
        // row's do and end two columns on, cut at one width (the fixture's servicing fees).
        assert!(survey_with("      (4.00)    (5.00)"));
    }

    #[test]
    fn one_cut_inside_a_token_of_each_kind_at_two_widths_is_no_habit() {
        use crate::unwrap::Piece;
        let piece = |content, continuation| Piece {
            content,
            continuation,
        };
        let first = format!("{}1", "x".repeat(29));
        let second = "a".repeat(30);
        let third = format!(" {}3", "b".repeat(25));
        // A first piece cut inside a number at 30, a continuation at 28 (its `>` counted);
        // the cut between `a`s and ` b` fell on a blank.
        let groups = vec![
            (1, vec![piece(&first, false), piece("2.5", true)]),
            (
                3,
                vec![
                    piece(&second, false),
                    piece(&third, true),
                    piece("4.5", true),
                ],
            ),
        ];
        let survey = super::Survey::new(&groups, 30);
        assert!(!survey.consistent);
    }

    #[test]
    fn a_document_that_prints_no_field_a_blank_or_two_from_the_next_joins_every_cut_between_two_non_blanks(
    ) {
        // Every field at least three blanks from the next, `ab` and `cd` printed alone on
        // every row: `abcd` cut after `ab` is one token cut in two, not two words whose blank
        // the trim took (that reading would print a gap the document never prints).
        let row = format!("    ab   cd   {}", "12,345.67      ".repeat(9));
        for width in [78, 79, 80] {
            let mut out = Vec::new();
            let mut widths = [80, 78, 79].into_iter().cycle();
            for _ in 0..12 {
                cut(&row, &mut widths, &mut out);
            }
            let line = format!(
                "{}abcd   {}",
                " ".repeat(width - 2),
                "9,876.54      ".repeat(6)
            );
            cut(&line, &mut [width, 80, 80].into_iter(), &mut out);
            let lines = unwrap_lines(&out.join("\n"));
            assert_eq!(
                lines.last().map(|(l, _)| l.as_str()),
                Some(line.trim_end()),
                "cut at {width}"
            );
        }
    }

    #[test]
    fn a_cut_inside_a_phrase_puts_back_one_blank() {
        // The piece ends with `Wendover` at the cut (78, 79 or 80 columns); the blank after it
        // went to the continuation, and the trim took nothing.
        for name in [
            " Funding, Inc.",
            " Mortgage Holdings Inc.",
            " Trust Company of California, N.A.",
            " Bank National Association",
            " Sample Trust Company",
        ] {
            for width in [78, 79, 80] {
                let line = format!("{}Wendover{name}", " ".repeat(width - 8));
                let lines = rejoined(&[(line.as_str(), &[width, 80])]);
                assert_eq!(lines[0], line, "cut at {width}");
            }
        }
    }

    #[test]
    fn a_cut_on_a_trimmed_blank_between_two_words_the_document_prints_apart_keeps_it() {
        // The document prints elsewhere, whole: `March`, `Including`, `loans`, a `+` of its own;
        // a comma, a word before a figure and the `+` one blank before what follows.
        let printed =
            "March 25, 2002   Including Area Code   loans   A + B   Page 1 of 24   per annum";
        for (before, after) in [
            // A comma before four digits ends no figure.
            ("Report for November 25,", "2002 Distribution"),
            // A word before a figure.
            ("Record Date: March", "31, 2002"),
            // A word before a figure after a `$`.
            (
                "Current Period Factor Information per",
                "$1,000 of Original Face",
            ),
            // An operator printed on its own.
            (
                "(Voluntary prepayments +",
                "Repurchases)/(Beg Principal Balance)",
            ),
            // A word printed elsewhere capitalized.
            ("REO loans, including", "loans that become REO"),
        ] {
            assert_trimmed_blank_kept(printed, before, after);
        }
    }

    /// The methodology footnotes of a Deutsche Bank statement, each cut at 80 where a cut
    /// reads two ways, while the document prints the same marks the other way elsewhere: an
    /// operator spaced on its left is spaced on its right (`*` + `(1-SMMn+1)`, though
    /// `*(1-SMMm)` is printed joined), and a token closes the bracket it opened (`min(30,WASm`
    /// + `)/(`, though `WASm )/(` is printed apart).
    #[test]
    fn a_formula_cut_at_an_operator_or_a_closing_bracket_reads_as_printed() {
        let pad = |tail: &str| format!("{}{tail}", " ".repeat(79 - tail.len()));
        let spaced = format!(
            "{} (1-SMMn+1) *.......*(1-SMMm)]^(1/months)",
            pad("[(1-SMMn) *")
        );
        let closed = format!("{})/(number of months)", pad("(min(30,WASn)+min(30,WASm"));
        let printed = "     (WASn + WASn+1 +.......+ WASm )/(number of months in the period n,m)";
        let lines = rejoined(&[
            (printed, &[80]),
            (spaced.as_str(), &[80, 80]),
            (closed.as_str(), &[79, 80]),
        ]);
        assert_eq!(lines[1], spaced);
        assert_eq!(lines[2], closed);
        assert!(super::closes_its_bracket("(1,234.56", ")"));
        assert!(!super::closes_its_bracket("WASm", ")/("));
        assert!(super::spaced_operator("  (1-SMMn) *", "(1-SMMn+1)"));
        assert!(!super::spaced_operator("  (1-SMMn) -", "Sched"));
        assert!(!super::spaced_operator("  (1-SMMn)*", "(1-SMMn+1)"));
    }

    /// `before`, one blank, `after`, after a line that prints `printed`: cut on the blank after
    /// `before` (the trim took it) at 79 and at 80, the line reads as printed.
    fn assert_trimmed_blank_kept(printed: &str, before: &str, after: &str) {
        for width in [79, 80] {
            let indent = " ".repeat(width - 1 - before.len());
            let line = format!("{indent}{before} {after}");
            let lines = rejoined(&[(printed, &[80]), (line.as_str(), &[width, 80])]);
            assert_eq!(lines[1], line, "cut at {width}");
        }
    }

    #[test]
    fn a_word_cut_in_two_whose_whole_the_document_prints_in_another_case_is_joined() {
        // `Including` on the cover; `ing` printed nowhere as a word. A table around prints its
        // columns where the words after the cut would start were two blanks put back there:
        // the prose line is still one word cut in two, not a row of that table.
        let printed = "Registrant's Telephone Number, Including Area Code:  (949) 475-3600";
        let after = "ing loans that become REO during current distribution.";
        for width in [78, 79, 80] {
            let before = "REO Book Value reported corresponds to total REO loans, includ";
            let line = format!("{}{before}{after}", " ".repeat(width - before.len()));
            // Each row cut inside its figure (`12,345,6` + `78.90`: one reading only), then
            // a field at each column a word of `after` starts at, two blanks past the cut.
            let mut row = format!("Class A-1{}12,345,678.90", " ".repeat(64));
            for (start, _) in super::fields_at(after).skip(2) {
                let column = width + 2 + start;
                row.push_str(&" ".repeat(column - row.len()));
                row.push_str("Rate");
            }
            let mut lines: Vec<(&str, &[usize])> = vec![(printed, &[80])];
            lines.extend(std::iter::repeat_n((row.as_str(), &[80, 80][..]), 10));
            let widths = [width, 80];
            lines.push((line.as_str(), &widths));
            let rejoined = rejoined(&lines);
            assert_eq!(rejoined[1], row, "cut at {width}");
            assert_eq!(rejoined[11], line, "cut at {width}");
        }
    }

    #[test]
    fn the_line_a_cut_is_in_says_how_it_prints_the_characters_around_it() {
        // The document prints a comma before an upper-case letter both ways (`A-1,A-2`,
        // `Funding, Inc.`) and a bracket before a `*` both ways (`m)*0.02`, `(A) * (B)`):
        // only the line itself says which it is here.
        let printed = "Classes A-1,A-2,B-1   Wendover Funding, Inc.   Sample Trust, N.A.   \
                       MIN(30,Avg WASn,m)*0.02   f(x)*g(x)   (A) * (B)";
        for (before, blank, after) in [
            // `City, CA`.
            ("100 Example Place,", " ", "Sample City, CA 90000"),
            // `(1-SMMn) *`.
            (
                "[(1-SMMn) * (1-SMMn+1)",
                " ",
                "*.......*(1-SMMm)]^(1/months in period n,m)",
            ),
            // The `*` of `) * (` stands alone, an operator: it says nothing of the one that
            // ends `*.......*`.
            (
                "[(1-SMMn) * (1-SMMn+1) *.......*",
                "",
                "(1-SMMm)]^(1/months in period n,m)",
            ),
        ] {
            let widths = if blank.is_empty() { [78, 79] } else { [79, 80] };
            for width in widths {
                let indent = " ".repeat(width - blank.len() - before.len());
                let line = format!("{indent}{before}{blank}{after}");
                let lines = rejoined(&[(printed, &[80, 80]), (line.as_str(), &[width, 80])]);
                assert_eq!(lines[1], line, "cut at {width}");
            }
        }
    }

    #[test]
    fn a_tail_the_document_prints_after_other_tokens_too_is_no_word_of_its_own() {
        // `n,m)` is printed alone (`period n,m)`) and as the subscript of other tokens
        // (`(AvgSMMn,m)`, `Avg WASn,m)`): after `Severity` it may be either, and a cut falls
        // inside a token more often than not.
        let printed = "Loss Severity Approximation   (AvgSMMn,m)   MIN(30,Avg WASn,m)";
        let period = "months in period n,m)   in the period n,m)";
        let before = "Average Loss Severity over period: Avg(Loss Severity";
        for width in [78, 79] {
            let line = format!("{}{before}n,m)", " ".repeat(width - before.len()));
            let lines = rejoined(&[
                (printed, &[80]),
                (period, &[80]),
                (line.as_str(), &[width, 80]),
            ]);
            assert_eq!(lines[2], line, "cut at {width}");
        }
    }

    #[test]
    fn two_words_a_cut_falls_between_are_as_far_apart_as_the_document_prints_them_with_other_marks()
    {
        // A heading prints `Adjustable Group` one blank apart; the prose line after prints
        // `Adjustable Group;`, the pair nowhere else. Cut at `Adjustable`, the trim took the
        // blank after it (the piece three columns short of the limit: one to three blanks)
        // or the continuation kept it (none to two more): one blank, as the heading says,
        // not as many as the longest cut would put back.
        let printed = "Delinquency Report  -  Adjustable Group";
        let pair = "Loan Group 2    =    Adjustable Group;   REO Book Value  =  Not Available";
        let end = pair.find(" Group;").unwrap();
        for (width, trimmed) in [(78, true), (78, false), (79, false), (80, false)] {
            // `Adjustable` ends at column `width - 1` where the blank after it is cut off,
            // else at `width`: the continuation starts with the blank.
            let columns = if trimmed { width - 1 } else { width };
            let line = format!("{}{pair}", " ".repeat(columns - end));
            let lines = rejoined(&[(printed, &[80]), (line.as_str(), &[width, 80])]);
            assert_eq!(lines[1], line, "cut at {width}");
        }
    }

    #[test]
    fn a_mark_standing_alone_after_a_figure_is_read_apart_where_the_line_prints_it_so() {
        // `Count =   0`, `Value =  Not`: the line prints its `=` a blank or two after the word
        // or figure before it, never run into it; cut right before one, `1` + `=` is no token
        // `1=`.
        let before = "Total Loan Count =   0              Loan Group 1";
        let after = "=  Fixed Group;   REO Book Value  =  Not Available";
        for width in [79, 80] {
            // The blank before `=` ends the piece and was trimmed.
            let line = format!("{}{before} {after}", " ".repeat(width - 1 - before.len()));
            let lines = rejoined(&[(line.as_str(), &[width, 80])]);
            assert_eq!(lines[0], line, "cut at {width}");
        }
    }

    #[test]
    fn an_operator_standing_alone_after_a_bracket_is_read_as_its_line_prints_one() {
        // The document prints `)*` joined elsewhere (`WASn,m)*0.02`); the formula itself
        // prints `(1-SMMn+1) *`: the `*` after `[(1-SMMn)` stands apart too.
        let printed = "MIN(30,Avg WASn,m)*0.02   f(x)*g(x)";
        let before = "[(1-SMMn)";
        let after = "* (1-SMMn+1) *.......*(1-SMMm)]^(1/months in period n,m)";
        for width in [79, 80] {
            let line = format!("{}{before} {after}", " ".repeat(width - 1 - before.len()));
            let lines = rejoined(&[(printed, &[80]), (line.as_str(), &[width, 80])]);
            assert_eq!(lines[1], line, "cut at {width}");
        }
    }

    #[test]
    fn two_figures_a_cut_falls_between_are_two_blanks_apart_where_none_are_printed_closer() {
        // Every row cut at 80 right after the two blanks that follow its balance: the trim
        // took one blank or two (a cut at 79 or at 80), and the rows, cut alike, line up
        // either way. The document prints no two figures one blank apart, so two.
        let rows: Vec<String> = (0..4)
            .map(|k| {
                let class = format!("Class R-{k}");
                let balance = format!("96{k}.348068");
                format!("{class:<60}{balance:>18}  9.500000%  9.{k}00000%")
            })
            .collect();
        let lines: Vec<(&str, &[usize])> =
            rows.iter().map(|r| (r.as_str(), &[80, 80][..])).collect();
        assert_eq!(rejoined(&lines), rows);
        // What the survey counts: whole figures, away from a cut, one blank apart.
        assert_eq!(super::figures_one_apart("A  1.5 2.5  3", false, false), 1);
        assert_eq!(super::figures_one_apart("1.5 2.5", true, false), 0);
        assert_eq!(super::figures_one_apart("1.5 2.5", false, true), 0);
        assert_eq!(super::figures_one_apart("June 15, 1999", false, false), 0);
    }

    #[test]
    fn a_letter_alone_printed_elsewhere_in_another_case_is_no_word() {
        // `F` of a name and `of` are printed elsewhere; `Off` cut after `Of` is one token.
        let printed = "James F Noriega   number of loans   Page 1 of 24";
        for width in [78, 79] {
            let before = "Loans Paid Of";
            let line = format!("{}{before}f in Full", " ".repeat(width - before.len()));
            let lines = rejoined(&[(printed, &[80]), (line.as_str(), &[width, 80])]);
            assert_eq!(lines[1], line, "cut at {width}");
        }
    }

    #[test]
    fn how_the_document_prints_the_text_around_a_cut_elsewhere_decides_it() {
        let printed = "IF(Avg WASn,m<61,MIN(30,Avg WASn,m)*0.02)   (AvgSMMn,m)   \
                       Wendover Funding, Inc.   Santa Monica, CA   Sample City, CA   \
                       Deutsche Bank National Trust Company";
        for (before, blank, after) in [
            // The same two words printed one blank apart elsewhere.
            ("MAX(0.03,(Avg", " ", "WASn,m-60))"),
            // The same two printed joined.
            ("Average SMM (Avg", "", "SMMn,m)"),
            // A `,` printed before `Inc` one blank apart.
            ("Greenwich Capital Markets,", " ", "Inc."),
            // A lower-case letter printed before an upper-case one: always a blank between.
            ("1761 E. St. Andrew Place, Santa", " ", "Ana, CA 92705"),
        ] {
            // `before` ends a piece cut at `width`: cut at the blank after it, which the trim
            // took, or inside a token.
            let widths = if blank.is_empty() { [78, 79] } else { [79, 80] };
            for width in widths {
                let indent = " ".repeat(width - blank.len() - before.len());
                let line = format!("{indent}{before}{blank}{after}");
                let lines = rejoined(&[(printed, &[80, 80]), (line.as_str(), &[width, 80])]);
                assert_eq!(lines[1], line, "cut at {width}");
            }
        }
    }
    #[test]
    fn words_of_the_trade_an_address_a_name_and_an_aside_printed_nowhere_else_are_one_blank_apart()
    {
        for (before, after) in [
            // A heading's words, printed once each; one blank, not the two that would part
            // the heading in two.
            (
                "CLASS   FACE VALUE   INTEREST   CURRENT",
                "PRINCIPAL BALANCE",
            ),
            ("Trustee:  Santa Ana, CA", "92705"),
            ("Address:  1761", "E. St. Andrew Place"),
            ("Administrator:  James F", "Noriega"),
            // A heading's rate column; a title's aside in brackets.
            ("CURRENT RATE  ESTIMATED", "NEXT RATE"),
            ("REMIT SAMPLE CAPITAL CORPORATION", "(SYNTHETIC)"),
        ] {
            // The document prints none of these words anywhere else.
            assert_trimmed_blank_kept("Page 1 of 24", before, after);
        }
    }
}
