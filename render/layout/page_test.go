package layout

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// kind says what a test block stands for, so the checks know its rules.
type kind int

const (
	kPara kind = iota
	kHeading
	kFigure // an image and its caption: one unbreakable block
	kAuthor // the author block: a chain of blocks kept together
)

// article makes a random article's blocks: paragraphs of 1 to 14 lines,
// headings, figures, and an author block at the end.
func article(rng *rand.Rand) ([]Block, []kind) {
	var blocks []Block
	var kinds []kind
	add := func(b Block, k kind) { blocks, kinds = append(blocks, b), append(kinds, k) }
	n := 5 + rng.IntN(25)
	for i := 0; i < n; i++ {
		switch r := rng.IntN(10); {
		case r == 0 && i < n-1:
			add(Block{SpaceBefore: 1, Rows: rows(1+rng.IntN(2), 1.4), KeepWithNext: true, Orphans: 2}, kHeading)
		case r == 1:
			fig := Block{SpaceBefore: 1, Rows: []Row{{Height: 3 + rng.Float64()*10}}}
			for c := rng.IntN(3); c > 0; c-- {
				fig.Rows = append(fig.Rows, Row{Height: 0.9})
			}
			fig.Orphans = len(fig.Rows)
			add(fig, kFigure)
		default:
			p := para(1 + rng.IntN(14))
			for j := range p.Rows {
				p.Rows[j].Hyphenated = rng.IntN(5) == 0
			}
			add(p, kPara)
		}
	}
	// About the author: a heading, a name, a bio; kept together.
	add(Block{SpaceBefore: 1.5, Rows: rows(1, 1.4), KeepWithNext: true, Orphans: 1}, kAuthor)
	add(Block{SpaceBefore: 0.2, Rows: rows(1, 1), KeepWithNext: true, Orphans: 1}, kAuthor)
	bio := para(2 + rng.IntN(4))
	bio.Orphans = len(bio.Rows)
	add(bio, kAuthor)
	return blocks, kinds
}

func TestPaginateRules(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 1981))
	for n := 0; n < 300; n++ {
		blocks, kinds := article(rng)
		frame := Frame{Height: 18 + rng.Float64()*30}
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			slots := Paginate(blocks, frame)
			page := func(b, r int) int { return slots[b][r].Page }
			last := len(blocks) - 1
			// The end of a page: a block's last row whose next row (or the
			// next block's first) is on a later page.
			for bi, b := range blocks {
				rs := b.Rows
				for ri := range rs {
					if bot := slots[bi][ri].Y + rs[ri].Height; bot > frame.Height+1e-6 {
						t.Errorf("block %d row %d ends at %.2f, below the frame (%.2f)", bi, ri, bot, frame.Height)
					}
				}
				switch kinds[bi] {
				case kPara:
					for ri := 1; ri < len(rs); ri++ {
						if page(bi, ri) == page(bi, ri-1) {
							continue
						}
						if ri < 2 {
							t.Errorf("paragraph %d leaves an orphan: 1 line at the foot of page %d", bi, page(bi, 0))
						}
						if len(rs)-ri < 2 {
							t.Errorf("paragraph %d leaves a widow: 1 line at the top of page %d", bi, page(bi, ri))
						}
						// A page ends in a hyphen only when the paragraph
						// has the page to itself and must break somewhere.
						if rs[ri-1].Hyphenated && !(slots[bi][0].Y == 0 && page(bi, 0) == page(bi, ri-1)) {
							t.Errorf("paragraph %d: page %d ends with a hyphen", bi, page(bi, ri-1))
						}
					}
				case kHeading:
					next := blocks[bi+1]
					keep := min(len(next.Rows), 2)
					if kinds[bi+1] != kPara {
						keep = len(next.Rows)
					}
					if page(bi+1, keep-1) != page(bi, len(rs)-1) {
						t.Errorf("heading %d on page %d, but the first %d lines of what follows on page %d", bi, page(bi, len(rs)-1), keep, page(bi+1, keep-1))
					}
				case kFigure:
					if page(bi, 0) != page(bi, len(rs)-1) {
						t.Errorf("figure %d on page %d, its caption on page %d", bi, page(bi, 0), page(bi, len(rs)-1))
					}
				case kAuthor:
					if page(bi, 0) != page(last, len(blocks[last].Rows)-1) {
						t.Errorf("the author block is split across pages %d and %d", page(bi, 0), page(last, len(blocks[last].Rows)-1))
					}
				}
			}
		})
	}
}
