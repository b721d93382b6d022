package printlayout

import (
	"strconv"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/labels"
	"github.com/offprint/offprint/render/layout"
)

// callNote numbers a note at its first call and returns it; nil when the
// document has no note by that ID.
func (b *builder) callNote(id string) *note {
	if n, ok := b.notes[id]; ok {
		return n
	}
	if b.footIndex == nil {
		b.footIndex = b.doc.Footnotes()
	}
	fn := b.footIndex[id]
	if fn == nil {
		b.opt.Warnf("model", "pdf: a note call points at %q, which is not a note in the document", id)
		b.notes[id] = nil
		return nil
	}
	n := &note{id: id, num: len(b.noteList) + 1, fn: fn, link: b.newLink(), back: b.newLink()}
	b.notes[id] = n
	b.noteList = append(b.noteList, n)
	return n
}

// labelled gives a note's blocks, starting with a paragraph: the one its
// number goes in front of (see flowNote).
func labelled(n *note) []render.Block {
	blocks := n.fn.Blocks
	if len(blocks) > 0 {
		if _, ok := blocks[0].(*render.Paragraph); ok {
			return blocks
		}
	}
	return append([]render.Block{&render.Paragraph{}}, blocks...)
}

// flowNote sets a note's blocks in c, its number in front, linked back
// to the call.
func (b *builder) flowNote(n *note, c box) {
	b.label = n
	b.noteID = n.fn.ID
	blocks := labelled(n)
	b.base = len(n.fn.Blocks) - len(blocks) // the paragraph labelled adds is none of the note's
	b.flow(blocks, c, 0)
	b.label = nil
}

// newLink hands out the number of an internal link.
func (b *builder) newLink() int {
	b.links++
	return b.links - 1
}

// labelSpans is the number in front of a note: "1. ", a link back to the
// note's first call.
func (b *builder) labelSpans(st style) []layout.Span {
	n := b.label
	b.label = nil
	st.backTo = n.num
	return b.textSpans(nil, strconv.Itoa(n.num)+". ", st, true)
}

// noteBox is the type of footnotes: smaller than the body, full measure.
func (b *builder) noteBox(c box) box {
	nc := c
	nc.size = noteScale * c.size
	nc.lead = smallLeading * nc.size
	nc.gap = 0.2 * nc.lead
	nc.outline = false
	return nc
}

// layoutNotes sets each called note as it will stand at the foot of a
// page. A note too tall for a page foot sends every note to the end, as
// does a note called only from another note or never called at all.
func (b *builder) layoutNotes(c box) {
	nc := b.noteBox(c)
	b.placing = false
	b.part = Notes
	for i := 0; i < len(b.noteList); i++ { // notes may call notes: the list grows
		n := b.noteList[i]
		var blocks []flowBlock
		b.out = &blocks
		b.flowNote(n, nc)
		b.out = &b.blocks
		y := 0.0
		for bi, fb := range blocks {
			if bi > 0 {
				y += fb.space
			}
			for _, r := range fb.rows {
				n.parts = append(n.parts, placedRow{y: y, r: r})
				y += r.h
			}
		}
		n.height = y + 0.3*nc.lead
		if n.height > b.geo.Frame()/3 {
			b.endnotes = true
		}
	}
	// Notes that are in the document but never called are still shown.
	for _, fn := range sortedNotes(b.doc) {
		b.callNote(fn.ID)
	}
}

// sortedNotes lists the document's notes in the order they stand.
func sortedNotes(doc *render.Document) []*render.Footnote {
	var out []*render.Footnote
	var walk func([]render.Block)
	walk = func(bs []render.Block) {
		for _, blk := range bs {
			switch blk := blk.(type) {
			case *render.Footnote:
				out = append(out, blk)
			case *render.Quote:
				walk(blk.Blocks)
			case *render.List:
				for _, it := range blk.Items {
					walk(it)
				}
			}
		}
	}
	walk(doc.Blocks)
	return out
}

// endNotes sets the notes that are not at a page foot in a "Notes"
// section, each a link target for its calls.
func (b *builder) endNotes(c box) {
	var list []*note
	for _, n := range b.noteList {
		if b.endnotes || !n.placed {
			list = append(list, n)
		}
	}
	if len(list) == 0 {
		return
	}
	b.placing = false
	b.part, b.noteID, b.path, b.letters = Notes, "", nil, 0
	b.pendingGap = sectionGap * c.lead
	b.heading([]render.Inline{&render.Text{Text: labels.For(b.doc.Lang).Notes}}, 2, 1, c)
	nc := c
	nc.size = endNoteScale * c.size
	nc.lead = leadingRatio * nc.size
	nc.gap = 0.4 * nc.lead
	nc.outline = false
	for _, n := range list {
		start := len(b.blocks)
		b.flowNote(n, nc)
		if len(b.blocks) == start {
			continue
		}
		r := &b.blocks[start].rows[0]
		draw, link := r.draw, n.link
		r.draw = func(p *painter, top float64) {
			p.c.SetLink(link, top)
			draw(p, top)
		}
	}
}
