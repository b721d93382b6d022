package layout

import "math"

// FirstFit breaks a paragraph one line at a time: for each line it weighs
// every break that fits (glue shrunk at most to its limit) and takes the
// one with the fewest Knuth–Plass demerits, the later one on a tie. It
// never looks beyond the current line. Break uses the total-fit
// KnuthPlass instead; FirstFit stays for comparison (the benchmarks
// measure both).
//
// A line is never wider than its measure. When nothing fits (a box wider
// than the line that the caller gave no break points inside), the line
// breaks at the first legal place and gets a Scale below 1.
func FirstFit(items []Item, widths LineWidths) []Line {
	var lines []Line
	start := skipDiscardable(items, 0)
	for start < len(items) {
		l := fitLine(items, start, widths(len(lines)))
		lines = append(lines, l)
		start = skipDiscardable(items, l.End+1)
	}
	return lines
}

// candidate is a break being considered for the current line.
type candidate struct {
	at          int // the break item's index, or len(items) for the end
	natural     float64
	shrink      float64
	ratio       float64
	demerits    float64
	forced, set bool
}

func fitLine(items []Item, start int, width float64) Line {
	var natural, stretch, shrink float64
	var best, first candidate
	consider := func(at int, extra, cost float64, forced bool) (stop bool) {
		n := natural + extra
		r := ratio(width, n, stretch, shrink)
		c := candidate{at: at, natural: n, shrink: shrink, ratio: r, forced: forced, set: true}
		if !first.set {
			first = c
		}
		if r >= -1 {
			c.demerits = demerits(r, cost, forced)
			if forced || !best.set || c.demerits <= best.demerits {
				best = c
			}
			return forced
		}
		// Too wide even fully shrunk: no later break can fit either.
		return true
	}

	i := start
	for ; i < len(items); i++ {
		it := items[i]
		stop := false
		switch it.Kind {
		case KindBox:
			natural += it.Width
		case KindGlue:
			if i > start && items[i-1].Kind == KindBox {
				stop = consider(i, 0, 0, false)
			}
			natural += it.Width
			stretch += it.Stretch
			shrink += it.Shrink
		case KindPenalty:
			if it.Cost < Infinity {
				stop = consider(i, it.Width, it.Cost, it.Cost <= -Infinity)
			}
		}
		if stop {
			break
		}
	}
	if i == len(items) {
		// Items that do not end in a forced break end as if they did: the
		// last line is set at its natural width.
		stretch += FillStretch
		consider(len(items), 0, -Infinity, true)
	}

	c := best
	scale := 1.0
	if !c.set {
		// Nothing fits: take the narrowest overfull line and scale it down.
		c = first
		if full := c.natural - c.shrink; full > width && full > 0 {
			scale = width / full
		}
	}
	r := c.ratio
	switch {
	case math.IsInf(r, 1):
		r = 0 // nothing can stretch: the line stays flush left
	case r < -1:
		r = -1
	}
	return Line{Start: start, End: c.at, Width: width, Natural: c.natural, Ratio: r, Scale: scale}
}

// ratio is the adjustment ratio of a line of natural width n set to width w.
func ratio(w, n, stretch, shrink float64) float64 {
	const eps = 1e-9
	switch {
	case n < w-eps:
		if stretch > 0 {
			return (w - n) / stretch
		}
		return math.Inf(1)
	case n > w+eps:
		if shrink > 0 {
			return (w - n) / shrink
		}
		return math.Inf(-1)
	}
	return 0
}

// badness is Knuth and Plass's measure of how far a line's glue is
// adjusted: 100|r|³, at most 10000 (a line that cannot stretch at all).
func badness(r float64) float64 {
	if math.IsInf(r, 0) {
		return 10000
	}
	return math.Min(10000, 100*math.Abs(r*r*r))
}

// demerits follow Knuth and Plass with a line penalty of 10.
func demerits(r, cost float64, forced bool) float64 {
	d := (10 + badness(r)) * (10 + badness(r))
	switch {
	case forced:
	case cost >= 0:
		d += cost * cost
	default:
		d -= cost * cost
	}
	return d
}

// skipDiscardable returns the first item at or after i that can start a
// line: glue and optional penalties vanish at a break.
func skipDiscardable(items []Item, i int) int {
	for i < len(items) {
		it := items[i]
		if it.Kind == KindBox || (it.Kind == KindPenalty && it.Cost <= -Infinity) {
			return i
		}
		i++
	}
	return i
}
