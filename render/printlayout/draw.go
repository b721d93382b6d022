package printlayout

import (
	"strings"

	"github.com/offprint/offprint/render/labels"
	"github.com/offprint/offprint/render/layout"
)

// painter draws rows on a canvas.
type painter struct {
	b *builder
	c Canvas
}

// placed is a row at its place on a page.
type placed struct {
	r   *row
	top float64
}

// paginate places the flow's rows on pages and notes where each page
// starts.
func (b *builder) paginate() *Book {
	g := b.geo
	noteLead := smallLeading * noteScale * g.Body
	slots := layout.Paginate(b.layoutBlocks(), layout.Frame{Height: g.Frame(), FootSeparator: noteLead})
	pages := make([]Page, max(layout.Pages(slots), 1))
	for bi := range b.blocks {
		for ri := range b.blocks[bi].rows {
			s := slots[bi][ri]
			r := &b.blocks[bi].rows[ri]
			pg := &pages[s.Page]
			if len(pg.rows) == 0 {
				pg.First = r.src
			}
			pg.rows = append(pg.rows, placed{r, g.Top + s.Y})
			if !b.endnotes {
				pg.notes = append(pg.notes, r.notes...)
			}
		}
	}
	return &Book{Geometry: g, Pages: pages, Images: b.images, Links: b.links, b: b, head: b.runningHead(), noteLead: noteLead}
}

// layoutBlocks is the pagination view of the flow.
func (b *builder) layoutBlocks() []layout.Block {
	out := make([]layout.Block, len(b.blocks))
	for i, fb := range b.blocks {
		lb := layout.Block{SpaceBefore: fb.space, Orphans: fb.orphans, Widows: fb.widows, KeepWithNext: fb.keep}
		for _, r := range fb.rows {
			foot := 0.0
			for _, n := range r.notes {
				if !b.endnotes {
					foot += n.height
				}
			}
			lb.Rows = append(lb.Rows, layout.Row{Height: r.h, Foot: foot, Hyphenated: r.hyphenated})
		}
		out[i] = lb
	}
	return out
}

// Draw draws every page on c: running head (from page 2), the rows in
// reading order, the footnotes, and "page N of M".
// A book is drawn once: its note links are set as they are drawn.
func (bk *Book) Draw(c Canvas) {
	b, g := bk.b, bk.Geometry
	p := &painter{b: b, c: c}
	lab := labels.For(b.doc.Lang)
	for n, pg := range bk.Pages {
		c.AddPage()
		if n > 0 {
			p.spans(g.Left, headAt*g.Top, bk.head)
		}
		p.quoteBars(pg.rows)
		for _, pl := range pg.rows {
			pl.r.draw(p, pl.top)
		}
		p.footnotes(pg.notes, bk.noteLead)
		label := lab.Page(n+1, len(bk.Pages))
		st := style{face: sans, size: smallSize(g), color: grey}
		w := b.tf.width(label, st.face, st.size)
		p.word(g.Left+(g.Measure()-w)/2, g.Height-folioAt*g.Bottom, label, st, 1, false)
	}
}

func smallSize(g Geometry) float64 { return furnitureScale * g.Body }

// runningHead is the title, shortened at a word with an ellipsis when it
// is wider than the measure.
func (b *builder) runningHead() []layout.Span {
	g := b.geo
	st := style{face: sans, size: smallSize(g), color: grey}
	words := strings.Fields(b.doc.Title)
	for n := len(words); n > 0; n-- {
		s := strings.Join(words[:n], " ")
		if n < len(words) {
			s += "…"
		}
		spans := b.textSpans(nil, s, st, false)
		if b.spansWidth(spans) <= g.Measure() {
			return spans
		}
	}
	return nil
}

// spansWidth is how wide spans are set on one line.
func (b *builder) spansWidth(spans []layout.Span) float64 {
	w := 0.0
	for _, sp := range spans {
		st := sp.Style.(style)
		w += b.tf.width(sp.Text, st.face, st.size)
	}
	return w
}

// spans draws styled text on one line from x.
func (p *painter) spans(x, baseline float64, spans []layout.Span) {
	for _, sp := range spans {
		st := sp.Style.(style)
		p.word(x, baseline, sp.Text, st, 1, false)
		x += p.b.tf.width(sp.Text, st.face, st.size)
	}
}

// quoteBars draws the rule beside block quotes, one stroke per run of
// consecutive rows of the same quote on the page.
func (p *painter) quoteBars(rows []placed) {
	type run struct{ x, top, bottom float64 }
	open := map[int]*run{}
	var order []int
	flush := func(keep map[int]bool) {
		var still []int
		for _, id := range order {
			if keep[id] {
				still = append(still, id)
				continue
			}
			r := open[id]
			p.line(r.x, r.top, r.x, r.bottom, 1.2, ruleGrey)
			delete(open, id)
		}
		order = still
	}
	for _, pl := range rows {
		keep := map[int]bool{}
		for _, q := range pl.r.quotes {
			keep[q.id] = true
		}
		flush(keep)
		for _, q := range pl.r.quotes {
			if r, ok := open[q.id]; ok {
				r.bottom = pl.top + pl.r.h
			} else {
				open[q.id] = &run{x: q.x, top: pl.top, bottom: pl.top + pl.r.h}
				order = append(order, q.id)
			}
		}
	}
	flush(nil)
}

// footnotes draws the page's notes above the bottom margin, under a short
// rule, each the target of its call.
func (p *painter) footnotes(notes []*note, sep float64) {
	if len(notes) == 0 {
		return
	}
	g := p.b.geo
	total := 0.0
	for _, n := range notes {
		total += n.height
	}
	y := g.Top + g.Frame() - total
	p.line(g.Left, y-0.55*sep, g.Left+0.25*g.Measure(), y-0.55*sep, 0.5, ruleGrey)
	for _, n := range notes {
		p.c.SetLink(n.link, y)
		for _, part := range n.parts {
			part.r.draw(p, y+part.y)
		}
		y += n.height
	}
}

// textRun is a stretch of a broken line drawn as one string: boxes that
// touch and share a style (a word's syllables, split for hyphenation).
type textRun struct {
	x, w  float64 // left edge and width, justification applied
	text  string
	style any  // the boxes' style
	space bool // a space is drawn after it, in its place
}

// setLine is a broken line ready to draw.
type setLine struct {
	runs   []textRun
	hyphen textRun // the hyphen a hyphenated line ends in; empty text if none
	scale  float64 // the words' shrink or stretch to fit
}

// lineRuns turns one broken line, with its left edge at x, into what it
// draws. A row
// keeps these, not the paragraph's items: an article is kept in memory
// whole until its pages are drawn, and a run is a fifth of the size of
// the glue, penalties and syllables it was set from.
func lineRuns(items []layout.Item, l layout.Line, x float64) setLine {
	scale := l.Scale
	var runs []textRun
	var run strings.Builder
	var cur textRun
	flush := func(space bool) {
		if run.Len() == 0 {
			return
		}
		cur.text, cur.space = run.String(), space
		runs = append(runs, cur)
		run.Reset()
	}
	for i := l.Start; i < l.End; i++ {
		it := items[i]
		switch it.Kind {
		case layout.KindGlue:
			gw := l.GlueWidth(it) * scale
			if run.Len() > 0 && (gw != 0 || it.Width != 0) {
				flush(spaceFollows(items, i, l.End))
			}
			x += gw
		case layout.KindBox:
			span := it.Content.(layout.Span)
			if run.Len() > 0 && span.Style.(style) != cur.style.(style) {
				flush(false)
			}
			if run.Len() == 0 {
				cur = textRun{x: x, style: span.Style}
			}
			run.WriteString(span.Text)
			w := it.Width * scale
			cur.w += w
			x += w
		}
	}
	flush(false)
	// kept to its length: the slack append leaves would be a third of
	// what a long article keeps
	set := setLine{runs: append(make([]textRun, 0, len(runs)), runs...), scale: scale}
	if l.Hyphenated(items) {
		if span, ok := items[l.End].Content.(layout.Span); ok {
			set.hyphen = textRun{x: x, text: span.Text, style: span.Style}
		}
	}
	return set
}

// textLine draws a set line on baseline, and the link areas over the
// runs that are links. A space is drawn after each word, in its place,
// which tells text extraction where words end whatever the
// justification.
func (p *painter) textLine(l setLine, baseline float64) {
	scale := l.scale
	var linkURL string
	var linkX0, linkX1, linkSize float64
	flushLink := func() {
		if linkURL != "" {
			p.c.URILink(linkX0, baseline-0.85*linkSize, linkX1-linkX0, 1.1*linkSize, linkURL)
		}
		linkURL = ""
	}
	for _, r := range l.runs {
		st := r.style.(style)
		p.word(r.x, baseline, r.text, st, scale, r.space)
		if st.link != linkURL {
			flushLink()
		}
		if st.link != "" {
			if linkURL == "" {
				linkURL, linkX0, linkSize = st.link, r.x, st.size*scale
			}
			linkX1 = r.x + r.w
		}
	}
	flushLink()
	if h := l.hyphen; h.text != "" {
		p.word(h.x, baseline, h.text, h.style.(style), scale, false)
	}
}

// spaceFollows says whether the glue and penalties from item i on make
// a space before the next box on the line (the zero-width breaks between
// ideographs do not).
func spaceFollows(items []layout.Item, i, end int) bool {
	width := 0.0
	for ; i < end && items[i].Kind != layout.KindBox; i++ {
		if items[i].Kind == layout.KindGlue {
			width += items[i].Width
		}
	}
	return i < end && width > 0
}

// word draws text with its left edge at x on the baseline, and what its
// style asks for around it: link underline, strike, note link.
func (p *painter) word(x, baseline float64, text string, st style, scale float64, space bool) {
	size := st.size * scale
	y := baseline - st.rise*scale
	w := p.b.tf.width(text, st.face, size)
	if space {
		text += " "
	}
	actual := ""
	if st.note > 0 {
		// A raised number set flush against its word reads back as part
		// of the word ("note1"); the actual text puts spaces around it.
		actual = " " + strings.TrimSpace(text) + " "
	}
	p.c.Text(x, y, text, st.face, size, st.color, actual)
	if st.link != "" {
		p.line(x, baseline+0.14*size, x+w, baseline+0.14*size, 0.4, faint)
	}
	if st.strike {
		p.line(x, y-0.27*size, x+w, y-0.27*size, 0.05*size, st.color)
	}
	if st.note > 0 {
		n := p.b.noteList[st.note-1]
		p.c.Link(x-0.1*size, y-size, w+0.2*size, 1.2*size, n.link)
		if !n.called {
			// the note's number leads back here, a line above the call
			n.called = true
			p.c.SetLink(n.back, max(baseline-2.5*size, 0))
		}
	}
	if st.backTo > 0 {
		n := p.b.noteList[st.backTo-1]
		p.c.Link(x, y-0.8*size, w, 1.1*size, n.back)
	}
}

func (p *painter) line(x0, y0, x1, y1, width float64, c rgb) { p.c.Line(x0, y0, x1, y1, width, c) }

func (p *painter) rect(x, y, w, h float64, c rgb) { p.c.Rect(x, y, w, h, c) }
