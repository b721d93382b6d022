// Package layout is print layout that more than one renderer may ask for:
// breaking paragraphs into lines and lines into pages. It speaks the
// vocabulary of Knuth and Plass ("Breaking Paragraphs into Lines", 1981):
// a paragraph is a list of boxes (things to draw), glue (space that may
// stretch or shrink) and penalties (places where a break is allowed at a
// cost). It knows nothing of fonts or PDF: widths come from the caller
// through Measure, and box contents are opaque to it.
package layout

// Kind tells the three sorts of item apart.
type Kind uint8

const (
	KindBox Kind = iota
	KindGlue
	KindPenalty
)

func (k Kind) String() string {
	switch k {
	case KindBox:
		return "box"
	case KindGlue:
		return "glue"
	case KindPenalty:
		return "penalty"
	}
	return "?"
}

// Infinity is the penalty at or beyond which a break is forbidden; its
// negation forces a break, as in TeX.
const Infinity = 10000

// FillStretch is the stretch of the glue that ends a paragraph (TeX's
// \parfillskip): so much larger than any interword stretch that the last
// line takes all the slack and its words keep their natural spacing.
const FillStretch = 1e6

// Item is one element of a paragraph.
type Item struct {
	Kind  Kind
	Width float64
	// Stretch and Shrink say how far glue may grow or give; zero for boxes
	// and penalties.
	Stretch, Shrink float64
	// Cost is a penalty's price for breaking here: >= Infinity never,
	// <= -Infinity always.
	Cost float64
	// Flagged marks a penalty that leaves something visible at the line end
	// (a hyphen); the breaker avoids flagged breaks in a row.
	Flagged bool
	// Auto marks a break a hyphenator proposed, rather than one the text
	// has (a space, a hyphen, a soft hyphen): the breaker first tries to
	// set the paragraph without them, as TeX does.
	Auto bool
	// Content is the caller's: what a box draws, or what a penalty draws
	// at the end of the line when the break is taken there (the hyphen).
	Content any
}

// Box is something to draw, of a fixed width.
func Box(width float64, content any) Item {
	return Item{Kind: KindBox, Width: width, Content: content}
}

// Glue is space that is a break opportunity when it follows a box.
func Glue(width, stretch, shrink float64) Item {
	return Item{Kind: KindGlue, Width: width, Stretch: stretch, Shrink: shrink}
}

// Penalty is a possible break. width and content are only set when the
// break is taken (a hyphen); cost says how much a breaker dislikes it.
func Penalty(width, cost float64, flagged bool, content any) Item {
	return Item{Kind: KindPenalty, Width: width, Cost: cost, Flagged: flagged, Content: content}
}

// ForcedBreak ends a paragraph, or a line on request: glue that takes up
// the slack, then a break that must be taken. The forbidden break before
// the glue keeps a breaker from breaking at the glue itself and leaving an
// empty line.
func ForcedBreak() []Item {
	return []Item{Penalty(0, Infinity, false, nil), Glue(0, FillStretch, 0), Penalty(0, -Infinity, false, nil)}
}

// LineWidths gives the measure of each line, counted from 0, so a caller
// can indent the first line, hang an indent, or flow around a figure.
type LineWidths func(line int) float64

// Uniform sets every line to the same width.
func Uniform(width float64) LineWidths {
	return func(int) float64 { return width }
}

// Line is one line of a broken paragraph.
type Line struct {
	// Items[Start:End] are set on the line. End is the index of the break
	// item (len(items) after the last line); a break at a penalty with a
	// width draws that penalty's content at the end of the line.
	Start, End int
	// Width is the measure the line was set to.
	Width float64
	// Natural is the width of the line's items at their natural size,
	// including a hyphen at the break.
	Natural float64
	// Ratio is the adjustment ratio: glue is set at Width+Ratio*Stretch
	// when Ratio >= 0 and Width+Ratio*Shrink when it is negative. It is
	// never below -1: glue never shrinks past its limit.
	Ratio float64
	// Scale is 1, or less when even fully shrunk the items are wider than
	// the line (one box wider than the measure, that the caller gave no
	// way to split): the caller must draw the line scaled by it, so
	// nothing ever sticks out of the measure.
	Scale float64
}

// GlueWidth is the width a glue item is set at on this line.
func (l Line) GlueWidth(g Item) float64 {
	if g.Kind != KindGlue {
		return g.Width
	}
	if l.Ratio >= 0 {
		return g.Width + l.Ratio*g.Stretch
	}
	return g.Width + l.Ratio*g.Shrink
}

// BreakItem reports the item the line broke at, if any, so the caller can
// draw a hyphen.
func (l Line) BreakItem(items []Item) (Item, bool) {
	if l.End < len(items) {
		return items[l.End], true
	}
	return Item{}, false
}

// Hyphenated says whether the line ends at a penalty that draws something.
func (l Line) Hyphenated(items []Item) bool {
	it, ok := l.BreakItem(items)
	return ok && it.Kind == KindPenalty && it.Width > 0
}

// Breaker is a line-breaking algorithm. Every Breaker takes the same items
// and gives lines in the same form, so renderers do not care which one
// they get.
type Breaker func(items []Item, widths LineWidths) []Line

// Break breaks a paragraph with offprint's current algorithm, the
// total-fit breaker with DefaultParams.
func Break(items []Item, widths LineWidths) []Line {
	return KnuthPlass(items, widths)
}
