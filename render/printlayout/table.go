package printlayout

import (
	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/layout"
)

// table sets a simple grid across the measure: columns as wide as their
// content asks, within the measure; cells wrapped ragged; header rows bold
// on a tint. A table may break between rows, never inside one.
func (b *builder) table(t *render.Table, c box) {
	ncol := 0
	for _, r := range t.Rows {
		ncol = max(ncol, len(r.Cells))
	}
	if ncol == 0 {
		return
	}
	size := tableScale * c.size
	lead := smallLeading * size
	hpad, vpad := 0.45*size, 0.3*lead
	m := b.measure()

	spans := make([][][]layout.Span, len(t.Rows))
	natural := make([]float64, ncol) // the widest cell on one line
	longest := make([]float64, ncol) // the widest word
	for i := range natural {
		natural[i], longest[i] = 2*hpad+size, 2*hpad+size // even an empty column shows
	}
	for ri, r := range t.Rows {
		st := style{face: serif.with(r.Header, c.italic), size: size, color: black}
		spans[ri] = make([][]layout.Span, ncol)
		for ci, cell := range r.Cells {
			spans[ri][ci] = b.spans(cell, st)
			nat, word := extent(layout.Words(spans[ri][ci], m, layout.TextOptions{}))
			natural[ci] = max(natural[ci], nat+2*hpad)
			longest[ci] = max(longest[ci], word+2*hpad)
		}
	}
	widths := columnWidths(natural, longest, c.width)

	var rows []row
	for ri, r := range t.Rows {
		src := b.source(b.letters) // letters of the cells before this row
		var cells [][]row
		lines := 0
		var notes []*note
		x := c.x
		for ci := 0; ci < ncol; ci++ {
			cell := b.setText(spans[ri][ci], x+hpad, widths[ci]-2*hpad, lead, size, false)
			for _, cr := range cell {
				notes = append(notes, cr.notes...)
			}
			cells = append(cells, cell)
			lines = max(lines, len(cell))
			x += widths[ci]
		}
		h := float64(max(lines, 1))*lead + 2*vpad
		header := r.Header
		rows = append(rows, row{h: h, baseline: vpad + 0.5*lead + 0.3*size, notes: notes, quotes: c.quotes, src: src, sourced: true,
			draw: func(p *painter, top float64) {
				if header {
					p.rect(c.x, top, c.width, h, codeBack)
				}
				x := c.x
				for ci, cell := range cells {
					for li, cr := range cell {
						cr.draw(p, top+vpad+float64(li)*lead)
					}
					if ci > 0 {
						p.line(x, top, x, top+h, 0.4, ruleGrey)
					}
					x += widths[ci]
				}
				p.line(c.x, top, c.x+c.width, top, 0.4, ruleGrey)
				p.line(c.x, top+h, c.x+c.width, top+h, 0.4, ruleGrey)
				p.line(c.x, top, c.x, top+h, 0.4, ruleGrey)
				p.line(c.x+c.width, top, c.x+c.width, top+h, 0.4, ruleGrey)
			}})
	}
	orphans := 1
	if len(t.Rows) > 1 && t.Rows[0].Header {
		orphans = 2 // a header row never ends a page alone
	}
	b.emit(flowBlock{before: c.lead, after: c.lead, rows: rows, orphans: orphans, widows: 1})
}

// extent is the width of a paragraph's items set on one line, and the
// width of its widest word.
func extent(items []layout.Item) (natural, word float64) {
	run := 0.0
	for _, it := range items {
		switch it.Kind {
		case layout.KindBox:
			run += it.Width
			natural += it.Width
		case layout.KindGlue:
			if it.Stretch < layout.FillStretch {
				natural += it.Width
			}
			word, run = max(word, run), 0
		}
	}
	return natural, max(word, run)
}

// columnWidths shares the measure between columns: each gets at least its
// widest word where the measure allows, and the rest goes where the
// content is longest.
func columnWidths(natural, longest []float64, measure float64) []float64 {
	n := len(natural)
	widths := make([]float64, n)
	sum := func(xs []float64) (s float64) {
		for _, x := range xs {
			s += x
		}
		return s
	}
	if tot := sum(natural); tot <= measure {
		for i := range widths {
			widths[i] = natural[i] * measure / tot
		}
		return widths
	}
	floor := make([]float64, n)
	for i := range floor {
		floor[i] = min(longest[i], natural[i])
	}
	if tot := sum(floor); tot >= measure {
		for i := range widths {
			widths[i] = floor[i] * measure / tot
		}
		return widths
	}
	extra := measure - sum(floor)
	want := 0.0
	for i := range natural {
		want += natural[i] - floor[i]
	}
	for i := range widths {
		widths[i] = floor[i] + extra*(natural[i]-floor[i])/want
	}
	return widths
}
