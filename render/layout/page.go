package layout

// Row is the unit of pagination: a line of text, a table row, an image
// with its caption. A page break falls between rows, never inside one.
type Row struct {
	Height float64
	// Foot is the height of what this row sends to the foot of its page
	// (the footnotes it calls first); the row and its notes share a page.
	Foot float64
	// Hyphenated marks a line that ends in a hyphen: a page does not end
	// there when it can end a line earlier (TeX's \brokenpenalty), so a
	// reader never turns the page in the middle of a word.
	Hyphenated bool
}

// Block is a run of rows that belong together: a paragraph's lines, a
// heading, a table.
type Block struct {
	// SpaceBefore separates the block from the one before; it is dropped
	// at the top of a page.
	SpaceBefore float64
	Rows        []Row
	// Orphans is the fewest rows the block may leave at the foot of a page
	// when it breaks across pages, Widows the fewest it may carry to the
	// top of the next (0 counts as 1). A block of fewer rows than
	// Orphans+Widows is never broken, unless it is taller than a page.
	Orphans, Widows int
	// KeepWithNext puts the block on the same page as the start of the
	// next one (a heading with its first lines).
	KeepWithNext bool
}

// Frame is the text block of a page.
type Frame struct {
	Height float64
	// FootSeparator is the room taken above the first footnote on a page
	// (space and a short rule).
	FootSeparator float64
}

// Slot says where a row goes: its page (from 0) and the distance from the
// top of the frame to the row's top.
type Slot struct {
	Page int
	Y    float64
}

// Paginate places every row of every block on a page, in order, and
// returns the slots as slots[block][row]. It is greedy: a page takes rows
// while they (and their footnotes) fit, then breaks at the last place that
// leaves no orphan or widow, no heading at the foot of a page and no word
// hyphenated across the break. A block taller than a page is broken where
// it must be.
func Paginate(blocks []Block, frame Frame) [][]Slot {
	p := pager{blocks: blocks, frame: frame, slots: make([][]Slot, len(blocks))}
	for i, b := range blocks {
		p.slots[i] = make([]Slot, len(b.Rows))
	}
	p.run()
	return p.slots
}

// Pages counts the pages slots were placed on.
func Pages(slots [][]Slot) int {
	n := 0
	for _, bs := range slots {
		for _, s := range bs {
			if s.Page+1 > n {
				n = s.Page + 1
			}
		}
	}
	return n
}

type pos struct{ block, row int }

func (a pos) after(b pos) bool {
	return a.block > b.block || (a.block == b.block && a.row > b.row)
}

type pager struct {
	blocks []Block
	frame  Frame
	slots  [][]Slot

	page      int
	pageStart pos
	y         float64 // bottom of the last row on the page
	foot      float64 // footnotes on the page, without the separator
	empty     bool    // nothing placed on the page yet
}

const epsilon = 1e-6

func (p *pager) fits(height, foot float64) bool {
	f := p.foot + foot
	if f > 0 {
		f += p.frame.FootSeparator
	}
	return p.y+height+f <= p.frame.Height+epsilon
}

func (p *pager) newPage(at pos) {
	p.page++
	p.pageStart = at
	p.y, p.foot, p.empty = 0, 0, true
}

func orphans(b Block) int { return max(1, b.Orphans) }
func widows(b Block) int  { return max(1, b.Widows) }

// unbreakable says whether a block must stay whole.
func unbreakable(b Block) bool { return len(b.Rows) < orphans(b)+widows(b) }

// lead is what must fit on the page for block i to start there: its first
// rows up to the orphan limit (all of them when it is unbreakable), and
// for a block kept with the next, all of it and the next one's lead.
func (p *pager) lead(i int, withSpace bool) (height, foot float64) {
	b := p.blocks[i]
	if withSpace {
		height = b.SpaceBefore
	}
	n := len(b.Rows)
	if !b.KeepWithNext && !unbreakable(b) {
		n = orphans(b)
	}
	for _, r := range b.Rows[:n] {
		height += r.Height
		foot += r.Foot
	}
	if b.KeepWithNext && i+1 < len(p.blocks) {
		h, f := p.lead(i+1, true)
		height, foot = height+h, foot+f
	}
	return height, foot
}

// chainStart is the first block of the run of kept-with-next blocks that
// ends with block i.
func (p *pager) chainStart(i int) int {
	for i > 0 && p.blocks[i-1].KeepWithNext {
		i--
	}
	return i
}

func (p *pager) run() {
	p.empty = true
	at := pos{}
	for at.block < len(p.blocks) {
		b := p.blocks[at.block]
		if at.row == 0 && !p.empty {
			if h, f := p.lead(at.block, true); !p.fits(h, f) {
				p.newPage(at)
			}
		}
		if at.row >= len(b.Rows) {
			at = pos{at.block + 1, 0}
			continue
		}
		r := b.Rows[at.row]
		space := 0.0
		if at.row == 0 && !p.empty {
			space = b.SpaceBefore
		}
		if p.empty || p.fits(space+r.Height, r.Foot) {
			p.slots[at.block][at.row] = Slot{Page: p.page, Y: p.y + space}
			p.y += space + r.Height
			p.foot += r.Foot
			p.empty = false
			at.row++
			continue
		}
		p.newPage(p.breakBefore(at))
		at = p.pageStart
	}
}

// breakBefore chooses where the page must end when the row at `at` does
// not fit: there if that leaves enough lines on both sides, else earlier
// in the block, else before the block and the headings kept with it. When
// every choice would leave the page empty, it breaks where it must.
func (p *pager) breakBefore(at pos) pos {
	b := p.blocks[at.block]
	if at.row > 0 && !unbreakable(b) {
		k := min(at.row, len(b.Rows)-widows(b))
		// Do not end the page in the middle of a word, if a line above
		// can end it (the line breaker allows two hyphens in a row).
		j := k
		for j-1 >= orphans(b) && b.Rows[j-1].Hyphenated {
			j--
		}
		if j > 0 && j < k && !b.Rows[j-1].Hyphenated {
			k = j
		}
		// When no line of the block can end the page without a hyphen,
		// the block starts the next page, as if it could not break.
		if k >= orphans(b) && !b.Rows[k-1].Hyphenated {
			if c := (pos{at.block, k}); c.after(p.pageStart) {
				return c
			}
		}
	}
	if c := (pos{p.chainStart(at.block), 0}); c.after(p.pageStart) {
		return c
	}
	if c := (pos{at.block, 0}); c.after(p.pageStart) {
		return c
	}
	return at
}
