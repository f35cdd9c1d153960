//! Deciding the cuts of a document cut at drifting widths: all lines together, by their columns.
//!
//! Each cut has a few readings (the blanks the trim took: `w - length` for each width `w` the
//! agent may have cut at; none where a token was cut in two). A statement prints its figures
//! in columns: in the true reading of a line, its fields start and end where the fields of the
//! lines around it do, while every wrong reading shifts what follows the cut by a column or two.
//! So every line votes with the columns of its current reading, each line in turn takes the
//! reading that lines up best with the votes of its neighbourhood (all readings of one line
//! weighed together, cut after cut, by dynamic programming over where each piece starts), and
//! this repeats until no line changes. Lines whose cuts have one reading only vote more. Lines
//! printed again and again (page headers, a report's column headings on every page) then agree
//! on one reading, and the rest are read again against them. The document's vocabulary weighs in where a token may have been cut in two (`Prin` + `cipal`
//! joined where `Principal` is printed elsewhere), and the likeliest reading breaks ties.

use foldhash::{HashMap, HashMapExt};

use crate::rejoin::{Evidence, Survey};
use crate::runs::{word, Runs};
use crate::tokens::{fields_at, fields_at_cut, gaps, whole_figure};
use crate::trade::trade_word;
use crate::unwrap::Piece;

/// How many lines either side of a line are its table: columns line up within a table only.
const NEIGHBOURHOOD: usize = 30;

/// How many lines either side of a heading the figures under it are looked for.
const HEADING_REACH: usize = 6;

/// Rounds of voting at most: a round in which no line changes ends it sooner.
const ROUNDS: usize = 6;

/// What the document's word on a token cut in two weighs, in aligned fields: decisive.
const VOCABULARY: i64 = 1000;

/// What a cut between two non-blanks weighs for joining them where nothing else speaks: a cut
/// falls inside a token far more often than exactly where the next one starts, so it takes
/// many fields lined up better to read it as two.
const JOIN: i64 = 100;

/// What it weighs that the document prints the two fields a cut falls between side by side
/// elsewhere, with as many blanks between them as the reading puts back (where the cut falls
/// in blanks, in a run of three words: see [`crate::runs`]).
const PAIR: i64 = 200;

/// What it weighs that a reading prints two fields of a phrase one blank apart (see
/// [`Survey::phrase`]): more than the fields of a line of prose line up by chance with the
/// columns of a table around it.
const PHRASE: i64 = 300;

/// What the document's printing of the characters around a cut says of it: as much as a pair
/// printed elsewhere, less than a phrase (statistics of a kind, not of these two fields).
const LEANS: i64 = 200;

/// A dash alone read as the sign of the figure after it: less than any column's vote, so that
/// it decides only where the columns say nothing (a label's `-18` printed where no other
/// figure ends).
const SIGN: i64 = 1;

/// The vote of a line whose every cut has one reading, against 1 for a line still in doubt.
const CERTAIN_VOTE: i64 = 2;

/// The shortest run of dashes read as a rule drawn across a table.
const MIN_RULE: usize = 10;

/// The most readings of one line kept at each cut (a crafted line of thousands of pieces).
const MAX_STATES: usize = 64;

/// The most readings of one printed-again line weighed together with its repetitions.
const MAX_READINGS: usize = 243;

/// A field's weight on its column boundary (a word's start, a figure's end) and on its other
/// edge (left-aligned figures, headings over right-aligned figures).
const STRONG: i64 = 2;
const WEAK: i64 = 1;

/// A blank-separated field of a piece: `[start, end)` in characters.
#[derive(Debug, Clone, Copy)]
struct Field {
    start: usize,
    end: usize,
    /// Reads as a figure: right-aligned in its column, where words are left-aligned.
    figure: bool,
}

impl Field {
    /// A figure of a digit or two (`0`, `24`): right-aligned, its start is no column's.
    fn short_figure(&self) -> bool {
        self.figure && self.end - self.start <= 2
    }

    /// Weights of the field's start and end: a figure's column boundary is its end, a word's
    /// its start.
    fn weights(&self) -> (i64, i64) {
        if self.figure {
            (WEAK, STRONG)
        } else {
            (STRONG, WEAK)
        }
    }
}

/// One piece: its trimmed length and fields, and which of its edges are not column
/// boundaries: the end of its last field where a token may run on into the next piece, the
/// start of its first where one may run on from the previous piece (counted in no reading, so
/// joining a token and splitting it are weighed on the fields that follow).
struct Segment {
    len: usize,
    fields: Vec<Field>,
    /// Starts with a non-blank.
    lead: bool,
    /// Ends with a non-blank.
    trail: bool,
    skip_first_start: bool,
    skip_last_end: bool,
}

impl Segment {
    /// Per field, the column boundaries it marks when the segment starts at `offset`.
    fn field_keys(&self, offset: usize) -> impl Iterator<Item = [Option<(Key, i64)>; 2]> + '_ {
        let last = self.fields.len().saturating_sub(1);
        // Inside a phrase (fields one blank apart: `COPYRIGHT 2002 Deutsche Bank`, `Number of
        // Paid in Full Loans`) a field's edges that face its neighbours are no column's: only
        // the phrase's own start and end line up with a table.
        let phrase = |j: usize, k: usize| {
            let (a, b) = (&self.fields[j], &self.fields[k]);
            b.start == a.end + 1
        };
        self.fields.iter().enumerate().map(move |(j, f)| {
            let (ws, we) = f.weights();
            [
                (!(f.short_figure()
                    || (j == 0 && self.skip_first_start)
                    || (j > 0 && phrase(j - 1, j))))
                .then_some((Key::Start(offset + f.start, f.figure, f.end - f.start), ws)),
                (!((j == last && self.skip_last_end) || (j < last && phrase(j, j + 1))))
                    .then_some((Key::End(offset + f.end, f.figure), we)),
            ]
        })
    }

    /// The column boundaries the segment marks when it starts at `offset`.
    fn keys(&self, offset: usize) -> impl Iterator<Item = (Key, i64)> + '_ {
        self.field_keys(offset).flatten().flatten()
    }
}

#[derive(Debug, Clone, Copy)]
enum Key {
    /// A field's start column, whether the field is a figure, and its width.
    Start(usize, bool, usize),
    /// A field's end column, and whether the field is a figure.
    End(usize, bool),
}

/// How well a reading lines up (with the document's word on it), then how well the edges
/// its fields do not line up by line up too (a figure left-aligned under a heading: its start
/// says where the column is, where its end may fall in no column), then how likely it is a
/// priori: compared in that order.
type Score = (i64, i64, i64);

/// A reading of a whole line (the pad at each cut) and its score.
type Scored = (Vec<usize>, Score);

/// One reading of one cut.
#[derive(Debug, Clone, Copy)]
struct Reading {
    pad: usize,
    /// The vocabulary's word (0 or 1).
    vocabulary: i64,
    /// How likely the reading is a priori: 0 the likeliest, then -1, -2.
    prior: i64,
}

struct Line {
    segments: Vec<Segment>,
    /// The readings of each cut.
    cuts: Vec<Vec<Reading>>,
    /// The pad chosen at each cut.
    choice: Vec<usize>,
    /// Where each segment may start, in any reading.
    reachable: Vec<Vec<usize>>,
}

impl Line {
    fn new(
        pieces: &[Piece<'_>],
        survey: &Survey<'_>,
        runs: &Runs<'_>,
        figures_end_at: &dyn Fn(usize) -> bool,
    ) -> Line {
        let mut segments: Vec<Segment> = pieces
            .iter()
            .map(|p| {
                let content = p.content.trim_end();
                Segment {
                    len: content.chars().count(),
                    fields: fields(content),
                    lead: content.starts_with(|c: char| !c.is_whitespace()),
                    trail: content.ends_with(|c: char| !c.is_whitespace()),
                    skip_first_start: false,
                    skip_last_end: false,
                }
            })
            .collect();
        // A rule drawn across a table (one run of dashes, cut or not) ends where it was drawn,
        // often past the table's last column: its edges are no column's, and it votes none.
        let rule = pieces.iter().all(|p| {
            let content = p.content.trim();
            content.split_whitespace().count() <= 1
                && content.chars().all(|c| matches!(c, '-' | '=' | '_'))
        }) && pieces.iter().map(|p| p.content.trim().len()).sum::<usize>() >= MIN_RULE;
        if rule {
            for segment in &mut segments {
                segment.fields.clear();
            }
        }
        let gaps = gaps(pieces);
        let cuts: Vec<Vec<Reading>> = pieces
            .windows(2)
            .enumerate()
            .map(|(k, pair)| {
                let joinable = segments[k].trail && segments[k + 1].lead;
                let mut pads = survey.candidates(&pair[0], &pair[1]);
                // Between two non-blanks a reading puts back the whole gap between two
                // fields: a gap the document never prints elsewhere is no reading while a
                // token cut in two (or a gap it does print) is another.
                if joinable && pads.iter().any(|&p| survey.prints_gap(p)) {
                    pads.retain(|&p| survey.prints_gap(p));
                }
                // Two whole figures whose join is no figure were never one token.
                if joinable && pads.iter().any(|&p| p > 0) && survey.two_figures(&pair[0], &pair[1])
                {
                    pads.retain(|&p| p > 0);
                    // Nor one blank apart, in a document that never prints two figures so.
                    if !survey.prints_figures_one_apart() && pads.iter().any(|&p| p > 1) {
                        pads.retain(|&p| p > 1);
                    }
                }
                // The blanks the continuation kept before its first word; a line that prints
                // two words as far apart as a reading would elsewhere (a heading's `TOTAL
                // PRINCIPAL BALANCE` after `CUSIP  PRINCIPAL`) says nothing of which it is.
                let lead = pair[1]
                    .content
                    .chars()
                    .take_while(|c| c.is_whitespace())
                    .count();
                let ambiguous = pads
                    .iter()
                    .any(|p| p + lead >= 2 && gaps.contains(&(p + lead)));
                // What the vocabulary says of the join and of any blanks (the same for every
                // number of them): asked once per cut, not once per reading.
                let evidence = joinable
                    .then(|| [0, 1].map(|pad| survey.vocabulary(pieces, &pair[0], &pair[1], pad)));
                let said = evidence.map(|evidence| {
                    evidence.map(|e| match e {
                        Evidence::Whole | Evidence::Apart | Evidence::Words => VOCABULARY,
                        Evidence::Join => JOIN,
                        Evidence::Leans => LEANS,
                        Evidence::Sign => SIGN,
                        Evidence::SplitsAFigure => -VOCABULARY,
                        Evidence::None => 0,
                    })
                });
                // The two fields printed side by side elsewhere, as far apart as `pad` puts
                // them (`COPYRIGHT 2002`). Two words in a line that prints words that far
                // apart too (a heading row: `TOTAL  PRINCIPAL BALANCE`) need the words around
                // them printed alike as well: `TOTAL PRINCIPAL` is a label elsewhere.
                let (left, right) = fields_at_cut(&pair[0], &pair[1]);
                let words = word(left) && word(right);
                let headings = || trade_word(left) && trade_word(right);
                let printed_apart = |pad: usize| {
                    if words && ambiguous {
                        runs.prints(&pair[0], &pair[1], pad)
                    } else {
                        survey.prints_pair(&pair[0], &pair[1], pad)
                    }
                };
                // Whether the vocabulary reads the two fields apart, for the phrase.
                let read_apart = evidence.is_some_and(|e| e[1] == Evidence::Apart);
                pads.into_iter()
                    .enumerate()
                    .map(|(rank, pad)| Reading {
                        pad,
                        vocabulary: if let Some(said) = said {
                            // Words one blank apart, not two; but in a heading row (words
                            // two blanks apart too), a word of the trade that ends where
                            // figures of the lines around end heads their column, and the
                            // next word heads another, two blanks on.
                            let words = evidence.is_some_and(|e| e[1] == Evidence::Words);
                            let heading = words
                                && ambiguous
                                && headings()
                                && k == 0
                                && figures_end_at(segments[0].len);
                            (if (words && !heading && pad > 1) || (heading && pad == 1) {
                                0
                            } else {
                                said[pad.min(1)]
                            }) + if pad > 0 && printed_apart(pad) {
                                PAIR
                            } else {
                                0
                            }
                        } else if runs.prints(&pair[0], &pair[1], pad)
                            || (segments[k].trail
                                && !ambiguous
                                && survey.prints_words_apart(&pair[0], &pair[1], pad + lead))
                        {
                            // A cut on the blanks between two words: the gap is what the trim
                            // took and what the continuation kept (`Fixed` + ` Group`).
                            PAIR
                        } else {
                            0
                        } + if survey.phrase(&pair[0], &pair[1], pad, &gaps, read_apart)
                        {
                            PHRASE
                        } else {
                            0
                        },
                        prior: -(rank as i64),
                    })
                    .collect()
            })
            .collect();
        // Where a reading joins two non-blanks into one token, their edges at the cut are no
        // column boundaries in it: counted in no reading. Where none can (the piece is too
        // short to have been cut inside a token: `FIXED` + `TOTAL` ten blanks short), they are
        // boundaries in every reading, and where the continuation's word starts tells them
        // apart.
        for k in 1..segments.len() {
            let joins = cuts[k - 1].iter().any(|r| r.pad == 0);
            if segments[k - 1].trail && segments[k].lead && joins {
                segments[k - 1].skip_last_end = true;
                segments[k].skip_first_start = true;
            }
        }
        let choice = cuts
            .iter()
            .map(|c| c.first().map_or(0, |r| r.pad))
            .collect();
        let mut reachable = vec![vec![0usize]];
        for (k, readings) in cuts.iter().enumerate() {
            // Where the document's word is decisive, the line votes for that reading only.
            let spoken = readings.iter().any(|r| r.vocabulary.abs() >= VOCABULARY);
            let endorsed = readings.iter().any(|r| r.vocabulary >= VOCABULARY);
            let mut next: Vec<usize> = Vec::new();
            for o in &reachable[k] {
                for r in readings.iter().filter(|r| {
                    !spoken || (r.vocabulary >= 0 && (r.vocabulary >= VOCABULARY || !endorsed))
                }) {
                    next.push(o + segments[k].len + r.pad);
                }
            }
            next.sort_unstable();
            next.dedup();
            next.truncate(MAX_STATES);
            reachable.push(next);
        }
        Line {
            segments,
            cuts,
            choice,
            reachable,
        }
    }

    fn in_doubt(&self) -> bool {
        self.cuts.iter().any(|c| c.len() > 1)
    }

    /// The widest the line can read.
    fn widest(&self) -> usize {
        let pads: usize = self
            .cuts
            .iter()
            .map(|c| c.iter().map(|r| r.pad).max().unwrap_or(0))
            .sum();
        self.segments.iter().map(|s| s.len).sum::<usize>() + pads + 1
    }

    /// Where each segment starts under the current choice.
    fn offsets(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.segments.len());
        let mut offset = 0;
        for (k, segment) in self.segments.iter().enumerate() {
            out.push(offset);
            offset += segment.len + self.choice.get(k).copied().unwrap_or(0);
        }
        out
    }

    /// The line's vote: as read now (`sharp`), or for every reading it may have, each
    /// position of a segment in doubt counting once and a certain one `CERTAIN_VOTE` times.
    fn vote(&self, votes: &mut Votes, sign: i64, sharp: bool) {
        if sharp {
            let weight = if self.in_doubt() { 1 } else { CERTAIN_VOTE };
            for (segment, offset) in self.segments.iter().zip(self.offsets()) {
                for (key, _) in segment.keys(offset) {
                    votes.add(key, sign * weight);
                }
            }
        } else {
            for (segment, offsets) in self.segments.iter().zip(&self.reachable) {
                let weight = if offsets.len() == 1 { CERTAIN_VOTE } else { 1 };
                for &offset in offsets {
                    for (key, _) in segment.keys(offset) {
                        votes.add(key, sign * weight);
                    }
                }
            }
        }
    }

    /// Every reading of the line with its score against `votes` (none if there are too many).
    fn all_readings(&self, votes: &Votes) -> Vec<Scored> {
        let count = self
            .cuts
            .iter()
            .try_fold(1usize, |n, c| n.checked_mul(c.len().max(1)))
            .unwrap_or(usize::MAX);
        if count > MAX_READINGS {
            return Vec::new();
        }
        let mut out: Vec<(Vec<usize>, Score, usize)> = vec![(Vec::new(), (0, 0, 0), 0)];
        for (k, readings) in self.cuts.iter().enumerate() {
            let segment = &self.segments[k];
            let mut next = Vec::with_capacity(out.len() * readings.len());
            for (path, score, offset) in &out {
                let (aligned, also) = votes.score(segment, *offset);
                for r in readings {
                    let mut path = path.clone();
                    path.push(r.pad);
                    next.push((
                        path,
                        (
                            score.0 + aligned + r.vocabulary,
                            score.1 + also,
                            score.2 + r.prior,
                        ),
                        offset + segment.len + r.pad,
                    ));
                }
            }
            out = next;
        }
        let Some(last) = self.segments.last() else {
            return Vec::new();
        };
        out.into_iter()
            .map(|(path, score, offset)| {
                let (aligned, also) = votes.score(last, offset);
                (path, (score.0 + aligned, score.1 + also, score.2))
            })
            .collect()
    }

    /// The reading of every cut that lines up best with `votes`.
    fn decide(&self, votes: &Votes) -> Vec<usize> {
        struct State {
            offset: usize,
            score: Score,
            path: Vec<usize>,
        }
        let mut states = vec![State {
            offset: 0,
            score: (0, 0, 0),
            path: Vec::with_capacity(self.cuts.len()),
        }];
        for (k, readings) in self.cuts.iter().enumerate() {
            let segment = &self.segments[k];
            let mut next: Vec<State> = Vec::with_capacity(states.len() * readings.len());
            for state in &states {
                let (aligned, also) = votes.score(segment, state.offset);
                for r in readings {
                    let score = (
                        state.score.0 + aligned + r.vocabulary,
                        state.score.1 + also,
                        state.score.2 + r.prior,
                    );
                    let offset = state.offset + segment.len + r.pad;
                    match next.iter_mut().find(|s| s.offset == offset) {
                        Some(s) if s.score >= score => {}
                        Some(s) => {
                            s.score = score;
                            s.path.clone_from(&state.path);
                            s.path.push(r.pad);
                        }
                        None => {
                            let mut path = state.path.clone();
                            path.push(r.pad);
                            next.push(State {
                                offset,
                                score,
                                path,
                            });
                        }
                    }
                }
            }
            if next.len() > MAX_STATES {
                next.sort_by_key(|s| std::cmp::Reverse(s.score));
                next.truncate(MAX_STATES);
            }
            states = next;
        }
        let Some(last) = self.segments.last() else {
            return Vec::new();
        };
        let mut best: Option<(Vec<usize>, Score)> = None;
        for state in states {
            let (aligned, also) = votes.score(last, state.offset);
            let score = (state.score.0 + aligned, state.score.1 + also, state.score.2);
            if best.as_ref().is_none_or(|(_, b)| score > *b) {
                best = Some((state.path, score));
            }
        }
        best.map(|(p, _)| p).unwrap_or_default()
    }
}

/// The neighbourhood's votes: per column, how many fields start and end there, words and
/// figures apart.
struct Votes {
    /// Indexed by kind (a word 0, a figure 1), then column.
    starts: [Vec<i64>; 2],
    ends: [Vec<i64>; 2],
    /// Per column, the figures that start there by width: figures of one width right-aligned
    /// in one column start together too, which says nothing of a column starting there.
    figure_widths: Vec<Vec<(usize, i64)>>,
}

impl Votes {
    fn new(width: usize) -> Votes {
        Votes {
            starts: [vec![0; width], vec![0; width]],
            ends: [vec![0; width], vec![0; width]],
            figure_widths: vec![Vec::new(); width],
        }
    }

    fn add(&mut self, key: Key, weight: i64) {
        if let Key::Start(c, true, width) = key {
            if let Some(widths) = self.figure_widths.get_mut(c) {
                match widths.iter_mut().find(|(w, _)| *w == width) {
                    Some((_, count)) => *count += weight,
                    None => widths.push((width, weight)),
                }
            }
        }
        let slot = match key {
            Key::Start(c, figure, _) => self.starts[usize::from(figure)].get_mut(c),
            Key::End(c, figure) => self.ends[usize::from(figure)].get_mut(c),
        };
        if let Some(slot) = slot {
            *slot += weight;
        }
    }

    /// The votes for a boundary at `key`: fields of the same edge there count double, and
    /// those of the other edge once: where one column's figures end, the next column's
    /// heading starts (a heading left-aligned over right-aligned figures). Not a figure's
    /// start where other figures end: figures of one table never touch, so those are the
    /// figures of another table (a page above), and reading a figure there lines it up with
    /// nothing of its own. Nor, for a figure's start, the figures of another width starting
    /// there together (see [`Votes::same_width`]).
    fn get(&self, key: Key) -> i64 {
        let at = |v: &Vec<i64>, c: usize| v.get(c).copied().unwrap_or(0);
        let (same, other) = match key {
            Key::Start(c, figure, width) => (
                at(&self.starts[0], c) + at(&self.starts[1], c)
                    - if figure { self.same_width(c, width) } else { 0 },
                at(&self.ends[0], c) + if figure { 0 } else { at(&self.ends[1], c) },
            ),
            Key::End(c, _) => (
                at(&self.ends[0], c) + at(&self.ends[1], c),
                at(&self.starts[0], c) + at(&self.starts[1], c),
            ),
        };
        2 * same + other
    }

    /// The most figures of one width other than `width` that start at `c`, more than one
    /// line's certain vote: a column of figures as wide as each other, right-aligned
    /// (`366896794.3` over `366896794.3`), whose starts a figure of another width lines up
    /// with by chance. Figures of many widths starting together are left-aligned, and a
    /// figure as wide as them lines up by its end as well. (Not for a word: a heading
    /// printed over figures as wide as itself starts where they do, and says so.)
    fn same_width(&self, c: usize, width: usize) -> i64 {
        self.figure_widths
            .get(c)
            .into_iter()
            .flatten()
            .filter(|&&(w, count)| w != width && count > CERTAIN_VOTE)
            .map(|&(_, count)| count)
            .max()
            .unwrap_or(0)
    }

    /// How well `segment`, starting at `offset`, lines up with the votes: by the edge of each
    /// field that lines up best, then by its other edge.
    fn score(&self, segment: &Segment, offset: usize) -> (i64, i64) {
        // A field lines up by its start (words, left-aligned figures) or by its end
        // (right-aligned figures), whichever its neighbours share; its other edge only breaks
        // a tie (`0.00` left-aligned under `TOTAL`, where its end falls in no column either
        // way).
        segment
            .field_keys(offset)
            .map(|keys| {
                let [a, b] = keys.map(|k| k.map_or(0, |(key, weight)| weight * self.get(key)));
                (a.max(b), a.min(b))
            })
            .fold((0, 0), |(x, y), (a, b)| (x + a, y + b))
    }
}

/// Joins every line of `groups`, deciding its cuts by the columns of the lines around it.
pub(crate) fn join_by_columns(
    groups: &[(usize, Vec<Piece<'_>>)],
    survey: &Survey<'_>,
) -> Vec<String> {
    let runs = Runs::new(groups);
    let figures = FigureColumns::new(groups);
    let mut lines: Vec<Line> = groups
        .iter()
        .enumerate()
        .map(|(i, (_, pieces))| {
            Line::new(pieces, survey, &runs, &|column| figures.end_at(i, column))
        })
        .collect();
    let widest = lines.iter().map(Line::widest).max().unwrap_or(0) + 1;
    settle(&mut lines, widest, &[]);
    // The lines printed again and again then agree on one reading, which moves columns their
    // neighbours were read against (a report's column headings, printed on every page): the
    // other lines are read again against them, the agreed ones kept. Again from every
    // reading, not from the one each line took: the rows of a table cut in the same blanks on
    // every line, read against the headings' wrong reading, agree among themselves on a wrong
    // one too and would keep it.
    let agreed = agree_on_repeated_lines(&mut lines, groups, widest);
    if agreed.contains(&true) {
        settle(&mut lines, widest, &agreed);
    }
    groups
        .iter()
        .zip(&lines)
        .map(|((_, pieces), line)| text(pieces, &line.choice))
        .collect()
}

/// Per line, the columns where the whole figures of its first piece end: where they are
/// printed, whatever the cuts are read as (not a last field a cut may run on from).
struct FigureColumns<'g, 'a> {
    groups: &'g [(usize, Vec<Piece<'a>>)],
    /// Surveyed the first time a heading asks: most documents have no cut that does.
    ends: std::cell::OnceCell<Vec<Vec<usize>>>,
}

impl<'g, 'a> FigureColumns<'g, 'a> {
    fn new(groups: &'g [(usize, Vec<Piece<'a>>)]) -> FigureColumns<'g, 'a> {
        FigureColumns {
            groups,
            ends: std::cell::OnceCell::new(),
        }
    }

    fn ends(&self) -> &[Vec<usize>] {
        self.ends.get_or_init(|| {
            self.groups
                .iter()
                .map(|(_, pieces)| {
                    let Some(first) = pieces.first() else {
                        return Vec::new();
                    };
                    let content = first.content.trim_end();
                    let run_on = pieces.get(1).is_some_and(|next| first.runs_on_into(next));
                    let fields: Vec<(usize, &str)> = fields_at(content).collect();
                    let keep = fields.len() - usize::from(run_on && !fields.is_empty());
                    fields[..keep]
                        .iter()
                        .filter(|(_, token)| whole_figure(token))
                        .map(|(start, token)| {
                            content[..*start].chars().count() + token.chars().count()
                        })
                        .collect()
                })
                .collect()
        })
    }

    /// Whether two figures or more end at `column` within `HEADING_REACH` lines of `line`.
    fn end_at(&self, line: usize, column: usize) -> bool {
        let ends = self.ends();
        let around = line.saturating_sub(HEADING_REACH)..(line + HEADING_REACH + 1).min(ends.len());
        ends[around]
            .iter()
            .flatten()
            .filter(|&&end| end == column)
            .nth(1)
            .is_some()
    }
}

/// Rounds of voting (the first weighs every reading of every line), each line in doubt taking
/// the reading that lines up best with its neighbourhood, until none changes; the lines
/// `fixed` keep theirs and vote with it in every round.
fn settle(lines: &mut [Line], widest: usize, fixed: &[bool]) {
    let n = lines.len();
    for round in 0..ROUNDS {
        // The first round weighs every reading of every line: each line's true reading puts
        // its fields where every line of its table may have them, a wrong one where only
        // some may. Later rounds weigh each line as read.
        let sharp = round > 0;
        let mut votes = Votes::new(widest);
        let (mut lo, mut hi) = (0, 0);
        let mut changed = false;
        let fixed_at = |i: usize| fixed.get(i).copied().unwrap_or(false);
        for i in 0..n {
            while hi < (i + NEIGHBOURHOOD + 1).min(n) {
                lines[hi].vote(&mut votes, 1, sharp || fixed_at(hi));
                hi += 1;
            }
            while lo + NEIGHBOURHOOD < i {
                lines[lo].vote(&mut votes, -1, sharp || fixed_at(lo));
                lo += 1;
            }
            if !lines[i].in_doubt() || fixed_at(i) {
                continue;
            }
            lines[i].vote(&mut votes, -1, sharp);
            let choice = lines[i].decide(&votes);
            if sharp {
                if choice != lines[i].choice {
                    changed = true;
                    lines[i].choice = choice;
                }
                lines[i].vote(&mut votes, 1, sharp);
            } else {
                lines[i].vote(&mut votes, 1, sharp);
                changed |= choice != lines[i].choice;
                lines[i].choice = choice;
            }
        }
        if sharp && !changed {
            break;
        }
    }
}

/// The line the pieces make with `choice` blanks put back at each cut.
fn text(pieces: &[Piece<'_>], choice: &[usize]) -> String {
    let mut out = String::new();
    for (k, piece) in pieces.iter().enumerate() {
        match choice.get(k) {
            Some(&pad) => {
                out.push_str(piece.content.trim_end());
                out.extend(std::iter::repeat_n(' ', pad));
            }
            None => out.push_str(piece.content),
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// A line as its repetitions print it too: figures and words may differ (`Page 4 of 24`,
/// `Page 5 of 24`; the same formula for `MDR` and for `CDR`), not the blanks between them.
fn shape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                '0'
            } else if c.is_alphabetic() {
                'a'
            } else {
                c
            }
        })
        .collect()
}

/// Lines printed again and again (page headers and footers, column headings of a report
/// printed on many pages) read the same each time: each such line takes the reading, among
/// those all its repetitions allow, that lines up best with the neighbourhoods of all of them.
fn agree_on_repeated_lines(
    lines: &mut [Line],
    groups: &[(usize, Vec<Piece<'_>>)],
    widest: usize,
) -> Vec<bool> {
    let mut agreed = vec![false; lines.len()];
    let mut repeated: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (_, pieces)) in groups.iter().enumerate() {
        let printed: String = pieces
            .iter()
            .flat_map(|p| p.content.chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        if printed.chars().any(char::is_alphabetic) {
            repeated.entry(shape(&printed)).or_default().push(i);
        }
    }
    let mut wanted = vec![false; lines.len()];
    repeated.retain(|_, members| {
        let keep = members.len() >= 2 && members.iter().any(|&i| lines[i].in_doubt());
        if keep {
            for &i in members.iter() {
                wanted[i] = true;
            }
        }
        keep
    });
    if repeated.is_empty() {
        return agreed;
    }
    // Each wanted line's readings, scored against its neighbourhood as read now.
    let mut readings: HashMap<usize, Vec<Scored>> = HashMap::new();
    let mut votes = Votes::new(widest);
    let n = lines.len();
    let (mut lo, mut hi) = (0, 0);
    for i in 0..n {
        while hi < (i + NEIGHBOURHOOD + 1).min(n) {
            lines[hi].vote(&mut votes, 1, true);
            hi += 1;
        }
        while lo + NEIGHBOURHOOD < i {
            lines[lo].vote(&mut votes, -1, true);
            lo += 1;
        }
        if wanted[i] {
            lines[i].vote(&mut votes, -1, true);
            readings.insert(i, lines[i].all_readings(&votes));
            lines[i].vote(&mut votes, 1, true);
        }
    }
    for members in repeated.values() {
        // Per member, its best reading of each shape the line can take.
        let mut options: Vec<(usize, HashMap<String, Scored>)> = Vec::new();
        for &i in members {
            let mut seen: HashMap<String, Scored> = HashMap::new();
            for (path, score) in readings.get(&i).into_iter().flatten() {
                let key = shape(&text(&groups[i].1, path));
                match seen.get(&key) {
                    Some((_, best)) if best >= score => {}
                    _ => {
                        seen.insert(key, (path.clone(), *score));
                    }
                }
            }
            if !seen.is_empty() {
                options.push((i, seen));
            }
        }
        // The shape most repetitions can take (the true one, which every repetition can,
        // whatever its cuts; each wrong one only those cut on one side of it) is read by all
        // of them; the rest (printed another way: `Page 1` indented further, `of  24`) agree
        // among themselves in turn.
        while options.len() >= 2 {
            let mut tally: HashMap<&str, (usize, Score)> = HashMap::new();
            for (_, seen) in &options {
                for (key, (_, score)) in seen {
                    let entry = tally.entry(key.as_str()).or_default();
                    entry.0 += 1;
                    entry.1 .0 += score.0;
                    entry.1 .1 += score.1;
                    entry.1 .2 += score.2;
                }
            }
            let Some((key, (count, _))) = tally
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
            else {
                break;
            };
            if count < 2 {
                break;
            }
            let key = key.to_string();
            options.retain(|(i, seen)| match seen.get(&key) {
                Some((path, _)) => {
                    lines[*i].choice.clone_from(path);
                    agreed[*i] = true;
                    false
                }
                None => true,
            });
        }
    }
    agreed
}

/// The blank-separated fields of `text`, in characters.
fn fields(text: &str) -> Vec<Field> {
    #[derive(Default)]
    struct Open {
        start: usize,
        digits: usize,
        letter: bool,
        /// The field's first character.
        first: char,
        equals: bool,
    }
    let mut out = Vec::new();
    let mut open: Option<Open> = None;
    for (n, c) in text.chars().chain(std::iter::once(' ')).enumerate() {
        if c.is_whitespace() {
            if let Some(f) = open.take() {
                // `(1)`, `(4)=(2)+(3)`: column references, left-aligned like words.
                let reference = (f.first == '(' && f.digits == 1) || f.equals;
                // A dash alone is a table's nil figure (`CA  -  73.00%`), right-aligned as
                // figures are; its start is no column's.
                let nil = n == f.start + 1 && f.first == '-';
                out.push(Field {
                    start: f.start,
                    end: n,
                    figure: (f.digits > 0 && !f.letter && !reference) || nil,
                });
            }
        } else {
            let f = open.get_or_insert(Open {
                start: n,
                first: c,
                ..Open::default()
            });
            f.digits += usize::from(c.is_ascii_digit());
            f.letter |= c.is_alphabetic();
            f.equals |= c == '=';
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for k in 1..out.len() {
        let (count, next) = (out[k - 1], out[k]);
        if label_count(&chars, count, next) {
            out[k - 1].figure = false;
        }
    }
    out
}

/// A count printed before the word it counts (`1 PAYMENT`, `3+  PAYMTS`, `30 Days`) is part of
/// a label: left-aligned with its word, not a figure right-aligned in a column.
fn label_count(chars: &[char], count: Field, next: Field) -> bool {
    let text = |f: Field| chars.get(f.start..f.end).unwrap_or_default();
    count.figure
        && count.end - count.start <= 3
        && next.start - count.end <= 2
        && text(count).iter().all(|c| c.is_ascii_digit() || *c == '+')
        && text(next).first().is_some_and(|c| c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::NEIGHBOURHOOD;
    use crate::unwrap::unwrap_lines;

    /// Cuts `line` as a drifting agent does: piece `k` at `widths[k]` physical columns (a
    /// continuation's `>` counting), every piece losing its trailing blanks.
    fn cut(line: &str, widths: &mut impl Iterator<Item = usize>, out: &mut String) {
        let mut rest: Vec<char> = line.chars().collect();
        let mut first = true;
        loop {
            let room = widths.next().unwrap_or(30) - usize::from(!first);
            let tail = rest.split_off(room.min(rest.len()));
            if !first {
                out.push('>');
            }
            out.push_str(rest.iter().collect::<String>().trim_end());
            out.push('\n');
            if tail.is_empty() {
                return;
            }
            rest = tail;
            first = false;
        }
    }

    /// The document's lines cut at widths drifting within 28..=30, in a fixed order.
    fn drifting(lines: &[String]) -> String {
        let mut widths = [30, 28, 29, 30, 29, 28, 28, 30, 29].into_iter().cycle();
        let mut out = String::new();
        for line in lines {
            cut(line, &mut widths, &mut out);
        }
        out
    }

    /// A row of right-aligned figures ending at columns 35, 50 and 65.
    fn figures(label: &str, values: [&str; 3]) -> String {
        let mut line = format!("{label:<20}");
        for (value, end) in values.iter().zip([35, 50, 65]) {
            line.push_str(&format!("{value:>width$}", width = end - line.len()));
        }
        line
    }

    #[test]
    fn two_whole_figures_a_cut_falls_between_are_read_apart_by_their_columns() {
        // Figures right-aligned at columns 28, 42, 58 and 72, twelve characters wide: two
        // blanks between the first and the second. A row cut at 30 loses those two blanks to
        // the trim, and its halves are two whole figures whose join is no figure
        // (`3,041,935.045,665,942.76`, `01,183,300.77`): the columns say how far apart.
        let row = |label: &str, figures: [&str; 4]| {
            format!(
                "{label:<6}{:>22}{:>14}{:>16}{:>14}",
                figures[0], figures[1], figures[2], figures[3]
            )
        };
        for (a, b) in [("3,041,935.04", "5,665,942.76"), ("0", "1,183,300.77")] {
            let mut lines = Vec::new();
            let mut text = String::new();
            let mut widths = [30, 28, 29, 30, 29, 28, 28, 30, 29].into_iter().cycle();
            for k in 0..12 {
                let line = row(
                    &format!("A-{k}"),
                    [
                        &format!("1,234,567.{k:02}"),
                        &format!("7,654,321.{k:02}"),
                        &format!("2,345,678.{k:02}"),
                        &format!("8,765,432.{k:02}"),
                    ],
                );
                // The first piece ends in the blanks before the second figure.
                let first = 28 + k % 2;
                cut(
                    &line,
                    &mut std::iter::once(first).chain(&mut widths),
                    &mut text,
                );
                lines.push(line);
            }
            let line = row("TOTAL", [a, b, "3,456,789.01", "9,876,543.21"]);
            cut(
                &line,
                &mut std::iter::once(30).chain(&mut widths),
                &mut text,
            );
            lines.push(line);
            let joined: Vec<String> = unwrap_lines(&text).into_iter().map(|(l, _)| l).collect();
            assert_eq!(joined, lines, "cut as:\n{text}");
        }
    }

    #[test]
    fn a_heading_cut_in_its_blanks_reads_as_the_document_prints_it_elsewhere() {
        // Rows cut inside their figures at 28 to 30 show the limit and no habit. The heading
        // is cut at 29, right after `ESTIMATED`, and the rates under it float with it (every
        // row cut in the blanks before its rate): the columns read the tail as well a column
        // to the right, and the heading prints words two blanks apart too (`TOTAL  ESTIMATED`).
        // The heading printed whole elsewhere says one blank.
        let mut text = String::new();
        let mut lines = Vec::new();
        let mut push = |line: String, widths: &[usize], text: &mut String| {
            cut(&line, &mut widths.iter().copied(), text);
            lines.push(line);
        };
        push("RATE  ESTIMATED NEXT RATE".to_string(), &[30], &mut text);
        for k in 0..6 {
            let row = figures(
                &format!("A-{k}"),
                ["1,234,567.89", "2,345,678.90", "3,456.78"],
            );
            let widths = [[30, 30], [30, 28], [30, 29], [30, 29], [29, 30], [28, 28]];
            push(row, &widths[k], &mut text);
        }
        push(
            format!("{:<13}TOTAL  ESTIMATED NEXT RATE", "CLASS"),
            &[29, 30],
            &mut text,
        );
        for k in 0..2 {
            push(format!("A-{k}{:>36}", "6.240000%"), &[29, 30], &mut text);
        }
        let joined: Vec<String> = unwrap_lines(&text).into_iter().map(|(l, _)| l).collect();
        assert_eq!(joined[7], lines[7], "cut as:\n{text}");
    }

    #[test]
    fn a_rule_across_the_table_marks_no_column() {
        // Rows of a label and a figure ending at column 40, cut in the blanks between them at
        // 28 to 30: only the rows say where the figures end. The rules between them run two
        // columns past the table's edge, at 42, on lines cut inside their dashes (certain).
        let rule = "-".repeat(42);
        // Each row its own shape: no row repeats another.
        let row = |k: usize| {
            let label = [
                "A-1", "R-II", "C", "A-22", "IO", "B-1", "A-333", "X", "M-12",
            ][k];
            format!("{label}{:>width$}", "1,234.56", width = 40 - label.len())
        };
        let mut text = String::new();
        let mut lines = Vec::new();
        let mut k = 0;
        for row_widths in [[28, 30, 29], [28, 29, 30], [30, 28, 28]] {
            for _ in 0..3 {
                cut(&rule, &mut [30, 30].into_iter(), &mut text);
                lines.push(rule.clone());
            }
            for width in row_widths {
                cut(&row(k), &mut [width, 30].into_iter(), &mut text);
                lines.push(row(k));
                k += 1;
            }
        }
        // Far below, out of the table's reach, words cut at 28 and 29: the agent drifts.
        assert_rejoined(text, &lines, &[28, 29, 28, 29]);
    }

    /// Rejoins `text` after words cut at `drift` far below it (out of its tables' reach, so
    /// that the document drifts) and asserts its first lines come back as `lines`.
    fn assert_rejoined(mut text: String, lines: &[String], drift: &[usize]) {
        let word = "abcdefghij".repeat(4);
        for &width in drift {
            text.push_str(&"\n".repeat(NEIGHBOURHOOD));
            cut(&word, &mut [width, 30].into_iter(), &mut text);
        }
        let joined: Vec<String> = unwrap_lines(&text).into_iter().map(|(l, _)| l).collect();
        assert_eq!(joined[..lines.len()], *lines, "cut as:\n{text}");
    }

    #[test]
    fn a_short_figure_lines_up_by_its_end_not_where_wider_figures_start() {
        // Rows whose figures, eleven characters wide, end at column 50 and so all start at 39,
        // each cut inside its label (certain). A `0.00` ends at 42 on a row cut inside its
        // label too, and on one cut in the blanks after its label at 28: read a column to the
        // right, its start lines up with the wide figures' starts. They start together
        // because they are as wide as each other, right-aligned: that says nothing of a
        // column starting there, and the `0.00` lines up by its end.
        let row = |label: &str, figure: &str, end: usize| {
            format!("{label}{figure:>width$}", width = end - label.len())
        };
        let mut text = String::new();
        let mut lines = Vec::new();
        let mut push = |line: String, width: usize, text: &mut String| {
            cut(&line, &mut [width, 30].into_iter(), text);
            lines.push(line);
        };
        for k in 0..8 {
            let label = format!("Weighted Average Coupon Original {k}");
            push(
                row(&label, &format!("36689679{k}.3"), 50),
                28 + k % 3,
                &mut text,
            );
        }
        push(
            row("Balance of Subsequent Loans added", "0.00", 42),
            29,
            &mut text,
        );
        push(row("Withdrawal amounts", "0.00", 42), 28, &mut text);
        assert_rejoined(text, &lines, &[28, 29, 28, 29]);
    }

    #[test]
    fn a_figure_does_not_start_where_another_tables_figures_end() {
        // Ten rows of a table above, never cut, their figures ending at column 30.
        let mut text = String::new();
        let mut lines = Vec::new();
        for k in 0..10 {
            let row = format!("T-{k}{:>27}", format!("1,234.5{k}"));
            cut(&row, &mut [30].into_iter(), &mut text);
            lines.push(row);
        }
        // A table of three rows below (no two printed alike), figures at columns 32 to 40,
        // each row cut in the blanks before its figure at 30, 29 and 28: the trim took what
        // the continuation did not keep, and the figure reads at 30 to 32, 31 to 33 and 32
        // to 34. Read at 30, the first row's figure starts where the rows above end their
        // figures: no column of its own (a heading would start there, not a figure).
        for (label, figure, width) in [
            ("R-0", "9,876.50", 30),
            ("RR-1", "8,765.41", 29),
            ("RRR-2", "7,654.32", 28),
        ] {
            let row = format!("{label:<32}{figure}");
            cut(&row, &mut [width, 30].into_iter(), &mut text);
            lines.push(row);
        }
        // Far below, out of the tables' reach, words cut at 28, 29 and 30: the agent drifts.
        assert_rejoined(text, &lines, &[28, 29, 30, 28, 29, 30]);
    }

    #[test]
    fn the_words_inside_a_phrase_mark_no_column() {
        // A footer above and below the table prints `(c) COPYRIGHT 2002 Deutsche Bank`, its
        // one cut inside `COPYRIGHT` at the limit (one reading): `2002` ends at column 41,
        // `Deutsche` starts at 42. The rows' figures end at 40, each row cut in the blanks
        // before its figure at 28, 29 or 30: read at 41 by some, at 40 by all. A year inside
        // a phrase is no figure of a column, and the start of the phrase's next word no
        // column's start.
        let footer = format!("{:23}(c) COPYRIGHT 2002 Deutsche Bank", "");
        assert_eq!(footer.find(" Deutsche"), Some(41));
        let labels = [
            "A", "BB", "C-1", "DD-2", "E-33", "FF-44", "G-555", "HH", "I-6",
        ];
        let mut text = String::new();
        let mut lines = Vec::new();
        cut(&footer, &mut [30, 30].into_iter(), &mut text);
        lines.push(footer.clone());
        for (k, label) in labels.iter().enumerate() {
            let figure = format!("{},{:03}.{:02}", k + 1, 111 * k, 7 * k);
            let row = format!("{label:<6}{figure:>34}");
            let width = [28, 29, 30][k % 3];
            cut(&row, &mut [width, 30].into_iter(), &mut text);
            lines.push(row);
        }
        cut(&footer, &mut [30, 30].into_iter(), &mut text);
        lines.push(footer);
        // Far below, out of the table's reach, words cut at 28 and 29: the agent drifts.
        assert_rejoined(text, &lines, &[28, 29, 28, 29]);
    }

    #[test]
    fn a_count_before_its_word_is_read_as_a_label_not_a_figure() {
        // The heading's `1` and `2` start where the figures of the column before end; read as
        // figures, their ends would pull the heading a column left, onto those figure ends.
        let heading = format!("{:20}CURRENT{:8}1 PAYMENT{:6}2 PAYMTS", "", "", "");
        assert_eq!(heading.find("1 P"), Some(35));
        assert_eq!(heading.find("2 P"), Some(50));
        let mut lines = vec![heading];
        for (k, label) in ["BALANCE", "LOANS", "PERCENT", "RATE"].iter().enumerate() {
            let digit = k.to_string();
            lines.push(figures(
                label,
                [
                    &format!("1234{digit}67.89"),
                    &format!("2{digit}45678.01"),
                    &format!("345{digit}789.12"),
                ],
            ));
        }
        let text = drifting(&lines);
        let joined: Vec<String> = unwrap_lines(&text).into_iter().map(|(l, _)| l).collect();
        assert_eq!(joined, lines, "cut as:\n{text}");
    }
}
