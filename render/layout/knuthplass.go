package layout

import "math"

// Params tune the total-fit breaker. The defaults (DefaultParams) are
// TeX's plain-format values where TeX has one, expressed as adjustment
// ratios rather than badness: a tolerance of 1 is TeX's badness 100.
type Params struct {
	// PreTolerance is the loosest line the first pass accepts, which tries
	// the paragraph without the breaks a hyphenator proposed (TeX's
	// \pretolerance=100). Negative skips the first pass.
	PreTolerance float64
	// Tolerance is the loosest line the second pass accepts, with
	// hyphenation (TeX's \tolerance=200 is 1.26; we allow a little more,
	// as a web article's long words and URLs leave fewer choices).
	Tolerance float64
	// EmergencyTolerance bounds the first try of the emergency pass, in
	// which the badness of loose lines is no longer capped, so that the
	// breaker still tells a line stretched 5 times from one stretched 9
	// times. When even that fails, a last pass accepts any stretch.
	EmergencyTolerance float64
	// LinePenalty is added to every line's badness before squaring: it
	// makes the breaker prefer fewer lines (\linepenalty=10).
	LinePenalty float64
	// FlaggedDemerits are added when two lines in a row end at flagged
	// breaks, hyphens (\doublehyphendemerits, 3000 in Knuth and Plass).
	FlaggedDemerits float64
	// FinalHyphenDemerits are added when the next-to-last line ends with
	// a hyphen (\finalhyphendemerits=5000): the last line should not start
	// with half a word.
	FinalHyphenDemerits float64
	// FitnessDemerits are added when two adjacent lines are in fitness
	// classes more than one apart, a tight line after a loose one
	// (\adjdemerits, 3000 in Knuth and Plass).
	FitnessDemerits float64
	// MaxHyphens is the most lines in a row that may end at a flagged
	// break (0: no limit).
	MaxHyphens int
}

// DefaultParams are the settings Break uses.
var DefaultParams = Params{
	PreTolerance:        1,
	Tolerance:           2,
	EmergencyTolerance:  10,
	LinePenalty:         10,
	FlaggedDemerits:     3000,
	FinalHyphenDemerits: 5000,
	FitnessDemerits:     3000,
	MaxHyphens:          2,
}

// KnuthPlass breaks a paragraph with DefaultParams.
func KnuthPlass(items []Item, widths LineWidths) []Line {
	return DefaultParams.Break(items, widths)
}

// Break is Knuth and Plass's total-fit algorithm ("Breaking Paragraphs
// into Lines", 1981): of all the ways to break the paragraph into lines
// that are neither too loose nor too tight, it takes the one with the
// fewest demerits over the whole paragraph, so a line may be set a little
// looser to spare the next one a hyphen or a gaping space.
//
// It runs in up to three passes, as TeX does: without the hyphenator's
// breaks at PreTolerance, then with them at Tolerance, then an emergency
// pass in which any stretch is allowed (bounded first, for speed). No line is ever wider than its
// measure: in the emergency pass a box wider than the line (that the
// caller gave no break points inside) is set alone with a Scale below 1.
// Looseness is 0: the paragraph gets its optimal number of lines.
func (p Params) Break(items []Item, widths LineWidths) []Line {
	if len(items) == 0 {
		return nil
	}
	orig := len(items)
	kp := newBreaker(terminated(items), widths, p)
	kp.orig = orig
	if p.PreTolerance >= 0 {
		if path, ok := kp.run(p.PreTolerance, false, false); ok {
			return kp.lines(path)
		}
	}
	// The second pass runs even when there is nothing to hyphenate: its
	// tolerance is higher.
	if path, ok := kp.run(p.Tolerance, true, false); ok {
		return kp.lines(path)
	}
	// The emergency pass first keeps a bound, which keeps it fast; only a
	// paragraph that cannot be set even so (a word alone on a line, with
	// no space to stretch) needs the unbounded one.
	if p.EmergencyTolerance > p.Tolerance {
		if path, ok := kp.run(p.EmergencyTolerance, true, true); ok {
			return kp.lines(path)
		}
	}
	path, _ := kp.run(math.Inf(1), true, true)
	return kp.lines(path)
}

// terminated makes sure the paragraph ends in a forced break, as if it
// ended with ForcedBreak: the last line is set at its natural width.
func terminated(items []Item) []Item {
	last := items[len(items)-1]
	if last.Kind == KindPenalty && last.Cost <= -Infinity {
		return items
	}
	return append(items[:len(items):len(items)], ForcedBreak()...)
}

// breaker holds what every pass shares: the running sums that give any
// line's width, stretch and shrink in constant time.
type breaker struct {
	items  []Item
	orig   int // len of the caller's items: breaks past it are the added end
	widths LineWidths
	p      Params
	// sum[i] totals the widths, stretch and shrink of items[:i] (penalty
	// widths are not part of a line unless it breaks there).
	sumW, sumY, sumZ []float64
	// easy is the first line from which every line has the same width:
	// nodes past it need not remember their line number.
	easy int

	nodes  []kpNode
	active []int32
}

// kpNode is a feasible break: the best way found to end a line there with
// the given fitness class and run of flagged lines.
type kpNode struct {
	pos     int // the break item, -1 for the start of the paragraph
	line    int // the number of the line that starts after this break
	fitness int8
	hyphens int8 // flagged breaks in a row ending here
	// after is the index at which the next line starts (discardable items
	// after the break skipped); the sums there.
	after    int
	demerits float64
	prev     int32
}

const maxProbe = 64

func newBreaker(items []Item, widths LineWidths, p Params) *breaker {
	n := len(items)
	k := &breaker{items: items, widths: widths, p: p}
	k.sumW = make([]float64, n+1)
	k.sumY = make([]float64, n+1)
	k.sumZ = make([]float64, n+1)
	for i, it := range items {
		w, y, z := 0.0, 0.0, 0.0
		switch it.Kind {
		case KindBox:
			w = it.Width
		case KindGlue:
			w, y, z = it.Width, it.Stretch, it.Shrink
		}
		k.sumW[i+1] = k.sumW[i] + w
		k.sumY[i+1] = k.sumY[i] + y
		k.sumZ[i+1] = k.sumZ[i] + z
	}
	// LineWidths is a function: probe it for the line from which it stays
	// the same (TeX's "easy line"). Shapes that still vary after maxProbe
	// lines are taken as constant from there.
	last := widths(maxProbe)
	k.easy = maxProbe
	for k.easy > 0 && widths(k.easy-1) == last {
		k.easy--
	}
	return k
}

// fitness classes, from Knuth and Plass: very loose, loose, decent, tight.
func fitness(r float64) int8 {
	switch {
	case r > 1:
		return 0
	case r > 0.5:
		return 1
	case r >= -0.5:
		return 2
	}
	return 3
}

// kpCandidate is the best way found so far to break at the current item
// with one fitness class and hyphen run.
type kpCandidate struct {
	set      bool
	from     int32
	demerits float64
	line     int
}

// run makes one pass and returns the chosen breaks, as node indices. tol
// bounds the adjustment ratio of every line; auto says whether the
// hyphenator's breaks may be taken; final measures badness uncapped. With
// an infinite tol, where nothing fits, the pass sets an overfull line (to
// be scaled) rather than fail.
func (k *breaker) run(tol float64, auto, final bool) ([]int32, bool) {
	items := k.items
	k.nodes = k.nodes[:0]
	k.active = k.active[:0]
	start := skipDiscardable(items, 0)
	k.nodes = append(k.nodes, kpNode{pos: -1, after: start, fitness: 2, prev: -1})
	k.active = append(k.active, 0)

	// Runs of flagged lines are tracked up to the limit; without a limit
	// only "ends flagged or not" matters, which the break itself says.
	runs := k.p.MaxHyphens
	if runs <= 0 {
		runs = 1
	}
	// best[fitness][run] at the current break
	var best [4][]kpCandidate
	for f := range best {
		best[f] = make([]kpCandidate, runs+1)
	}
	minUpTo := make([]float64, runs+1)

	for b := start; b < len(items); b++ {
		it := items[b]
		var penalty, extraW float64
		flagged := false
		switch it.Kind {
		case KindBox:
			continue
		case KindGlue:
			if items[b-1].Kind != KindBox { // b > start, and items[start] is never glue
				continue
			}
		case KindPenalty:
			if it.Cost >= Infinity || (it.Auto && !auto) {
				continue
			}
			penalty, flagged, extraW = it.Cost, it.Flagged, it.Width
		}
		forced := it.Kind == KindPenalty && it.Cost <= -Infinity

		for f := range best {
			clear(best[f])
		}
		found := false
		var gone int32 = -1 // an active node dropped at b, for an overfull line
		kept := k.active[:0]
		for _, ai := range k.active {
			a := &k.nodes[ai]
			natural := k.sumW[b] - k.sumW[a.after] + extraW
			width := k.widths(a.line)
			r := ratio(width, natural, k.sumY[b]-k.sumY[a.after], k.sumZ[b]-k.sumZ[a.after])
			if r < -1 || forced {
				// Lines from a only get wider, or a forced break ends them.
				// Should nothing fit, the overfull line is the shortest:
				// the one from the latest break.
				if g := gone; g < 0 || a.after > k.nodes[g].after || a.after == k.nodes[g].after && a.demerits < k.nodes[g].demerits {
					gone = ai
				}
			} else {
				kept = append(kept, ai)
			}
			if r < -1 || (r > tol && !final) {
				continue
			}
			h := 0
			if flagged {
				h = min(int(a.hyphens)+1, runs)
				if k.p.MaxHyphens > 0 && int(a.hyphens)+1 > k.p.MaxHyphens {
					continue
				}
			}
			fit := fitness(r)
			var bad, extra float64
			if final {
				bad, extra = hopeless(r, width-natural, width)
			} else {
				bad = 100 * r * r * max(r, -r) // r is within the tolerance: no cap needed
			}
			d := a.demerits + k.demerits(a, bad, penalty, flagged, forced, b) + extra
			if abs8(fit-a.fitness) > 1 {
				d += k.p.FitnessDemerits
			}
			if c := &best[fit][h]; !c.set || d < c.demerits {
				*c = kpCandidate{set: true, from: ai, demerits: d, line: a.line + 1}
			}
			found = true
		}
		k.active = kept

		if !found && len(k.active) == 0 && math.IsInf(tol, 1) && gone >= 0 {
			// Nothing fits: set the narrowest overfull line, to be scaled.
			a := k.nodes[gone]
			best[2][0] = kpCandidate{set: true, from: gone, demerits: a.demerits, line: a.line + 1}
			found = true
		}
		if !found {
			continue
		}
		// A node more than FitnessDemerits worse than a node at the same
		// break that is as free to hyphenate next can never catch up
		// (TeX's rule): it is not kept.
		for h := range minUpTo {
			minUpTo[h] = math.Inf(1)
			if h > 0 {
				minUpTo[h] = minUpTo[h-1]
			}
			for f := range best {
				if c := best[f][h]; c.set {
					minUpTo[h] = min(minUpTo[h], c.demerits)
				}
			}
		}
		after := skipDiscardable(items, b+1)
		for f := range best {
			for h, c := range best[f] {
				if !c.set || c.demerits > minUpTo[h]+k.p.FitnessDemerits {
					continue
				}
				if h > 0 && best[f][h-1].set && best[f][h-1].demerits <= c.demerits {
					continue // a longer run of hyphens and no fewer demerits
				}
				k.nodes = append(k.nodes, kpNode{pos: b, line: min(c.line, k.easy), fitness: int8(f), hyphens: int8(h),
					after: after, demerits: c.demerits, prev: c.from})
				k.active = append(k.active, int32(len(k.nodes)-1))
			}
		}
	}
	if len(k.active) == 0 {
		return nil, false
	}
	end := k.active[0]
	for _, ai := range k.active[1:] {
		if k.nodes[ai].demerits < k.nodes[end].demerits {
			end = ai
		}
	}
	var path []int32
	for n := end; n > 0; n = k.nodes[n].prev {
		path = append(path, n)
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return path, true
}

func abs8(x int8) int8 {
	if x < 0 {
		return -x
	}
	return x
}

// hopeless is the badness the emergency passes use, and demerits to add
// as they are. Badness is not capped at 10000 as TeX's is, so that a line
// stretched 5 times still beats one stretched 20 times. Past a million a
// line is beyond help, or has no space to stretch at all (a piece of a
// URL): all such lines are as bad as each other, and what tells them
// apart is how much of the measure they leave empty, weighed against the
// penalties of the breaks (a URL breaks after a "/" before it breaks
// between two letters).
func hopeless(r, slack, width float64) (bad, extra float64) {
	const limit = 1e6
	if !math.IsInf(r, 1) {
		if b := 100 * math.Abs(r*r*r); b < limit {
			return b, 0
		}
	}
	return limit, 1e6 * max(slack, 0) / width
}

// demerits of the line from a to the break at b, of badness bad, not
// counting a's own.
func (k *breaker) demerits(a *kpNode, bad, penalty float64, flagged, forced bool, b int) float64 {
	l := k.p.LinePenalty + bad
	d := l * l
	switch {
	case forced:
	case penalty >= 0:
		d += penalty * penalty
	default:
		d -= penalty * penalty
	}
	prevFlagged := a.pos >= 0 && k.items[a.pos].Kind == KindPenalty && k.items[a.pos].Flagged
	if flagged && prevFlagged {
		d += k.p.FlaggedDemerits
	}
	if b == len(k.items)-1 && prevFlagged && k.items[a.pos].Width > 0 {
		d += k.p.FinalHyphenDemerits
	}
	return d
}

// lines turns a path of nodes into lines. A break at the end that
// terminated added is reported as the end of the caller's items.
func (k *breaker) lines(path []int32) []Line {
	lines := make([]Line, 0, len(path))
	start := k.nodes[0].after
	for _, ni := range path {
		n := k.nodes[ni]
		width := k.widths(len(lines))
		b := n.pos
		natural := k.sumW[b] - k.sumW[start]
		if k.items[b].Kind == KindPenalty {
			natural += k.items[b].Width
		}
		shrink := k.sumZ[b] - k.sumZ[start]
		r := ratio(width, natural, k.sumY[b]-k.sumY[start], shrink)
		scale := 1.0
		switch {
		case math.IsInf(r, 1):
			r = 0 // nothing can stretch: the line stays flush left
		case r < -1:
			r = -1
			if full := natural - shrink; full > width && full > 0 {
				scale = width / full
			}
		}
		lines = append(lines, Line{Start: start, End: min(b, k.orig), Width: width, Natural: natural, Ratio: r, Scale: scale})
		start = n.after
	}
	return lines
}
