//! The dependency parser: labelled arc-eager transitions, greedy decoding, an averaged
//! perceptron with Zhang & Nivre (2011) features, trained with Goldberg & Nivre's (2012)
//! dynamic oracle.
//!
//! The artificial root sits at the *end* of the buffer (Ballesteros & Nivre 2013), so the
//! parser decides which words are roots only after it has seen the whole sentence, and every
//! word is guaranteed a head when the parse ends. A transition is one of `SHIFT`, `REDUCE`,
//! `LEFT(label)` and `RIGHT(label)`; the label is chosen jointly with the arc.

use crate::hash::{NONE, f1, f2, f3};
use crate::perceptron::{Trainer, Weights};

const SHIFT: usize = 0;
const REDUCE: usize = 1;
const NO: u32 = u32::MAX;
const NO_LABEL: u16 = u16::MAX;

/// The trained parser.
#[derive(Debug, Clone)]
pub(crate) struct Parser {
    pub weights: Weights,
    /// Dependency labels, with subtypes (`nsubj:pass`).
    pub labels: Vec<String>,
    /// Index of `root` in `labels`.
    pub root: u16,
    /// The feature templates this parser reads.
    pub templates: Templates,
}

/// Which of [`State::features`]' templates a parser reads, split for the parse loop into
/// the ones that depend only on the buffer front (their scores are cached while it stays)
/// and the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Templates {
    ids: Vec<u8>,
    buffer_only: Vec<usize>,
    others: Vec<usize>,
}

impl Templates {
    /// The templates with these positions (out-of-range and repeated ones are dropped).
    pub(crate) fn new(ids: &[u8]) -> Templates {
        let mut ids: Vec<u8> = ids
            .iter()
            .copied()
            .filter(|&i| usize::from(i) < N_FEATURES)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let (buffer_only, others) = ids
            .iter()
            .map(|&i| usize::from(i))
            .partition(|i| BUFFER_ONLY.contains(i));
        Templates {
            ids,
            buffer_only,
            others,
        }
    }

    /// Every template of an unguided parser (the format-5 models).
    pub(crate) fn base() -> Templates {
        Templates::new(&(0..BASE_FEATURES as u8).collect::<Vec<_>>())
    }

    /// Every template, the guide's included: the main parser of a guided model.
    pub(crate) fn guided() -> Templates {
        Templates::new(&(0..N_FEATURES as u8).collect::<Vec<_>>())
    }

    /// The small set the guide parser reads: the core of Zhang & Nivre (2011), words,
    /// tags, distance, labels and valency of the top of the stack and the buffer front.
    /// Measured on EWT dev, a guide with these 38 templates helps the main parser as much
    /// as one with all 96, and reads fewer features (`notes/syntax.md`, round 9).
    pub(crate) fn lean() -> Templates {
        Templates::new(&[
            0, 1, 2, 3, 4, 5, 6, 8, 9, 12, 13, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 30, 32, 41,
            44, 47, 50, 68, 70, 72, 75, 76, 77, 79, 80, 89, 90, 92,
        ])
    }

    /// The template positions, ascending.
    pub(crate) fn ids(&self) -> &[u8] {
        &self.ids
    }

    /// Picks this set's features out of [`State::features`]' output.
    fn select(&self, all: &[u64], out: &mut Vec<u64>) {
        out.clear();
        out.extend(self.ids.iter().filter_map(|&i| all.get(usize::from(i))));
    }
}

/// A parser configuration. Words are `0..n`; index `n` is the root, last in the buffer.
#[derive(Debug, Clone)]
pub(crate) struct State {
    n: usize,
    stack: Vec<u32>,
    in_stack: Vec<bool>,
    b: usize,
    head: Vec<u32>,
    label: Vec<u16>,
    /// Leftmost and second leftmost children.
    l1: Vec<u32>,
    l2: Vec<u32>,
    /// Rightmost and second rightmost children.
    r1: Vec<u32>,
    r2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

/// Which transition groups are allowed in a state.
#[derive(Debug, Clone, Copy)]
struct Valid {
    shift: bool,
    reduce: bool,
    left: bool,
    right: bool,
    /// Whether the buffer front is the root (then LEFT must be labelled `root`).
    at_root: bool,
}

impl State {
    pub(crate) fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n.min(256)),
            in_stack: vec![false; n + 1],
            b: 0,
            head: vec![NO; n + 1],
            label: vec![NO_LABEL; n + 1],
            l1: vec![NO; n + 1],
            l2: vec![NO; n + 1],
            r1: vec![NO; n + 1],
            r2: vec![NO; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
            lset: vec![0; n + 1],
            rset: vec![0; n + 1],
        }
    }

    pub(crate) fn is_final(&self) -> bool {
        self.stack.is_empty() && self.b >= self.n
    }

    fn s0(&self) -> Option<usize> {
        self.stack.last().map(|&s| s as usize)
    }

    fn valid(&self) -> Valid {
        let s0_free = self.s0().map(|s| self.head[s] == NO);
        Valid {
            shift: self.b < self.n,
            reduce: s0_free == Some(false),
            left: s0_free == Some(true),
            right: s0_free.is_some() && self.b < self.n,
            at_root: self.b >= self.n,
        }
    }

    fn add_arc(&mut self, h: usize, d: usize, l: u16) {
        self.head[d] = h as u32;
        self.label[d] = l;
        let bit = 1u64 << (l % 64);
        let d32 = d as u32;
        if d < h {
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
            if self.l1[h] == NO || d32 < self.l1[h] {
                self.l2[h] = self.l1[h];
                self.l1[h] = d32;
            } else if self.l2[h] == NO || d32 < self.l2[h] {
                self.l2[h] = d32;
            }
        } else {
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
            if self.r1[h] == NO || d32 > self.r1[h] {
                self.r2[h] = self.r1[h];
                self.r1[h] = d32;
            } else if self.r2[h] == NO || d32 > self.r2[h] {
                self.r2[h] = d32;
            }
        }
    }

    /// Applies a transition the caller has checked to be valid.
    fn apply(&mut self, action: usize, n_labels: usize) {
        match action {
            SHIFT => {
                self.in_stack[self.b] = true;
                self.stack.push(self.b as u32);
                self.b += 1;
            }
            REDUCE => {
                if let Some(s) = self.stack.pop() {
                    self.in_stack[s as usize] = false;
                }
            }
            a if a < 2 + n_labels => {
                if let Some(s) = self.stack.pop() {
                    self.in_stack[s as usize] = false;
                    self.add_arc(self.b, s as usize, (a - 2) as u16);
                }
            }
            a => {
                if let Some(s) = self.s0() {
                    self.add_arc(s, self.b, (a - 2 - n_labels) as u16);
                    self.in_stack[self.b] = true;
                    self.stack.push(self.b as u32);
                    self.b += 1;
                }
            }
        }
    }

    /// The unlabeled cost of SHIFT, REDUCE, LEFT and RIGHT (`u32::MAX` when invalid): the
    /// arcs of the tree `head_of` (`n` = the root) that each makes unreachable (Goldberg &
    /// Nivre 2012, arc-eager). `s0_deps_in_buffer` counts the dependents of a stack word
    /// still in the buffer, which the training oracle and the guide count their own ways.
    fn arc_costs(
        &self,
        head_of: impl Fn(usize) -> usize,
        s0_deps_in_buffer: impl FnOnce(usize) -> u32,
    ) -> [u32; 4] {
        let v = self.valid();
        let b = self.b;
        // Dependents of word `b` left headless on the stack: lost by SHIFT and RIGHT.
        let stack_deps_of_b = || {
            self.stack
                .iter()
                .filter(|&&k| self.head[k as usize] == NO && head_of(k as usize) == b)
                .count() as u32
        };
        let mut cost = [u32::MAX; 4];
        if let Some(s0) = self.s0() {
            let deps_in_buffer = s0_deps_in_buffer(s0);
            if v.reduce {
                cost[REDUCE] = deps_in_buffer;
            }
            if v.left {
                cost[2] = deps_in_buffer + u32::from(head_of(s0) > b);
            }
            if v.right {
                let gh = head_of(b);
                let head_lost = gh != s0 && (gh > b || (gh < b && self.in_stack[gh]));
                cost[3] = u32::from(head_lost) + stack_deps_of_b();
            }
        }
        if v.shift {
            let gh = head_of(b);
            let head_lost = gh < b && self.in_stack[gh];
            cost[SHIFT] = u32::from(head_lost) + stack_deps_of_b();
        }
        cost
    }

    /// What each transition group would cost if the guide's tree were the gold tree
    /// ([`State::arc_costs`], each 0, 1 or "2 or more", 3 for an invalid one), packed two
    /// bits each as SHIFT, REDUCE, LEFT, RIGHT; and the guide's label of the arc LEFT or
    /// RIGHT would build, if the guide has it. `None` without a guide.
    fn guide_costs(&self, guide: &Guide) -> Option<(u64, u64)> {
        if guide.head.len() != self.n {
            return None;
        }
        let b = self.b;
        let head_of = |i: usize| guide.head.get(i).map_or(NO as usize, |&h| h as usize);
        // Up to two: the guide keeps each word's two rightmost dependents.
        let deps_in_buffer = |s0: usize| {
            let [r1, r2] = guide.right.get(s0).copied().unwrap_or([NO, NO]);
            u32::from(r1 != NO && r1 as usize >= b) + u32::from(r2 != NO && r2 as usize >= b)
        };
        let cost = self.arc_costs(head_of, deps_in_buffer);
        let packed = cost.iter().enumerate().fold(0, |acc, (i, &c)| {
            acc | if c == u32::MAX {
                3
            } else {
                u64::from(c.min(2))
            } << (2 * i)
        });
        let label_of = |i: usize| u64::from(guide.label.get(i).copied().unwrap_or(NO_LABEL));
        let label = match self.s0() {
            Some(s0) if cost[2] != u32::MAX && head_of(s0) == b => label_of(s0),
            Some(s0) if cost[3] != u32::MAX && head_of(b) == s0 => 1 << 16 | label_of(b),
            _ => NONE,
        };
        Some((packed, label))
    }

    /// Feature hashes of this state, feature `i` at position `i` (the parser relies on the
    /// positions of the buffer-only ones, [`BUFFER_ONLY`]).
    pub(crate) fn features(&self, t: &Tokens, out: &mut Vec<u64>) {
        let (w, p, u, c) = (&t.w, &t.p, &t.u, &t.c);
        out.clear();
        let opt = |x: u32| if x == NO { None } else { Some(x as usize) };
        let len = self.stack.len();
        let s0 = self.s0();
        let s1 = len.checked_sub(2).map(|i| self.stack[i] as usize);
        let n0 = Some(self.b).filter(|&b| b <= self.n);
        let n1 = Some(self.b + 1).filter(|&b| b <= self.n);
        let n2 = Some(self.b + 2).filter(|&b| b <= self.n);
        let s0h = s0.and_then(|s| opt(self.head[s]));
        let s0h2 = s0h.and_then(|s| opt(self.head[s]));
        let s0l = s0.and_then(|s| opt(self.l1[s]));
        let s0l2 = s0.and_then(|s| opt(self.l2[s]));
        let s0r = s0.and_then(|s| opt(self.r1[s]));
        let s0r2 = s0.and_then(|s| opt(self.r2[s]));
        let n0l = n0.and_then(|s| opt(self.l1[s]));
        let n0l2 = n0.and_then(|s| opt(self.l2[s]));

        let ww = |i: Option<usize>| i.map_or(NONE, |i| w[i]);
        let pp = |i: Option<usize>| i.map_or(NONE, |i| p[i]);
        let ll = |i: Option<usize>| {
            i.map_or(NONE, |i| {
                if self.label[i] == NO_LABEL {
                    NONE ^ 1
                } else {
                    u64::from(self.label[i])
                }
            })
        };
        let (s0w, s0p, n0w, n0p) = (ww(s0), pp(s0), ww(n0), pp(n0));
        let (n1w, n1p, n2w, n2p) = (ww(n1), pp(n1), ww(n2), pp(n2));
        let s0wp = f2(100, s0w, s0p);
        let n0wp = f2(101, n0w, n0p);
        let d = match (s0, n0) {
            (Some(s), Some(b)) => (b - s).min(10) as u64,
            _ => NONE,
        };
        let (s0vl, s0vr, n0vl) = (
            s0.map_or(NONE, |s| u64::from(self.nl[s])),
            s0.map_or(NONE, |s| u64::from(self.nr[s])),
            n0.map_or(NONE, |s| u64::from(self.nl[s])),
        );
        let (s0sl, s0sr, n0sl) = (
            s0.map_or(NONE, |s| self.lset[s]),
            s0.map_or(NONE, |s| self.rset[s]),
            n0.map_or(NONE, |s| self.lset[s]),
        );
        let (s0hp, s0lp, s0rp, n0lp) = (pp(s0h), pp(s0l), pp(s0r), pp(n0l));
        let uu = |i: Option<usize>| i.map_or(NONE, |i| u[i]);
        let (s0u, n0u, n1u, s1u) = (uu(s0), uu(n0), uu(n1), uu(s1));
        let cc = |i: Option<usize>| i.map_or(NONE, |i| c[i]);
        let (s0c, n0c, n1c) = (cc(s0), cc(n0), cc(n1));
        let s0_has_head = s0.map_or(NONE, |s| u64::from(self.head[s] != NO));
        let (gc, gl) = if t.guide.is_empty() {
            (NONE, NONE)
        } else {
            self.guide_costs(&t.guide).unwrap_or((NONE, NONE))
        };
        out.extend([
            f1(0, 0),
            f1(1, s0wp),
            f1(2, s0w),
            f1(3, s0p),
            f1(4, n0wp),
            f1(5, n0w),
            f1(6, n0p),
            f2(7, n1w, n1p),
            f1(8, n1w),
            f1(9, n1p),
            f2(10, n2w, n2p),
            f1(11, n2w),
            f1(12, n2p),
            f2(13, s0wp, n0wp),
            f2(14, s0wp, n0w),
            f2(15, s0w, n0wp),
            f2(16, s0wp, n0p),
            f2(17, s0p, n0wp),
            f2(18, s0w, n0w),
            f2(19, s0p, n0p),
            f2(20, n0p, n1p),
            f3(21, n0p, n1p, n2p),
            f3(22, s0p, n0p, n1p),
            f3(23, s0hp, s0p, n0p),
            f3(24, s0p, s0lp, n0p),
            f3(25, s0p, s0rp, n0p),
            f3(26, s0p, n0p, n0lp),
            f2(27, s0w, d),
            f2(28, s0p, d),
            f2(29, n0w, d),
            f2(30, n0p, d),
            f3(31, s0w, n0w, d),
            f3(32, s0p, n0p, d),
            f2(33, s0w, s0vr),
            f2(34, s0p, s0vr),
            f2(35, s0w, s0vl),
            f2(36, s0p, s0vl),
            f2(37, n0w, n0vl),
            f2(38, n0p, n0vl),
            f1(39, ww(s0h)),
            f1(40, s0hp),
            f1(41, ll(s0)),
            f1(42, ww(s0l)),
            f1(43, s0lp),
            f1(44, ll(s0l)),
            f1(45, ww(s0r)),
            f1(46, s0rp),
            f1(47, ll(s0r)),
            f1(48, ww(n0l)),
            f1(49, n0lp),
            f1(50, ll(n0l)),
            f1(51, ww(s0h2)),
            f1(52, pp(s0h2)),
            f1(53, ll(s0h)),
            f1(54, ww(s0l2)),
            f1(55, pp(s0l2)),
            f1(56, ll(s0l2)),
            f1(57, ww(s0r2)),
            f1(58, pp(s0r2)),
            f1(59, ll(s0r2)),
            f1(60, ww(n0l2)),
            f1(61, pp(n0l2)),
            f1(62, ll(n0l2)),
            f3(63, s0p, s0lp, pp(s0l2)),
            f3(64, s0p, s0rp, pp(s0r2)),
            f3(65, s0p, s0hp, pp(s0h2)),
            f3(66, n0p, n0lp, pp(n0l2)),
            f2(67, s0w, s0sr),
            f2(68, s0p, s0sr),
            f2(69, s0w, s0sl),
            f2(70, s0p, s0sl),
            f2(71, n0w, n0sl),
            f2(72, n0p, n0sl),
            f1(73, ww(s1)),
            f1(74, pp(s1)),
            f3(75, pp(s1), s0p, n0p),
            f2(76, s0p, s0_has_head),
            f3(77, s0_has_head, s0p, n0p),
            f2(78, n0w, n1w),
            f3(79, s0p, ll(s0), n0p),
            f2(80, s0u, n0u),
            f3(81, s0u, n0u, n1u),
            f3(82, s1u, s0u, n0u),
            f3(83, s0u, n0u, d),
            f3(84, s0u, uu(s0l), n0u),
            f3(85, s0u, uu(s0r), n0u),
            f3(86, uu(s0h), s0u, n0u),
            f2(87, s0w, n0u),
            f2(88, s0u, n0w),
            f1(89, s0c),
            f1(90, n0c),
            f1(91, n1c),
            f2(92, s0c, n0c),
            f2(93, s0c, n0p),
            f2(94, s0p, n0c),
            f1(95, cc(s0h)),
            // The guide (see `guide_costs`).
            f1(110, gc),
            f2(111, gc, gl),
            f3(112, gc, s0p, n0p),
            f3(113, gl, s0p, n0p),
            f2(114, gc, s0w),
            f2(115, gc, n0w),
        ]);
    }
}

impl Parser {
    fn n_labels(&self) -> usize {
        self.labels.len()
    }

    /// Best valid transition by score.
    fn best(&self, v: Valid, scores: &[i32]) -> Option<usize> {
        best_valid(v, scores, self.n_labels(), self.root)
    }

    /// Parses the sentence read right to left, and returns the parse in the original order:
    /// the guide a guided parser reads.
    pub(crate) fn parse_reversed(&self, t: &Tokens) -> Guide {
        let (head, label) = self.parse(&t.reversed());
        let (head, label) = unreverse(&head, &label);
        Guide::new(head, label)
    }

    /// Parses one sentence. `w` and `p` hold word and tag values for `0..=n` (the root last).
    /// Returns each word's head (`n` = root) and label index.
    pub(crate) fn parse(&self, t: &Tokens) -> (Vec<u32>, Vec<u16>) {
        let n = t.len();
        let mut state = State::new(n);
        let mut feats = Vec::with_capacity(N_FEATURES);
        let mut rest = Vec::with_capacity(N_FEATURES);
        let mut scores = vec![0i32; self.weights.n_classes()];
        // The scores of the features that read only the buffer front (`BUFFER_ONLY`), for
        // the buffer position `cached`: LEFT and REDUCE keep the buffer front, so about half
        // of the scored transitions reuse them. Integer sums make this exact.
        let mut buffer_scores = vec![0i32; self.weights.n_classes()];
        let mut cached = usize::MAX;
        // Every transition but REDUCE and LEFT moves the buffer; each word is popped once.
        let mut budget = 4 * n + 8;
        while !state.is_final() && budget > 0 {
            budget -= 1;
            let valid = state.valid();
            // A forced move (empty stack: SHIFT; at the root: REDUCE or LEFT-root) needs no
            // scoring; that is every move that empties the stack at the end of a sentence.
            let action = match forced(valid, self.root, self.n_labels()) {
                Some(a) => Some(a),
                None => {
                    state.features(t, &mut feats);
                    if cached != state.b {
                        rest.clear();
                        rest.extend(
                            self.templates
                                .buffer_only
                                .iter()
                                .filter_map(|&i| feats.get(i)),
                        );
                        buffer_scores.iter_mut().for_each(|s| *s = 0);
                        self.weights.add(&rest, &mut buffer_scores);
                        cached = state.b;
                    }
                    rest.clear();
                    rest.extend(self.templates.others.iter().filter_map(|&i| feats.get(i)));
                    scores.copy_from_slice(&buffer_scores);
                    self.weights.add(&rest, &mut scores);
                    self.best(valid, &scores)
                }
            };
            match action {
                Some(a) => state.apply(a, self.n_labels()),
                None => break,
            }
        }
        // Anything left without a head (only possible if the loop above was cut short)
        // becomes a root, so the result is always a tree-shaped answer.
        let mut heads = state.head;
        let mut labels = state.label;
        heads.truncate(n);
        labels.truncate(n);
        for (h, l) in heads.iter_mut().zip(labels.iter_mut()) {
            if *h == NO {
                *h = n as u32;
                *l = self.root;
            }
        }
        (heads, labels)
    }
}

/// Maps a parse of the reversed sentence (word `i` is word `n - 1 - i` of the original)
/// back to the original order.
pub(crate) fn unreverse(head: &[u32], label: &[u16]) -> (Vec<u32>, Vec<u16>) {
    let n = head.len();
    let back = |i: u32| {
        if (i as usize) < n {
            (n - 1 - i as usize) as u32
        } else {
            i
        }
    };
    (
        head.iter().rev().map(|&h| back(h)).collect(),
        label.iter().rev().copied().collect(),
    )
}

impl ParseExample {
    /// The example read right to left (its tree mirrored, which keeps it projective).
    pub(crate) fn reversed(&self) -> ParseExample {
        let (head, label) = unreverse(&self.head, &self.label);
        ParseExample {
            t: self.t.reversed(),
            head,
            label,
        }
    }
}

/// Positions in [`State::features`]' output of the features that depend only on the buffer
/// front (the bias; `n0`, `n1`, `n2` words, tags and clusters), hence not on the stack or
/// the arcs built so far.
const BUFFER_ONLY: [usize; 15] = [0, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 21, 78, 90, 91];

/// Number of features [`State::features`] writes: the base templates, then the guide's.
pub(crate) const N_FEATURES: usize = 102;

/// Number of templates that do not read the guide (the only ones of format-5 models).
const BASE_FEATURES: usize = 96;

/// The only valid transition, when there is exactly one.
fn forced(v: Valid, root: u16, n_labels: usize) -> Option<usize> {
    match (v.shift, v.reduce, v.left, v.right) {
        (true, false, false, false) => Some(SHIFT),
        (false, true, false, false) => Some(REDUCE),
        (false, false, true, false) if v.at_root => Some(2 + usize::from(root)),
        (false, false, true, false) if n_labels == 2 => Some(2 + usize::from(root == 0)),
        _ => None,
    }
}

fn best_valid<T: PartialOrd + Copy>(
    v: Valid,
    scores: &[T],
    n_labels: usize,
    root: u16,
) -> Option<usize> {
    let mut best: Option<(usize, T)> = None;
    let mut consider = |a: usize| {
        if let Some(&s) = scores.get(a)
            && best.is_none_or(|(_, b)| s > b)
        {
            best = Some((a, s));
        }
    };
    if v.shift {
        consider(SHIFT);
    }
    if v.reduce {
        consider(REDUCE);
    }
    if v.left {
        if v.at_root {
            consider(2 + usize::from(root));
        } else {
            (0..n_labels)
                .filter(|&l| l != usize::from(root))
                .for_each(|l| consider(2 + l));
        }
    }
    if v.right {
        (0..n_labels)
            .filter(|&l| l != usize::from(root))
            .for_each(|l| consider(2 + n_labels + l));
    }
    best.map(|(a, _)| a)
}

/// The per-token values parser features read, for words `0..n` and the root at `n`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tokens {
    /// Lowercased words.
    pub w: Vec<u64>,
    /// Fine tags (tagger classes).
    pub p: Vec<u64>,
    /// UPOS tags.
    pub u: Vec<u64>,
    /// Word clusters.
    pub c: Vec<u64>,
    /// The guide parse, if any (empty otherwise).
    pub guide: Guide,
}

/// Another parser's tree for the sentence, read by a guided parser's features.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Guide {
    /// Head of each word (`n` = the root).
    head: Vec<u32>,
    /// Label of each word.
    label: Vec<u16>,
    /// The rightmost and second rightmost dependent of each word (or [`NO`]): enough to
    /// count, up to two, a word's dependents still in the buffer.
    right: Vec<[u32; 2]>,
}

impl Guide {
    /// The guide of a parse (`head[i] == n` for a root).
    pub(crate) fn new(head: Vec<u32>, label: Vec<u16>) -> Guide {
        let n = head.len();
        let mut right = vec![[NO, NO]; n + 1];
        for (d, &h) in head.iter().enumerate() {
            if let Some(r) = right.get_mut(h as usize)
                && d as u32 > h
            {
                // Dependents arrive in increasing order, so each is the new rightmost.
                r[1] = r[0];
                r[0] = d as u32;
            }
        }
        Guide { head, label, right }
    }

    fn is_empty(&self) -> bool {
        self.head.is_empty()
    }

    /// How many of these heads the guide has.
    pub(crate) fn agreement(&self, head: &[u32]) -> usize {
        self.head.iter().zip(head).filter(|(a, b)| a == b).count()
    }
}

impl Tokens {
    /// The sentence read right to left: words `0..n` in reverse order, the root still last;
    /// no guide.
    pub(crate) fn reversed(&self) -> Tokens {
        let n = self.len();
        let flip = |col: &Vec<u64>| -> Vec<u64> {
            col.get(..n)
                .unwrap_or_default()
                .iter()
                .rev()
                .chain(col.get(n))
                .copied()
                .collect()
        };
        Tokens {
            w: flip(&self.w),
            p: flip(&self.p),
            u: flip(&self.u),
            c: flip(&self.c),
            guide: Guide::default(),
        }
    }

    /// Number of words (the root excluded). The four columns have equal lengths by
    /// construction; the shortest one counts, so a mismatch cannot index out of bounds.
    pub(crate) fn len(&self) -> usize {
        [self.w.len(), self.p.len(), self.u.len(), self.c.len()]
            .into_iter()
            .min()
            .unwrap_or(0)
            .saturating_sub(1)
    }
}

/// A sentence prepared for parser training: its tokens and a projective gold tree
/// (`head[i]` = `n` for the root).
#[derive(Debug, Clone)]
pub(crate) struct ParseExample {
    pub t: Tokens,
    pub head: Vec<u32>,
    pub label: Vec<u16>,
}

/// The cost of every transition: gold arcs that become unreachable (Goldberg & Nivre 2012,
/// arc-eager), plus one for a gold arc with the wrong label. `u32::MAX` marks invalid ones.
fn costs(s: &State, ex: &ParseExample, n_labels: usize, root: u16, out: &mut Vec<u32>) {
    out.clear();
    out.resize(2 + 2 * n_labels, u32::MAX);
    let g = &ex.head;
    let (n, b) = (s.n, s.b);
    let head_of = |i: usize| g.get(i).map_or(NO as usize, |&h| h as usize);
    let deps_in_buffer = |s0: usize| (b..n).filter(|&k| head_of(k) == s0).count() as u32;
    let [shift, reduce, left, right] = s.arc_costs(head_of, deps_in_buffer);
    out[SHIFT] = shift;
    out[REDUCE] = reduce;
    let Some(s0) = s.s0() else { return };
    let at_root = s.valid().at_root;
    let wrong_label = |d: usize, l: usize| ex.label.get(d).is_none_or(|&g| usize::from(g) != l);
    for l in 0..n_labels {
        let is_root = l == usize::from(root);
        if left != u32::MAX && is_root == at_root {
            out[2 + l] = left + u32::from(head_of(s0) == b && wrong_label(s0, l));
        }
        if right != u32::MAX && !is_root {
            out[2 + n_labels + l] = right + u32::from(head_of(b) == s0 && wrong_label(b, l));
        }
    }
}

/// Attachment counts on examples: (words, right heads, right heads and universal labels).
fn attachment(parser: &Parser, examples: &[ParseExample]) -> (usize, usize, usize) {
    let universal = |l: u16| {
        parser
            .labels
            .get(usize::from(l))
            .map(|s| s.split(':').next().unwrap_or(""))
            .unwrap_or("")
    };
    let (mut n, mut uas, mut las) = (0, 0, 0);
    for ex in examples {
        let (h, l) = parser.parse(&ex.t);
        for i in 0..ex.head.len() {
            n += 1;
            if h[i] == ex.head[i] {
                uas += 1;
                las += usize::from(universal(l[i]) == universal(ex.label[i]));
            }
        }
    }
    (n, uas, las)
}

/// Trains the parser for `epochs` passes with the dynamic oracle; exploration (following the
/// model's own mistakes with probability 0.9) starts with the second pass. With `dev`
/// examples, the averaged weights are scored after each pass and the best pass (by LAS) is
/// kept: early stopping.
pub(crate) fn train(
    examples: &[ParseExample],
    dev: &[ParseExample],
    labels: Vec<String>,
    templates: &Templates,
    epochs: usize,
    rng: &mut crate::train::Rng,
    mut report: impl FnMut(&str),
) -> Parser {
    let n_labels = labels.len();
    let root = labels.iter().position(|l| l == "root").unwrap_or(0) as u16;
    let n_classes = 2 + 2 * n_labels;
    let mut trainer = Trainer::new(n_classes);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut all = Vec::with_capacity(N_FEATURES);
    let mut feats = Vec::with_capacity(N_FEATURES);
    let mut scores = vec![0.0f32; n_classes];
    let mut cost = Vec::with_capacity(n_classes);
    let mut best: Option<(usize, Parser)> = None;
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut steps, mut errors) = (0usize, 0usize);
        for &e in &order {
            let ex = &examples[e];
            let mut state = State::new(ex.head.len());
            while !state.is_final() {
                state.features(&ex.t, &mut all);
                templates.select(&all, &mut feats);
                trainer.score(&feats, &mut scores);
                let v = state.valid();
                let Some(guess) = best_valid(v, &scores, n_labels, root) else {
                    break;
                };
                costs(&state, ex, n_labels, root, &mut cost);
                let min = cost.iter().copied().min().unwrap_or(0);
                let mut gold = guess;
                let mut gold_score = f32::NEG_INFINITY;
                for (a, &c) in cost.iter().enumerate() {
                    if c == min && scores[a] > gold_score {
                        gold = a;
                        gold_score = scores[a];
                    }
                }
                if cost[guess] > min {
                    trainer.update(&feats, gold, guess);
                    errors += 1;
                }
                trainer.tick();
                steps += 1;
                let explore = epoch >= 1 && rng.next_f64() < 0.9;
                let next = if cost[guess] == min || explore {
                    guess
                } else {
                    gold
                };
                state.apply(next, n_labels);
            }
        }
        let mut line = format!(
            "parser epoch {}: {:.4} of {steps} transitions wrong",
            epoch + 1,
            errors as f64 / steps.max(1) as f64
        );
        if !dev.is_empty() {
            let parser = Parser {
                weights: trainer.snapshot(0.001),
                labels: labels.clone(),
                root,
                templates: templates.clone(),
            };
            let (n, uas, las) = attachment(&parser, dev);
            line.push_str(&format!(
                "; dev UAS {:.4} LAS {:.4}",
                uas as f64 / n.max(1) as f64,
                las as f64 / n.max(1) as f64
            ));
            if best.as_ref().is_none_or(|(b, _)| las > *b) {
                best = Some((las, parser));
            }
        }
        report(&line);
    }
    match best {
        Some((_, parser)) => parser,
        None => Parser {
            weights: trainer.finish(0.001),
            labels,
            root,
            templates: templates.clone(),
        },
    }
}

/// Lifts non-projective arcs (Nivre & Nilsson 2005, without label encoding): while some arc
/// spans a word its head does not dominate, the shortest such arc is re-attached to its
/// head's head. `head[i] == n` is the root. Returns the number of lifts.
pub(crate) fn projectivize(head: &mut [u32]) -> usize {
    let n = head.len();
    let mut lifts = 0;
    // Each lift moves an arc up the tree, so this terminates; the cap guards malformed input.
    for _ in 0..n * n + 1 {
        let mut worst: Option<(usize, usize)> = None;
        for d in 0..n {
            let h = head[d] as usize;
            if h >= n {
                continue;
            }
            let (lo, hi) = if h < d { (h, d) } else { (d, h) };
            let crossing = (lo + 1..hi).any(|k| !dominates(head, h, k));
            if crossing && worst.is_none_or(|(_, len)| hi - lo < len) {
                worst = Some((d, hi - lo));
            }
        }
        let Some((d, _)) = worst else { break };
        head[d] = head[head[d] as usize];
        lifts += 1;
    }
    lifts
}

/// Whether `h` is an ancestor of `k` (or `k` itself).
fn dominates(head: &[u32], h: usize, k: usize) -> bool {
    let mut x = k;
    for _ in 0..=head.len() {
        if x == h {
            return true;
        }
        match head.get(x) {
            Some(&p) => x = p as usize,
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(heads: &[usize], labels: &[u16]) -> ParseExample {
        // Heads in CoNLL-U numbering (0 = root).
        let n = heads.len();
        ParseExample {
            t: Tokens {
                w: (0..=n as u64).collect(),
                p: (0..=n as u64).collect(),
                u: (0..=n as u64).collect(),
                c: (0..=n as u64).collect(),
                guide: Guide::default(),
            },
            head: heads
                .iter()
                .map(|&h| if h == 0 { n as u32 } else { h as u32 - 1 })
                .collect(),
            label: labels.to_vec(),
        }
    }

    /// Follows the static choice "lowest-cost transition" and returns the tree built.
    fn oracle_parse(ex: &ParseExample, n_labels: usize, root: u16) -> (Vec<u32>, Vec<u16>) {
        let mut s = State::new(ex.head.len());
        let mut cost = Vec::new();
        let mut guard = 0;
        while !s.is_final() {
            costs(&s, ex, n_labels, root, &mut cost);
            let min = *cost.iter().min().unwrap();
            assert_eq!(
                min, 0,
                "a zero-cost transition always exists on projective trees"
            );
            let a = cost.iter().position(|&c| c == min).unwrap();
            s.apply(a, n_labels);
            guard += 1;
            assert!(guard < 100);
        }
        (
            s.head[..ex.head.len()].to_vec(),
            s.label[..ex.head.len()].to_vec(),
        )
    }

    #[test]
    fn oracle_reproduces_projective_trees() {
        // "The minister said that Seoul refused to comment ."
        //  1   2        3    4    5     6       7  8       9
        let heads = [2, 3, 0, 6, 6, 3, 8, 6, 3];
        let labels = [1, 2, 0, 3, 2, 4, 3, 5, 6];
        let ex = example(&heads, &labels);
        let (h, l) = oracle_parse(&ex, 7, 0);
        assert_eq!(h, ex.head);
        assert_eq!(l, ex.label);
        // Two roots and a right-branching chain.
        let ex = example(&[0, 1, 2, 0, 4], &[0, 1, 1, 0, 2]);
        let (h, l) = oracle_parse(&ex, 3, 0);
        assert_eq!(h, ex.head);
        assert_eq!(l, ex.label);
    }

    /// Smallest number of wrong heads or labels of any tree reachable from `s`.
    fn best_loss(s: &State, ex: &ParseExample, n_labels: usize, root: u16) -> u32 {
        if s.is_final() {
            return (0..ex.head.len())
                .map(|i| u32::from(s.head[i] != ex.head[i] || s.label[i] != ex.label[i]))
                .sum();
        }
        let mut cost = Vec::new();
        costs(s, ex, n_labels, root, &mut cost);
        let mut best = u32::MAX;
        for (a, &c) in cost.iter().enumerate() {
            if c != u32::MAX {
                let mut next = s.clone();
                next.apply(a, n_labels);
                best = best.min(best_loss(&next, ex, n_labels, root));
            }
        }
        best
    }

    #[test]
    fn dynamic_oracle_costs_are_exact_on_small_trees() {
        // Every projective tree over 1..=5 words (heads drawn by a fixed generator), from
        // every state on a pseudo-random walk: the cost of each transition must equal how
        // much the best reachable loss grows when taking it (Goldberg & Nivre's definition).
        let mut rng = crate::train::Rng::new(7);
        let mut checked = 0;
        for _ in 0..300 {
            let n = 1 + (rng.next_u64() % 5) as usize;
            let heads: Vec<usize> = (0..n)
                .map(|_| (rng.next_u64() % (n as u64 + 1)) as usize)
                .collect();
            // Heads in CoNLL-U numbering; reject self-loops, cycles and non-projective trees.
            if heads.iter().enumerate().any(|(i, &h)| h == i + 1) {
                continue;
            }
            let ex0 = example(&heads, &vec![1; n]);
            let mut h32 = ex0.head.clone();
            if (0..n).any(|k| !dominates(&h32, n, k)) || projectivize(&mut h32) > 0 {
                continue;
            }
            let labels: Vec<u16> = ex0
                .head
                .iter()
                .map(|&h| if h as usize == n { 0 } else { 1 })
                .collect();
            let ex = ParseExample {
                label: labels,
                ..ex0
            };
            let mut s = State::new(n);
            let mut cost = Vec::new();
            while !s.is_final() {
                let before = best_loss(&s, &ex, 2, 0);
                costs(&s, &ex, 2, 0, &mut cost);
                let valid: Vec<usize> = (0..cost.len()).filter(|&a| cost[a] != u32::MAX).collect();
                for &a in &valid {
                    let mut next = s.clone();
                    next.apply(a, 2);
                    let after = best_loss(&next, &ex, 2, 0);
                    assert_eq!(cost[a], after - before, "tree {heads:?}, action {a}");
                    checked += 1;
                }
                let pick = valid[(rng.next_u64() % valid.len() as u64) as usize];
                s.apply(pick, 2);
            }
        }
        assert!(checked > 200, "{checked}");
    }

    #[test]
    fn costs_count_lost_arcs() {
        // 1 <- 2 -> 3 ; root 2. After SHIFT(1), shifting 2 loses the arc 2 -> 1.
        let ex = example(&[2, 0, 2], &[1, 0, 1]);
        let mut s = State::new(3);
        s.apply(SHIFT, 2);
        let mut cost = Vec::new();
        costs(&s, &ex, 2, 0, &mut cost);
        assert_eq!(cost[SHIFT], 1);
        assert_eq!(cost[2 + 1], 0, "LEFT(1) is the gold transition");
        assert_eq!(cost[2 + 2], u32::MAX, "RIGHT(root) is never valid");
        assert_eq!(cost[2 + 2 + 1], 2, "RIGHT loses 1's head and 2's head");
        assert_eq!(cost[REDUCE], u32::MAX, "REDUCE needs a head");
    }

    #[test]
    fn projectivize_lifts_crossing_arcs() {
        // 0-based heads with root = 4: arcs 2->0 and 1->3 cross.
        let mut head = vec![2, 4, 1, 1];
        // 2 -> 0 spans 1, which 2 does not dominate.
        let lifts = projectivize(&mut head);
        assert!(lifts >= 1);
        let n = head.len();
        for d in 0..n {
            let h = head[d] as usize;
            if h < n {
                let (lo, hi) = if h < d { (h, d) } else { (d, h) };
                assert!((lo + 1..hi).all(|k| dominates(&head, h, k)));
            }
        }
    }

    #[test]
    fn parse_with_empty_model_gives_a_tree() {
        let parser = Parser {
            weights: Weights::none(2 + 2 * 3),
            labels: vec!["root".into(), "dep".into(), "punct".into()],
            root: 0,
            templates: Templates::guided(),
        };
        for n in [0usize, 1, 2, 7, 50] {
            let w: Vec<u64> = (0..=n as u64).collect();
            let mut t = Tokens {
                w: w.clone(),
                p: w.clone(),
                u: w.clone(),
                c: w.clone(),
                guide: Guide::default(),
            };
            t.guide = parser.parse_reversed(&t);
            assert_eq!(t.guide.head.len(), n);
            let (h, l) = parser.parse(&t);
            assert_eq!(h.len(), n);
            assert_eq!(l.len(), n);
            assert!(h.iter().all(|&x| (x as usize) <= n));
        }
    }

    /// A valid transition picked at random.
    fn random_valid(s: &State, n_labels: usize, root: u16, rng: &mut crate::train::Rng) -> usize {
        let v = s.valid();
        let mut options = Vec::new();
        if v.shift {
            options.push(SHIFT);
        }
        if v.reduce {
            options.push(REDUCE);
        }
        for l in 0..n_labels {
            let is_root = l == usize::from(root);
            if v.left && (is_root == v.at_root) {
                options.push(2 + l);
            }
            if v.right && !is_root {
                options.push(2 + n_labels + l);
            }
        }
        options[(rng.next_u64() % options.len() as u64) as usize]
    }

    /// A random sentence of 1 to 12 words with a random guide (not necessarily a tree).
    fn random_tokens(rng: &mut crate::train::Rng) -> Tokens {
        let n = 1 + (rng.next_u64() % 12) as usize;
        let mut col = || (0..=n).map(|_| rng.next_u64() % 5).collect::<Vec<u64>>();
        let (w, p, u, c) = (col(), col(), col(), col());
        let head = (0..n)
            .map(|_| (rng.next_u64() % (n as u64 + 1)) as u32)
            .collect();
        let label = (0..n).map(|_| (rng.next_u64() % 3) as u16).collect();
        Tokens {
            w,
            p,
            u,
            c,
            guide: Guide::new(head, label),
        }
    }

    #[test]
    fn buffer_only_features_and_their_cache_change_nothing() {
        let mut rng = crate::train::Rng::new(9);
        let labels: Vec<String> = vec!["root".into(), "dep".into(), "punct".into()];
        let n_classes = 2 + 2 * labels.len();
        let sentences: Vec<Tokens> = (0..40).map(|_| random_tokens(&mut rng)).collect();
        // Random weights for every feature that random walks meet; on the way, the features
        // at BUFFER_ONLY positions must not change while the buffer front stays.
        let mut rows = Vec::new();
        let mut feats = Vec::new();
        for t in &sentences {
            let mut s = State::new(t.len());
            let mut before: Option<(usize, Vec<u64>)> = None;
            while !s.is_final() {
                s.features(t, &mut feats);
                assert_eq!(feats.len(), N_FEATURES);
                if let Some((b, old)) = &before
                    && *b == s.b
                {
                    for &i in &BUFFER_ONLY {
                        assert_eq!(old[i], feats[i], "feature {i}");
                    }
                }
                before = Some((s.b, feats.clone()));
                for &f in &feats {
                    let class = (rng.next_u64() % n_classes as u64) as u16;
                    rows.push((f, vec![(class, (rng.next_f64() * 10.0 - 5.0) as f32)]));
                }
                let a = random_valid(&s, labels.len(), 0, &mut rng);
                s.apply(a, labels.len());
            }
        }
        let weights = Weights::from_rows(n_classes, rows);
        for templates in [Templates::guided(), Templates::base(), Templates::lean()] {
            let parser = Parser {
                weights: weights.clone(),
                labels: labels.clone(),
                root: 0,
                templates,
            };
            let mut scores = vec![0i32; n_classes];
            let mut selected = Vec::new();
            for t in &sentences {
                // Greedy parsing scoring every selected feature afresh.
                let mut s = State::new(t.len());
                while !s.is_final() {
                    let v = s.valid();
                    let a = match forced(v, parser.root, parser.n_labels()) {
                        Some(a) => a,
                        None => {
                            s.features(t, &mut feats);
                            parser.templates.select(&feats, &mut selected);
                            scores.iter_mut().for_each(|x| *x = 0);
                            parser.weights.add(&selected, &mut scores);
                            parser.best(v, &scores).unwrap()
                        }
                    };
                    s.apply(a, parser.n_labels());
                }
                let n = t.len();
                assert_eq!(
                    parser.parse(t),
                    (s.head[..n].to_vec(), s.label[..n].to_vec())
                );
            }
        }
    }

    #[test]
    fn guide_costs_are_the_oracle_costs_of_the_guide_tree() {
        let mut rng = crate::train::Rng::new(4);
        let n_labels = 3;
        for _ in 0..300 {
            // A random projective tree: what a random walk builds.
            let t = random_tokens(&mut rng);
            let n = t.len();
            let mut s = State::new(n);
            while !s.is_final() {
                let a = random_valid(&s, n_labels, 0, &mut rng);
                s.apply(a, n_labels);
            }
            let tree = ParseExample {
                t: t.clone(),
                head: s.head[..n].to_vec(),
                label: s.label[..n].to_vec(),
            };
            let guide = Guide::new(tree.head.clone(), tree.label.clone());
            // Along another walk, the guide's costs are the oracle's, unlabeled and capped.
            let mut s = State::new(n);
            let mut cost = Vec::new();
            while !s.is_final() {
                costs(&s, &tree, n_labels, 0, &mut cost);
                let group = |range: std::ops::Range<usize>| match cost[range].iter().min() {
                    Some(&u32::MAX) | None => 3,
                    Some(&c) => u64::from(c.min(2)),
                };
                let expected = [
                    group(SHIFT..SHIFT + 1),
                    group(REDUCE..REDUCE + 1),
                    group(2..2 + n_labels),
                    group(2 + n_labels..2 + 2 * n_labels),
                ];
                let (packed, _) = s.guide_costs(&guide).unwrap();
                let got = [0, 1, 2, 3].map(|i| packed >> (2 * i) & 3);
                assert_eq!(got, expected, "state {s:?}");
                let a = random_valid(&s, n_labels, 0, &mut rng);
                s.apply(a, n_labels);
            }
        }
    }

    #[test]
    fn reversing_twice_is_the_identity_and_keeps_trees_projective() {
        let ex = example(&[2, 3, 0, 6, 6, 3, 8, 6, 3], &[1, 2, 0, 3, 2, 4, 3, 5, 6]);
        let back = ex.reversed().reversed();
        assert_eq!(back.head, ex.head);
        assert_eq!(back.label, ex.label);
        assert_eq!(back.t.w, ex.t.w);
        let r = ex.reversed();
        // Word 0 of the reversed sentence is the last word, whose head (word 2, "said") is
        // now word 6; the root stays last.
        assert_eq!(r.t.w[0], ex.t.w[8]);
        assert_eq!(r.head[0], 6);
        assert_eq!(r.t.w[9], ex.t.w[9]);
        let mut lifted = r.head.clone();
        assert_eq!(projectivize(&mut lifted), 0);
        let (h, l) = oracle_parse(&r, 7, 0);
        assert_eq!((h, l), (r.head.clone(), r.label.clone()));
    }
}
